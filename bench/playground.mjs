// The playground benchmark: `node bench/playground.mjs DIR [RUNS] [OUT]` with web/dist built.
// Reports the production build's sizes (raw and gzipped), the page load to "engine ready" on
// localhost (fresh browser context each run, so nothing is cached), the scan + parse + store of
// DIR uploaded into the page against the native addon scanning the same DIR in this process,
// the tab's memory after the scan (`performance.measureUserAgentSpecificMemory`, which covers
// the page, its workers and their wasm memory), and the call graph: the page's Calls view opened
// after the scan until its counts show, against the native `buildCallGraph` after its scan, then both built again
// GRAPH_REBUILDS times (5 by default) after a reload / reopening, judged by the ratio of the medians of every build.
// Prints a summary, writes a JSON report.
// PAGE_QUERY (e.g. `detection=off&security=off`, the core scan) is added to the page's URL for the scan, and the native
// scan it is compared with gets the same setting; with `log=FILTER` (e.g. `log=drift_engine=debug`)
// the page's engine log is printed. The scan runs in a browser profile on disk, as people
// browse; PAGE_PROFILE=private runs it in a private (off-the-record) profile instead, where the
// browser serves drift.db's file calls from its own process, at about 70 times the cost.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { nativeBinding } from '../e2e/support/native.mjs'
import { launchProfile } from '../e2e/support/browser.mjs'
import { DIST, startPlayground } from '../e2e/support/playground.mjs'
import { scratchDir } from '../scripts/scratch.mjs'

const [dir, runsArg = '5', out = 'target/bench/playground.json'] = process.argv.slice(2)
if (!dir) throw new Error('usage: node bench/playground.mjs DIR [RUNS] [OUT]')
const runs = Number(runsArg)
const pageQuery = process.env.PAGE_QUERY ?? ''
const detection = !/(^|&)detection=off(&|$)/.test(pageQuery)
const security = !/(^|&)security=off(&|$)/.test(pageQuery)
const nativeConfig = (db) =>
  `[storage]\ndb_path = ${JSON.stringify(db)}\n[detection]\nenabled = ${detection}\n` +
  `[security]\nsecrets = ${security}\nboundaries = ${security}\ntaint = ${security}\n`

// How often each side builds the graph again from a drift.db it reopens (native) or restores
// after a reload (the page): one build is too noisy on a shared machine to judge a ratio by.
const REBUILDS = Number(process.env.GRAPH_REBUILDS ?? 5)
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function buildSizes() {
  const assets = join(DIST, 'assets')
  const files = readdirSync(assets).map((name) => {
    const bytes = readFileSync(join(assets, name))
    return { name, bytes: statSync(join(assets, name)).size, gzip: gzipSync(bytes).length }
  })
  const sum = (match) => {
    const picked = files.filter((file) => match.test(file.name))
    return { bytes: picked.reduce((n, f) => n + f.bytes, 0), gzip: picked.reduce((n, f) => n + f.gzip, 0), files: picked.length }
  }
  return {
    wasm: sum(/\.wasm$/),
    js: sum(/\.js$/),
    css: sum(/\.css$/),
    editor_chunk: sum(/^Workspace-.*\.js$/),
    page_entry: sum(/^index-.*\.js$/),
  }
}

/** Native addon: scan + parse + store DIR into a fresh drift.db, as the page does. */
async function nativeScan() {
  const native = nativeBinding()
  const db = join(scratchDir('drift-bench-native-'), 'drift.db')
  native.driftInitialize({ root: dir, configToml: nativeConfig(db) })
  try {
    const started = performance.now()
    const summary = await native.nativeScan('.', { full: true })
    const wall = performance.now() - started
    const graphStarted = performance.now()
    const graph = native.buildCallGraph()
    const graphMs = performance.now() - graphStarted
    // The graph as a later session builds it: drift.db opened again, the facts read back.
    const reopened = []
    for (let i = 0; i < REBUILDS; i += 1) {
      native.driftShutdown()
      native.driftInitialize({ root: dir, configToml: nativeConfig(db) })
      const started = performance.now()
      native.buildCallGraph()
      reopened.push(performance.now() - started)
    }
    return {
      graph_ms: graphMs,
      graph_reopened_ms: median(reopened),
      graph_reopened_all_ms: reopened,
      graph_edges: graph.edges,
      wall_ms: wall,
      scan_ms: summary.durationMs,
      persist_wait_ms: summary.persistWaitMs,
      files: summary.filesTotal,
      functions: summary.parse.functions,
      digest: summary.digest,
    }
  } finally {
    native.driftShutdown()
  }
}

/**
 * Resident memory of every Chromium renderer process on the machine (Linux; null elsewhere;
 * the benchmark expects to run alone): what the pages and their workers hold physically. `measureUserAgentSpecificMemory` counts a shared wasm memory
 * at its initial size once per thread worker (twice its size each), so it is reported beside.
 */
function rendererRssBytes() {
  if (!existsSync('/proc/self/status')) return null
  let total = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (!command.includes('chromium') || !command.includes('--type=renderer')) continue
      const kib = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
      if (kib) total += Number(kib[1]) * 1024
    } catch {
      // A process that ended while being read.
    }
  }
  return total
}

const { origin, browser, close } = await startPlayground()
try {
  const sizes = buildSizes()

  const loads = []
  const editorLoads = []
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(`${origin}/`)
    await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
    loads.push(performance.now() - started)
    await page.waitForSelector('[data-testid="workspace"]', { timeout: 60_000 })
    editorLoads.push(performance.now() - started)
    await context.close()
  }

  const native = await nativeScan()

  const profile = process.env.PAGE_PROFILE === 'private' ? 'private' : 'on disk'
  const context = profile === 'private' ? await browser.newContext() : await launchProfile(scratchDir('drift-profile-'))
  const page = await context.newPage()
  // With `log=FILTER` in PAGE_QUERY the engine's log lines (the worker's console) are printed.
  if (/(^|&)log=/.test(pageQuery)) page.on('console', (message) => console.log(`[page] ${message.text()}`))
  await page.goto(`${origin}/${pageQuery ? `?${pageQuery}` : ''}`)
  await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
  const uploadStarted = performance.now()
  await page.getByTestId('folder-input').setInputFiles(dir)
  await page.waitForSelector('[data-testid="scan-result"], [data-testid="engine-error"]', { timeout: 1_800_000 })
  const error = page.getByTestId('engine-error')
  if (await error.count()) throw new Error(await error.textContent())
  const wall = performance.now() - uploadStarted
  const run = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
  if (run.digest !== native.digest || run.parse.functions !== native.functions) {
    throw new Error(`the page and the native addon disagree: ${JSON.stringify({ page: run.digest, native })}`)
  }
  await page.waitForFunction((n) => document.querySelector('[data-testid="file-tree"]')?.getAttribute('data-files') === String(n), run.filesTotal, {
    timeout: 120_000,
  })
  // Memory settles for a while after a scan (freed buffers are collected, drift.db's spare
  // room is trimmed after the save): measured 10 s after the result.
  await page.waitForTimeout(Number(process.env.MEMORY_SETTLE_MS ?? 10_000))
  const rendererRss = rendererRssBytes()
  const measured = await page.evaluate(async () => {
    if (typeof performance.measureUserAgentSpecificMemory !== 'function') return null
    const result = await performance.measureUserAgentSpecificMemory()
    // Where the bytes are: by context (the page, the engine worker, the thread workers) and type.
    const parts = new Map()
    for (const entry of result.breakdown) {
      const where = entry.attribution.map((a) => `${a.scope}${a.url ? ` ${new URL(a.url).pathname.replace(/-[\w-]{8}\.js$/, '.js')}` : ''}`).join(', ') || 'shared'
      const key = `${where} [${entry.types.join(', ') || 'unknown'}]`
      parts.set(key, (parts.get(key) ?? 0) + entry.bytes)
    }
    return { bytes: result.bytes, breakdown: Object.fromEntries([...parts].sort((a, b) => b[1] - a[1])) }
  })
  const memory = measured?.bytes ?? null
  // The call graph in the page: the Calls view builds it on opening (Alt+3) and shows its
  // counts when the worker answers. First a pause, so that what the page does after a scan
  // (listing the tree, the summary's queries) is not counted as the graph's.
  await page.waitForTimeout(Number(process.env.GRAPH_PAUSE_MS ?? 3_000))
  // Timed on the page's clock, from just before the key press to the view's answer: the
  // benchmark's own view of the page lags when the page's thread is busy (after the counts it
  // renders the dead-code list), about 220 ms here.
  const graphStarted = performance.now()
  const pressedAt = await page.evaluate(() => performance.now())
  await page.keyboard.press('Alt+3')
  await page.getByTestId('graph-stats').waitFor({ timeout: 600_000 })
  const pageSeenMs = performance.now() - graphStarted
  const pageGraphMs = Number(await page.getByTestId('graph-stats').getAttribute('data-answered-at')) - pressedAt
  const pageEdges = Number(await page.getByTestId('graph-stats').getAttribute('data-edges'))
  // The view's own wait for the worker's answer (the build and the trip), without the render.
  const pageQueryMs = Number(await page.getByTestId('graph-stats').getAttribute('data-query-ms'))
  if (pageEdges !== native.graph_edges) throw new Error(`the call graphs disagree: page ${pageEdges} edges, native ${native.graph_edges}`)
  // The graph as a later visit builds it: the page reloaded (drift.db restored from this
  // browser's storage), then the Calls view opened, each time. The view's wait for the worker.
  const reloadedMs = []
  for (let i = 0; i < REBUILDS; i += 1) {
    // Reloaded on the URL it was opened with: the Files rail, not the Calls view kept in the URL.
    await page.goto(`${origin}/${pageQuery ? `?${pageQuery}` : ''}`)
    await page.waitForSelector('[data-testid="workspace"]', { timeout: 120_000 })
    // As after the upload: the page's own start (listing the tree, the summary) is over first,
    // so that the build does not share the two cores with it.
    await page.waitForFunction((n) => document.querySelector('[data-testid="file-tree"]')?.getAttribute('data-files') === String(n), run.filesTotal, {
      timeout: 120_000,
    })
    await page.waitForTimeout(Number(process.env.RELOAD_PAUSE_MS ?? 1_000))
    await page.keyboard.press('Alt+3')
    await page.getByTestId('graph-stats').waitFor({ timeout: 600_000 })
    reloadedMs.push(Number(await page.getByTestId('graph-stats').getAttribute('data-query-ms')))
  }
  await context.close()

  const report = {
    page_query: pageQuery,
    browser_profile: profile,
    sizes,
    page_load: { runs, median_ms: median(loads), all_ms: loads, editor_ready_median_ms: median(editorLoads) },
    scan: {
      files: run.filesTotal,
      functions: run.parse.functions,
      browser_scan_ms: run.durationMs,
      browser_upload_to_result_ms: wall,
      browser_persist_wait_ms: run.persistWaitMs,
      browser_stored_ms: run.durationMs + run.persistWaitMs,
      native_scan_ms: native.scan_ms,
      native_persist_wait_ms: native.persist_wait_ms,
      native_stored_ms: native.scan_ms + native.persist_wait_ms,
      native_wall_ms: native.wall_ms,
      ratio_scan: run.durationMs / native.scan_ms,
      ratio_stored: (run.durationMs + run.persistWaitMs) / (native.scan_ms + native.persist_wait_ms),
    },
    tab_memory_bytes: memory,
    tab_memory_breakdown: measured?.breakdown ?? null,
    renderer_rss_bytes: rendererRss,
    // The engine's wasm memory after the scan (its high-water mark: wasm memory never shrinks).
    engine_memory_bytes: run.stored.engineMemory,
    // Of that, the bytes in blocks the engine's allocator had handed out right after the save.
    engine_heap_in_use_bytes: run.stored.engineHeapInUse,
    // drift.db's reads and writes during the page's start and scan: straight into the wasm memory or through a copy.
    file_calls_after_scan: run.stored.fileCalls ?? null,
    call_graph: {
      edges: pageEdges,
      // Key press to the counts on screen: the worker's build, the answer's trip and a render.
      page_ms: pageGraphMs,
      page_seen_by_benchmark_ms: pageSeenMs,
      page_query_ms: pageQueryMs,
      native_ms: native.graph_ms,
      ratio: pageGraphMs / native.graph_ms,
      ratio_query: pageQueryMs / native.graph_ms,
      // Built again from drift.db in a later session: the page reloaded, drift.db reopened.
      page_reloaded_query_ms: reloadedMs,
      native_reopened_ms: native.graph_reopened_ms,
      ratio_reloaded: median(reloadedMs) / native.graph_reopened_ms,
      // Every build of each side (after the scan, then again after each reopening): the ratio of
      // the medians, the figure this benchmark judges the page by.
      page_all_ms: [pageQueryMs, ...reloadedMs],
      native_all_ms: [native.graph_ms, ...native.graph_reopened_all_ms],
      ratio_median: median([pageQueryMs, ...reloadedMs]) / median([native.graph_ms, ...native.graph_reopened_all_ms]),
    },
  }
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`
  console.log(`build: wasm ${mib(sizes.wasm.bytes)} (${mib(sizes.wasm.gzip)} gzipped), JS ${mib(sizes.js.bytes)} (${mib(sizes.js.gzip)} gzipped) in ${sizes.js.files} files, of which the editor chunk ${mib(sizes.editor_chunk.bytes)}; page entry ${(sizes.page_entry.bytes / 1024).toFixed(0)} KiB`)
  console.log(`browser profile of the scan: ${profile}`)
  console.log(`page load to engine ready: median ${report.page_load.median_ms.toFixed(0)} ms over ${runs} fresh contexts (editor ready ${report.page_load.editor_ready_median_ms.toFixed(0)} ms)`)
  const { scan, call_graph: graphReport } = report
  console.log(
    `call graph (${pageEdges} edges): page ${pageGraphMs.toFixed(0)} ms from the key opening the Calls view to its answer there (${pageSeenMs.toFixed(0)} ms as the benchmark saw the counts) ` +
      `(${pageQueryMs} ms waiting for the worker's answer), ` +
      `native buildCallGraph ${native.graph_ms.toFixed(0)} ms: ${graphReport.ratio.toFixed(2)}x (${graphReport.ratio_query.toFixed(2)}x the worker's answer)`,
  )
  console.log(
    `call graph built again in a later session: page reloaded ${reloadedMs.map((ms) => ms.toFixed(0)).join(', ')} ms (the worker's answer), ` +
      `native with drift.db reopened ${native.graph_reopened_ms.toFixed(0)} ms (median of ${REBUILDS}): ${graphReport.ratio_reloaded.toFixed(2)}x`,
  )
  console.log(
    `call graph, every build (the worker's answer): page ${graphReport.page_all_ms.map((ms) => ms.toFixed(0)).join(', ')} ms, ` +
      `native ${graphReport.native_all_ms.map((ms) => ms.toFixed(0)).join(', ')} ms: medians ${graphReport.ratio_median.toFixed(2)}x`,
  )
  console.log(
    `${run.filesTotal} files scan + parse, then stored: browser ${run.durationMs.toFixed(0)} + ${run.persistWaitMs.toFixed(0)} ms ` +
      `(upload to result ${wall.toFixed(0)} ms), native ${native.scan_ms.toFixed(0)} + ${native.persist_wait_ms.toFixed(0)} ms; ` +
      `browser/native: scan + parse ${scan.ratio_scan.toFixed(2)}, until stored ${scan.ratio_stored.toFixed(2)}`,
  )
  console.log(
    `tab memory after the scan: ${memory === null ? 'not measurable here' : mib(memory)} (renderer RSS ${rendererRss === null ? 'not measurable here' : mib(rendererRss)}), ` +
      `of which the engine's wasm memory ${mib(run.stored.engineMemory)} (${mib(run.stored.engineHeapInUse)} of it in use after the save)`,
  )
  if (run.stored.fileCalls) {
    const { direct, copied } = run.stored.fileCalls
    console.log(`drift.db reads and writes until the scan was saved: ${direct} straight into the wasm memory, ${copied} through a copy`)
  }
  console.log(`report: ${out}`)
} finally {
  await close()
}
