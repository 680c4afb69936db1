// One drift.db, both builds: a database written by the native addon opens in the wasm build
// (the fallback package on the same project) and the other way round, with the same rows.
// Runs in the wasm pass of the suite, when both builds exist; the native pass skips it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'

import { FIXTURES, backend } from './binding.mjs'
import { scratchDir } from '../../../scripts/scratch.mjs'

const require = createRequire(import.meta.url)

/** Initializes `binding` on the fixtures with drift.db at `db`, runs `work`, shuts down. */
async function withRuntime(binding, db, work) {
  binding.driftInitialize({ root: FIXTURES, threads: 2, configToml: `[storage]\ndb_path = ${JSON.stringify(db)}\n` })
  try {
    return await work(binding)
  } finally {
    binding.driftShutdown()
  }
}

const functionNames = (binding) => {
  const names = []
  let cursor
  do {
    const page = binding.queryFunctions(null, { cursor, limit: 100 })
    names.push(...page.items.map((row) => `${row.file}:${row.qualifiedName}:${row.startLine}`))
    cursor = page.nextCursor
  } while (cursor)
  return names.sort()
}

test('a drift.db written by one build is read and updated by the other', { skip: backend !== 'wasm' && 'runs in the wasm pass, which has both builds' }, async () => {
  const native = require('../index.js')
  const wasm = require('../drift.wasi.cjs')
  const db = join(scratchDir('drift-interop-'), 'drift.db')

  const written = await withRuntime(native, db, async (drift) => {
    const summary = await drift.nativeScan('.', { full: true })
    return { counts: drift.queryStatus().counts, names: functionNames(drift), files: summary.filesTotal }
  })
  const readByWasm = await withRuntime(wasm, db, async (drift) => {
    const next = await drift.nativeScan('.')
    assert.equal(next.filesUnchanged, written.files, 'the native state is the wasm scan baseline')
    return { counts: drift.queryStatus().counts, names: functionNames(drift), journal: drift.queryStorageStats().journalMode }
  })
  assert.deepEqual(readByWasm.counts, written.counts)
  assert.deepEqual(readByWasm.names, written.names)
  assert.equal(readByWasm.journal, 'truncate', 'the wasm build holds the file with a rollback journal')

  const backNative = await withRuntime(native, db, async (drift) => ({
    counts: drift.queryStatus().counts,
    journal: drift.queryStorageStats().journalMode,
  }))
  assert.deepEqual(backNative.counts, written.counts)
  assert.equal(backNative.journal, 'wal', 'natively the file is switched back to WAL')
})
