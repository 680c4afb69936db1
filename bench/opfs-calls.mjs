// What one call on an OPFS sync access handle costs in Debian Chromium, in a private profile
// (Playwright's `newContext()`) and in a profile on disk (as people browse):
// `node bench/opfs-calls.mjs [OUT]` with web/dist built. drift.db's file layer in the page
// (web/src/worker/persistence.ts) is shaped by these numbers. Prints them, writes a JSON report.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { launchProfile } from '../e2e/support/browser.mjs'
import { startPlayground } from '../e2e/support/playground.mjs'
import { scratchDir } from '../scripts/scratch.mjs'

const [out = 'target/bench/opfs-calls.json'] = process.argv.slice(2)

/** Runs in a dedicated worker of the page (sync access handles exist only there). */
const WORKER = `
onmessage = async () => {
  const root = await navigator.storage.getDirectory()
  const handle = await (await root.getFileHandle('opfs-calls.bin', { create: true })).createSyncAccessHandle()
  const size = 32 << 20
  const chunk = new Uint8Array(1 << 20)
  for (let at = 0; at < size; at += chunk.length) handle.write(chunk, { at })
  handle.flush()
  const perCall = (calls, work) => {
    const started = performance.now()
    for (let i = 0; i < calls; i += 1) work(i)
    return ((performance.now() - started) * 1000) / calls
  }
  const report = {}
  for (const bytes of [4096, 65536, 131072, 1 << 20]) {
    const buffer = new Uint8Array(bytes)
    const calls = Math.min(4096, size / bytes)
    report['read_' + bytes + '_us'] = perCall(calls, (i) => handle.read(buffer, { at: (i * 7919 * bytes) % size }))
  }
  const page = new Uint8Array(4096)
  report.write_4096_us = perCall(2048, (i) => handle.write(page, { at: i * 4096 }))
  report.get_size_us = perCall(256, () => handle.getSize())
  report.flush_us = perCall(16, (i) => { handle.write(page, { at: i * 4096 }); handle.flush() })
  handle.close()
  await root.removeEntry('opfs-calls.bin')
  postMessage(report)
}`

async function measure(context, origin) {
  const page = await context.newPage()
  await page.goto(`${origin}/`)
  return page.evaluate(async (code) => {
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })))
    const report = await new Promise((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data)
      worker.onerror = (event) => reject(new Error(event.message))
      worker.postMessage(null)
    })
    worker.terminate()
    return report
  }, WORKER)
}

const { origin, browser, close } = await startPlayground()
try {
  const privateContext = await browser.newContext()
  const privateProfile = await measure(privateContext, origin)
  await privateContext.close()
  const diskContext = await launchProfile(scratchDir('drift-profile-'))
  const onDisk = await measure(diskContext, origin)
  await diskContext.close()
  const report = { private_profile: privateProfile, profile_on_disk: onDisk }
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  for (const [name, values] of Object.entries(report)) {
    console.log(`${name}: ${Object.entries(values).map(([key, us]) => `${key.replace(/_us$/, '')} ${us.toFixed(1)} us`).join(', ')}`)
  }
  console.log(`report: ${out}`)
} finally {
  await close()
}
