// Does the pool scale? `node bench/threads-node.mjs native|wasm DIR` scans DIR (full, parse,
// no database parse cache) with 1 and then 2 threads through the Node binding, each twice with
// a fresh runtime, and prints the second run of each as a JSON line: wall time, the scan's own
// duration and the parse time summed over the threads. If 2 threads take about as long as 1,
// something serialises them (in the wasm build it was wasi-libc's malloc lock; see
// BENCHMARKS.md, Playground). Make DIR a slice of the corpus, e.g. its first 2,500 files:
//   mkdir -p /tmp/sub && (cd ~/.cache/drift/corpus/10k && find . -type f | head -2500 | tar cf - -T -) | tar xf - -C /tmp/sub
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { scratchDir } from '../scripts/scratch.mjs'

const [backend, dir] = process.argv.slice(2)
if (!dir) throw new Error('usage: node bench/threads-node.mjs native|wasm DIR')
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')

for (const threads of [1, 2]) {
  for (let run = 0; run < 2; run += 1) {
    const db = join(scratchDir('drift-threads-'), 'drift.db')
    drift.driftInitialize({ threads, configToml: `[storage]\ndb_path = ${JSON.stringify(db)}\n[parse]\npersistent_cache = false\n` })
    const started = performance.now()
    const summary = await drift.nativeScan(dir, { full: true })
    const wall = performance.now() - started
    drift.driftShutdown()
    if (run === 1) {
      console.log(
        JSON.stringify({
          backend,
          threads,
          wall_ms: Math.round(wall),
          scan_ms: Math.round(summary.durationMs),
          parse_ms_summed: Math.round(summary.parse.parseMs),
          files_parsed: summary.parse.files,
        }),
      )
    }
  }
}
