// Loads the binding under test. `DRIFT_BACKEND=native` (default) goes through the generated
// loader `index.js`, like a user would; `DRIFT_BACKEND=wasm` loads the wasm32-wasip1-threads
// build directly. The same test files run against both.
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'
import { scratchDir } from '../../../scripts/scratch.mjs'

const require = createRequire(import.meta.url)

export const backend = process.env.DRIFT_BACKEND ?? 'native'

function load() {
  switch (backend) {
    case 'native': {
      if (process.env.NAPI_RS_FORCE_WASI) {
        throw new Error('DRIFT_BACKEND=native with NAPI_RS_FORCE_WASI set: unset one of them')
      }
      const binding = require('../index.js')
      assert.equal(binding.__napiBindingTarget, 'native', 'index.js did not load the native addon')
      return binding
    }
    case 'wasm':
      return require('../drift.wasi.cjs')
    default:
      throw new Error(`DRIFT_BACKEND must be "native" or "wasm", got "${backend}"`)
  }
}

export const drift = load()

/** The version in the workspace Cargo.toml (`[workspace.package] version`). */
export function cargoVersion() {
  const manifest = readFileSync(new URL('../../../Cargo.toml', import.meta.url), 'utf8')
  const section = manifest.slice(manifest.indexOf('[workspace.package]'))
  return /^version\s*=\s*"([^"]+)"/m.exec(section)[1]
}

/** The `[CODE]` of a Drift error, as the TypeScript client parses it. */
export function codeOf(error) {
  const match = /^\[([A-Z_]+)\]\s*(.+)$/.exec(error?.message ?? '')
  return match ? match[1] : undefined
}

/** Asserts that `fn()` throws a Drift error with `code`. */
export function assertThrowsCode(fn, code) {
  assert.throws(fn, (error) => {
    assert.equal(codeOf(error), code, `expected [${code}], got: ${error?.message}`)
    return true
  })
}

/** Every item of a paged query (`query(filter, page)`), a page of 100 at a time. */
export function everyPage(query, filter) {
  const items = []
  let cursor
  do {
    const page = query(filter, { cursor, limit: 100 })
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

/**
 * Writes this backend's `results` to `target/<name>-<backend>.json` and, in the wasm run once
 * the native run recorded its own, checks both are equal (the native run skips `t`).
 */
export function compareWithOtherBackend(t, name, results) {
  const target = fileURLToPath(new URL('../../../target/', import.meta.url))
  mkdirSync(target, { recursive: true })
  writeFileSync(join(target, `${name}-${backend}.json`), `${JSON.stringify(results, null, 1)}\n`)
  const other = join(target, `${name}-${backend === 'wasm' ? 'native' : 'wasm'}.json`)
  if (backend === 'native' || !existsSync(other)) {
    t.skip('compared in the wasm run, after the native run recorded its results')
    return
  }
  assert.deepEqual(results, JSON.parse(readFileSync(other, 'utf8')))
}

/** Asserts that `promise` rejects with a Drift error with `code`. */
export async function assertRejectsCode(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.equal(codeOf(error), code, `expected [${code}], got: ${error?.message}`)
    return true
  })
}

/**
 * Inputs whose xxh3-64 hashes were computed independently with the reference C implementation
 * (`XXH3_64bits`, libxxhash 0.8.1); drift-analysis's Rust tests check the same vector.
 */
export const KNOWN_VECTOR = {
  buffers: () => [
    new Uint8Array(0),
    new TextEncoder().encode('a'),
    new TextEncoder().encode('abc'),
    Uint8Array.from({ length: 256 }, (_, i) => i),
    new TextEncoder().encode('drift'.repeat(1000)),
  ],
  hashes: ['2d06800538d394c2', 'e6c632b61e964e1f', '78af5f94892f3950', '9408a4433b952d71', '41b7228f5c64fe45'],
  combined: '2cc686a80de9c144',
}

/** `count` buffers of `size` bytes, each filled with a distinct byte. */
export function bigBatch(count = 64, size = 1024 * 1024) {
  return Array.from({ length: count }, (_, i) => new Uint8Array(size).fill(i))
}

/** The repository's test fixtures. */
export const FIXTURES = fileURLToPath(new URL('../../../test-fixtures/', import.meta.url))

/** Every file under `root` as scanFiles input, the way the browser hands over a folder. */
/**
 * A file's modification time in whole milliseconds, rounded down as the scanner rounds a disk
 * file's nanoseconds. (`stat.mtimeMs` is a double: nanoseconds just below a millisecond round
 * up in it, and the two would then disagree by one.)
 */
function mtimeMsOf(path) {
  return Number(statSync(path, { bigint: true }).mtimeNs / 1_000_000n)
}

export function filesOf(root) {
  const files = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) {
        files.push({ path: relative(root, full).split(sep).join('/'), data: new Uint8Array(readFileSync(full)), mtimeMs: mtimeMsOf(full) })
      }
    }
  }
  walk(root)
  return files
}


/**
 * `configToml` that puts drift.db in a fresh temporary directory, so tests never write a
 * `.drift` folder into the repository. `extra` is appended as more TOML.
 */
export function tempDbConfig(extra = '') {
  const dir = scratchDir('drift-db-')
  return `[storage]\ndb_path = ${JSON.stringify(join(dir, 'drift.db'))}\n${extra}`
}
