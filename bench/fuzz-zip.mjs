// The page's .zip reader under fuzzing, for a fixed time (never part of CI):
// `node bench/fuzz-zip.mjs [SECONDS] [SEED]` (run by `bash bench/fuzz.sh` after the Rust targets).
//
// `web/src/worker/archive.ts` is compiled as it is (TypeScript's transpiler, no bundling) and
// fed archives built from the repository's fixtures, bombs, deep and many-entry trees, and
// mutations of all of them (bit flips, truncations, splices, forged sizes and names). Every
// input must end within the time budget either with files and coded skips inside the limits,
// or with an error whose message starts with a `[CODE]`. Anything else (an uncoded exception,
// a file over the limit, a slow input) is a finding: its input is kept in
// target/bench/fuzz-zip-crashes/ and the run fails. target/bench/fuzz-zip.json has the counts.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { strToU8, zipSync } from 'fflate'

const repo = fileURLToPath(new URL('..', import.meta.url))
const seconds = Number(process.argv[2] ?? 120)
let seed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31)) >>> 0 || 1
const out = join(repo, 'target', 'bench')
const crashes = join(out, 'fuzz-zip-crashes')
mkdirSync(crashes, { recursive: true })

// The module under test, compiled to a temporary .mjs beside a copy of its one type import.
const source = readFileSync(join(repo, 'web/src/worker/archive.ts'), 'utf8')
const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
// fflate resolves from the repository's node_modules.
const modulePath = join(repo, 'target', 'bench', 'archive.fuzz.mjs')
writeFileSync(modulePath, compiled)
const { extractArchive } = await import(pathToFileURL(modulePath).href)

const LIMITS = { maxBytes: 4 * 1024 * 1024, maxEntries: 2_000, maxRatio: 200 }
const MAX_FILE = 1024 * 1024
const BUDGET_MS = 2_000

/** xorshift32: the run is repeatable from its seed. */
function random() {
  seed ^= seed << 13
  seed ^= seed >>> 17
  seed ^= seed << 5
  seed >>>= 0
  return seed / 2 ** 32
}
const below = (n) => Math.floor(random() * n)
const pick = (items) => items[below(items.length)]

function fixtureFiles() {
  const root = join(repo, 'test-fixtures')
  const files = []
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (statSync(path).size < 64 * 1024) files.push([relative(root, path), readFileSync(path)])
    }
  }
  walk(root)
  return files
}
const FIXTURES = fixtureFiles()

/** A fresh archive of one of several shapes. */
function seedArchive() {
  const shape = below(6)
  const entries = {}
  if (shape === 0) {
    const count = 1 + below(20)
    for (let i = 0; i < count; i++) {
      const [path, data] = pick(FIXTURES)
      entries[`repo/${path}`] = data
    }
  } else if (shape === 1) {
    // A bomb: a long run of one byte.
    entries['repo/bomb.ts'] = new Uint8Array(256 * 1024 + below(4 * 1024 * 1024)).fill(32)
    entries['repo/real.ts'] = strToU8('export function real() { return 1 }\n')
  } else if (shape === 2) {
    const count = 100 + below(4_000)
    for (let i = 0; i < count; i++) entries[`repo/many/${i}.js`] = strToU8(`export const v${i} = ${i}\n`)
  } else if (shape === 3) {
    entries[`${'deep/'.repeat(1 + below(300))}leaf.py`] = strToU8('def leaf():\n    return 1\n')
  } else if (shape === 4) {
    for (const name of ['../escape.ts', '/etc/passwd', 'a/../../b.ts', 'C:\\win.ts', 'ok/\u0000nul.ts', 'ok/é.ts', 'dir/']) {
      entries[name] = name.endsWith('/') ? new Uint8Array(0) : strToU8(`// ${name}\n`)
    }
  } else {
    // Incompressible files: one over the file limit, or several under it that together pass
    // the archive's limit.
    const sizes = random() < 0.5 ? [MAX_FILE + below(MAX_FILE)] : Array.from({ length: 3 + below(4) }, () => MAX_FILE - 1 - below(64 * 1024))
    sizes.forEach((size, at) => {
      const noise = new Uint8Array(size)
      for (let i = 0; i < noise.length; i++) noise[i] = below(256)
      entries[`repo/noise-${at}.bin`] = noise
    })
  }
  const level = pick([0, 1, 6, 9])
  try {
    return zipSync(entries, { level })
  } catch {
    return zipSync({ 'repo/a.ts': strToU8('export const a = 1\n') }, { level })
  }
}

/** One mutation of `data`. */
function mutate(data) {
  const bytes = new Uint8Array(data)
  const kind = below(7)
  if (bytes.length === 0) return bytes
  if (kind === 0) {
    for (let i = 0; i < 1 + below(16); i++) bytes[below(bytes.length)] ^= 1 << below(8)
    return bytes
  }
  if (kind === 1) return bytes.subarray(0, below(bytes.length))
  if (kind === 2) {
    // A size or count field forged: 4 bytes at a header-like offset set to an extreme.
    const at = below(Math.max(1, bytes.length - 4))
    const value = pick([0, 1, 0x7fffffff, 0xffffffff, 0xffff])
    bytes[at] = value & 0xff
    bytes[at + 1] = (value >>> 8) & 0xff
    bytes[at + 2] = (value >>> 16) & 0xff
    bytes[at + 3] = (value >>> 24) & 0xff
    return bytes
  }
  if (kind === 3) {
    const start = below(bytes.length)
    const copy = bytes.subarray(start, start + below(4096))
    const out = new Uint8Array(bytes.length + copy.length)
    const at = below(bytes.length)
    out.set(bytes.subarray(0, at))
    out.set(copy, at)
    out.set(bytes.subarray(at), at + copy.length)
    return out
  }
  if (kind === 4) {
    // Every local header signature kept, the bytes between them scrambled a little.
    for (let i = 0; i + 4 < bytes.length; i += 1 + below(512)) bytes[i] = below(256)
    return bytes
  }
  if (kind === 5) return new Uint8Array(below(2048)).map(() => below(256))
  // Two archives glued together.
  const other = seedArchive()
  const out = new Uint8Array(bytes.length + other.length)
  out.set(bytes)
  out.set(other, bytes.length)
  return out
}

const counts = { inputs: 0, accepted: 0, refused: {}, skipped: {}, findings: 0 }
let slowest = { ms: 0, size: 0 }

function finding(why, input) {
  counts.findings += 1
  const file = join(crashes, `finding-${counts.findings}.zip`)
  writeFileSync(file, input)
  console.error(`finding: ${why} (input kept in ${file})`)
}

const started = performance.now()
let corpus = [seedArchive()]
while ((performance.now() - started) / 1000 < seconds) {
  const base = random() < 0.2 || corpus.length === 0 ? seedArchive() : pick(corpus)
  const input = random() < 0.1 ? base : mutate(base)
  counts.inputs += 1
  const began = performance.now()
  let result
  try {
    result = extractArchive(input, 'fuzz.zip', MAX_FILE, LIMITS)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const code = /^\[([A-Z_]+)\] /.exec(message)?.[1]
    if (!code) finding(`uncoded ${error?.constructor?.name ?? typeof error}: ${message}`, input)
    else counts.refused[code] = (counts.refused[code] ?? 0) + 1
  }
  const ms = performance.now() - began
  if (ms > slowest.ms) slowest = { ms, size: input.length }
  if (ms > BUDGET_MS) finding(`${ms.toFixed(0)} ms for ${input.length} bytes`, input)
  if (result) {
    counts.accepted += 1
    const total = result.files.reduce((sum, file) => sum + file.data.length, 0)
    if (total > LIMITS.maxBytes) finding(`${total} bytes kept, over the limit`, input)
    if (result.files.some((file) => file.data.length > MAX_FILE)) finding('a file over the size limit kept', input)
    for (const skip of result.skipped) {
      if (!/^[A-Z_]+$/.test(skip.code)) finding(`a skip without a code: ${JSON.stringify(skip)}`, input)
      counts.skipped[skip.code] = (counts.skipped[skip.code] ?? 0) + 1
    }
    if (result.files.length > 0 && corpus.length < 64) corpus.push(input)
  }
  if (corpus.length > 64) corpus = corpus.slice(-64)
}

const report = { seconds, seed: Number(process.argv[3] ?? 0) || 'random', ...counts, slowest_ms: Math.round(slowest.ms), slowest_bytes: slowest.size }
writeFileSync(join(out, 'fuzz-zip.json'), `${JSON.stringify(report, null, 2)}\n`)
console.log(JSON.stringify(report))
process.exit(counts.findings > 0 ? 1 : 0)
