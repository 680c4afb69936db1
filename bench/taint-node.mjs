// Taint queries through the Node binding: `node bench/taint-node.mjs native|wasm DIR`. Scans DIR
// into a fresh drift.db (flows within functions and each function's taint summary are found by
// the scan, per file), times the call graph's build, then the first `queryTaintFlows` (every
// flow of the tree: the flows across functions are composed from the summaries over the graph
// then) and a second one (composed once per scan), then `analyzeTaint(fn)` for up to 2,000
// functions (those with flows first), and prints one JSON line with p50 and p99. The flow
// counts must be the same for both backends.
import { cpSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { scratchDir } from '../scripts/scratch.mjs'

const [backend, source] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')

const work = scratchDir('drift-taint-bench-')
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
  return { p50: +times[Math.floor(times.length * 0.5)].toFixed(3), p99: +times[Math.min(times.length - 1, Math.floor(times.length * 0.99))].toFixed(3) }
}

await drift.nativeScan('.', { full: true })
const [graphMs] = time(() => drift.buildCallGraph())
const [allMs, all] = time(() => drift.queryTaintFlows(null))
const [againMs] = time(() => drift.queryTaintFlows(null))

// Functions: those with flows, then others from the function listing, by id.
const names = [...new Set(all.items.filter((flow) => flow.function).map((flow) => `${flow.file}:${flow.function}`))]
let cursor
do {
  const page = drift.queryFunctions(null, { cursor, limit: 100 })
  names.push(...page.items.map((row) => `${row.file}:${row.qualifiedName}`))
  cursor = page.nextCursor
} while (cursor && names.length < 2000)

const times = []
let analysed = 0
for (const name of names.slice(0, 2000)) {
  try {
    const [ms] = time(() => drift.analyzeTaint(name))
    times.push(ms)
    analysed += 1
  } catch {
    // An ambiguous or unresolvable name: not timed.
  }
}
const bySink = {}
for (const flow of all.items) bySink[flow.sinkType] = (bySink[flow.sinkType] ?? 0) + 1
const across = all.items.filter((flow) => flow.functions.length > 0).length
console.log(
  JSON.stringify({
    backend,
    flows: all.total,
    across,
    bySink,
    graphBuildMs: +graphMs.toFixed(1),
    allFlowsMs: +allMs.toFixed(2),
    allFlowsAgainMs: +againMs.toFixed(2),
    analyzeTaint: { functions: analysed, ...percentiles(times) },
  }),
)
drift.driftShutdown()
