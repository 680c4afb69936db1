// hashBuffers / hashBuffersAsync / hashBuffersWithProgress: the same bytes through every path.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'

import { KNOWN_VECTOR, assertThrowsCode, bigBatch, drift, tempDbConfig } from './binding.mjs'

const THREADS = 4

before(() => {
  // `configToml` keeps the result independent of any drift.toml in the working directory.
  const init = drift.driftInitialize({ threads: THREADS, configToml: tempDbConfig() })
  assert.equal(init.threads, THREADS)
})

after(() => drift.driftShutdown())

async function hashWithProgress(buffers) {
  const seen = []
  const report = await drift.hashBuffersWithProgress(buffers, (progress) => seen.push(progress))
  return { report, seen }
}

test('every path matches the reference xxh3 values', async () => {
  const expected = { hashes: KNOWN_VECTOR.hashes, combined: KNOWN_VECTOR.combined, poolSize: THREADS }
  const pick = ({ hashes, combined, poolSize }) => ({ hashes, combined, poolSize })
  assert.deepEqual(pick(drift.hashBuffers(KNOWN_VECTOR.buffers())), expected)
  assert.deepEqual(pick(await drift.hashBuffersAsync(KNOWN_VECTOR.buffers())), expected)
  assert.deepEqual(pick((await hashWithProgress(KNOWN_VECTOR.buffers())).report), expected)
})

test('views, Buffers and empty batches hash their visible bytes', () => {
  const padded = new TextEncoder().encode('xabcx')
  const view = new Uint8Array(padded.buffer, 1, 3)
  const report = drift.hashBuffers([view, Buffer.from('abc')])
  assert.deepEqual(report.hashes, [KNOWN_VECTOR.hashes[2], KNOWN_VECTOR.hashes[2]])

  const empty = drift.hashBuffers([])
  assert.deepEqual(empty.hashes, [])
  assert.equal(empty.combined, KNOWN_VECTOR.hashes[0], 'xxh3 of nothing')
  assert.equal(empty.threadsUsed, 0)
})

test('sync, async and progress paths agree', async () => {
  const buffers = bigBatch(64)
  const sync = drift.hashBuffers(buffers)
  const asyncReport = await drift.hashBuffersAsync(buffers)
  const { report: withProgress } = await hashWithProgress(buffers)

  for (const report of [sync, asyncReport, withProgress]) {
    assert.equal(report.hashes.length, 64)
    assert.ok(report.hashes.every((hash) => /^[0-9a-f]{16}$/.test(hash)))
    assert.equal(new Set(report.hashes).size, 64, 'distinct inputs, distinct hashes')
    assert.equal(report.poolSize, THREADS)
    assert.ok(report.threadsUsed >= 1 && report.threadsUsed <= THREADS, `threadsUsed = ${report.threadsUsed}`)
  }
  const pick = ({ hashes, combined }) => ({ hashes, combined })
  assert.deepEqual(pick(asyncReport), pick(sync))
  assert.deepEqual(pick(withProgress), pick(sync))
})

test('the pool shares the work between several threads', async () => {
  // 1 GiB of hashing (one 1 MiB buffer, repeated): long enough for idle workers to wake and
  // steal even on a loaded machine; 64 distinct MiB can finish on one thread before they do.
  const buffers = new Array(1024).fill(new Uint8Array(1024 * 1024).fill(3))
  for (const report of [
    drift.hashBuffers(buffers),
    await drift.hashBuffersAsync(buffers),
    (await hashWithProgress(buffers)).report,
  ]) {
    assert.equal(report.poolSize, THREADS)
    assert.ok(report.threadsUsed > 1, `threadsUsed = ${report.threadsUsed}`)
    assert.equal(new Set(report.hashes).size, 1)
  }
})

test('progress is monotonic, ends at total, and arrives before the promise settles', async () => {
  const { seen } = await hashWithProgress(bigBatch(64))
  assert.ok(seen.length >= 2, `only ${seen.length} progress calls`)
  assert.ok(seen.length <= 64 / 3 + 1, `${seen.length} calls: expected about one per 5%`)
  for (const progress of seen) assert.equal(progress.total, 64)
  for (let i = 1; i < seen.length; i++) {
    assert.ok(seen[i].done > seen[i - 1].done, `done went ${seen[i - 1].done} -> ${seen[i].done}`)
  }
  assert.equal(seen.at(-1).done, 64)

  const small = await hashWithProgress([new Uint8Array(1), new Uint8Array(2)])
  assert.deepEqual(small.seen.map((p) => p.done), [1, 2])
  const none = await hashWithProgress([])
  assert.deepEqual(none.seen, [])
})

test('the async paths do not block the event loop', async () => {
  // 2 GiB of hashing (one 1 MiB buffer, repeated) takes long enough that a free event loop
  // runs a 0 ms timer first, with a wide margin even on a loaded machine.
  const buffers = new Array(2048).fill(new Uint8Array(1024 * 1024).fill(7))
  async function timerFiresWhilePending(start) {
    let settled = false
    const pending = start().finally(() => {
      settled = true
    })
    const firedWhilePending = await new Promise((resolve) => setTimeout(() => resolve(!settled), 0))
    await pending
    return firedWhilePending
  }

  assert.equal(await timerFiresWhilePending(() => drift.hashBuffersAsync(buffers)), true)
  assert.equal(await timerFiresWhilePending(() => drift.hashBuffersWithProgress(buffers, () => {})), true)
  // Control: the sync call holds the thread, so the same check sees the timer fire late.
  assert.equal(await timerFiresWhilePending(async () => drift.hashBuffers(buffers)), false)
})

test('bad arguments throw instead of crashing', async () => {
  assert.throws(() => drift.hashBuffers(['not bytes']))
  assert.throws(() => drift.hashBuffers(null))
  assert.throws(() => drift.hashBuffersWithProgress([], 'not a function'))
  // The runtime still works afterwards.
  assert.equal(drift.hashBuffers([new Uint8Array(0)]).hashes[0], KNOWN_VECTOR.hashes[0])
  assertThrowsCode(() => drift.driftInitialize({ threads: THREADS + 1 }), 'ALREADY_INITIALIZED')
})
