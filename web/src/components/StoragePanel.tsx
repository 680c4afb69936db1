import { useEffect, useState } from 'react'

import type { Listing, RowPage, StoredState } from '../shared/types'

export interface StoragePanelProps {
  stored: StoredState | null
  busy: boolean
  onDownload: () => void
  onLoad: (file: File) => void
  onClear: () => void
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`

/** What drift.db holds, whether this tab saves it, and moving it in and out of the browser. */
export function StoragePanel({ stored, busy, onDownload, onLoad, onClear }: StoragePanelProps) {
  if (!stored) return null
  const { status, storage, lastSave, footprint, engineMemory, engineHeapInUse, fileCalls } = stored
  return (
    <section>
      <h2>Saved results (drift.db)</h2>
      {storage.message && (
        <p className="error" role="alert" data-testid="storage-message">
          {storage.message}
        </p>
      )}
      <dl data-testid="stored" data-status={JSON.stringify(status)} data-persistent={String(storage.persistent)}>
        <dt>holds</dt>
        <dd data-testid="stored-counts">
          {status.counts.files} files, {status.counts.functions} functions, {status.counts.classes} classes,{' '}
          {status.counts.imports} imports, {status.counts.callSites} calls
        </dd>
        <dt>last scan</dt>
        <dd data-testid="stored-project">
          {status.lastScanRoot ? `${status.lastScanRoot} at ${new Date(status.lastScanAtMs ?? 0).toLocaleString()}` : 'none'}
        </dd>
        <dt>restored at start</dt>
        <dd data-testid="stored-restored">
          {storage.restored ? `${kib(storage.restored.bytes)}, opened in ${storage.restored.millis.toFixed(1)} ms` : 'no'}
        </dd>
        <dt>saved after the last change</dt>
        <dd data-testid="stored-last-save">
          {lastSave ? `change ${lastSave.changes}, ${kib(lastSave.bytes)}, flushed in ${lastSave.millis.toFixed(1)} ms` : 'none yet'}
        </dd>
        <dt>in this browser</dt>
        <dd data-testid="stored-footprint">{storage.persistent ? kib(footprint) : 'not saved (memory only)'}</dd>
        <dt>engine memory</dt>
        <dd data-testid="engine-memory" data-bytes={engineMemory}>
          {mib(engineMemory)} (the most the engine has needed since the page opened), {mib(engineHeapInUse)} of it in use now
        </dd>
        {storage.persistent && (
          <>
            <dt>file calls</dt>
            <dd data-testid="stored-file-calls" data-direct={fileCalls.direct} data-copied={fileCalls.copied}>
              {fileCalls.direct.toLocaleString('en')} reads and writes straight into the engine's memory,{' '}
              {fileCalls.copied.toLocaleString('en')} through a copy, since the page opened
            </dd>
          </>
        )}
      </dl>
      <p>
        <button type="button" data-testid="db-download" disabled={busy} onClick={onDownload}>
          Download drift.db
        </button>{' '}
        <button type="button" data-testid="db-clear" disabled={busy} onClick={onClear}>
          Clear data
        </button>{' '}
        <label>
          Load a drift.db:{' '}
          <input
            type="file"
            data-testid="db-input"
            disabled={busy}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0]
              if (file) onLoad(file)
              event.currentTarget.value = ''
            }}
          />
        </label>
      </p>
    </section>
  )
}

export interface ResultsPanelProps {
  ready: boolean
  /** Changes whenever the stored data does, to reload the page shown. */
  version: number
  query: (listing: Listing, name: string, cursor: string | null) => Promise<RowPage>
}

const COLUMNS: Record<Listing, string[]> = {
  functions: ['name', 'qualifiedName', 'parameters', 'file', 'startLine'],
  classes: ['name', 'kind', 'bases', 'methods', 'file', 'startLine'],
  imports: ['source', 'names', 'file', 'line'],
  exports: ['name', 'isDefault', 'source', 'file', 'line'],
  callSites: ['callee', 'receiver', 'argCount', 'file', 'line'],
}

/** Browse drift.db: one listing, filtered by name prefix, a page at a time. */
export function ResultsPanel({ ready, version, query }: ResultsPanelProps) {
  const [listing, setListing] = useState<Listing>('functions')
  const [name, setName] = useState('')
  const [pages, setPages] = useState<RowPage[]>([])
  useEffect(() => {
    if (!ready) return
    let live = true
    setPages([])
    query(listing, name, null).then(
      (page) => live && setPages([page]),
      () => live && setPages([]),
    )
    return () => {
      live = false
    }
  }, [ready, version, listing, name, query])
  const last = pages.at(-1)
  // A generic table: each listing's row type, read by the column names above.
  const items = pages.flatMap((page) => page.items as unknown as Record<string, unknown>[])
  return (
    <section>
      <h2>Browse</h2>
      <p>
        <select data-testid="results-listing" value={listing} onChange={(event) => setListing(event.currentTarget.value as Listing)}>
          {Object.keys(COLUMNS).map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>{' '}
        <input data-testid="results-filter" placeholder="name starts with" value={name} onChange={(event) => setName(event.currentTarget.value)} />{' '}
        <span data-testid="results-total">{last ? `${items.length} of ${last.total}` : ''}</span>
      </p>
      <table data-testid="results">
        <thead>
          <tr>
            {COLUMNS[listing].map((column) => (
              <th key={column}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={String(row.id)}>
              {COLUMNS[listing].map((column) => (
                <td key={column}>{format(row[column])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {last?.hasMore && (
        <button
          type="button"
          data-testid="results-more"
          onClick={() =>
            void query(listing, name, last.nextCursor ?? null).then((page) => setPages((current) => [...current, page]))
          }
        >
          More
        </button>
      )}
    </section>
  )
}

function format(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.join(', ')
  return String(value)
}
