// drift.db through the binding: a scan persists what it found, list queries page through it,
// the state survives a restart, and the database can be backed up, exported and imported.
// Runs on both builds (DRIFT_BACKEND=native / wasm).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, existsSync, readFileSync, appendFileSync } from 'node:fs'
import { join } from 'node:path'

import { FIXTURES, assertRejectsCode, assertThrowsCode, backend, drift, tempDbConfig } from './binding.mjs'
import { scratchDir } from '../../../scripts/scratch.mjs'

const root = scratchDir('drift-storage-')
cpSync(FIXTURES, root, { recursive: true })
// The persisted parse cache is off by default; this file tests it too.
const config = `${tempDbConfig()}[parse]\npersistent_cache = true\n`
const init = () => drift.driftInitialize({ root, threads: 4, configToml: config })

/** Every row of a listing, `limit` at a time, checking each page. */
function allRows(query, filter, limit) {
  const rows = []
  let cursor
  let total
  for (;;) {
    const page = query(filter, { cursor, limit })
    assert.ok(page.items.length <= limit)
    total ??= page.total
    assert.equal(page.total, total, 'the total is the same on every page')
    rows.push(...page.items)
    if (!page.hasMore) {
      assert.equal(page.nextCursor ?? null, null)
      break
    }
    cursor = page.nextCursor
  }
  assert.equal(rows.length, total, 'the pages add up to the total')
  return rows
}

test('a scan persists exactly what it parsed, and list queries page through it', async () => {
  const started = init()
  assert.ok(started.dbPath.endsWith('drift.db'))
  const summary = await drift.nativeScan('.', { full: true })
  const status = drift.queryStatus()
  assert.equal(status.counts.files, summary.filesTotal)
  assert.equal(status.counts.functions, summary.parse.functions)
  assert.equal(status.counts.classes, summary.parse.classes)
  assert.equal(status.counts.callSites, summary.parse.callSites)
  assert.equal(status.filesParsed, summary.parse.files)
  assert.equal(status.filesPartial, summary.parse.withSyntaxErrors)
  assert.equal(status.generation, summary.generation)
  assert.ok(status.lastScanAtMs > Date.now() - 600_000)

  const functions = allRows(drift.queryFunctions, null, 45)
  assert.equal(functions.length, status.counts.functions)
  assert.equal(new Set(functions.map((row) => row.id)).size, functions.length, 'no row twice')
  const first = functions.find((row) => row.file === 'python/service.py')
  assert.ok(first, 'functions carry their file')
  for (const key of ['name', 'qualifiedName', 'parameters', 'isAsync', 'isMethod', 'startLine', 'endLine', 'language']) {
    assert.ok(key in first, `functions have ${key}`)
  }
  const python = allRows(drift.queryFunctions, { language: 'python' }, 100)
  assert.ok(python.length > 0 && python.every((row) => row.language === 'python'))
  const named = allRows(drift.queryClasses, { pathPrefix: 'java/', name: 'O' }, 100)
  assert.ok(named.every((row) => row.file.startsWith('java/') && row.name.startsWith('O')))
  for (const [query, key] of [[drift.queryClasses, 'classes'], [drift.queryImports, 'imports'], [drift.queryExports, 'exports'], [drift.queryCallSites, 'callSites']]) {
    assert.equal(allRows(query, null, 100).length, status.counts[key], key)
  }
  // Every listing's total under every combination of filters is the number of rows its pages
  // hold (the totals are counted by other statements than the pages).
  const filters = [{ language: 'python' }, { language: 'kotlin' }, { pathPrefix: 'java/' }, { name: 'O' }, { language: 'java', name: 'get' }, { pathPrefix: 'rust/', name: 'n' }, { language: 'go', pathPrefix: 'go/', name: 'N' }]
  for (const [query, key] of [[drift.queryFunctions, 'functions'], [drift.queryClasses, 'classes'], [drift.queryImports, 'imports'], [drift.queryExports, 'exports'], [drift.queryCallSites, 'callSites']]) {
    for (const filter of filters) {
      const rows = allRows(query, filter, 100).length
      assert.equal(query(filter, { limit: 1 }).total, rows, `${key} ${JSON.stringify(filter)}`)
    }
    if (key !== 'exports') assert.ok(allRows(query, { language: 'python' }, 100).length > 0, `${key} of python`)
  }
  for (const filter of [null, { language: 'rust' }, { language: 'unknown' }, { pathPrefix: 'java/' }, { language: 'go', pathPrefix: 'go/' }, { changedSince: status.generation }, { changedSince: status.generation + 1 }]) {
    const rows = allRows(drift.queryFiles, filter, 100).length
    assert.equal(drift.queryFiles(filter, { limit: 1 }).total, rows, `files ${JSON.stringify(filter)}`)
  }
  const files = allRows(drift.queryFiles, { language: 'rust' }, 100)
  const paths = files.map((file) => file.path)
  assert.deepEqual(paths, [...paths].sort(), 'files are ordered by path')
  assert.ok(files.length >= 3 && files.every((file) => file.language === 'rust' && /^[0-9a-f]{16}$/.test(file.contentHash)))

  assertThrowsCode(() => drift.queryFunctions(null, { cursor: 'not-a-cursor!' }), 'INVALID_CURSOR')
  const filesCursor = drift.queryFiles(null, { limit: 1 }).nextCursor
  assertThrowsCode(() => drift.queryFunctions(null, { cursor: filesCursor }), 'INVALID_CURSOR')
  assertThrowsCode(() => drift.queryFunctions(null, { limit: 0 }), 'INVALID_FILTER')
  assertThrowsCode(() => drift.queryFunctions(null, { limit: 101 }), 'INVALID_FILTER')
})

test('an incremental scan rewrites only changed files, and queryChangedFiles lists them', async () => {
  appendFileSync(join(root, 'python/service.py'), '\n\ndef added_by_the_test(x):\n    return x\n')
  const before = drift.queryStatus()
  const summary = await drift.nativeScan('.')
  assert.equal(summary.filesModified, 1)
  assert.equal(summary.parse.files, 1, 'only the modified file was parsed')
  const changed = drift.queryChangedFiles()
  assert.deepEqual(changed.items.map((file) => file.path), ['python/service.py'])
  assert.equal(changed.items[0].changedIn, summary.generation)
  assert.equal(drift.queryChangedFiles(before.generation).total, before.counts.files, 'since the first scan: all files')
  const status = drift.queryStatus()
  assert.equal(status.counts.functions, before.counts.functions + 1)
  assert.equal(drift.queryFunctions({ name: 'added_by_the_test' }).items[0].file, 'python/service.py')
})

test('flushScanWrites during a scan stores the same rows as a scan committed at its end', async () => {
  const rowsNow = () => ['queryFunctions', 'queryClasses', 'queryImports', 'queryExports', 'queryCallSites'].map((query) =>
    allRows(drift[query], null, 100)
      .map(({ id: _id, ...row }) => JSON.stringify(row))
      .sort(),
  )
  const files = (bump) =>
    drift
      .queryFiles(null, { limit: 100 })
      .items.filter((file) => file.language)
      .map((file) => ({ path: file.path, data: readFileSync(join(root, file.path)), mtimeMs: bump }))
  const uploaded = files(1)
  // Committed when the scan ends.
  await drift.scanFiles(uploaded, { project: 'flush-a', full: true })
  const atEnd = rowsNow()
  // Written while it runs.
  let written = 0
  let flushes = 0
  const timer = setInterval(() => {
    flushes += 1
    written += drift.flushScanWrites()
  }, 1)
  let summary
  try {
    summary = await drift.scanFiles(uploaded, { project: 'flush-b', full: true })
  } finally {
    clearInterval(timer)
  }
  assert.ok(flushes > 0)
  if (backend === 'native') assert.equal(written, 0, 'natively the writer thread stores results as they come')
  assert.ok(written <= summary.persistedRows, `${written} rows written early of ${summary.persistedRows}`)
  assert.deepEqual(rowsNow(), atEnd)
  assert.equal(drift.queryStatus().lastScanRoot, 'flush-b')
  // Back to the directory for the tests below.
  await drift.nativeScan('.', { full: true })
})

test('the stored state and the parse cache survive a restart', async () => {
  const before = drift.queryStatus()
  drift.driftShutdown()
  init()
  const after = drift.queryStatus()
  assert.deepEqual(after.counts, before.counts, 'nothing was rescanned to get these')
  const next = await drift.nativeScan('.')
  assert.equal(next.filesUnchanged, next.filesTotal, 'the stored state is the baseline')
  drift.parseFileCached('go/server.go')
  assert.equal(drift.queryParseStats().storeHits, 1, 'the scan persisted the parse; no re-parse after restart')
})

test('backupDatabase writes a file or returns bytes; importDatabase checks before it replaces', async () => {
  const stats = drift.queryStorageStats()
  assert.ok(stats.pageCount > 0 && stats.pageSize >= 512 && stats.parseCacheEntries > 0)
  const file = await drift.backupDatabase('backups/copy.db')
  assert.ok(existsSync(file.path) && file.bytes > 0)
  assert.ok(readFileSync(file.path).subarray(0, 15).toString() === 'SQLite format 3')

  const exported = await drift.backupDatabase()
  assert.ok(exported.data instanceof Uint8Array)
  assert.equal(Buffer.from(exported.data.subarray(0, 16)).toString('latin1'), 'SQLite format 3\0')
  assert.equal(exported.data.length, exported.bytes)

  const counts = drift.queryStatus().counts
  await assertRejectsCode(drift.importDatabase(new TextEncoder().encode('not a database')), 'DB_CORRUPT')
  const damaged = new Uint8Array(exported.data)
  damaged.fill(0x33, damaged.length >> 1)
  await assertRejectsCode(drift.importDatabase(damaged), 'DB_CORRUPT')
  assert.deepEqual(drift.queryStatus().counts, counts, 'a refused import changed nothing')

  // Another runtime's database, imported whole.
  drift.driftShutdown()
  const other = scratchDir('drift-other-')
  drift.driftInitialize({ root: other, threads: 2, configToml: tempDbConfig() })
  assert.equal(drift.queryStatus().counts.files, 0)
  const imported = await drift.importDatabase(exported.data)
  assert.deepEqual(imported.counts, counts)
  assert.equal(drift.queryFunctions({ name: 'added_by_the_test' }).total, 1)
  drift.driftShutdown()
})

test('a scan stores its results while it runs, without anyone polling for them', async () => {
  // Batches of 5 files: the writer thread (native) or the woken JavaScript thread (wasm) stores
  // each one as the pool parses; nothing here calls flushScanWrites.
  drift.driftInitialize({ root, threads: 2, configToml: tempDbConfig('batch_size = 5\n') })
  let storedDuring = 0
  const summary = await drift.nativeScanWithProgress('.', { full: true }, (progress) => {
    if (progress.phase !== 'complete') storedDuring = Math.max(storedDuring, drift.queryStatus().counts.functions)
  })
  assert.ok(summary.filesTotal > 100, 'enough files for a progress event before the end')
  assert.ok(storedDuring > 0, 'rows were stored before the scan ended')
  assert.equal(drift.queryStatus().counts.functions, summary.parse.functions)
  drift.driftShutdown()
})
