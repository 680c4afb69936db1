// The browser side of the storage benchmark: `node bench/browser-save.mjs DIR [OUT]` uploads
// DIR into the playground's production build in Debian Chromium (web/dist, built first), and
// reports the scan, drift.db in OPFS after it (`save_ms` is the flush after the scan: SQLite
// writes the file in place), the OPFS footprint and the opening after a reload. Prints a summary
// and writes a JSON report.
import { writeFileSync } from 'node:fs'

import { startPlayground } from '../e2e/support/playground.mjs'

const [dir, out = 'target/bench/browser.json'] = process.argv.slice(2)
if (!dir) throw new Error('usage: node bench/browser-save.mjs DIR [OUT]')

const { origin, browser, close } = await startPlayground()
try {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${origin}/`)
  await page.waitForSelector('[data-testid="stored"]', { timeout: 120_000 })
  const uploadStarted = performance.now()
  await page.getByTestId('folder-input').setInputFiles(dir)
  await page.waitForSelector('[data-testid="scan-result"], [data-testid="engine-error"]', { timeout: 1_800_000 })
  const error = page.getByTestId('engine-error')
  if (await error.count()) throw new Error(await error.textContent())
  const wallMs = performance.now() - uploadStarted
  const run = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
  await page.reload()
  await page.waitForSelector('[data-testid="stored"]', { timeout: 300_000 })
  const restored = await page.evaluate(() => document.querySelector('[data-testid="stored-restored"]')?.textContent)
  const restoredMs = Number(/in ([\d.]+) ms/.exec(restored ?? '')?.[1])
  const report = {
    files: run.filesTotal,
    parsed: run.parse.files,
    functions: run.parse.functions,
    scan_ms: run.durationMs,
    upload_to_result_ms: wallMs,
    save_ms: run.stored.lastSave.millis,
    saved_bytes: run.stored.lastSave.bytes,
    opfs_footprint_bytes: run.stored.footprint,
    restore_ms: restoredMs,
  }
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  const mib = (bytes) => (bytes / (1024 * 1024)).toFixed(1)
  console.log(
    `browser: ${report.files} files (${report.parsed} parsed) scanned + parsed + stored in ${report.scan_ms.toFixed(0)} ms (${(wallMs / 1000).toFixed(1)} s from upload to result); ` +
      `saved ${mib(report.saved_bytes)} MiB to OPFS in ${report.save_ms.toFixed(0)} ms; OPFS footprint ${mib(report.opfs_footprint_bytes)} MiB; restored after reload in ${restoredMs.toFixed(0)} ms`,
  )
} finally {
  await close()
}
