// The engine worker: the only place the wasm binding is loaded. The page talks to it through
// the comlink API below (typed by `EngineApi`), never to the binding itself, so the page thread
// neither fetches nor instantiates the wasm, and a blocking call blocks this worker only.
import * as Comlink from 'comlink'

import {
  CHANGES_SHOWN,
  type ArchiveReport,
  type EngineApi,
  type EngineContext,
  type EngineInfo,
  type EngineOptions,
  type HashProgress,
  type HashRun,
  type Listing,
  type PageOptions,
  type RowQuery,
  type ScanProgressInfo,
  type ScanRun,
  type SavedInfo,
  type StorageState,
  type StoredState,
  type UploadedFile,
  type VariantReport,
  type FileRow,
  type RowPage,
  type FileView,
  type SecretMark,
  GRAPH_CALLS,
  SECURITY_CALLS,
  DETECTION_CALLS,
  type EngineCall,
  type PatternStatus,
  type PatternStatusChange,
  type GraphApi,
  type StoredContents,
} from '../shared/types'
import { DEFAULT_ARCHIVE_LIMITS, extractArchive, type ArchiveLimits } from './archive'
import { outlineOfParse, outlineOfRows, sortOutline } from './outline'
import { fileCalls } from './direct-files'
import { DB_DIR, DB_PATH, SavedDatabase } from './persistence'
import { MemoryText, SourceStore, type SourceText, type SourceWriter } from './sources'

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

/** The saved database, once `init` has run (null: this tab works in memory). */
let store: SavedDatabase | null = null
/** The text of the last upload in this browser (when this tab owns drift.db). */
let sourceStore: SourceStore | null = null
/** Whether `sources` was looked up in `sourceStore` since the page started. */
let sourcesRestored = false
let storage: StorageState = { persistent: false, restored: null, message: null }
let lastSave: SavedInfo | null = null
/** How the runtime was started, to start it again after "Clear data". */
let initOptions: Parameters<Binding['driftInitialize']>[0]

/**
 * Runs `work` after every call queued before it: scans, imports and clearing the data must not
 * overlap (clearing shuts the engine down and empties the files under it).
 */
let queue: Promise<unknown> = Promise.resolve()
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work)
  queue = next.catch(() => {})
  return next
}

async function storedState(drift: Binding): Promise<StoredState> {
  const memory = drift.driftMemory()
  return {
    status: drift.queryStatus(),
    storage,
    lastSave,
    footprint: store?.footprint() ?? 0,
    engineMemory: memory.wasmBytes ?? 0,
    engineHeapInUse: memory.heapInUseBytes ?? 0,
    fileCalls: { ...fileCalls },
  }
}

/**
 * After a change: when this tab owns the saved drift.db, the engine wrote it in place and SQLite
 * synced each commit; this records its size for the storage panel.
 */
async function recordChange(drift: Binding): Promise<StoredState> {
  if (store) lastSave = store.committed()
  return storedState(drift)
}

/** The text of the files of the last scan, by path: what the editor shows (see `sources.ts`). */
let sources: SourceText | null = null
const decoder = new TextDecoder()

/**
 * The scan in flight, if any. While it runs, this thread answers the engine's requests for
 * file text, so it must not make a blocking engine call that waits on the engine's pool
 * (the pool would wait for text only this thread can give): such calls wait for it first.
 */
let scanning: Promise<unknown> | null = null

/** Waits for the scan in flight (its outcome does not matter here). */
async function settled(): Promise<void> {
  while (scanning) await scanning.catch(() => {})
}

/** Where a scan's text is written: this browser's storage, or memory without it. */
async function sourceWriter(): Promise<SourceWriter> {
  if (sourceStore) {
    try {
      return await sourceStore.begin()
    } catch {
      // Storage refused (another tab holds the file, or the quota): memory it is.
    }
  }
  return new MemoryText()
}

/** A file to scan: listed first, read only if the scan gets to it. */
interface ListedUpload {
  path: string
  size: number
  mtimeMs: number
  /** Its bytes. */
  read(): Promise<Uint8Array>
}

/** What the engine asks for, for each file it reads (see `scanFileList`). */
interface ReadRequest {
  index: number
  path: string
  into?: Uint8Array
  done(answer: Uint8Array | number | Error): void
}

/** A path as the engine stores it (`\` turned into `/`, leading `./` taken out). */
const normalized = (path: string) => path.replace(/\\/g, '/').replace(/^(\.\/)+/, '')

/**
 * Scans listed files, reading each one only when the engine asks for it, and keeps the text
 * of what was scanned in `writer` (one copy, outside the engine's memory), then saves.
 */
async function scanListed(
  files: ListedUpload[],
  writer: SourceWriter,
  project: string,
  onProgress: (progress: ScanProgressInfo) => void,
  archive: ArchiveReport | null,
): Promise<ScanRun> {
  let finished!: () => void
  scanning = new Promise<void>((resolve) => (finished = resolve))
  try {
    const drift = await load()
    let progressEvents = 0
    // The engine asks a little ahead of its parsing, so several reads are under way at once.
    const read = ({ index, path, into, done }: ReadRequest) => {
      // Every path ends in `done`: the engine waits for each file it asked for.
      files[index].read().then(
        (bytes) => {
          try {
            if (!writer.has(path)) writer.add(path, bytes)
          } catch {
            // Not kept (storage full?): the scan goes on, and the writer keeps nothing.
          }
          // Straight into the engine's memory when it offers room: given bytes would be
          // copied there, and that copy freed only by a later garbage collection.
          if (into && bytes.length <= into.length) {
            into.set(bytes)
            done(bytes.length)
          } else done(bytes)
        },
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      )
    }
    let summary: Awaited<ReturnType<Binding['scanFileList']>>
    try {
      // This thread owns drift.db: the scan wakes it to write each batch of parsed files while
      // the pool parses (no timer), and asks it for each file's text. A failed write fails the
      // scan itself, with its code.
      summary = await drift.scanFileList(
        files.map(({ path, size, mtimeMs }) => ({ path, size, mtimeMs })),
        read,
        { project, includeEntries: true },
        (progress) => {
          progressEvents += 1
          onProgress({ processed: progress.processed, total: progress.total, phase: progress.phase })
        },
      )
    } catch (error) {
      await writer.abort()
      throw error
    } finally {
      scanning = null
      finished()
    }
    // Files unchanged since the last scan were not read: their text is kept all the same.
    const byPath = new Map(files.map((file, index) => [normalized(file.path), index]))
    for (const entry of summary.entries ?? []) {
      const index = byPath.get(entry.path)
      if (index === undefined || writer.has(entry.path)) continue
      try {
        writer.add(entry.path, await files[index].read())
      } catch {
        // Gone since it was picked: the editor shows its stored symbols only.
      }
    }
    const { stats, entries: _entries, added, modified, removed, ...rest } = summary
    const stored = await recordChange(drift)
    // Without the text a reload still shows every symbol: a failed save of it is not an error.
    sources = await writer.commit(summary.generation).catch(() => null)
    sourcesRestored = true
    const first = (paths: string[] | null | undefined) => (paths ?? []).slice(0, CHANGES_SHOWN)
    return {
      ...rest,
      skippedIgnored: stats.skippedIgnored,
      skippedTooLarge: stats.skippedTooLarge + (archive?.skipped.length ?? 0),
      progressEvents,
      stored,
      changes: { added: first(added), modified: first(modified), removed: first(removed) },
      bytes: stats.bytes,
      archive,
    }
  } finally {
    release(onProgress)
  }
}

/**
 * Uploaded files (a folder, or the sample): read from their `Blob`s when the scan asks. Their
 * sizes and times are read here, off the page's thread (see `UploadedFile`); a `Blob` that is
 * not a `File` (the sample) has no time.
 */
function listUploads(files: UploadedFile[]): ListedUpload[] {
  return files.map(({ path, file }) => ({
    path,
    size: file.size,
    mtimeMs: file instanceof File ? file.lastModified : 0,
    read: async () => new Uint8Array(await file.arrayBuffer()),
  }))
}

/** Entries larger than this are not extracted (the engine would skip them anyway). */
const MAX_FILE_SIZE = 1024 * 1024

/** The limits uploaded archives are held to (set by `init`). */
let limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS

/**
 * Extracts a `.zip` into `writer` (streamed from the picked file and held to `limits`, see
 * `archive.ts`), and lists its files for the scan, which reads them back from there. Paths are
 * passed on as they are written in the archive: the engine refuses absolute ones and those that
 * leave the folder (`../`), and lists them.
 */
function readArchive(file: Blob, name: string, writer: SourceWriter) {
  const sizes = new Map<string, number>()
  const { skipped, entries } = extractArchive(file, name, MAX_FILE_SIZE, limits, ({ path, data }) => {
    writer.add(path, data)
    sizes.set(path, data.length)
  })
  const stripped = commonFolder([...sizes.keys(), ...skipped.map((issue) => issue.path ?? '')])
  writer.rename((path) => path.slice(stripped.length))
  const files = [...sizes].map(([whole, size]): ListedUpload => {
    const path = whole.slice(stripped.length)
    return {
      path,
      size,
      mtimeMs: 0,
      read: async () => {
        const bytes = writer.read(path)
        if (!bytes) throw new Error('not kept from the archive')
        return bytes
      },
    }
  })
  const report: ArchiveReport = { name, entries, stripped, skipped }
  return { files, report }
}

/** Sets `scan.extra_ignore` (the page has no drift.toml; the user's choices come from here). */
function configureIgnores(drift: Binding, patterns: string[]) {
  drift.driftConfigure(`[scan]\nextra_ignore = ${JSON.stringify(patterns)}\n`)
}

/** `value` without its undefined fields, so they do not override defaults when spread. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>
}

/** The folder (with its `/`) that every path is inside, as archives of a repository have; or "". */
function commonFolder(paths: string[]): string {
  const first = paths[0]?.split('/')[0]
  if (!first || first === '..' || first === '' || paths.some((path) => !path.startsWith(`${first}/`))) return ''
  return `${first}/`
}

/** Every page of a listing for the rows of one file. */
async function rowsOf<R extends { file: string }>(
  listing: (filter: RowQuery | null, page: PageOptions | null) => { items: R[]; hasMore: boolean; nextCursor?: string | null },
  path: string,
): Promise<R[]> {
  const rows: R[] = []
  let cursor: string | undefined
  for (;;) {
    const page = listing({ pathPrefix: path }, { cursor, limit: 100 })
    for (const row of page.items) if (row.file === path) rows.push(row)
    if (!page.hasMore || !page.nextCursor) return rows
    cursor = page.nextCursor
  }
}

function parsedView(drift: Binding, path: string, source: string): FileView {
  const result = drift.parseFile(path, source)
  return {
    path,
    language: result.language,
    source,
    items: outlineOfParse(result),
    errors: result.errorPositions.map(({ line, column }): [number, number] => [line, column]),
    hasErrors: result.hasErrors,
    origin: 'parse',
    secrets: secretsIn(drift, path, source),
  }
}

/** The secrets in `source` (places and masked previews), for the editor to hide. */
function secretsIn(drift: Binding, path: string, source: string | null): SecretMark[] {
  if (source === null) return []
  return drift.findSecretsInText(path, source).map(({ line, column, endColumn, pattern, provider, severity, status, masked }) => ({
    line,
    column,
    endColumn,
    pattern,
    provider,
    severity,
    status,
    masked,
  }))
}

const listings: Record<Listing, (drift: Binding) => (filter: RowQuery | null, page: PageOptions | null) => RowPage> = {
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
      limits = { ...DEFAULT_ARCHIVE_LIMITS, ...definedOnly(options.archiveLimits ?? {}) }
      // The saved database is served to the engine's file system before the runtime opens it.
      if (options.ephemeral) {
        // Snippets and embeds work in memory and leave this browser's saved drift.db alone.
        drift.__fs.mkdirSync(DB_DIR, { recursive: true })
        store = null
        storage = { persistent: false, restored: null, message: null }
      } else {
        const opened = await SavedDatabase.open(drift.__fs, { crashAfterBytes: options.crashAfterBytes })
        store = opened.store
        storage = opened.state
        sourceStore = store ? await SourceStore.open() : null
      }
      // The browser has no drift.toml to read: the configuration is given here. No parse
      // cache in drift.db (a reload keeps the results themselves, and the cache would make the
      // database OPFS saves 40% bigger), and a small one in memory (wasm memory never shrinks).
      // SQLite's page cache is 8 MiB, not 32: its pages would stay in the wasm memory's
      // high-water mark.
      const security = options.security !== false
      initOptions = {
        root: '/project',
        threads: options.threads,
        configToml: [
          `[storage]\ndb_path = ${JSON.stringify(DB_PATH)}\npage_cache_mib = 8`,
          '[parse]\npersistent_cache = false\ncache_entries = 256',
          `[detection]\nenabled = ${options.detection !== false}`,
          `[security]\nsecrets = ${security}\nboundaries = ${security}\ntaint = ${security}`,
          '[call_graph]\nwarm_up = true',
          ...(options.logFilter ? [`[log]\nfilter = ${JSON.stringify(options.logFilter)}`] : []),
        ].join('\n'),
      }
      const init = drift.driftInitialize(initOptions)
      if (options.extraIgnore?.length) configureIgnores(drift, options.extraIgnore)
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
      await settled()
      return await hashAll(await load(), buffers, onProgress)
    } finally {
      // The page's callback arrives as a comlink proxy: release its port once the batch is done.
      release(onProgress)
    }
  },

  scanFiles(files: UploadedFile[], project: string, onProgress: (progress: ScanProgressInfo) => void): Promise<ScanRun> {
    return exclusive(async () => scanListed(listUploads(files), await sourceWriter(), project, onProgress, null))
  },

  scanArchive(file: Blob, name: string, onProgress: (progress: ScanProgressInfo) => void): Promise<ScanRun> {
    return exclusive(async () => {
      onProgress({ processed: 0, phase: 'extracting' })
      const writer = await sourceWriter()
      let read: ReturnType<typeof readArchive>
      try {
        read = readArchive(file, name, writer)
      } catch (error) {
        // Refused or unreadable: nothing of it is kept, and the previous text stays.
        await writer.abort()
        release(onProgress)
        throw error
      }
      return scanListed(read.files, writer, name.replace(/\.zip$/i, ''), onProgress, read.report)
    })
  },

  async graph<K extends EngineCall>(call: K, ...args: Parameters<GraphApi[K]>): Promise<ReturnType<GraphApi[K]>> {
    if (![...GRAPH_CALLS, ...SECURITY_CALLS, ...DETECTION_CALLS].includes(call)) throw new Error(`[INVALID_ARGUMENT] ${String(call)} is not a query of the stored scan`)
    // A build (and other analyses) run on the engine's pool, which a scan may be waiting with.
    await settled()
    const drift = await load()
    const fn = drift[call] as (...values: Parameters<GraphApi[K]>) => ReturnType<GraphApi[K]>
    return fn(...args)
  },

  setPatternStatus(id: string, status: PatternStatus): Promise<PatternStatusChange> {
    return exclusive(async () => {
      const drift = await load()
      // The status lives in drift.db: saved like a scan, so a reload finds it.
      const result = drift.setPatternStatus(id, status)
      return { result, stored: await recordChange(drift) }
    })
  },

  setExtraIgnore(patterns: string[]): Promise<void> {
    return exclusive(async () => configureIgnores(await load(), patterns))
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
      // Closed first, so nothing writes the files while they are emptied.
      drift.driftShutdown()
      if (store) store.clear()
      else {
        for (const path of [DB_PATH, `${DB_PATH}-journal`]) {
          if (drift.__fs.existsSync(path)) drift.__fs.unlinkSync(path)
        }
      }
      await sourceStore?.clear()
      sources = null
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
      // The kept text belongs to the database that was replaced.
      await sourceStore?.clear()
      sources = null
      sourcesRestored = true
      return recordChange(drift)
    })
  },

  async contents(): Promise<StoredContents> {
    const drift = await load()
    const files: FileRow[] = []
    let cursor: string | undefined
    for (;;) {
      const page = drift.queryFiles(null, { cursor, limit: 100 })
      files.push(...page.items)
      if (!page.hasMore || !page.nextCursor) break
      cursor = page.nextCursor
    }
    // Files per language from the listing just read; functions and classes counted by drift.db.
    const perLanguage = new Map<string, number>()
    for (const file of files) {
      const language = file.language ?? 'unknown'
      perLanguage.set(language, (perLanguage.get(language) ?? 0) + 1)
    }
    const stats = [...perLanguage.entries()]
      .map(([language, count]) => {
        const filter = language === 'unknown' ? null : { language }
        return {
          language,
          files: count,
          functions: filter ? drift.queryFunctions(filter, { limit: 1 }).total : 0,
          classes: filter ? drift.queryClasses(filter, { limit: 1 }).total : 0,
        }
      })
      .sort((a, b) => b.files - a.files || a.language.localeCompare(b.language))
    return { files, stats }
  },

  async openFile(path: string): Promise<FileView> {
    const drift = await load()
    if (!sources && sourceStore && !sourcesRestored) {
      // After a reload: the text kept with drift.db, if it belongs to the stored scan.
      sourcesRestored = true
      sources = await sourceStore.load(drift.queryStatus().generation).catch(() => null)
    }
    const bytes = (await sources?.get(path).catch(() => null)) ?? null
    const [file] = drift.queryFiles({ pathPrefix: path }, { limit: 1 }).items.filter((row) => row.path === path)
    if (bytes && file?.language) return parsedView(drift, path, decoder.decode(bytes))
    const items = [
      ...(await rowsOf(drift.queryFunctions, path)).map(outlineOfRows.functions),
      ...(await rowsOf(drift.queryClasses, path)).map(outlineOfRows.classes),
      ...(await rowsOf(drift.queryImports, path)).map(outlineOfRows.imports),
      ...(await rowsOf(drift.queryExports, path)).map(outlineOfRows.exports),
      ...(await rowsOf(drift.queryCallSites, path)).map(outlineOfRows.callSites),
    ]
    const source = bytes ? decoder.decode(bytes) : null
    return {
      path,
      language: file?.language ?? null,
      source,
      items: sortOutline(items),
      errors: [],
      hasErrors: false,
      origin: 'stored',
      secrets: secretsIn(drift, path, source),
    }
  },

  async parseText(path: string, text: string): Promise<FileView> {
    return parsedView(await load(), path, text)
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
