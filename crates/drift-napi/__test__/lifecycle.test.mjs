// driftVersion / driftInitialize / driftConfigure / driftShutdown, in lifecycle order. Each
// test file runs in its own process, so this one owns the runtime's whole life.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'

import { assertRejectsCode, assertThrowsCode, backend, cargoVersion, drift } from './binding.mjs'
import { scratchDir } from '../../../scripts/scratch.mjs'

// A fresh root per run: the runtime creates its drift.db under it.
const root = scratchDir('drift-napi-lifecycle-')
const options = { root, threads: 2, configToml: '[scan]\nmax_file_size = 4096\n' }

test('driftVersion is the Cargo workspace version', () => {
  assert.equal(drift.driftVersion(), cargoVersion())
})

test('calls before driftInitialize fail with RUNTIME_NOT_INITIALIZED', async () => {
  assertThrowsCode(() => drift.driftConfigure(''), 'RUNTIME_NOT_INITIALIZED')
  assertThrowsCode(() => drift.hashBuffers([]), 'RUNTIME_NOT_INITIALIZED')
  assertThrowsCode(() => drift.driftShutdown(), 'RUNTIME_NOT_INITIALIZED')
  await assertRejectsCode(drift.hashBuffersAsync([]), 'RUNTIME_NOT_INITIALIZED')
  await assertRejectsCode(drift.hashBuffersWithProgress([], () => {}), 'RUNTIME_NOT_INITIALIZED')
})

test('a failed driftInitialize leaves the runtime uninitialized', () => {
  assertThrowsCode(() => drift.driftInitialize({ ...options, configToml: '[scan\n' }), 'CONFIG_ERROR')
  assertThrowsCode(() => drift.driftInitialize({ ...options, configToml: '[scan]\nmax_file_size = "big"\n' }), 'CONFIG_INVALID')
  assertThrowsCode(() => drift.driftInitialize({ ...options, threads: 0 }), 'INVALID_ARGUMENT')
  assertThrowsCode(() => drift.driftInitialize({ ...options, configToml: '[storage]\ndb_path = ".."\n' }), 'STORAGE_ERROR')
  assertThrowsCode(() => drift.driftConfigure(''), 'RUNTIME_NOT_INITIALIZED')
})

test('driftInitialize starts the runtime once and is idempotent', () => {
  const first = drift.driftInitialize(options)
  assert.deepEqual(first, {
    version: cargoVersion(),
    backend,
    root,
    dbPath: join(root, '.drift', 'drift.db'),
    threads: 2,
    alreadyInitialized: false,
    warnings: [],
  })
  // No options, or the same ones: the same runtime.
  assert.deepEqual(drift.driftInitialize(), { ...first, alreadyInitialized: true })
  assert.deepEqual(drift.driftInitialize(options), { ...first, alreadyInitialized: true })
  assert.deepEqual(drift.driftInitialize({ threads: 2 }), { ...first, alreadyInitialized: true })
  // Asking for something else cannot be honoured without a restart.
  assertThrowsCode(() => drift.driftInitialize({ threads: 3 }), 'ALREADY_INITIALIZED')
  assertThrowsCode(() => drift.driftInitialize({ root: join(root, 'other') }), 'ALREADY_INITIALIZED')
  assertThrowsCode(() => drift.driftInitialize({ configToml: '' }), 'ALREADY_INITIALIZED')
  // The pool was not rebuilt.
  assert.equal(drift.hashBuffers([new Uint8Array(1)]).poolSize, 2)
})

test('driftMemory reports the wasm memory, the heap in use and the carved chunks (null natively)', () => {
  const memory = drift.driftMemory()
  if (backend === 'wasm') {
    // Parsing allocates: the heap in use is more than nothing and never more than the memory.
    drift.parseFile('memory.ts', 'export function f(a: number) { return g(a) }\n'.repeat(200))
    const after = drift.driftMemory()
    assert.ok(after.wasmBytes >= memory.wasmBytes && after.wasmBytes % 65536 === 0)
    assert.ok(after.heapInUseBytes > 0 && after.heapInUseBytes <= after.wasmBytes, JSON.stringify(after))
    assert.ok(after.carvedBytes > 0 && after.carvedBytes <= after.heapInUseBytes, JSON.stringify(after))
  } else {
    assert.equal(memory.wasmBytes ?? null, null)
    assert.equal(memory.heapInUseBytes ?? null, null)
    assert.equal(memory.carvedBytes ?? null, null)
  }
})

test('driftConfigure applies valid overrides and rejects invalid ones unchanged', () => {
  const config = () => JSON.parse(drift.driftConfigure('').configJson)
  assert.equal(config().scan.max_file_size, 4096, 'configToml from driftInitialize is in effect')

  const toml = drift.driftConfigure('[scan]\nmax_file_size = 2048\nincremental = false\n')
  assert.deepEqual(toml.warnings, [])
  assert.equal(JSON.parse(toml.configJson).scan.max_file_size, 2048)
  assert.equal(JSON.parse(toml.configJson).scan.incremental, false)

  const json = drift.driftConfigure('{"scan": {"maxFileSize": 8192}}')
  assert.equal(JSON.parse(json.configJson).scan.max_file_size, 8192)

  const unknown = drift.driftConfigure('[scan]\nno_such_key = 1\n')
  assert.equal(unknown.warnings.length, 1)
  assert.match(unknown.warnings[0], /no_such_key/)

  assertThrowsCode(() => drift.driftConfigure('[scan\nmax_file_size = 1'), 'CONFIG_ERROR')
  assertThrowsCode(() => drift.driftConfigure('{"scan": '), 'CONFIG_ERROR')
  assertThrowsCode(() => drift.driftConfigure('[scan]\nmax_file_size = "big"\n'), 'CONFIG_INVALID')
  // All or nothing: the valid key next to the invalid one was not applied either.
  assertThrowsCode(() => drift.driftConfigure('[scan]\nincremental = true\nmax_file_size = -1\n'), 'CONFIG_INVALID')
  assert.equal(config().scan.max_file_size, 8192)
  assert.equal(config().scan.incremental, false)
})

test('driftShutdown cancels work in flight with CANCELLED', async () => {
  // 8 GiB of hashing (one 1 MiB buffer, repeated); shutting down from the first progress
  // call (at 5%) leaves plenty of buffers for the cancellation to skip.
  const buffers = new Array(8192).fill(new Uint8Array(1024 * 1024))
  const seen = []
  const pending = drift.hashBuffersWithProgress(buffers, (progress) => {
    if (seen.push(progress.done) === 1) drift.driftShutdown()
  })
  await assertRejectsCode(pending, 'CANCELLED')
  assert.ok(seen.at(-1) < buffers.length, `progress reached ${seen.at(-1)}`)
})

test('calls after driftShutdown fail with ALREADY_SHUT_DOWN', async () => {
  assertThrowsCode(() => drift.driftShutdown(), 'ALREADY_SHUT_DOWN')
  assertThrowsCode(() => drift.driftConfigure(''), 'ALREADY_SHUT_DOWN')
  assertThrowsCode(() => drift.hashBuffers([new Uint8Array(1)]), 'ALREADY_SHUT_DOWN')
  await assertRejectsCode(drift.hashBuffersAsync([new Uint8Array(1)]), 'ALREADY_SHUT_DOWN')
  await assertRejectsCode(drift.hashBuffersWithProgress([new Uint8Array(1)], () => {}), 'ALREADY_SHUT_DOWN')
  assert.equal(drift.driftVersion(), cargoVersion(), 'driftVersion needs no runtime')
})

test('driftInitialize after driftShutdown starts a new runtime', () => {
  const again = drift.driftInitialize({ ...options, threads: 3 })
  assert.equal(again.alreadyInitialized, false)
  assert.equal(again.threads, 3)
  assert.equal(drift.hashBuffers([new Uint8Array(1)]).poolSize, 3)
  drift.driftShutdown()
})
