// The threads stress module (wasm/threads/stress) in headless Chromium: the browser twin of
// wasm/threads/tests/stress.test.mjs. Each run is a fresh page whose dedicated worker runs the
// module on emnapi's wasi-threads with a preloaded worker pool; every run must print "all stress
// phases passed" and exit 0 before its deadline.
// DRIFT_STRESS_WASM: the module (default: where scripts/lib.sh build_stress puts it);
// DRIFT_STRESS_RUNS: runs per case (default 5).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { launchChromium, watch } from './support/browser.mjs'
import { CROSS_ORIGIN_ISOLATION, serveFiles } from './support/static-server.mjs'

const wasm =
  process.env.DRIFT_STRESS_WASM ??
  join(process.env.DRIFT_CACHE ?? join(homedir(), '.cache/drift'), 'target-stress/wasm32-wasip1-threads/release/drift-wasm-threads-stress.wasm')
const runs = Number(process.env.DRIFT_STRESS_RUNS ?? 5)
const RUN_DEADLINE_MS = 120_000

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const require = createRequire(import.meta.url)
/** The installed package's folder (neither package exports its package.json). */
const packageDir = (name) => {
  const entry = require.resolve(name)
  return entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}`.length)
}

/** URL path -> file. Nothing else is served. */
const routes = new Map([
  ['/', here('./stress-page/index.html')],
  ['/page.js', here('./stress-page/page.js')],
  ['/stress-worker.js', here('./stress-page/stress-worker.js')],
  ['/thread-worker.js', here('./stress-page/thread-worker.js')],
  // Self-contained ES modules (no imports), so the workers load them without a bundler.
  ['/vendor/wasi-threads.js', join(packageDir('@emnapi/wasi-threads'), 'dist/wasi-threads.js')],
  ['/vendor/wasm-util.js', join(packageDir('@tybys/wasm-util'), 'dist/wasm-util.esm.min.js')],
  ['/stress.wasm', wasm],
])

let server
let browser
let origin

before(async () => {
  assert.ok(
    existsSync(wasm),
    `threads stress module missing: ${wasm}\n` +
      'Build it with `source scripts/lib.sh && build_stress` (cargo build --release --target wasm32-wasip1-threads ' +
      'in wasm/threads/stress with the toolchain from wasm/toolchain/env.sh), or point DRIFT_STRESS_WASM at it.',
  )
  server = await serveFiles((path) => routes.get(path), CROSS_ORIGIN_ISOLATION)
  origin = server.origin
  browser = await launchChromium()
})

after(async () => {
  await browser?.close()
  await server?.close()
})

/** One run in a fresh browser context: what the module printed, its exit code, errors. */
async function runOnce({ args, pool, mode }) {
  const context = await browser.newContext()
  const seen = watch(context, origin)
  try {
    const page = await context.newPage()
    await page.goto(`${origin}/?${new URLSearchParams({ args: args.join(','), pool, mode })}`)
    let hung = false
    try {
      await page.waitForFunction(() => window.stressResult?.done, null, { timeout: RUN_DEADLINE_MS, polling: 250 })
    } catch {
      hung = true
    }
    const result = await page.evaluate(() => window.stressResult)
    return { ...result, hung, seen }
  } finally {
    await context.close()
  }
}

const tail = (text, lines = 40) => text.split('\n').slice(-lines).join('\n')

const RUST_PHASES = ['std-join', 'mutex-condvar', 'thread-local-destructors', 'park-unpark', 'rayon-pool']
/** Threads each phase starts (wasm/threads/tests/stress.c, wasm/threads/stress/src/main.rs). */
const C_THREADS = 112
const RUST_THREADS = 27

const cases = [
  // `_start` blocks the coordinator worker: one preloaded worker per thread, no reuse possible.
  { name: 'C pthreads, main thread blocking its worker', args: ['c'], mode: 'blocking', pool: C_THREADS + 8 },
  { name: 'Rust std + rayon, main thread blocking its worker', args: RUST_PHASES, mode: 'blocking', pool: RUST_THREADS + 5 },
  // `_start` in a worker of its own: 24 pool workers, reused as threads come and go.
  { name: 'all phases, main thread in its own worker, reused pool of 24', args: ['c', ...RUST_PHASES], mode: 'proxied', pool: 24, reuse: C_THREADS + RUST_THREADS },
]

for (const c of cases) {
  test(`${c.name}: ${runs} runs pass without hanging`, { timeout: runs * (RUN_DEADLINE_MS + 30_000) }, async () => {
    for (let i = 1; i <= runs; i++) {
      const r = await runOnce(c)
      const report = [
        `run ${i}/${runs} of ${c.name} (${c.mode}, pool ${c.pool}, phases ${c.args.join(' ')})`,
        `stdout:\n${tail(r.stdout)}`,
        `stderr:\n${tail(r.stderr)}`,
        `console errors:\n${tail(r.seen.consoleErrors.join('\n'))}`,
        `page errors:\n${r.seen.pageErrors.join('\n')}`,
      ].join('\n')
      assert.ok(r.crossOriginIsolated, 'the stress page is not cross-origin isolated')
      assert.ok(!r.hung, `${report}\nhung: no exit within ${RUN_DEADLINE_MS} ms`)
      assert.ok(r.error === null, `${report}\nerror: ${tail(r.error ?? '', 12)}`)
      assert.ok(r.exitCode === 0, `${report}\nexit code ${r.exitCode}`)
      assert.ok(/all stress phases passed/.test(r.stdout), `${report}\nno "all stress phases passed"`)
      assert.ok(r.seen.pageErrors.length === 0 && r.seen.consoleErrors.length === 0, `${report}\nerrors in the page or its workers`)
      assert.deepEqual(r.seen.foreignRequests, [], 'requests that left the local server')
      if (c.reuse) {
        assert.ok(r.workersCreated < c.reuse, `${c.reuse} threads took ${r.workersCreated} workers: none was reused`)
      }
      console.log(`${c.name}: run ${i} passed in ${r.millis} ms (${r.workersCreated} thread workers)`)
    }
  })
}
