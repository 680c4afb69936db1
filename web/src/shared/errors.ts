/** A Drift error as the UI shows it: the binding's `[CODE] message` split in two. */
export interface DriftErrorInfo {
  code: string
  message: string
}

/**
 * Splits a Drift error message (`[CODE] message`). Anything else (a failed fetch, a worker that
 * did not start) gets the code `UNEXPECTED` so the UI still shows a code.
 */
export function toDriftError(error: unknown): DriftErrorInfo {
  const text = error instanceof Error ? error.message : String(error)
  const match = /^\[([A-Z0-9_]+)\]\s*([\s\S]*)$/.exec(text)
  return match ? { code: match[1], message: match[2] } : { code: 'UNEXPECTED', message: text }
}
