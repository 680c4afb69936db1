import * as Comlink from 'comlink'
import { useCallback, useEffect, useRef, useState } from 'react'

import { DEMO_INPUT, generateBuffers } from '../shared/input.js'
import { toDriftError, type DriftErrorInfo } from '../shared/errors'
import { loadSample, SAMPLE_PROJECT } from '../shared/sample'
import type { EngineInfo, HashProgress, HashRun, Listing, ScanProgressInfo, ScanRun, StoredState, UploadedFile } from '../shared/types'
import { engineThreads, saveAbortAfterBytes } from '../state/settings'
import { startEngine, type Engine } from '../worker/client'
import { EnvironmentPanel, type Environment } from './EnvironmentPanel'
import { ErrorView } from './ErrorView'
import { HashPanel } from './HashPanel'
import { ScanPanel } from './ScanPanel'
import { ResultsPanel, StoragePanel } from './StoragePanel'

const env: Environment = {
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  hardwareConcurrency: navigator.hardwareConcurrency || 1,
}

const threads = engineThreads(location.search, env.hardwareConcurrency)
const abortAfterBytes = saveAbortAfterBytes(location.search)

export function App() {
  return (
    <main>
      <h1>Drift</h1>
      {env.crossOriginIsolated ? <EnginePage /> : <NotIsolated />}
    </main>
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
  const engine = useRef<Engine | null>(null)
  const [info, setInfo] = useState<EngineInfo | null>(null)
  const [error, setError] = useState<DriftErrorInfo | null>(null)
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<HashProgress | null>(null)
  const [progressMessages, setProgressMessages] = useState(0)
  const [run, setRun] = useState<HashRun | null>(null)
  const [scanning, setScanning] = useState(false)
  const [scanProgress, setScanProgress] = useState<ScanProgressInfo | null>(null)
  const [scanRun, setScanRun] = useState<ScanRun | null>(null)
  const [stored, setStored] = useState<StoredState | null>(null)
  const [storedVersion, setStoredVersion] = useState(0)
  const [moving, setMoving] = useState(false)
  const showStored = useCallback((state: StoredState) => {
    setStored(state)
    setStoredVersion((version) => version + 1)
  }, [])

  useEffect(() => {
    const started = startEngine()
    engine.current = started
    let live = true
    Promise.race([started.api.init({ threads, saveAbortAfterBytes: abortAfterBytes }), started.failed]).then(
      (result) => {
        if (!live) return
        setInfo(result)
        showStored(result.stored)
      },
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
      engine.current = null
      started.terminate()
    }
  }, [showStored])

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

  /** Scans `files` (read by `read`) as `project` in the worker and shows the result. */
  const scan = useCallback((project: string, read: () => Promise<UploadedFile[]>) => {
    const current = engine.current
    if (!current) return
    setScanning(true)
    setError(null)
    setScanProgress(null)
    read()
      .then((files) => {
        const sent = Comlink.transfer(
          files,
          files.map((file) => file.data.buffer as ArrayBuffer),
        )
        return Promise.race([current.api.scanFiles(sent, project, Comlink.proxy(setScanProgress)), current.failed])
      })
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
  }, [showStored])

  const onFiles = useCallback(
    (picked: File[]) => {
      if (picked.length > 0) scan(topFolder(picked[0]), () => readUploads(picked))
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

  const query = useCallback((listing: Listing, name: string, cursor: string | null) => {
    const current = engine.current
    if (!current) return Promise.reject(new Error('the engine is not running'))
    return current.api.list(listing, name ? { name } : null, { cursor: cursor ?? undefined, limit: 50 })
  }, [])

  return (
    <>
      <EnvironmentPanel env={env} engine={info} />
      <ScanPanel ready={info !== null} running={scanning} progress={scanProgress} run={scanRun} onFiles={onFiles} onCancel={onCancel} onSample={onSample} />
      <StoragePanel stored={stored} busy={moving || scanning} onDownload={onDownload} onLoad={onLoad} onClear={onClear} />
      <ResultsPanel ready={info !== null} version={storedVersion} query={query} />
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
      {error && <ErrorView error={error} testId="engine-error" />}
    </>
  )
}

/** The name of the picked folder (`webkitRelativePath` starts with it), or "" for loose files. */
function topFolder(file: File): string {
  const relative = file.webkitRelativePath
  return relative.includes('/') ? relative.slice(0, relative.indexOf('/')) : ''
}

/** Reads every picked file into its own buffer, with its path inside the picked folder. */
function readUploads(files: File[]): Promise<UploadedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const relative = file.webkitRelativePath || file.name
      const path = relative.includes('/') ? relative.slice(relative.indexOf('/') + 1) : relative
      return { path, data: new Uint8Array(await file.arrayBuffer()), mtimeMs: file.lastModified }
    }),
  )
}
