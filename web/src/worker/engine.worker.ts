// The engine worker: the only place the wasm binding is loaded. The page talks to it through
// the comlink API below (typed by `EngineApi`), never to the binding itself, so the page thread
// neither fetches nor instantiates the wasm, and a blocking call blocks this worker only.
import * as Comlink from 'comlink'

import type {
  EngineApi,
  EngineContext,
  EngineInfo,
  EngineOptions,
  HashProgress,
  HashRun,
  Listing,
  PageOptions,
  RowQuery,
  ScanProgressInfo,
  ScanRun,
  SnapshotInfo,
  StorageState,
  StoredState,
  UploadedFile,
  VariantReport,
} from '../shared/types'
import { DB_PATH, SnapshotStore, type SaveOptions } from './persistence'

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

/** The saved database, once `init` has run. */
let store: SnapshotStore | null = null
let storage: StorageState = { persistent: false, restored: null, message: null }
let lastSave: SnapshotInfo | null = null
let saveOptions: SaveOptions = {}
/** How the runtime was started, to start it again after "Clear data". */
let initOptions: Parameters<Binding['driftInitialize']>[0]

/**
 * Runs `work` after every call queued before it: scans, imports and saves must not overlap,
 * since a save copies the database file and must see no transaction in flight.
 */
let queue: Promise<unknown> = Promise.resolve()
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work)
  queue = next.catch(() => {})
  return next
}

async function storedState(drift: Binding): Promise<StoredState> {
  return { status: drift.queryStatus(), storage, lastSave, footprint: store ? await store.footprint() : 0 }
}

/** Saves drift.db to this browser's storage when this tab owns it. */
async function save(drift: Binding): Promise<StoredState> {
  if (store) lastSave = await store.save(drift.__fs, saveOptions)
  return storedState(drift)
}

const listings: Record<Listing, (drift: Binding) => Binding['queryFunctions']> = {
  functions: (drift) => drift.queryFunctions,
  classes: (drift) => drift.queryClasses,
  imports: (drift) => drift.queryImports,
  exports: (drift) => drift.queryExports,
  callSites: (drift) => drift.queryCallSites,
}

const api: EngineApi = {
  init(options: EngineOptions): Promise<EngineInfo> {
    return exclusive(async () => {
      const drift = await load()
      if (options.saveAbortAfterBytes !== undefined) saveOptions = { abortAfterBytes: options.saveAbortAfterBytes }
      // The saved database is copied into the engine's file system before the runtime opens it.
      const opened = await SnapshotStore.open(drift.__fs)
      store = opened.store
      storage = opened.state
      // The browser has no drift.toml to read: the configuration is given here.
      initOptions = {
        root: '/project',
        threads: options.threads,
        configToml: `[storage]\ndb_path = ${JSON.stringify(DB_PATH)}\n`,
      }
      const init = drift.driftInitialize(initOptions)
      return {
        version: init.version,
        backend: init.backend,
        threads: init.threads,
        context: context(),
        stored: await storedState(drift),
      }
    })
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

  scanFiles(files: UploadedFile[], project: string, onProgress: (progress: ScanProgressInfo) => void): Promise<ScanRun> {
    return exclusive(async () => {
      try {
        const drift = await load()
        let progressEvents = 0
        const summary = await drift.scanFiles(files, { project }, (progress) => {
          progressEvents += 1
          onProgress({ processed: progress.processed, total: progress.total, phase: progress.phase })
        })
        const { stats, entries: _entries, added: _added, modified: _modified, removed: _removed, ...rest } = summary
        const stored = await save(drift)
        return { ...rest, skippedIgnored: stats.skippedIgnored, skippedTooLarge: stats.skippedTooLarge, progressEvents, stored }
      } finally {
        release(onProgress)
      }
    })
  },

  async stored(): Promise<StoredState> {
    return storedState(await load())
  },

  async list(listing: Listing, filter: RowQuery | null, page: PageOptions | null) {
    const drift = await load()
    return listings[listing](drift)(filter, page)
  },

  async exportDatabase(): Promise<Uint8Array> {
    const { data } = await (await load()).backupDatabase()
    const bytes = new Uint8Array(data ?? [])
    return Comlink.transfer(bytes, [bytes.buffer])
  },

  async cancelScan(): Promise<number> {
    return (await load()).cancelScan()
  },

  clearData(): Promise<StoredState> {
    return exclusive(async () => {
      const drift = await load()
      // Closed first, so nothing writes the file while it goes.
      drift.driftShutdown()
      for (const path of [DB_PATH, `${DB_PATH}-journal`]) {
        if (drift.__fs.existsSync(path)) drift.__fs.unlinkSync(path)
      }
      await store?.clear()
      lastSave = null
      storage = { ...storage, restored: null }
      drift.driftInitialize(initOptions)
      return storedState(drift)
    })
  },

  importDatabase(data: Uint8Array): Promise<StoredState> {
    return exclusive(async () => {
      const drift = await load()
      await drift.importDatabase(data)
      return save(drift)
    })
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
