// Types shared by the engine worker (src/worker/engine.worker.ts) and the UI: the one typed
// API the worker exposes through comlink, and what it returns. Scan and parse results use the
// binding's generated types (`@drift/napi`, built before the type check).

import type {
  CallSiteRow,
  ClassRow,
  ExportRow,
  FileRow,
  FunctionRow,
  ImportRow,
  PageOptions,
  ParseSummaryInfo,
  PatternStatusResult,
  RowQuery,
  ScanIssueInfo,
  ScanProgress,
  ScanSummary,
  StatusInfo,
} from '@drift/napi'

import type { SavedInfo, StorageState } from '../worker/persistence'

export type { FileRow, PageOptions, PatternStatusResult, RowQuery, SavedInfo, ScanIssueInfo, StatusInfo, StorageState }

/** A row of any of the parse-result listings (the binding's typed rows). */
export type ListingRow = FunctionRow | ClassRow | ImportRow | ExportRow | CallSiteRow

/** A page of any of the parse-result listings. */
export interface RowPage {
  items: ListingRow[]
  total: number
  hasMore: boolean
  nextCursor?: string | null
}

/** Progress of one batch, as the binding reports it (`done` strictly increases to `total`). */
export interface HashProgress {
  done: number
  total: number
}

/** One binding call's result, without the per-buffer hashes. */
export interface VariantReport {
  combined: string
  threadsUsed: number
  poolSize: number
  hashCount: number
  millis: number
}

/** Where the engine runs: the proof that the wasm lives in a worker, not on the page thread. */
export interface EngineContext {
  /** `self instanceof WorkerGlobalScope`, evaluated where the binding is loaded. */
  inWorker: boolean
  /** The worker's `name` (`self.name`). */
  threadName: string
  crossOriginIsolated: boolean
  /** `performance.getEntriesByType('resource')` URLs of that thread that end in `.wasm`. */
  wasmResources: string[]
}

export interface EngineInfo {
  version: string
  backend: string
  /** Threads of the engine's pool, as `driftInitialize` reports them. */
  threads: number
  context: EngineContext
  /** What is stored, as found at start (restored from this browser's storage or empty). */
  stored: StoredState
}

/** The saved database: what it holds, whether this tab saves it, and its state after the last change. */
export interface StoredState {
  status: StatusInfo
  storage: StorageState
  lastSave: SavedInfo | null
  /** Bytes drift.db takes in this browser's storage (0 when not persistent). */
  footprint: number
  /** Bytes of the engine's wasm memory, which grows to the most it ever needed and never shrinks. */
  engineMemory: number
  /** Bytes of that memory in blocks the engine's allocator has handed out; the rest is free room. */
  engineHeapInUse: number
  /**
   * Reads and writes of the saved files since the page opened: straight between the file and the
   * engine's memory, or through a copy (see web/src/worker/direct-files.ts).
   */
  fileCalls: { direct: number; copied: number }
}

/** The row listings of drift.db. */
export type Listing = 'functions' | 'classes' | 'imports' | 'exports' | 'callSites'

/** Settings of the engine worker. */
export interface EngineOptions {
  threads: number
  /** Keep drift.db in memory only, without touching the saved one (snippets and embeds). */
  ephemeral?: boolean
  /** Fault injection for tests: stop writing drift.db after this many bytes, as a closed page would. */
  crashAfterBytes?: number
  /** Limits for uploaded .zip files (defaults in `worker/archive.ts`). */
  archiveLimits?: Partial<ArchiveLimitsOption>
  /** `scan.extra_ignore` patterns that bring default-ignored directories back. */
  extraIgnore?: string[]
  /** `detection.enabled`: run the detection packs on every scan (default true). */
  detection?: boolean
  /** `security.secrets`, `security.boundaries` and `security.taint` together (default true). */
  security?: boolean
  /** `log.filter`: what the engine logs to the worker's console (its default when absent). */
  logFilter?: string
}

/** Limits for uploaded .zip files: inflated bytes in all, entries, inflated/compressed ratio. */
export interface ArchiveLimitsOption {
  maxBytes: number
  maxEntries: number
  maxRatio: number
}

export interface HashRun {
  /** `hashBuffersAsync` (napi AsyncTask), run first: it also warms the thread pool. */
  async: VariantReport
  /** `hashBuffersWithProgress` (threadsafe-function progress). */
  progress: VariantReport
  /** `hashBuffers` (blocks the worker thread), run last, once the pool is warm. */
  sync: VariantReport
  /** Progress callbacks the worker received during the progress variant. */
  progressEvents: number
  lastProgress: HashProgress | null
  /** Whether the three variants produced the same per-buffer hashes. */
  agree: boolean
  context: EngineContext
}

/** One uploaded file, with its own `ArrayBuffer` (views into a shared one are slow in wasm). */
export interface UploadedFile {
  /** Path inside the uploaded folder, `/`-separated, without the folder's own name. */
  path: string
  /**
   * Its bytes, read only if the scan gets to the file (a picked `File`, or any `Blob`). The
   * worker reads its size and modification time: for picked files the first read of either is
   * a synchronous call to the browser per file (1.3 s for 10,000 files), which would hold up
   * the page.
   */
  file: Blob
}

/** Progress of a scan, as the binding reports it. */
export type ScanProgressInfo = ScanProgress

/** The parse half of a scan, as the binding reports it. */
export type ParseRun = ParseSummaryInfo

/** What a scan of uploaded files found: the binding's summary without the per-file lists. */
export type ScanRun = Omit<ScanSummary, 'stats' | 'entries' | 'added' | 'modified' | 'removed'> & {
  skippedIgnored: number
  skippedTooLarge: number
  /** Progress callbacks the worker received. */
  progressEvents: number
  /** The stored state after the scan was saved. */
  stored: StoredState
  /** What changed since the previous scan of the same project (the first paths of each). */
  changes: ScanChanges
  /** Bytes read. */
  bytes: number
  /** For a `.zip`: its entries, and those refused before the scan. */
  archive: ArchiveReport | null
}

/** Paths a scan added, modified and removed (at most `CHANGES_SHOWN` of each). */
export interface ScanChanges {
  added: string[]
  modified: string[]
  removed: string[]
}

/** How many changed paths of each kind a scan result carries. */
export const CHANGES_SHOWN = 200

/** What reading a `.zip` did. */
export interface ArchiveReport {
  name: string
  /** File entries in the archive. */
  entries: number
  /** The folder every entry was inside (removed from the paths), or "". */
  stripped: string
  /** Entries not extracted, with the reason (too large to extract; unusable paths are refused by the scan and listed in `errors`). */
  skipped: ScanIssueInfo[]
}

export type OutlineKind = 'function' | 'class' | 'import' | 'export' | 'call'

/** One symbol of a file. Lines and columns are 0-based. */
export interface OutlineItem {
  kind: OutlineKind
  name: string
  detail: string
  line: number
  column: number
  endLine: number
}

/** A file as the page shows it: its text when available, its symbols and syntax errors. */
export interface FileView {
  path: string
  language: string | null
  /** The text, or null when the page does not have it (results restored without their text). */
  source: string | null
  items: OutlineItem[]
  /** Syntax error positions (0-based line, byte column); empty from storage. */
  errors: [number, number][]
  hasErrors: boolean
  /** Where the outline comes from: a parse of the text, or the rows in drift.db. */
  origin: 'parse' | 'stored'
  /** Secrets in the text (masked previews only), which the editor hides. */
  secrets: SecretMark[]
}

/** A secret's place in a file, as the editor hides and describes it: never its value. */
export interface SecretMark {
  line: number
  /** Byte columns of the value on its line. */
  column: number
  endColumn: number
  pattern: string
  provider: string
  severity: string
  status: string
  masked: string
}

/** What drift.db holds, as the file tree and the per-language chart show it. */
export interface StoredContents {
  files: FileRow[]
  stats: LanguageStat[]
}

/** Files, functions and classes stored per language. */
export interface LanguageStat {
  language: string
  files: number
  functions: number
  classes: number
}

/** The engine worker's API (comlink wraps every method in a Promise on the page side). */
/** The binding's call-graph functions the page calls through `EngineApi.graph`. */
export const GRAPH_CALLS = [
  'buildCallGraph',
  'queryCallers',
  'queryCallees',
  'queryCallGraph',
  'queryEntryPoints',
  'analyzeReachability',
  'analyzeImpact',
  'findDeadCode',
  'findPath',
] as const

export type GraphCall = (typeof GRAPH_CALLS)[number]

/** The binding's security functions the page calls through `EngineApi.graph` too. */
export const SECURITY_CALLS = ['detectSecrets', 'querySecrets', 'querySecretsInFile', 'querySensitiveFields', 'detectBoundaries', 'queryBoundaries', 'querySecuritySummary', 'queryTaintFlows', 'analyzeTaint'] as const

export type SecurityCall = (typeof SECURITY_CALLS)[number]

/**
 * The binding's pattern-detection reads the page calls through `EngineApi.graph` too (the
 * status change, a write, is `EngineApi.setPatternStatus`). `detectPatterns` is called with
 * `forceRelearn: false` here: scans learn on their own, and a relearn would write drift.db.
 */
export const DETECTION_CALLS = ['detectPatterns', 'queryPatterns', 'queryPatternDetail', 'queryViolations', 'queryViolationsInFile'] as const

export type DetectionCall = (typeof DETECTION_CALLS)[number]

/** Every stored-scan question the page may ask the engine. */
export type EngineCall = GraphCall | SecurityCall | DetectionCall

/** What a pattern's status can be set to. */
export type PatternStatus = 'discovered' | 'approved' | 'ignored'

/** A status change: what the binding reports, and the stored state once it was saved. */
export interface PatternStatusChange {
  result: PatternStatusResult
  stored: StoredState
}

/** Those functions with the binding's own (generated) types. */
export type GraphApi = Pick<typeof import('@drift/napi'), EngineCall>

export interface EngineApi {
  /**
   * Loads the wasm binding in the worker, restores drift.db from this browser's storage (when
   * this tab owns it) and starts the runtime.
   */
  init(options: EngineOptions): Promise<EngineInfo>
  version(): Promise<string>
  /**
   * Hashes `buffers` through the three binding variants. `onProgress` is a comlink proxy;
   * the buffers are best transferred (`Comlink.transfer`), each with its own `ArrayBuffer`.
   */
  hash(buffers: Uint8Array[], onProgress: (progress: HashProgress) => void): Promise<HashRun>
  /**
   * Scans uploaded files with the engine's scanner (the same code as a scan of a directory);
   * the next scan of the same `project` reports what changed. Only the files the scan admits
   * (ignore rules, size limit) are read, each once, when it gets to them.
   */
  scanFiles(files: UploadedFile[], project: string, onProgress: (progress: ScanProgressInfo) => void): Promise<ScanRun>
  /** The stored state. */
  stored(): Promise<StoredState>
  /** One page of a listing of drift.db. */
  list(listing: Listing, filter: RowQuery | null, page: PageOptions | null): Promise<RowPage>
  /** drift.db as the bytes of a standalone file (a download). */
  exportDatabase(): Promise<Uint8Array>
  /** Cancels the scan in flight (it resolves with a partial result); returns how many there were. */
  cancelScan(): Promise<number>
  /** Deletes drift.db here and in this browser's storage, and starts over with an empty one. */
  clearData(): Promise<StoredState>
  /** Replaces drift.db with an uploaded one (checked first; refused files change nothing), then saves it. */
  importDatabase(data: Uint8Array): Promise<StoredState>
  /** Reads a `.zip` (streamed from the picked file) and scans its files, like `scanFiles`. */
  scanArchive(file: Blob, name: string, onProgress: (progress: ScanProgressInfo) => void): Promise<ScanRun>
  /** Replaces `scan.extra_ignore` for the scans that follow. */
  setExtraIgnore(patterns: string[]): Promise<void>
  /** Every stored file, by path, and the files, functions and classes per language. */
  contents(): Promise<StoredContents>
  /** A stored file: parsed from its text when the page has it, else from drift.db's rows. */
  openFile(path: string): Promise<FileView>
  /** Parses `text` as the language of `path` (nothing is stored): the live outline of an edit. */
  parseText(path: string, text: string): Promise<FileView>
  /**
   * Sets a pattern's status (the engine learns again) and saves drift.db, so the status
   * survives a reload: a write, queued after the scans and saves in flight like them.
   */
  setPatternStatus(id: string, status: PatternStatus): Promise<PatternStatusChange>
  /** A call-graph, security or detection question, answered by the engine from the stored scan. */
  graph<K extends EngineCall>(call: K, ...args: Parameters<GraphApi[K]>): Promise<ReturnType<GraphApi[K]>>
}
