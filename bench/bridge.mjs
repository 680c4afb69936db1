// Bridge overhead, native addon: `node bench/bridge.mjs DIR [RUNS]`. Measures (1) a page of 100
// functions fetched from JavaScript (p50/p99 over every page of DIR's functions), (2) the cost of
// progress callbacks (a scan-only full scan with and without them, medians), (3) the `drift`
// CLI's cold scan + parse + persist of DIR (to compare with drift-bench's end-to-end figure).
// Prints JSON.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from '../scripts/scratch.mjs'

const [dir, runsArg = '5'] = process.argv.slice(2)
const runs = Number(runsArg)
const require = createRequire(import.meta.url)
const drift = require('../crates/drift-napi/index.js')
const threads = availableParallelism()
const cli = fileURLToPath(new URL('../npm/drift/dist/cli.js', import.meta.url))

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const percentile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * q) - 1)]
const fresh = () => scratchDir('drift-bridge-')
const config = (db) => `[storage]\ndb_path = ${JSON.stringify(join(db, 'drift.db'))}\n`

// (1) pages from JavaScript
const db = fresh()
drift.driftInitialize({ threads, configToml: config(db) })
await drift.nativeScan(dir, { full: true })
const pageTimes = []
let cursor
let rows = 0
do {
  const started = performance.now()
  const page = drift.queryFunctions(null, { cursor, limit: 100 })
  pageTimes.push(performance.now() - started)
  rows += page.items.length
  cursor = page.nextCursor
} while (cursor)

// (2) progress callbacks
const plain = []
const withProgress = []
let callbacks = 0
for (let i = 0; i <= runs; i++) {
  let started = performance.now()
  await drift.nativeScan(dir, { full: true, parse: false })
  if (i > 0) plain.push(performance.now() - started)
  started = performance.now()
  await drift.nativeScanWithProgress(dir, { full: true, parse: false }, () => (callbacks += 1))
  if (i > 0) withProgress.push(performance.now() - started)
}
drift.driftShutdown()
rmSync(db, { recursive: true, force: true })

// (3) the CLI, cold, in its own process
const cliTimes = []
for (let i = 0; i < Math.min(runs, 3); i++) {
  const cliDb = fresh()
  const started = performance.now()
  execFileSync(process.execPath, [cli, 'scan', '--root', dir, '--full', '--json'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: cliDb,
  })
  cliTimes.push(performance.now() - started)
  rmSync(join(dir, '.drift'), { recursive: true, force: true })
  rmSync(cliDb, { recursive: true, force: true })
}

const report = {
  threads,
  page: { pages: pageTimes.length, rows, p50_ms: percentile(pageTimes, 0.5), p99_ms: percentile(pageTimes, 0.99) },
  progress: {
    plain_ms: median(plain),
    with_progress_ms: median(withProgress),
    overhead_percent: ((median(withProgress) - median(plain)) / median(plain)) * 100,
    callbacks_per_scan: callbacks / (runs + 1),
  },
  cli_cold_scan_parse_persist_ms: median(cliTimes),
}
console.log(JSON.stringify(report))
