// The native addon, for comparing what the browser computes with what Node computes.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { scratchDir } from '../../scripts/scratch.mjs'

const require = createRequire(import.meta.url)

/** The native binding (crates/drift-napi/index.js), checked to be the native addon. */
export function nativeBinding() {
  const drift = require('../../crates/drift-napi/index.js')
  assert.equal(drift.__napiBindingTarget, 'native', 'crates/drift-napi/index.js did not load the native addon')
  return drift
}

/** `configToml` with drift.db in a fresh temporary directory (returned as `dbPath` too). */
export function tempDbConfig(dbPath = join(scratchDir('drift-e2e-'), 'drift.db')) {
  return `[storage]\ndb_path = ${JSON.stringify(dbPath)}\n`
}
