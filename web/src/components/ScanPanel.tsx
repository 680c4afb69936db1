import { useState, type DragEvent } from 'react'

import type { ScanProgressInfo, ScanRun } from '../shared/types'

export interface ScanPanelProps {
  ready: boolean
  running: boolean
  progress: ScanProgressInfo | null
  run: ScanRun | null
  /** Files picked, before the scan starts. */
  onFiles: (files: File[]) => void
  /** A folder dropped or picked with the directory picker: its files with their paths. */
  onFolder: (name: string, files: PickedFile[]) => void
  /** A `.zip` picked or dropped. */
  onZip: (file: File) => void
  /** Stops the scan in flight; what it finished is kept. */
  onCancel: () => void
  /** Scans the built-in sample repository. */
  onSample: () => void
}

/** A file of a folder, with its path inside the folder. */
export interface PickedFile {
  path: string
  file: File
}

/** The directory picker, where the browser has one (Chromium); typed here as the DOM lib lacks it. */
type DirectoryPicker = () => Promise<FileSystemDirectoryHandle>
const showDirectoryPicker = (globalThis as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker

/** Every file under a directory handle, with its path below it. */
async function walkHandle(dir: FileSystemDirectoryHandle, prefix: string, out: PickedFile[]) {
  for await (const entry of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
    if (entry.kind === 'directory') await walkHandle(entry as FileSystemDirectoryHandle, `${prefix}${entry.name}/`, out)
    else out.push({ path: `${prefix}${entry.name}`, file: await (entry as FileSystemFileHandle).getFile() })
  }
  return out
}

/** Every file under a dropped directory entry. */
async function walkEntry(dir: FileSystemDirectoryEntry, prefix: string, out: PickedFile[]) {
  const reader = dir.createReader()
  for (;;) {
    // readEntries gives at most 100 entries per call.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) return out
    for (const entry of batch) {
      if (entry.isDirectory) await walkEntry(entry as FileSystemDirectoryEntry, `${prefix}${entry.name}/`, out)
      else {
        const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
        out.push({ path: `${prefix}${entry.name}`, file })
      }
    }
  }
}

const isZip = (file: File) => /\.zip$/i.test(file.name) || file.type === 'application/zip'

/**
 * Getting code in: open a folder (directory picker, or the folder input elsewhere), upload a
 * `.zip`, drop either on the page, or scan the built-in sample. The engine scans in its worker;
 * progress, cancel and what the scan found are shown here.
 */
export function ScanPanel({ ready, running, progress, run, onFiles, onFolder, onZip, onCancel, onSample }: ScanPanelProps) {
  const [dragging, setDragging] = useState(false)
  const idle = ready && !running
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    if (!idle) return
    const entry = event.dataTransfer.items[0]?.webkitGetAsEntry?.()
    const file = event.dataTransfer.files[0]
    if (entry?.isDirectory) {
      void walkEntry(entry as FileSystemDirectoryEntry, '', []).then((files) => onFolder(entry.name, files))
    } else if (file && isZip(file)) onZip(file)
    else onFiles(Array.from(event.dataTransfer.files))
  }
  return (
    <section
      className={`dropzone${dragging ? ' dragging' : ''}`}
      data-testid="dropzone"
      onDragOver={(event) => {
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2>Scan a repository</h2>
      <p className="muted">Drop a folder or a .zip here. Nothing leaves this page: the engine runs in your browser.</p>
      <p style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' }}>
        {showDirectoryPicker && (
          <button
            type="button"
            data-testid="open-folder"
            disabled={!idle}
            onClick={() => {
              showDirectoryPicker().then(
                (dir) => walkHandle(dir, '', []).then((files) => onFolder(dir.name, files)),
                () => {}, // the user closed the picker
              )
            }}
          >
            Open folder…
          </button>
        )}
        <label>
          {showDirectoryPicker ? 'or upload a folder: ' : 'Folder: '}
          <input
            type="file"
            data-testid="folder-input"
            disabled={!idle}
            // Non-standard but supported by every engine: pick a whole directory.
            {...{ webkitdirectory: '', directory: '' }}
            multiple
            onChange={(event) => {
              onFiles(Array.from(event.currentTarget.files ?? []))
              event.currentTarget.value = ''
            }}
          />
        </label>
        <label>
          .zip:{' '}
          <input
            type="file"
            accept=".zip,application/zip"
            data-testid="zip-input"
            disabled={!idle}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0]
              if (file) onZip(file)
              event.currentTarget.value = ''
            }}
          />
        </label>
        <button type="button" data-testid="sample-scan" disabled={!idle} onClick={onSample}>
          Scan the sample repository
        </button>
        {running && (
          <button type="button" data-testid="scan-cancel" onClick={onCancel}>
            Cancel
          </button>
        )}
      </p>
      <div className="scan-status">
        {running && <progress data-testid="scan-bar" value={progress?.processed ?? 0} max={progress?.total || undefined} />}
      <p data-testid="scan-progress" style={{ margin: 0 }}>
        {progress ? `${progress.phase}: ${progress.processed}${progress.total ? ` / ${progress.total}` : ''}` : 'idle'}
      </p>
      </div>
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
