// Times nativeScan through the Node binding: `node bench/scan-node.mjs native|wasm DIR RUNS`.
// Prints one JSON line: the median cold scan (after a warm-up) and the scan's digest, which
// must be equal for both backends.
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'

const [backend, dir, runsArg = '5'] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')
const threads = availableParallelism()
drift.driftInitialize({ threads, configToml: '' })
const runs = Number(runsArg)
let summary = await drift.nativeScan(dir, { full: true })
const times = []
for (let i = 0; i < runs; i++) {
  const started = performance.now()
  summary = await drift.nativeScan(dir, { full: true })
  times.push(performance.now() - started)
}
drift.driftShutdown()
times.sort((a, b) => a - b)
console.log(JSON.stringify({ backend, threads, files: summary.filesTotal, digest: summary.digest, median_ms: times[Math.floor(times.length / 2)], runs_ms: times }))
