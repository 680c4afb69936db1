// Records what this backend computes to `target/node-results-<backend>.json`, and, when the
// other backend has recorded its results too, checks that both agree (same bytes, same hashes,
// same errors, same secrets). Run the suite with DRIFT_BACKEND=native and DRIFT_BACKEND=wasm;
// whichever run comes second does the comparison.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { FIXTURES, KNOWN_VECTOR, backend, codeOf, drift, filesOf, tempDbConfig } from './binding.mjs'

const targetDir = new URL('../../../target/', import.meta.url)
const resultsFile = (name) => new URL(`node-results-${name}.json`, targetDir)
const BACKENDS = ['native', 'wasm']

function errorOf(fn) {
  try {
    fn()
  } catch (error) {
    return { code: codeOf(error), message: error.message }
  }
  return null
}

/** 64 distinct buffers of 64 KiB with a byte pattern that differs per buffer. */
function patternBatch() {
  return Array.from({ length: 64 }, (_, i) => Uint8Array.from({ length: 64 * 1024 }, (_, j) => (j * 31 + i * 7) & 0xff))
}

/**
 * What the disk scan stored: counts, and every row of every listing without its row id (ids
 * follow the order parallel workers finished in), sorted.
 */
function storedRows() {
  const { counts, filesParsed, filesPartial, schemaVersion } = drift.queryStatus()
  const listings = { functions: drift.queryFunctions, classes: drift.queryClasses, imports: drift.queryImports, exports: drift.queryExports, callSites: drift.queryCallSites }
  const rows = {}
  for (const [name, query] of Object.entries(listings)) {
    const all = []
    let cursor
    do {
      const page = query(null, { cursor, limit: 100 })
      all.push(...page.items.map(({ id: _id, ...row }) => JSON.stringify(row)))
      cursor = page.nextCursor
    } while (cursor)
    rows[name] = all.sort()
  }
  return { counts, filesParsed, filesPartial, schemaVersion, rows }
}

async function collect() {
  drift.driftInitialize({ threads: 4, configToml: tempDbConfig() })
  const known = drift.hashBuffers(KNOWN_VECTOR.buffers())
  const pattern = await drift.hashBuffersAsync(patternBatch())
  const progress = []
  const withProgress = await drift.hashBuffersWithProgress(patternBatch(), (p) => progress.push(p))
  const diskScan = await drift.nativeScan(FIXTURES, { full: true, includeEntries: true })
  const stored = storedRows()
  // The call graph of every fixture: counts, and both sides of every function's edges.
  const graphStats = drift.buildCallGraph()
  const functions = stored.rows.functions.map((row) => JSON.parse(row)).filter((row) => row.file.startsWith('callgraph/'))
  const graph = { stats: graphStats, edges: {} }
  for (const row of functions) {
    const id = `${row.file}:${row.qualifiedName}`
    try {
      graph.edges[id] = { callers: drift.queryCallers(id), callees: drift.queryCallees(id) }
    } catch (error) {
      graph.edges[id] = { error: codeOf(error) }
    }
  }
  // The secrets the disk scan stored, and those found in each fixture's text directly.
  const secretRows = []
  let secretCursor
  do {
    const page = drift.querySecrets({ all: true }, { cursor: secretCursor, limit: 100 })
    secretRows.push(...page.items)
    secretCursor = page.nextCursor
  } while (secretCursor)
  const secretsInText = {}
  for (const { path, data } of filesOf(FIXTURES)) {
    const found = drift.findSecretsInText(path, new TextDecoder().decode(data))
    if (found.length > 0) secretsInText[path] = found
  }
  const secrets = { summary: drift.detectSecrets(), stored: secretRows, inText: secretsInText }
  const memoryScan = await drift.scanFiles(filesOf(FIXTURES), { full: true, includeEntries: true })
  const scanOf = ({ stats, durationMs, persistWaitMs, parse, ...summary }) => {
    const { parseMs, ...parsed } = parse ?? {}
    return { ...summary, parse: parsed, filesRead: stats.filesRead, bytes: stats.bytes }
  }
  // Every fixture through parseFile: results, or the error for files that cannot be parsed.
  const parses = {}
  for (const { path, data } of filesOf(FIXTURES)) {
    try {
      parses[path] = drift.parseFile(path, data)
    } catch (error) {
      parses[path] = { error: error.message }
    }
  }
  const results = {
    version: drift.driftVersion(),
    scans: { disk: scanOf(diskScan), memory: scanOf(memoryScan) },
    stored,
    graph,
    secrets,
    parses,
    known: { hashes: known.hashes, combined: known.combined, poolSize: known.poolSize },
    pattern: { hashes: pattern.hashes, combined: pattern.combined },
    withProgress: { combined: withProgress.combined, last: progress.at(-1) },
    errors: {
      configSyntax: errorOf(() => drift.driftConfigure('[scan\n')),
      configValue: errorOf(() => drift.driftConfigure('[scan]\nmax_file_size = "big"\n')),
      threads: errorOf(() => drift.driftInitialize({ threads: 5 })),
    },
  }
  drift.driftShutdown()
  results.errors.afterShutdown = errorOf(() => drift.hashBuffers([]))
  return results
}

test(`record ${backend} results`, async () => {
  const results = await collect()
  assert.equal(results.known.combined, KNOWN_VECTOR.combined)
  mkdirSync(targetDir, { recursive: true })
  writeFileSync(resultsFile(backend), `${JSON.stringify({ backend, ...results }, null, 2)}\n`)
})

test('native and wasm results agree', (t) => {
  const files = BACKENDS.map(resultsFile)
  const missing = files.filter((file) => !existsSync(file))
  if (missing.length > 0) {
    t.skip(`run the suite with the other backend first; missing ${missing.map((f) => fileURLToPath(f)).join(', ')}`)
    return
  }
  const [native, wasm] = files.map((file) => {
    const { backend: _, ...results } = JSON.parse(readFileSync(file, 'utf8'))
    return results
  })
  assert.deepEqual(wasm, native)
})
