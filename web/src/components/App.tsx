import * as Comlink from 'comlink'
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'

import { DEMO_INPUT, generateBuffers } from '../shared/input.js'
import { toDriftError, type DriftErrorInfo } from '../shared/errors'
import { loadSample, sampleSource, SAMPLE_PROJECT } from '../shared/sample'
import { readSnippet, type Snippet } from '../state/snippet'
import { keepLocation, readLocation } from '../state/url'
import type { EngineInfo, FileRow, FileView, EngineCall, GraphApi, HashProgress, HashRun, LanguageStat, Listing, PatternStatus, ScanProgressInfo, ScanRun, StoredState, UploadedFile } from '../shared/types'
import type { GraphQuery } from './CallsView'
import { INCLUDED_DIRS_KEY, archiveLimits, detectionEnabled, securityEnabled, engineThreads, includePatterns, includedDirs, logFilter, crashAfterBytes, withIncluded } from '../state/settings'
import { startEngine, type Engine } from '../worker/client'
import { EnvironmentPanel, type Environment } from './EnvironmentPanel'
import { ErrorView } from './ErrorView'
import { HashPanel } from './HashPanel'
import { ScanPanel, type PickedFile } from './ScanPanel'
import { ResultsPanel, StoragePanel } from './StoragePanel'
import { Summary } from './Summary'
import type { WorkspaceProps } from './Workspace'

// Monaco is big: it loads after the page is up, as its own chunk.
const LazyWorkspace = lazy(() => import('./Workspace').then((module) => ({ default: module.Workspace })))

function Workspace(props: WorkspaceProps) {
  return (
    <Suspense fallback={<p className="placeholder">Loading the editor…</p>}>
      <LazyWorkspace {...props} />
    </Suspense>
  )
}

const env: Environment = {
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  hardwareConcurrency: navigator.hardwareConcurrency || 1,
}

const threads = engineThreads(location.search, env.hardwareConcurrency)
const crashAfter = crashAfterBytes(location.search)

const params = new URLSearchParams(location.search)
const embed = params.has('embed')
/** The file and line to show once the stored results are there. */
const initialLocation = readLocation(location.search)

export function App() {
  let snippet: Snippet | null = null
  let snippetError: DriftErrorInfo | null = null
  try {
    snippet = readSnippet(location.search)
  } catch (error) {
    snippetError = toDriftError(error)
  }
  return (
    <main className={embed ? 'embed' : undefined}>
      {!embed && (
        <header className="toolbar">
          <h1>Drift</h1>
          <span className="muted">look inside a codebase without uploading it anywhere</span>
          <span className="spacer" />
          <a href="./">repository</a>
          <a href="./?lang=ts&code=">scratch</a>
          <a href="./embed-example.html">embed example</a>
        </header>
      )}
      {!env.crossOriginIsolated ? (
        <NotIsolated />
      ) : snippetError ? (
        <ErrorView error={snippetError} testId="engine-error" />
      ) : snippet ? (
        <SnippetPage snippet={snippet} />
      ) : (
        <EnginePage />
      )}
    </main>
  )
}

/** Starts the engine worker; the page's handle to it, what it reported, and its last error. */
function useEngine(ephemeral: boolean) {
  const engine = useRef<Engine | null>(null)
  const [info, setInfo] = useState<EngineInfo | null>(null)
  const [error, setError] = useState<DriftErrorInfo | null>(null)
  useEffect(() => {
    const started = startEngine()
    engine.current = started
    let live = true
    Promise.race([started.api.init({
        threads,
        crashAfterBytes: crashAfter,
        ephemeral,
        archiveLimits: archiveLimits(location.search),
        detection: detectionEnabled(location.search),
        security: securityEnabled(location.search),
        logFilter: logFilter(location.search),
        extraIgnore: ephemeral ? [] : includePatterns(includedDirs(localStorage)),
      }), started.failed]).then(
      (result) => live && setInfo(result),
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
      engine.current = null
      started.terminate()
    }
  }, [ephemeral])
  /** Runs `work` with the running engine; rejects when there is none. */
  const call = useCallback(<T,>(work: (api: Engine['api']) => Promise<T>): Promise<T> => {
    const current = engine.current
    return current ? work(current.api) : Promise.reject(new Error('the engine is not running'))
  }, [])
  const parseText = useCallback((path: string, text: string) => call((api) => api.parseText(path, text)), [call])
  return { engine, info, error, setError, call, parseText }
}

/** Snippet and embed modes: one text, parsed as you type, in memory only. */
function SnippetPage({ snippet }: { snippet: Snippet }) {
  const { info, error, parseText } = useEngine(true)
  const unused = useCallback(() => Promise.reject(new Error('[INVALID_ARGUMENT] a snippet has no repository')), [])
  return (
    <>
      {error && <ErrorView error={error} testId="engine-error" />}
      {info ? (
        <Workspace
          version={0}
          files={[]}
          openFile={unused}
          parseText={parseText}
          search={unused}
          initial={null}
          snippet={snippet}
          embed={embed}
        />
      ) : (
        !error && <p className="placeholder">Starting the engine…</p>
      )}
    </>
  )
}

function NotIsolated() {
  return (
    <>
      <EnvironmentPanel env={env} engine={null} />
      <p className="error" role="alert" data-testid="not-isolated">
        This page is not cross-origin isolated, so SharedArrayBuffer is unavailable and the
        multi-threaded wasm engine cannot start. The server must send{' '}
        <code>Cross-Origin-Opener-Policy: same-origin</code> and{' '}
        <code>Cross-Origin-Embedder-Policy: require-corp</code> (vite.config.ts does for
        <code> vite dev</code>/<code>vite preview</code>, public/_headers for static hosts).
      </p>
    </>
  )
}

function EnginePage() {
  const { engine, info, error, setError, call, parseText } = useEngine(false)
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<HashProgress | null>(null)
  const [progressMessages, setProgressMessages] = useState(0)
  const [run, setRun] = useState<HashRun | null>(null)
  const [scanning, setScanning] = useState(false)
  const [scanProgress, setScanProgress] = useState<ScanProgressInfo | null>(null)
  const [scanRun, setScanRun] = useState<ScanRun | null>(null)
  // Default-ignored directories the user brought back, kept in this browser's storage.
  const [included, setIncluded] = useState<string[]>(() => includedDirs(localStorage))
  const onInclude = useCallback(
    (path: string) => {
      const next = withIncluded(included, path)
      localStorage.setItem(INCLUDED_DIRS_KEY, JSON.stringify(next))
      setIncluded(next)
      engine.current?.api.setExtraIgnore(includePatterns(next)).catch((reason: unknown) => setError(toDriftError(reason)))
    },
    [included, engine, setError],
  )
  const [stored, setStored] = useState<StoredState | null>(null)
  const [storedVersion, setStoredVersion] = useState(0)
  const [moving, setMoving] = useState(false)
  const [files, setFiles] = useState<FileRow[]>([])
  const [stats, setStats] = useState<LanguageStat[]>([])
  const showStored = useCallback((state: StoredState) => {
    setStored(state)
    setStoredVersion((version) => version + 1)
  }, [])

  useEffect(() => {
    if (info) showStored(info.stored)
  }, [info, showStored])

  // Whenever the stored data changes: the file tree and the per-language counts.
  useEffect(() => {
    const current = engine.current
    if (!current || storedVersion === 0) return
    let live = true
    current.api.contents().then(
      (contents) => {
        if (!live) return
        setFiles(contents.files)
        setStats(contents.stats)
      },
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
    }
  }, [engine, storedVersion, setError])

  const onRun = useCallback(() => {
    const current = engine.current
    if (!current) return
    setRunning(true)
    setError(null)
    setRun(null)
    setProgress(null)
    setProgressMessages(0)
    const buffers = generateBuffers(DEMO_INPUT)
    const onProgress = (p: HashProgress) => {
      setProgress(p)
      setProgressMessages((n) => n + 1)
    }
    // Moved, not copied: the page does not need the bytes once they are sent.
    const sent = Comlink.transfer(
      buffers,
      buffers.map((buffer) => buffer.buffer),
    )
    Promise.race([current.api.hash(sent, Comlink.proxy(onProgress)), current.failed])
      .then(setRun, (reason: unknown) => setError(toDriftError(reason)))
      .finally(() => setRunning(false))
  }, [])

  /** Runs a scan in the worker (`start` sends what to scan) and shows the result. */
  const scanWith = useCallback((start: (current: Engine) => Promise<ScanRun>) => {
    const current = engine.current
    if (!current) return
    setScanning(true)
    setError(null)
    setScanProgress(null)
    Promise.race([start(current), current.failed])
      .then(
        (run) => {
          setScanRun(run)
          showStored(run.stored)
        },
        (reason: unknown) => {
          setError(toDriftError(reason))
          // The scan may have been stored even if saving it failed: show what is there now.
          current.api.stored().then(showStored, () => {})
        },
      )
      .finally(() => setScanning(false))
  }, [engine, showStored, setError])

  /**
   * Scans `files` (listed by `list`) as `project`. The page sends the `File` objects, not their
   * bytes: the worker reads only those the scan admits, when it gets to them.
   */
  const scan = useCallback(
    (project: string, list: () => Promise<UploadedFile[]> | UploadedFile[]) =>
      scanWith(async (current) => current.api.scanFiles(await list(), project, Comlink.proxy(setScanProgress))),
    [scanWith],
  )

  const onFolder = useCallback((name: string, picked: PickedFile[]) => scan(name, () => uploads(picked)), [scan])

  const onZip = useCallback(
    (file: File) => scanWith((current) => current.api.scanArchive(file, file.name, Comlink.proxy(setScanProgress))),
    [scanWith],
  )

  const onFiles = useCallback(
    (chosen: File[]) => {
      if (chosen.length > 0) scan(topFolder(chosen[0]), () => uploads(picked(chosen)))
    },
    [scan],
  )

  const onSample = useCallback(() => scan(SAMPLE_PROJECT, loadSample), [scan])

  const onDownload = useCallback(() => {
    const current = engine.current
    if (!current) return
    setMoving(true)
    current.api
      .exportDatabase()
      .then((bytes) => {
        const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.sqlite3' }))
        const link = document.createElement('a')
        link.href = url
        link.download = 'drift.db'
        link.click()
        setTimeout(() => URL.revokeObjectURL(url), 60_000)
      }, (reason: unknown) => setError(toDriftError(reason)))
      .finally(() => setMoving(false))
  }, [])

  const onLoad = useCallback((file: File) => {
    const current = engine.current
    if (!current) return
    setMoving(true)
    setError(null)
    file
      .arrayBuffer()
      .then((buffer) => current.api.importDatabase(Comlink.transfer(new Uint8Array(buffer), [buffer])))
      .then(showStored, (reason: unknown) => setError(toDriftError(reason)))
      .finally(() => setMoving(false))
  }, [showStored])

  const onCancel = useCallback(() => {
    engine.current?.api.cancelScan().catch((reason: unknown) => setError(toDriftError(reason)))
  }, [])

  const onClear = useCallback(() => {
    const current = engine.current
    if (!current) return
    setMoving(true)
    setError(null)
    setScanRun(null)
    current.api
      .clearData()
      .then(showStored, (reason: unknown) => setError(toDriftError(reason)))
      .finally(() => setMoving(false))
  }, [showStored])

  const query = useCallback(
    (listing: Listing, name: string, cursor: string | null) =>
      call((api) => api.list(listing, name ? { name } : null, { cursor: cursor ?? undefined, limit: 50 })),
    [call],
  )

  // comlink's remote types drop the method's type parameter: it is put back here.
  const graph = useCallback(
    <K extends EngineCall>(name: K, ...args: Parameters<GraphApi[K]>) => call((api) => (api.graph as unknown as GraphQuery)(name, ...args)),
    [call],
  ) as GraphQuery

  // A status is kept in drift.db: once saved, the stored data has changed (the engine learnt
  // again, so violations may have too) and every view reads it anew.
  const setPatternStatus = useCallback(
    (id: string, status: PatternStatus) =>
      call(async (api) => {
        const change = await api.setPatternStatus(id, status)
        showStored(change.stored)
        return change.result
      }),
    [call, showStored],
  )

  const project = stored?.status.lastScanRoot ?? null
  const openFile = useCallback(
    (path: string): Promise<FileView> =>
      call(async (api) => {
        const view = await api.openFile(path)
        // The sample's text ships with the page, so it is there after a reload too.
        if (view.source === null && project === SAMPLE_PROJECT) {
          const text = await sampleSource(path)
          if (text !== null) return api.parseText(path, text)
        }
        return view
      }),
    [call, project],
  )
  return (
    <>
      {stored?.storage.message && !stored.storage.persistent && (
        <p className="error" role="status" data-testid="storage-banner">
          {stored.storage.message}
        </p>
      )}
      <ScanPanel
        ready={info !== null}
        running={scanning}
        progress={scanProgress}
        run={scanRun}
        onFiles={onFiles}
        onFolder={onFolder}
        onZip={onZip}
        onCancel={onCancel}
        onSample={onSample}
      />
      {error && <ErrorView error={error} testId="engine-error" />}
      <Summary stats={stats} run={scanRun} included={included} onInclude={onInclude} />
      {info && (
        <Workspace
          version={storedVersion}
          files={files}
          openFile={openFile}
          parseText={parseText}
          search={query}
          initial={initialLocation}
          onLocation={keepLocation}
          graph={graph}
          setPatternStatus={setPatternStatus}
        />
      )}
      <div className="details">
        <StoragePanel stored={stored} busy={moving || scanning} onDownload={onDownload} onLoad={onLoad} onClear={onClear} />
        <ResultsPanel ready={info !== null} version={storedVersion} query={query} />
        {/* Diagnostics, not a feature: the environment and the engine's threads check. */}
        <details className="about" data-testid="about">
          <summary data-testid="about-toggle">About this page: environment and the threads check</summary>
          <EnvironmentPanel env={env} engine={info} />
          <HashPanel
            ready={info !== null}
            running={running}
            progress={progress}
            progressMessages={progressMessages}
            run={run}
            onRun={onRun}
          />
          <p>
            Input: {DEMO_INPUT.count} buffers of {DEMO_INPUT.size / 1024} KiB from xorshift32 seed{' '}
            <code>0x{DEMO_INPUT.seed.toString(16)}</code>, hashed with {threads} threads.
          </p>
        </details>
      </div>
    </>
  )
}

/** The name of the picked folder (`webkitRelativePath` starts with it), or "" for loose files. */
function topFolder(file: File): string {
  const relative = file.webkitRelativePath
  return relative.includes('/') ? relative.slice(0, relative.indexOf('/')) : ''
}

/** The folder input's files with their paths inside the picked folder. */
function picked(files: File[]): PickedFile[] {
  return files.map((file) => {
    const relative = file.webkitRelativePath || file.name
    return { path: relative.includes('/') ? relative.slice(relative.indexOf('/') + 1) : relative, file }
  })
}

/** A walked folder's files as the worker takes them (nothing read yet). */
function uploads(files: PickedFile[]): UploadedFile[] {
  return files.map(({ path, file }) => ({ path, file }))
}
