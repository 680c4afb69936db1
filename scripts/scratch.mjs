// Temporary directories for tests and benchmarks, removed when the process exits (also after a
// failed assertion or an uncaught error). `node --test` runs each file in a process of its own,
// so a file's directories live until its last test has run.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made = []

process.once('exit', () => {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 })
    } catch {
      // A directory that cannot be removed is left to the system's cleaning of its tmpdir:
      // a test's outcome never depends on it.
    }
  }
})

/** A new empty directory in the system's tmpdir, named `prefix` + a random suffix. */
export function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
