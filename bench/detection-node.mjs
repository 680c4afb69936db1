// What detection costs and gives, through the Node binding: `node bench/detection-node.mjs
// native|wasm DIR [RUNS] [OUT]`. The wasm backend is the module the page runs.
// - scan: a full scan of a copy of DIR (2 threads, fresh drift.db per run) with detection off
//   (`[detection] enabled = false`) and on, RUNS times each, alternating: median wall time and
//   the overhead;
// - incremental: 10 files changed (a line appended), then an incremental scan, with detection
//   off and on: the scan's time, and learning's own time (it reruns from stored aggregates);
// - queries: p50/p99 of queryPatterns, queryPatternDetail, queryViolations (filtered too) and
//   queryViolationsInFile, 200 calls each;
// - results: every pattern with its confidence and every violation, written next to the
//   report; when the other backend's file exists, both must be equal (parity).
import { createRequire } from 'node:module'
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createHash } from 'node:crypto'
import { scratchDir } from '../scripts/scratch.mjs'

const [backend, dir, runsArg = '3', out = `target/bench/detection-${process.argv[2]}.json`] = process.argv.slice(2)
if (!dir || !['native', 'wasm'].includes(backend)) throw new Error('usage: node bench/detection-node.mjs native|wasm DIR [RUNS] [OUT]')
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')
const runs = Number(runsArg)
const threads = 2

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]

const work = scratchDir('drift-bench-detection-')
const project = join(work, 'project')
cpSync(dir, project, { recursive: true })

function open(detection) {
  const db = join(mkdtempSync(join(work, 'db-')), 'drift.db')
  drift.driftInitialize({ root: project, threads, configToml: `[storage]\ndb_path = ${JSON.stringify(db)}\n[detection]\nenabled = ${detection}\n` })
}

async function timedScan(full) {
  const started = performance.now()
  const summary = await drift.nativeScan('.', { full })
  return { ms: performance.now() - started, summary }
}

const cold = { off: [], on: [] }
for (let i = 0; i < runs; i++) {
  for (const mode of ['off', 'on']) {
    open(mode === 'on')
    cold[mode].push((await timedScan(true)).ms)
    drift.driftShutdown()
  }
}

/** Source files to change: the first 10 parsed ones, in path order. */
function changedFiles() {
  const picked = []
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (picked.length >= 10) return
      const full = join(path, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(ts|js|py|java|go|rs|rb|php|cs|kt)$/.test(entry.name)) picked.push(full)
    }
  }
  walk(project)
  return picked
}

const incremental = {}
for (const mode of ['off', 'on']) {
  open(mode === 'on')
  await timedScan(true)
  const times = []
  const learning = []
  for (let i = 0; i < runs; i++) {
    for (const file of changedFiles()) appendFileSync(file, `\n// edit ${mode} ${i}\n`)
    const { ms, summary } = await timedScan(false)
    if (summary.filesModified !== 10) throw new Error(`expected 10 modified files, got ${summary.filesModified}`)
    times.push(ms)
    if (mode === 'on') learning.push(drift.detectPatterns({ forceRelearn: false }).durationMs)
  }
  incremental[mode] = { scan_ms: median(times), runs_ms: times, ...(mode === 'on' ? { learning_ms: median(learning) } : {}) }
  if (mode === 'off') drift.driftShutdown()
}

function timeCalls(call) {
  const times = []
  for (let i = 0; i < 200; i++) {
    const started = performance.now()
    call(i)
    times.push(performance.now() - started)
  }
  return { p50_ms: +percentile(times, 0.5).toFixed(3), p99_ms: +percentile(times, 0.99).toFixed(3) }
}

const everyPage = (query, filter) => {
  const items = []
  let cursor
  do {
    const page = query(filter, { cursor, limit: 100 })
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}
const patterns = everyPage(drift.queryPatterns, null)
const violations = everyPage(drift.queryViolations, { includeSuppressed: true })
const busiest = [...patterns].sort((a, b) => b.locationCount - a.locationCount)[0]
const files = [...new Set(violations.map((v) => v.file))]
const categories = [...new Set(patterns.map((p) => p.category))]
const queries = {
  patterns: timeCalls(() => drift.queryPatterns(null, { limit: 50 })),
  patterns_by_category: timeCalls((i) => drift.queryPatterns({ category: categories[i % categories.length] }, { limit: 50 })),
  patterns_by_path: timeCalls((i) => drift.queryPatterns({ pathPrefix: files[i % files.length]?.split('/').slice(0, 2).join('/') }, { limit: 50 })),
  pattern_detail: timeCalls(() => drift.queryPatternDetail(busiest.id, { limit: 50 })),
  violations: timeCalls(() => drift.queryViolations(null, { limit: 50 })),
  violations_filtered: timeCalls((i) => drift.queryViolations({ category: categories[i % categories.length], severity: 'info' }, { limit: 50 })),
  violations_in_file: timeCalls((i) => drift.queryViolationsInFile(files[i % files.length] ?? '')),
}
const summary = drift.detectPatterns({ forceRelearn: false })
drift.driftShutdown()
rmSync(work, { recursive: true, force: true })

const results = {
  patterns: patterns.map(({ id, confidence, tier, role, locationCount, fileSpread, violationCount }) => ({ id, confidence, tier, role, locationCount, fileSpread, violationCount })),
  violations: violations.map(({ id, severity, kind, message, suppressed }) => ({ id, severity, kind, message, suppressed })).sort((a, b) => a.id.localeCompare(b.id)),
}
const digest = createHash('sha256').update(JSON.stringify(results)).digest('hex').slice(0, 16)
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out.replace(/\.json$/, '.results.json'), `${JSON.stringify(results)}\n`)
const other = out.replace(`detection-${backend}`, `detection-${backend === 'wasm' ? 'native' : 'wasm'}`).replace(/\.json$/, '.results.json')
let parity = 'not compared (run the other backend too)'
if (existsSync(other)) {
  const theirs = readFileSync(other, 'utf8').trim()
  parity = theirs === JSON.stringify(results) ? 'equal' : 'DIFFERENT'
}
const cold_ms = { off: median(cold.off), on: median(cold.on) }
const report = {
  backend,
  dir,
  threads,
  runs,
  cold_scan_ms: cold_ms,
  cold_runs_ms: cold,
  detection_overhead_pct: +((cold_ms.on / cold_ms.off - 1) * 100).toFixed(1),
  incremental_10_files: incremental,
  queries,
  found: {
    patterns: summary.totalPatterns,
    violations: summary.totalViolations,
    conventions: summary.conventionsLearned,
    contested: summary.contestedConventions,
    frameworks: summary.frameworks,
    by_severity: Object.fromEntries(summary.violationsBySeverity.map((s) => [s.name, s.count])),
    categories: summary.categoriesScanned.length,
  },
  digest,
  parity,
}
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
console.log(`${backend}: cold scan ${cold_ms.off.toFixed(0)} ms without detection, ${cold_ms.on.toFixed(0)} ms with (${report.detection_overhead_pct}%)`)
console.log(`${backend}: incremental (10 files) ${incremental.off.scan_ms.toFixed(0)} ms without, ${incremental.on.scan_ms.toFixed(0)} ms with; learning ${incremental.on.learning_ms} ms`)
console.log(`${backend}: queries p99 ${Object.entries(queries).map(([k, v]) => `${k} ${v.p99_ms}`).join(', ')} ms`)
console.log(`${backend}: ${summary.totalPatterns} patterns, ${summary.totalViolations} violations, digest ${digest}, parity with the other backend: ${parity}`)
if (parity === 'DIFFERENT') process.exitCode = 1
