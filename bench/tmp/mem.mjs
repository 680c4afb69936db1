import { startPlayground } from '/work/main/e2e/support/playground.mjs'
const dir = process.argv[2]
const { origin, browser, close } = await startPlayground()
try {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${origin}/${process.env.PAGE_QUERY ? '?' + process.env.PAGE_QUERY : ''}`)
  await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
  const measure = async (label) => {
    const m = await page.evaluate(async () => {
      const r = await performance.measureUserAgentSpecificMemory()
      return { bytes: r.bytes, breakdown: r.breakdown.filter((b) => b.bytes > 1e6).map((b) => ({ mib: +(b.bytes / 1048576).toFixed(1), types: b.types.join(','), scope: b.attribution.map((a) => a.scope + ':' + (a.url || '').slice(-40)).join(' ') })) }
    })
    console.log(label, (m.bytes / 1048576).toFixed(1), 'MiB')
    for (const b of m.breakdown) console.log('   ', b.mib, b.types, b.scope)
  }
  await measure('before')
  const t = performance.now()
  await page.getByTestId('folder-input').setInputFiles(dir)
  await page.waitForSelector('[data-testid="scan-result"], [data-testid="engine-error"]', { timeout: 1_800_000 })
  console.log('upload to result', Math.round(performance.now() - t))
  await measure('after scan')
  await page.waitForTimeout(3000)
  await page.keyboard.press('Alt+3')
  await page.getByTestId('graph-stats').waitFor({ timeout: 600_000 })
  await measure('after graph')
} finally { await close() }
