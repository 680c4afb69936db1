import { startPlayground } from '../e2e/support/playground.mjs'
const dir = process.argv[2]
const { origin, browser, close } = await startPlayground()
try {
  const page = await (await browser.newContext()).newPage()
  const cdp = await page.context().newCDPSession(page)
  const workers = new Map()
  let id = 1
  const pending = new Map()
  cdp.on('Target.attachedToTarget', (e) => { workers.set(e.sessionId, e.targetInfo.url) })
  cdp.on('Target.receivedMessageFromTarget', (e) => { const m = JSON.parse(e.message); if (pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id) } })
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  const ask = (sessionId, method, params = {}) => new Promise((resolve) => { const n = id++; pending.set(n, resolve); cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: n, method, params }) }) })
  await page.goto(`${origin}/`)
  await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
  const report = async (label) => {
    console.log(label, 'workers', workers.size)
    for (const [sessionId, url] of workers) {
      const r = await Promise.race([ask(sessionId, 'Runtime.getHeapUsage'), new Promise((res) => setTimeout(() => res({ timeout: true }), 5000))])
      const mib = (n) => (n / 1048576).toFixed(1)
      console.log('  ', url.slice(-40), r.result ? `used ${mib(r.result.usedSize)} total ${mib(r.result.totalSize)} embedder ${mib(r.result.embedderHeapUsedSize ?? 0)} backing ${mib(r.result.backingStorageSize ?? 0)}` : JSON.stringify(r).slice(0, 200))
    }
  }
  await report('idle')
  if (dir) {
    await page.getByTestId('folder-input').setInputFiles(dir)
    await page.waitForSelector('[data-testid="scan-result"], [data-testid="engine-error"]', { timeout: 3_600_000 })
    const run = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    console.log('engine memory', (run.stored.engineMemory / 1048576).toFixed(1), 'footprint', (run.stored.footprint / 1048576).toFixed(1))
    await report('after scan')
  }
} finally { await close() }
