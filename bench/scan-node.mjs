// Times nativeScan through the Node binding: `node bench/scan-node.mjs native|wasm DIR RUNS`.
// Prints one JSON line: the median of a cold scan (full, no parsing) and of a cold scan that
// parses every source file (full, parse, parse cache emptied by a fresh runtime), after a
// warm-up, and the digests, which must be equal for both backends.
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'

const [backend, dir, runsArg = '5'] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')
const threads = availableParallelism()
const runs = Number(runsArg)

async function measure(parse) {
  const times = []
  let summary
  for (let i = 0; i <= runs; i++) {
    // A fresh runtime per run: its parse cache starts empty.
    drift.driftInitialize({ threads, configToml: '' })
    const started = performance.now()
    summary = await drift.nativeScan(dir, { full: true, parse })
    if (i > 0) times.push(performance.now() - started)
    drift.driftShutdown()
  }
  times.sort((a, b) => a - b)
  return { files: summary.filesTotal, digest: summary.digest, parsed: summary.parse?.files ?? 0, functions: summary.parse?.functions ?? 0, median_ms: times[Math.floor(times.length / 2)], runs_ms: times }
}

const scan = await measure(false)
const scanAndParse = await measure(true)
console.log(JSON.stringify({ backend, threads, scan, scan_and_parse: scanAndParse }))
