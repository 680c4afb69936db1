import type { ScanProgressInfo, ScanRun } from '../shared/types'

export interface ScanPanelProps {
  ready: boolean
  running: boolean
  progress: ScanProgressInfo | null
  run: ScanRun | null
  /** Files picked, before the scan starts. */
  onFiles: (files: File[]) => void
  /** Stops the scan in flight; what it finished is kept. */
  onCancel: () => void
  /** Scans the built-in sample repository. */
  onSample: () => void
}

/** Pick (or drop) a folder; the engine scans it in its worker and shows what it found. */
export function ScanPanel({ ready, running, progress, run, onFiles, onCancel, onSample }: ScanPanelProps) {
  return (
    <section
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault()
        if (ready && !running) onFiles(Array.from(event.dataTransfer.files))
      }}
    >
      <h2>Scan a folder</h2>
      <label>
        Folder:{' '}
        <input
          type="file"
          data-testid="folder-input"
          disabled={!ready || running}
          // Non-standard but supported by every engine: pick a whole directory.
          {...{ webkitdirectory: '', directory: '' }}
          multiple
          onChange={(event) => {
            onFiles(Array.from(event.currentTarget.files ?? []))
            event.currentTarget.value = ''
          }}
        />
      </label>
      <button type="button" data-testid="sample-scan" disabled={!ready || running} onClick={onSample}>
        Scan the sample repository
      </button>{' '}
      {running && (
        <button type="button" data-testid="scan-cancel" onClick={onCancel}>
          Cancel
        </button>
      )}
      <p data-testid="scan-progress">
        {progress ? `${progress.phase}: ${progress.processed}${progress.total ? ` / ${progress.total}` : ''}` : 'idle'}
      </p>
      {run && (
        <dl data-testid="scan-result" data-run={JSON.stringify(run)}>
          <dt>status</dt>
          <dd data-testid="scan-status">{run.status}</dd>
          <dt>files</dt>
          <dd data-testid="scan-files">
            {run.filesTotal} ({run.filesAdded} added, {run.filesModified} modified, {run.filesRemoved} removed,{' '}
            {run.filesUnchanged} unchanged)
          </dd>
          <dt>languages</dt>
          <dd data-testid="scan-languages">
            {Object.entries(run.languages)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([language, count]) => `${language} ${count}`)
              .join(' · ')}
          </dd>
          <dt>skipped</dt>
          <dd>
            {run.skippedIgnored} ignored, {run.skippedTooLarge} too large, {run.errors.length} with errors
          </dd>
          {run.parse && (
            <>
              <dt>parsed</dt>
              <dd data-testid="scan-parsed">
                {run.parse.files} files: {run.parse.functions} functions, {run.parse.classes} classes,{' '}
                {run.parse.callSites} calls ({run.parse.withSyntaxErrors} with syntax errors, {run.parse.failed.length}{' '}
                not parsed)
              </dd>
            </>
          )}
          <dt>duration</dt>
          <dd>{run.durationMs.toFixed(1)} ms</dd>
          <dt>digest</dt>
          <dd data-testid="scan-digest">{run.digest}</dd>
        </dl>
      )}
      {run && run.errors.length > 0 && (
        <ul data-testid="scan-errors">
          {run.errors.map((error) => (
            <li key={`${error.path}:${error.message}`}>
              <code>[{error.code}]</code> {error.path}: {error.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
