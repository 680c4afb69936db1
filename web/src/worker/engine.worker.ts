// The engine worker: the only place the wasm binding is loaded. The page talks to it through
// the comlink API below (typed by `EngineApi`), never to the binding itself, so the page thread
// neither fetches nor instantiates the wasm, and a blocking call blocks this worker only.
import * as Comlink from 'comlink'

import type {
  EngineApi,
  EngineContext,
  EngineInfo,
  HashProgress,
  HashRun,
  ScanProgressInfo,
  ScanRun,
  UploadedFile,
  VariantReport,
} from '../shared/types'

type Binding = typeof import('@drift/napi/drift.wasi-browser.js')
type HashReport = ReturnType<Binding['hashBuffers']>

let binding: Promise<Binding> | undefined

/**
 * Loads the generated loader on first use. Dynamic, not static: its top-level await fetches and
 * instantiates the wasm and starts the thread pool, and a failure there must reject `init()`
 * with its message instead of killing the worker before comlink is listening.
 */
function load(): Promise<Binding> {
  binding ??= import('@drift/napi/drift.wasi-browser.js').catch((error: unknown) => {
    binding = undefined
    throw error
  })
  return binding
}

function context(): EngineContext {
  return {
    inWorker: typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope,
    threadName: self.name,
    crossOriginIsolated: self.crossOriginIsolated,
    wasmResources: performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.endsWith('.wasm')),
  }
}

function summarize(report: HashReport, started: number): VariantReport {
  return {
    combined: report.combined,
    threadsUsed: report.threadsUsed,
    poolSize: report.poolSize,
    hashCount: report.hashes.length,
    millis: Math.round(performance.now() - started),
  }
}

const sameHashes = (a: HashReport, b: HashReport) =>
  a.hashes.length === b.hashes.length && a.hashes.every((hash, i) => hash === b.hashes[i])

const api: EngineApi = {
  async init(threads: number): Promise<EngineInfo> {
    const drift = await load()
    // `configToml: ''`: the browser has no drift.toml to read.
    const init = drift.driftInitialize({ threads, configToml: '' })
    return { version: init.version, backend: init.backend, threads: init.threads, context: context() }
  },

  async version(): Promise<string> {
    return (await load()).driftVersion()
  },

  async hash(buffers: Uint8Array[], onProgress: (progress: HashProgress) => void): Promise<HashRun> {
    try {
      return await hashAll(await load(), buffers, onProgress)
    } finally {
      // The page's callback arrives as a comlink proxy: release its port once the batch is done.
      release(onProgress)
    }
  },

  async scanFiles(files: UploadedFile[], project: string, onProgress: (progress: ScanProgressInfo) => void): Promise<ScanRun> {
    try {
      const drift = await load()
      let progressEvents = 0
      const summary = await drift.scanFiles(files, { project }, (progress) => {
        progressEvents += 1
        onProgress({ processed: progress.processed, total: progress.total, phase: progress.phase })
      })
      const { stats, entries: _entries, added: _added, modified: _modified, removed: _removed, ...rest } = summary
      return { ...rest, skippedIgnored: stats.skippedIgnored, skippedTooLarge: stats.skippedTooLarge, progressEvents }
    } finally {
      release(onProgress)
    }
  },
}

/** The page's callbacks arrive as comlink proxies: release their ports once the call is done. */
function release(callback: unknown) {
  ;(callback as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.()
}

/** The three binding variants over the same buffers, in the order the pool needs. */
async function hashAll(drift: Binding, buffers: Uint8Array[], onProgress: (progress: HashProgress) => void): Promise<HashRun> {
  let started = performance.now()
  const asyncReport = await drift.hashBuffersAsync(buffers)
  const asyncVariant = summarize(asyncReport, started)

  let progressEvents = 0
  let lastProgress: HashProgress | null = null
  started = performance.now()
  const progressReport = await drift.hashBuffersWithProgress(buffers, ({ done, total }) => {
    progressEvents += 1
    lastProgress = { done, total }
    // A comlink proxy: the call is a message to the page, not awaited here.
    onProgress({ done, total })
  })
  const progressVariant = summarize(progressReport, started)

  // Blocks this worker until the pool is done. Only now: the pool threads were started by
  // the calls above, and a worker blocked in wasm cannot start new ones.
  started = performance.now()
  const syncReport = drift.hashBuffers(buffers)
  const syncVariant = summarize(syncReport, started)

  return {
    async: asyncVariant,
    progress: progressVariant,
    sync: syncVariant,
    progressEvents,
    lastProgress,
    agree: sameHashes(asyncReport, progressReport) && sameHashes(asyncReport, syncReport),
    context: context(),
  }
}

Comlink.expose(api)
