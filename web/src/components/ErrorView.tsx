import type { DriftErrorInfo } from '../shared/errors'

/** What to do about an error, by its code. */
const HINTS: Record<string, string> = {
  DB_BUSY: 'Close the other tab to keep results after a reload here; this tab works in memory meanwhile.',
  DB_CORRUPT: 'The file is not a usable Drift database. Your current data is unchanged; use "Clear data" to start over if it persists.',
  DB_DISK_FULL: 'The browser refused more storage. Free space (or use "Clear data") and scan again.',
  STORAGE_ERROR: 'Results stay in this tab but may not survive a reload.',
  MIGRATION_FAILED: 'The database was written by a newer Drift. Download it to keep it, then "Clear data".',
  SCAN_ERROR: 'Check that the folder or archive can be read; the files that could be read were scanned.',
  UNSUPPORTED_LANGUAGE: 'Drift parses TypeScript, JavaScript, Python, Java, C#, Go, Rust, Ruby, PHP and Kotlin.',
  INVALID_ARGUMENT: 'The link may be cut short: copy it again from the Share button.',
  CANCELLED: 'Nothing was lost: what finished before the cancel is kept.',
  UNEXPECTED: 'Reload the page; if it happens again, the browser console has details.',
}

export function ErrorView({ error, testId }: { error: DriftErrorInfo; testId: string }) {
  const hint = HINTS[error.code]
  return (
    <div className="error" role="alert" data-testid={testId} data-code={error.code}>
      <code>[{error.code}]</code> {error.message}
      {hint && <p className="hint">{hint}</p>}
    </div>
  )
}
