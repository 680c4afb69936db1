// Times nativeScan through the Node binding: `node bench/scan-node.mjs native|wasm DIR RUNS`.
// Prints one JSON line: the median of a cold scan (full, no parsing) and of a cold scan that
// parses every source file (full, parse, parse cache emptied by a fresh runtime), after a
// warm-up, and the digests, which must be equal for both backends.
import { createRequire } from 'node:module'
import { rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { scratchDir } from '../scripts/scratch.mjs'

const [backend, dir, runsArg = '5'] = process.argv.slice(2)
const require = createRequire(import.meta.url)
const drift = backend === 'wasm' ? require('../crates/drift-napi/drift.wasi.cjs') : require('../crates/drift-napi/index.js')
const threads = availableParallelism()
const runs = Number(runsArg)

/** A runtime with drift.db in a fresh temporary directory: every run starts from nothing. */
function initialize() {
  const dir = scratchDir('drift-bench-')
  drift.driftInitialize({ threads, configToml: `[storage]\ndb_path = ${JSON.stringify(join(dir, 'drift.db'))}\n` })
  return () => {
    drift.driftShutdown()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function measure(parse) {
  const times = []
  let summary
  for (let i = 0; i <= runs; i++) {
    // A fresh runtime and database per run: the parse caches start empty.
    const shutdown = initialize()
    const started = performance.now()
    summary = await drift.nativeScan(dir, { full: true, parse })
    if (i > 0) times.push(performance.now() - started)
    shutdown()
  }
  times.sort((a, b) => a - b)
  return { files: summary.filesTotal, digest: summary.digest, parsed: summary.parse?.files ?? 0, functions: summary.parse?.functions ?? 0, median_ms: times[Math.floor(times.length / 2)], runs_ms: times }
}

/** parseFile on a 1,000-line TypeScript file, as an editor calls it on each change. */
function measureParseFile() {
  const lines = []
  for (let i = 0; i < 100; i++) {
    lines.push(
      `export class Service${i} extends Base implements Api {`,
      `  private readonly items: Map<string, number> = new Map()`,
      `  async load(id: string, retries = 3): Promise<number | undefined> {`,
      `    try { return await this.client.fetch(\`/items/\${id}\`, { retries }) }`,
      `    catch (error) { log.warn('load failed', id, error); throw error }`,
      `  }`,
      `  total(): number { return [...this.items.values()].reduce((a, b) => a + b, ${i}) }`,
      `}`,
      `export const helper${i} = (value: number): string => format(value * ${i})`,
      ``,
    )
  }
  const source = lines.join('\n')
  const shutdown = initialize()
  const times = []
  for (let i = 0; i <= 30; i++) {
    // A different comment each time: the parse cache must not answer.
    const text = `${source}\n// edit ${i}\n`
    const started = performance.now()
    const result = drift.parseFile('editor.ts', text)
    if (i > 0) times.push(performance.now() - started)
    if (result.functions.length !== 300) throw new Error(`expected 300 functions, got ${result.functions.length}`)
  }
  shutdown()
  times.sort((a, b) => a - b)
  return { lines: lines.length + 2, median_ms: times[Math.floor(times.length / 2)] }
}

const scan = await measure(false)
const scanAndParse = await measure(true)
const parseFile = measureParseFile()
console.log(JSON.stringify({ backend, threads, scan, scan_and_parse: scanAndParse, parse_file: parseFile }))
