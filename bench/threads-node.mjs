// Does the pool scale, and how does the wasm build compare with native per thread?
// `node bench/threads-node.mjs native|wasm DIR` scans DIR (full, parse, store; no database parse
// cache; detection and the security analyses off, so that it is the core scan) with 1 and then 2
// threads through the Node binding, each twice with a fresh runtime, and prints the second run
// of each as a JSON line: wall time, the process's CPU time (all threads) and the cores it kept
// busy, the scan's own duration and the parse time summed over the threads. If 2 threads take
// about as long as 1, something serialises them (in the wasm build it was wasi-libc's malloc
// lock; see BENCHMARKS.md, Playground). Run it with both backends: Node runs the wasm build on
// the same V8 as Chromium, so the ratio is what the page can reach at best. Make DIR a slice of
// the corpus, e.g. its first 2,500 files:
//   mkdir -p /tmp/sub && (cd ~/.cache/drift/corpus/10k && find . -type f | head -2500 | tar cf - -T -) | tar xf - -C /tmp/sub
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { scratchDir } from '../scripts/scratch.mjs'

const [backend, dir] = process.argv.slice(2)
if (!dir) throw new Error('usage: node bench/threads-node.mjs native|wasm DIR')
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')
const config = (db) =>
  `[storage]\ndb_path = ${JSON.stringify(db)}\n[parse]\npersistent_cache = false\n[detection]\nenabled = false\n` +
  '[security]\nsecrets = false\nboundaries = false\ntaint = false\n'

for (const threads of [1, 2]) {
  for (let run = 0; run < 2; run += 1) {
    const db = join(scratchDir('drift-threads-'), 'drift.db')
    drift.driftInitialize({ threads, configToml: config(db) })
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const summary = await drift.nativeScan(dir, { full: true })
    const wall = performance.now() - started
    const cpu = process.cpuUsage(cpuBefore)
    drift.driftShutdown()
    if (run === 1) {
      const cpuMs = (cpu.user + cpu.system) / 1000
      console.log(
        JSON.stringify({
          backend,
          threads,
          wall_ms: Math.round(wall),
          cpu_ms: Math.round(cpuMs),
          cores: Number((cpuMs / wall).toFixed(2)),
          scan_ms: Math.round(summary.durationMs),
          parse_ms_summed: Math.round(summary.parse.parseMs),
          files_parsed: summary.parse.files,
        }),
      )
    }
  }
}
