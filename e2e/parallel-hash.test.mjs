// The web app's production build in headless Chromium: the page is cross-origin isolated, the
// wasm engine runs in the engine worker (never on the page thread), and the parallel hash of the
// demo input matches what the native binding computes for the same bytes.
// Needs `npm run build -w @drift/web` first (`npm test -w @drift/e2e` runs it).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

import { DEMO_INPUT, generateBuffers } from '../web/src/shared/input.js'
import { watch } from './support/browser.mjs'
import { DIST as dist, assertNoEngineError, playgroundForTests } from './support/playground.mjs'
import { serveFiles } from './support/static-server.mjs'
import { tempDbConfig } from './support/native.mjs'

const require = createRequire(import.meta.url)
const RUN_TIMEOUT_MS = 180_000

const playground = playgroundForTests()

/** The demo input hashed by the native addon, in this process. */
function nativeReport(threads) {
  const drift = require('../crates/drift-napi/index.js')
  assert.equal(drift.__napiBindingTarget, 'native', 'crates/drift-napi/index.js did not load the native addon')
  drift.driftInitialize({ threads, configToml: tempDbConfig() })
  try {
    return { version: drift.driftVersion(), report: drift.hashBuffers(generateBuffers(DEMO_INPUT)) }
  } finally {
    drift.driftShutdown()
  }
}

test('the production build hashes in a wasm worker and matches the native binding', { timeout: RUN_TIMEOUT_MS + 60_000 }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  const page = await context.newPage()
  const workers = []
  page.on('worker', (worker) => workers.push(worker))
  try {
    await page.goto(`${playground.origin}/`)
    // The diagnostics live behind "About".
    await page.getByTestId('about-toggle').click()

    assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'page is not cross-origin isolated')
    await page.getByTestId('cross-origin-isolated').filter({ hasText: 'true' }).waitFor()

    // The engine is ready once the worker loaded the wasm and started the runtime.
    const version = page.getByTestId('engine-version')
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="engine-version"]')?.textContent
        return (text && text !== '…') || document.querySelector('[data-testid="engine-error"]')
      },
      null,
      { timeout: 60_000 },
    )
    await assertNoEngineError(page)
    assert.equal(await page.getByTestId('engine-backend').textContent(), 'wasm')
    assert.equal(await page.getByTestId('engine-thread').getAttribute('data-in-worker'), 'true')
    const threads = Number(await page.getByTestId('engine-threads').textContent())
    const hardwareConcurrency = Number(await page.getByTestId('hardware-concurrency').textContent())
    assert.equal(threads, Math.max(2, hardwareConcurrency))

    await page.getByTestId('run-hash').click()
    await page.waitForSelector('[data-testid="hash-result"], [data-testid="engine-error"]', { timeout: RUN_TIMEOUT_MS })
    await assertNoEngineError(page)
    const result = page.getByTestId('hash-result')
    const run = JSON.parse(await result.getAttribute('data-run'))
    const pageProgressMessages = Number(await result.getAttribute('data-progress-messages'))

    // The same bytes through the native addon.
    const native = nativeReport(threads)
    assert.equal(await version.textContent(), native.version)
    for (const variant of ['async', 'progress', 'sync']) {
      assert.equal(run[variant].combined, native.report.combined, `${variant} variant differs from native`)
      assert.equal(run[variant].hashCount, DEMO_INPUT.count)
      assert.equal(run[variant].poolSize, threads)
    }
    assert.equal(run.agree, true, 'the three variants produced different per-buffer hashes')
    assert.equal(await page.getByTestId('result-combined').textContent(), native.report.combined)
    assert.ok(run.progress.threadsUsed > 1, `threadsUsed = ${run.progress.threadsUsed}`)
    assert.ok(run.async.threadsUsed > 1, `async threadsUsed = ${run.async.threadsUsed}`)

    // Progress: the worker got callbacks ending at done === total, and the page got them.
    assert.ok(run.progressEvents > 0, 'no progress callback ran')
    assert.deepEqual(run.lastProgress, { done: DEMO_INPUT.count, total: DEMO_INPUT.count })
    assert.ok(pageProgressMessages > 0, 'no progress message reached the page')
    assert.equal(await page.getByTestId('progress-text').textContent(), `${DEMO_INPUT.count} / ${DEMO_INPUT.count}`)

    // The wasm lives in the engine worker: the worker fetched it and says it is a worker; the
    // page thread fetched neither the wasm nor the loader.
    assert.equal(run.context.inWorker, true)
    assert.equal(run.context.threadName, 'drift-engine')
    assert.equal(run.context.crossOriginIsolated, true)
    assert.equal(run.context.wasmResources.length, 1, `worker wasm fetches: ${run.context.wasmResources}`)
    const pageResources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
    const onPage = pageResources.filter((url) => /\.wasm$|drift\.wasi-browser|wasi-worker-browser/.test(new URL(url).pathname))
    assert.deepEqual(onPage, [], 'the page thread loaded engine files')
    const engineWorker = workers.find((worker) => /engine\.worker-[\w-]+\.js$/.test(worker.url()))
    assert.ok(engineWorker, `no engine worker among ${workers.map((w) => w.url())}`)
    const fromWorker = await engineWorker.evaluate(() => ({
      inWorker: typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope,
      wasm: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length,
    }))
    assert.deepEqual(fromWorker, { inWorker: true, wasm: 1 })
    // The binding's own thread pool: module workers started by the engine worker.
    const poolWorkers = workers.filter((worker) => /wasi-worker-browser-[\w-]+\.js$/.test(worker.url()))
    assert.ok(poolWorkers.length >= threads, `only ${poolWorkers.length} wasm thread workers`)

    assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
    assert.deepEqual(seen.consoleErrors, [], 'console errors')
    assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
    assert.ok(seen.requests.length > 0, 'no request was recorded at all')

    console.log(
      `combined ${run.progress.combined}; threads used async/progress/sync ${run.async.threadsUsed}/${run.progress.threadsUsed}/${run.sync.threadsUsed} of ${threads}; ` +
        `ms async/progress/sync ${run.async.millis}/${run.progress.millis}/${run.sync.millis}; ` +
        `${run.progressEvents} progress events; ${workers.length} workers; ${seen.requests.length} requests`,
    )
  } finally {
    await context.close()
  }
})

/** The fixtures scanned by the native addon, in this process. */
async function nativeScan(threads, root) {
  const drift = require('../crates/drift-napi/index.js')
  drift.driftInitialize({ threads, configToml: tempDbConfig() })
  try {
    return await drift.nativeScan(root, { full: true })
  } finally {
    drift.driftShutdown()
  }
}

test('an uploaded folder is scanned in the wasm worker with the same result as native', { timeout: RUN_TIMEOUT_MS }, async () => {
  const fixtures = fileURLToPath(new URL('../test-fixtures', import.meta.url))
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await context.newPage()
    await page.goto(`${playground.origin}/`)
    const input = page.getByTestId('folder-input')
    await page.waitForSelector('[data-testid="folder-input"]:not([disabled]), [data-testid="engine-error"]', { timeout: 60_000 })
    await assertNoEngineError(page)
    const threads = Number(await page.getByTestId('engine-threads').textContent())

    // Playwright hands a directory to a `webkitdirectory` input as the browser's picker would.
    await input.setInputFiles(fixtures)
    await page.waitForSelector('[data-testid="scan-result"], [data-testid="engine-error"]', { timeout: RUN_TIMEOUT_MS })
    await assertNoEngineError(page)
    const first = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    const native = await nativeScan(threads, fixtures)
    assert.equal(first.status, 'complete')
    assert.equal(first.digest, native.digest, 'the browser scan differs from the native scan')
    assert.deepEqual(first.languages, native.languages)
    assert.equal(first.filesTotal, native.filesTotal)
    assert.equal(first.filesAdded, native.filesTotal)
    assert.equal(first.skippedTooLarge, 1, 'malformed/huge.js is over the size limit')
    // Parsed in the browser as natively: the same counts.
    const { parseMs: _browserMs, ...browserParse } = first.parse
    const { parseMs: _nativeMs, ...nativeParse } = native.parse
    assert.deepEqual(browserParse, nativeParse)
    assert.ok(browserParse.functions > 300, JSON.stringify(browserParse))
    assert.match(await page.getByTestId('scan-parsed').textContent(), new RegExp(`${nativeParse.functions} functions`))
    assert.ok(first.progressEvents >= 1, 'no progress callback ran')
    assert.equal(await page.getByTestId('scan-progress').textContent(), `complete: ${native.filesTotal} / ${native.filesTotal}`)

    // The same folder again: nothing changed.
    await input.setInputFiles(fixtures)
    await page.waitForFunction(
      (previous) => document.querySelector('[data-testid="scan-result"]')?.getAttribute('data-run') !== previous,
      JSON.stringify(first),
      { timeout: RUN_TIMEOUT_MS },
    )
    const second = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    assert.deepEqual([second.filesAdded, second.filesModified, second.filesRemoved, second.filesUnchanged], [0, 0, 0, native.filesTotal])
    assert.equal(second.digest, first.digest)

    assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
    assert.deepEqual(seen.consoleErrors, [], 'console errors')
    assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
  } finally {
    await context.close()
  }
})

test('without COOP/COEP the page says so and never starts the engine', async () => {
  // The same build from a server that sends no cross-origin isolation headers.
  const plain = await serveFiles((path) => {
    const file = normalize(join(dist, path === '/' ? 'index.html' : path))
    return file.startsWith(dist) ? file : undefined
  })
  const context = await playground.browser.newContext()
  const seen = watch(context, plain.origin)
  try {
    const page = await context.newPage()
    await page.goto(`${plain.origin}/`)
    assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), false)
    const message = page.getByTestId('not-isolated')
    await message.waitFor()
    assert.match(await message.textContent(), /not cross-origin isolated/)
    assert.match(await message.textContent(), /Cross-Origin-Embedder-Policy: require-corp/)
    assert.equal(await page.getByTestId('cross-origin-isolated').textContent(), 'false')
    assert.equal(await page.getByTestId('run-hash').count(), 0)
    assert.deepEqual(seen.requests.filter((url) => /\.wasm$|worker/.test(url)), [], 'the engine was started anyway')
    assert.deepEqual(seen.pageErrors, [])
    assert.deepEqual(seen.consoleErrors, [])
  } finally {
    await context.close()
    await plain.close()
  }
})

test('an engine error reaches the page with its [CODE]', async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await context.newPage()
    // driftInitialize accepts 1..=1024 threads.
    await page.goto(`${playground.origin}/?threads=0`)
    const error = page.getByTestId('engine-error')
    await error.waitFor({ timeout: 60_000 })
    assert.equal(await error.getAttribute('data-code'), 'INVALID_ARGUMENT')
    assert.match(await error.textContent(), /^\[INVALID_ARGUMENT\] \S/)
    assert.equal(await page.getByTestId('run-hash').isDisabled(), true)
    assert.deepEqual(seen.pageErrors, [])
    assert.deepEqual(seen.consoleErrors, [])
    assert.deepEqual(seen.foreignRequests, [])
  } finally {
    await context.close()
  }
})

test('the build carries COOP/COEP for static hosts (_headers)', () => {
  const headers = readFileSync(join(dist, '_headers'), 'utf8')
  assert.match(headers, /^\/\*\n/)
  assert.match(headers, /^ +Cross-Origin-Opener-Policy: same-origin$/m)
  assert.match(headers, /^ +Cross-Origin-Embedder-Policy: require-corp$/m)
})
