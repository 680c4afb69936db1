// Page settings read from the URL: pure functions, so they are trivial to test and to share.

/**
 * The engine's thread count: `?threads=N` when N is an integer, else one per core but at least
 * two (a pool of one cannot show parallel hashing). An integer out of range is passed on as it
 * is: the engine, not the page, decides what it accepts, and reports `[INVALID_ARGUMENT]`.
 */
export function engineThreads(search: string, hardwareConcurrency: number): number {
  const requested = new URLSearchParams(search).get('threads')
  if (requested !== null && /^-?\d+$/.test(requested.trim())) return Number(requested)
  return Math.max(2, hardwareConcurrency)
}

/**
 * `?archiveMaxBytes=N`, `?archiveMaxEntries=N`, `?archiveMaxRatio=N`: raise (or, in tests,
 * lower) the limits an uploaded .zip is held to. Only positive integers count.
 */
export function archiveLimits(search: string): { maxBytes?: number; maxEntries?: number; maxRatio?: number } {
  const params = new URLSearchParams(search)
  const read = (name: string) => {
    const value = params.get(name)
    return value !== null && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined
  }
  return { maxBytes: read('archiveMaxBytes'), maxEntries: read('archiveMaxEntries'), maxRatio: read('archiveMaxRatio') }
}

/**
 * `?crashAfterBytes=N`: fault injection for the persistence tests, which stop writing drift.db
 * part way, as a closed page would, to check that a reload opens the last committed state.
 */
export function crashAfterBytes(search: string): number | undefined {
  const value = new URLSearchParams(search).get('crashAfterBytes')
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined
}

/**
 * `?detection=off`: scans without the detection packs (what the benchmark compares detection's
 * cost against). Anything else keeps them on.
 */
export function detectionEnabled(search: string): boolean {
  return new URLSearchParams(search).get('detection') !== 'off'
}

/**
 * `?security=off`: scans without the security analyses (secrets, data boundaries, taint). With
 * `?detection=off` too, the page runs what the native core-scan benchmark runs: scan, parse,
 * store. Anything else keeps them on.
 */
export function securityEnabled(search: string): boolean {
  return new URLSearchParams(search).get('security') !== 'off'
}

/**
 * `?log=FILTER`: the engine's log filter (`log.filter`, `RUST_LOG` syntax, e.g.
 * `drift_engine=debug`); its lines go to the worker's console. Absent: the engine's default.
 */
export function logFilter(search: string): string | undefined {
  const value = new URLSearchParams(search).get('log')?.trim()
  return value ? value : undefined
}

/** Where the directories a user brought back into scans are kept (per browser, all projects). */
export const INCLUDED_DIRS_KEY = 'drift.includedDirs'

/** The directories the user included, from `storage` (an empty list when absent or unreadable). */
export function includedDirs(storage: Pick<Storage, 'getItem'>): string[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(INCLUDED_DIRS_KEY) ?? '[]')
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
  } catch {
    return []
  }
}

/** `dirs` with `path` added once, sorted: what `includedDirs` will read back. */
export function withIncluded(dirs: string[], path: string): string[] {
  return [...new Set([...dirs, path])].sort()
}

/** The `scan.extra_ignore` patterns that bring `dirs` back (`!dir/`, anchored at the root). */
export function includePatterns(dirs: string[]): string[] {
  return dirs.map((dir) => `!/${dir.replace(/^\/+|\/+$/g, '')}/`)
}
