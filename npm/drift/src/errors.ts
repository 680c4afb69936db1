// DriftError: every failure of the engine arrives as `[CODE] message`; the client turns it into
// an error whose `code` can be switched on.

/** Every code of the engine's registry (`drift-core`'s `errors::codes`), in registry order. */
export const DRIFT_ERROR_CODES = [
  'INIT_ERROR',
  'ALREADY_INITIALIZED',
  'RUNTIME_NOT_INITIALIZED',
  'ALREADY_SHUT_DOWN',
  'CONFIG_ERROR',
  'CONFIG_INVALID',
  'SCAN_ERROR',
  'SCAN_CANCELLED',
  'FILE_TOO_LARGE',
  'PERMISSION_DENIED',
  'PARSE_ERROR',
  'UNSUPPORTED_LANGUAGE',
  'QUERY_COMPILATION',
  'PARSE_TIMEOUT',
  'ARCHIVE_TOO_LARGE',
  'ARCHIVE_RATIO',
  'ARCHIVE_TOO_MANY_ENTRIES',
  'STORAGE_ERROR',
  'DB_BUSY',
  'DB_CORRUPT',
  'DB_DISK_FULL',
  'MIGRATION_FAILED',
  'LOCK_POISONED',
  'ANALYSIS_ERROR',
  'CALL_GRAPH_ERROR',
  'CALL_GRAPH_NOT_BUILT',
  'FUNCTION_NOT_FOUND',
  'AMBIGUOUS_FUNCTION',
  'DETECTION_ERROR',
  'BOUNDARY_ERROR',
  'TAINT_ERROR',
  'CONSTRAINT_ERROR',
  'NOT_FOUND',
  'INVALID_CURSOR',
  'INVALID_FILTER',
  'INTERNAL_ERROR',
  'CANCELLED',
  'INVALID_ARGUMENT',
] as const

/** A registry code, or `UNKNOWN` for a failure that did not come from the engine. */
export type DriftErrorCode = (typeof DRIFT_ERROR_CODES)[number] | 'UNKNOWN'

const KNOWN = new Set<string>(DRIFT_ERROR_CODES)

/** An error from Drift, with its stable code. */
export class DriftError extends Error {
  readonly code: DriftErrorCode

  constructor(code: DriftErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DriftError'
    this.code = code
  }

  /** `[CODE] message`, as the engine wrote it. */
  override toString(): string {
    return `[${this.code}] ${this.message}`
  }
}

/** Parses `[CODE] message`; anything else becomes `UNKNOWN` with the original as `cause`. */
export function toDriftError(error: unknown): DriftError {
  if (error instanceof DriftError) return error
  const text = error instanceof Error ? error.message : String(error)
  const match = /^\[([A-Z][A-Z0-9_]*)\]\s*([\s\S]*)$/.exec(text)
  if (match && KNOWN.has(match[1] as string)) {
    return new DriftError(match[1] as DriftErrorCode, match[2] as string, { cause: error })
  }
  return new DriftError('UNKNOWN', text, { cause: error })
}

/** Runs `work`, rethrowing failures as `DriftError`. */
export function wrap<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw toDriftError(error)
  }
}

/** Awaits `work()`, rejecting with `DriftError`. */
export async function wrapAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toDriftError(error)
  }
}
