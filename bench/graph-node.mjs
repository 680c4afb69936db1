// The call graph through the Node binding: `node bench/graph-node.mjs native|wasm DIR`. Scans DIR
// into a fresh drift.db, then times what the graph adds: `buildCallGraph` (facts read from
// drift.db and resolved; the first call after a scan), an incremental update (10 files touched
// and rescanned, then the graph rebuilt), the graph built again after drift.db is reopened in the
// same process (warm code in wasm), callers / callees / entry-point pages / impact / path
// (p50 and p99 over many functions) and `findDeadCode` over every page. One JSON line; the edge
// count and a digest of the dead-code ids must be equal for both backends.
import { createHash } from 'node:crypto'
import { appendFileSync, cpSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { scratchDir } from '../scripts/scratch.mjs'

const [backend, source] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')

const work = scratchDir('drift-graph-bench-')
const root = join(work, 'tree')
cpSync(source, root, { recursive: true })
drift.driftInitialize({ root, threads: availableParallelism(), configToml: `[storage]\ndb_path = ${JSON.stringify(join(work, 'drift.db'))}\n` })

const time = (fn) => {
  const started = performance.now()
  const value = fn()
  return [performance.now() - started, value]
}
const percentiles = (times) => {
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] }
}

const [scanMs] = [performance.now()]
await drift.nativeScan('.', { full: true })
const scanned = performance.now() - scanMs
const [buildMs, stats] = time(() => drift.buildCallGraph())

// Functions to ask about: every page of entry points, and exported ones from the listing.
const ids = []
let cursor
do {
  const page = drift.queryFunctions(null, { cursor, limit: 100 })
  for (const row of page.items) if (ids.length < 400 && row.id % 97 === 0) ids.push(`${row.file}:${row.qualifiedName}`)
  cursor = page.nextCursor
} while (cursor && ids.length < 400)
const sample = (fn) => {
  const times = []
  for (const id of ids) {
    try {
      const started = performance.now()
      fn(id)
      times.push(performance.now() - started)
    } catch {
      // An ambiguous name (two definitions in one file): skipped.
    }
  }
  return percentiles(times)
}
const callers = sample((id) => drift.queryCallers(id))
const callees = sample((id) => drift.queryCallees(id))
const impact = sample((id) => drift.analyzeImpact(id))
const reach = sample((id) => drift.analyzeReachability(id, { maxDepth: 10 }))
const entryPages = []
cursor = undefined
do {
  const started = performance.now()
  const page = drift.queryEntryPoints(null, { cursor, limit: 100 })
  entryPages.push(performance.now() - started)
  cursor = page.nextCursor
} while (cursor)
const dead = []
let deadMs = 0
cursor = undefined
do {
  const started = performance.now()
  const page = drift.findDeadCode({ cursor, limit: 100 })
  deadMs += performance.now() - started
  dead.push(...page.items.map((item) => item.function.id))
  cursor = page.nextCursor
} while (cursor)

// Incremental: 10 source files changed, rescanned, and the graph rebuilt.
const changed = readdirSync(root, { recursive: true }).filter((path) => /\.(ts|py|go|java|rs)$/.test(path)).slice(0, 10)
for (const path of changed) appendFileSync(join(root, path), '\n')
const [rescanMs] = time(() => 0)
const rescanStarted = performance.now()
await drift.nativeScan('.')
const rescan = performance.now() - rescanStarted
const [rebuildMs, again] = time(() => drift.buildCallGraph())

// The same drift.db opened again in this process, the graph built from it: in the wasm build
// the code is optimised by now (V8 tiers a function up only after it ran a while).
drift.driftShutdown()
drift.driftInitialize({ root, threads: availableParallelism(), configToml: `[storage]\ndb_path = ${JSON.stringify(join(work, 'drift.db'))}\n` })
const [reopenedMs] = time(() => drift.buildCallGraph())

drift.driftShutdown()
rmSync(work, { recursive: true, force: true })
console.log(
  JSON.stringify({
    backend,
    scan_ms: scanned,
    build_ms: buildMs,
    build_reopened_ms: reopenedMs,
    functions: stats.functions,
    edges: stats.edges,
    resolution_rate: stats.resolutionRate,
    callers_ms: callers,
    callees_ms: callees,
    impact_ms: impact,
    reachability_depth10_ms: reach,
    entry_point_page_ms: percentiles(entryPages),
    dead_code_all_pages_ms: deadMs,
    dead_code: dead.length,
    dead_code_distinct: new Set(dead).size,
    dead_code_digest: createHash('sha256').update(dead.join('\n')).digest('hex').slice(0, 16),
    incremental: { files: changed.length, rescan_ms: rescan + rescanMs, rebuild_ms: rebuildMs, edges: again.edges },
  }),
)
