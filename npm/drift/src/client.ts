// DriftClient: the typed way to use Drift from Node. Every call forwards to the binding and
// turns its `[CODE] message` failures into `DriftError`; list queries come a page at a time or
// as an async iterator over every page.
import { resolve } from 'node:path'

import { bindingTarget, loadBindings, type NativeBindings } from './bindings.js'
import { wrap, wrapAsync } from './errors.js'
import type {
  BackupResult,
  CallGraphStats,
  CallGraphSubset,
  DeadCodePage,
  EdgeView,
  EntryPointPage,
  EntryPointQuery,
  ImpactResult,
  PathResult,
  ReachabilityOptions,
  ReachabilityResult,
  ClassRow,
  CallSiteRow,
  ConfigureResult,
  ExportRow,
  FilePage,
  FileQuery,
  FileRow,
  FunctionRow,
  ImportRow,
  InitResult,
  InputFile,
  Page,
  PageOptions,
  ParseResult,
  ParseStats,
  RowQuery,
  ScanOptions,
  ScanProgress,
  ScanSummary,
  SecretPage,
  SecretQuery,
  SecretsSummary,
  SecretView,
  DetectionSummaryView,
  DetectOptions,
  PatternDetailView,
  PatternPage,
  PatternQuery,
  PatternStatusResult,
  ViolationPage,
  ViolationQuery,
  ViolationView,
  SensitiveFieldList,
  SensitiveFieldQuery,
  BoundariesSummary,
  BoundaryPage,
  BoundaryQuery,
  SecuritySummaryView,
  TaintFlowList,
  TaintQuery,
  TaintResult,
  StatusInfo,
  StorageStatsInfo,
} from './types.js'

/** How to start the engine; every field is optional. */
export interface DriftInitOptions {
  /** Project root (default: the working directory). */
  root?: string
  /** Worker threads (default: `scan.parallelism`, else one per core). */
  threads?: number
  /** TOML that replaces the project's `drift.toml`. */
  configToml?: string
}

/** The row listings and the row type each returns. */
export interface Listings {
  files: FileRow
  functions: FunctionRow
  classes: ClassRow
  imports: ImportRow
  exports: ExportRow
  callSites: CallSiteRow
}

export type ListingName = keyof Listings

/** The filter each listing takes. */
export type FilterOf<L extends ListingName> = L extends 'files' ? FileQuery : RowQuery

let closingOnExit = false

/**
 * A process that ends without `shutdown()` (a script that returns, `process.exit()`) still
 * closes drift.db: the wasm build holds it locked through a `drift.db.lock` directory beside
 * it, which would otherwise outlive the process and make later opens fail with `DB_BUSY`.
 */
function closeOnExit(native: NativeBindings): void {
  if (closingOnExit) return
  closingOnExit = true
  process.once('exit', () => {
    try {
      native.driftShutdown()
    } catch {
      // Already shut down, or never started: nothing is open.
    }
  })
}

export class DriftClient {
  private constructor(
    private readonly native: NativeBindings,
    /** What `driftInitialize` reported (root, db path, threads, backend). */
    readonly info: InitResult,
  ) {}

  /**
   * Starts the engine (or joins the running one when the options agree with it) and opens
   * the project's drift.db. Rejects with `CONFIG_ERROR`, `INVALID_ARGUMENT`, `STORAGE_ERROR`,
   * `DB_CORRUPT`, `MIGRATION_FAILED`, `ALREADY_INITIALIZED`.
   */
  static async initialize(options: DriftInitOptions = {}): Promise<DriftClient> {
    const native = loadBindings()
    // Resolved here, against this process's working directory: the wasm build runs on WASI,
    // which cannot see it (a relative root would name the file system's root).
    const root = resolve(options.root ?? '.')
    const info = wrap(() => native.driftInitialize({ root, threads: options.threads, configToml: options.configToml }))
    closeOnExit(native)
    return new DriftClient(native, info)
  }

  /** `native` or `wasm32-wasi`. */
  get backend(): string {
    return bindingTarget(this.native)
  }

  /** The engine version. */
  version(): string {
    return wrap(() => this.native.driftVersion())
  }

  /** Applies TOML overrides to the running configuration. */
  configure(overridesToml: string): ConfigureResult {
    return wrap(() => this.native.driftConfigure(overridesToml))
  }

  /** Scans `root` (relative to the project root), parses what changed and stores it. */
  scan(root = '.', options: ScanOptions = {}): Promise<ScanSummary> {
    return this.scanning(() => this.native.nativeScan(root, options))
  }

  /** `scan` with progress: `onProgress` runs on the JavaScript thread about every 100 files. */
  scanWithProgress(root: string, options: ScanOptions, onProgress: (progress: ScanProgress) => void): Promise<ScanSummary> {
    return this.scanning(() => this.native.nativeScanWithProgress(root, options, onProgress))
  }

  /** Scans files handed over in memory (e.g. an upload). */
  scanFiles(files: InputFile[], options: ScanOptions = {}, onProgress?: (progress: ScanProgress) => void): Promise<ScanSummary> {
    return this.scanning(() => this.native.scanFiles(files, options, onProgress))
  }

  /**
   * Runs a scan. On the wasm build only this thread may write drift.db: the scan itself wakes
   * it to write each batch of parsed files, so storing overlaps parsing as the native build's
   * writer thread does, without polling. A failed write fails the scan itself.
   */
  private async scanning(start: () => Promise<ScanSummary>): Promise<ScanSummary> {
    return wrapAsync(start)
  }

  /** Cancels the scans in flight (they resolve with `status: "partial"`); returns how many. */
  cancelScan(): number {
    return wrap(() => this.native.cancelScan())
  }

  /** Parses `source` as the language of `path`'s extension (for editors; nothing is stored). */
  parseFile(path: string, source: string | Uint8Array): ParseResult {
    return wrap(() => this.native.parseFile(path, source))
  }

  /** Reads and parses `path` (relative to the root), from the parse caches when unchanged. */
  parseFileCached(path: string): ParseResult {
    return wrap(() => this.native.parseFileCached(path))
  }

  /** Parse-cache statistics. */
  parseStats(): ParseStats {
    return wrap(() => this.native.queryParseStats())
  }

  /** One page of a listing. Rejects with `INVALID_CURSOR`, `INVALID_FILTER`. */
  query<L extends ListingName>(listing: L, filter?: FilterOf<L> | null, page?: PageOptions | null): Page<Listings[L]> {
    const n = this.native
    const listers: Record<ListingName, (filter: never, page?: PageOptions | null) => unknown> = {
      files: n.queryFiles,
      functions: n.queryFunctions,
      classes: n.queryClasses,
      imports: n.queryImports,
      exports: n.queryExports,
      callSites: n.queryCallSites,
    }
    const list = listers[listing] as (filter: FilterOf<L> | null | undefined, page?: PageOptions | null) => Page<Listings[L]>
    return wrap(() => list(filter, page))
  }

  /** Every row of a listing, page by page (`pageSize` rows per call into the engine). */
  async *all<L extends ListingName>(listing: L, filter?: FilterOf<L> | null, pageSize = 100): AsyncGenerator<Listings[L]> {
    let cursor: string | undefined
    do {
      const page = this.query(listing, filter, { cursor, limit: pageSize })
      yield* page.items
      cursor = page.nextCursor ?? undefined
    } while (cursor)
  }

  /** Files added or modified by scan generation `since` or later (default: the last scan). */
  changedFiles(since?: number, page?: PageOptions): FilePage {
    return wrap(() => this.native.queryChangedFiles(since, page))
  }

  /** The call graph of the stored scan (built on first use after each scan): its counts. */
  buildCallGraph(): CallGraphStats {
    return wrap(() => this.native.buildCallGraph())
  }

  /**
   * The functions calling `fn`: an id (`path::Qualified.name`), `FILE:QUALIFIED_NAME`, a
   * qualified or a plain name. Throws `FUNCTION_NOT_FOUND`, `AMBIGUOUS_FUNCTION` (the message
   * lists the candidates) or `CALL_GRAPH_NOT_BUILT`.
   */
  callers(fn: string): EdgeView[] {
    return wrap(() => this.native.queryCallers(fn))
  }

  /** The functions `fn` calls (named as for `callers`). */
  callees(fn: string): EdgeView[] {
    return wrap(() => this.native.queryCallees(fn))
  }

  /** Callers and callees of `fn` to `depth` levels (1..50, default 2), with the edges among them. */
  callGraph(fn: string, depth?: number): CallGraphSubset {
    return wrap(() => this.native.queryCallGraph(fn, depth))
  }

  /** Entry points (routes, controllers, `main`, tests, exports), a keyset page at a time. */
  entryPoints(filter?: EntryPointQuery, page?: PageOptions): EntryPointPage {
    return wrap(() => this.native.queryEntryPoints(filter, page))
  }

  /** What `fn` reaches (`direction: 'inverse'`: what reaches it), optionally up to a `target`. */
  reachability(fn: string, options?: ReachabilityOptions): ReachabilityResult {
    return wrap(() => this.native.analyzeReachability(fn, options))
  }

  /** The blast radius of changing `fn`: callers, affected entry points, risk and its factors. */
  impact(fn: string): ImpactResult {
    return wrap(() => this.native.analyzeImpact(fn))
  }

  /** Functions nothing calls, with a confidence, a keyset page at a time. */
  deadCode(page?: PageOptions): DeadCodePage {
    return wrap(() => this.native.findDeadCode(page))
  }

  /** A shortest call path from `from` to `to`. */
  path(from: string, to: string): PathResult {
    return wrap(() => this.native.findPath(from, to))
  }

  /**
   * Learns from what the scans stored (every scan runs the detectors on the files it parses
   * and learns afterwards): conventions per category and scope, Beta confidence and tiers,
   * outliers, violations. Returns what the run found.
   */
  detectPatterns(options?: DetectOptions): DetectionSummaryView {
    return wrap(() => this.native.detectPatterns(options))
  }

  /** Patterns, most confident first, a keyset page at a time. */
  patterns(filter?: PatternQuery, page?: PageOptions): PatternPage {
    return wrap(() => this.native.queryPatterns(filter, page))
  }

  /** One pattern: posterior, credible interval, conventions, outliers and a page of locations. */
  patternDetail(id: string, page?: PageOptions): PatternDetailView {
    return wrap(() => this.native.queryPatternDetail(id, page))
  }

  /** Violations, worst first then by place, a keyset page at a time. */
  violations(filter?: ViolationQuery, page?: PageOptions): ViolationPage {
    return wrap(() => this.native.queryViolations(filter, page))
  }

  /** Every violation in one file (suppressed ones too), by line: what an editor marks. */
  violationsInFile(path: string): ViolationView[] {
    return wrap(() => this.native.queryViolationsInFile(path))
  }

  /**
   * Sets a pattern's status (`discovered`, `approved`, `ignored`), kept in drift.db, and learns
   * again. Approving an alternative sets an approved sibling back to discovered (`demoted`).
   */
  setPatternStatus(id: string, status: 'discovered' | 'approved' | 'ignored'): PatternStatusResult {
    return wrap(() => this.native.setPatternStatus(id, status))
  }

  /**
   * The secrets the scans found (every scan searches every text file it reads), summarised:
   * open findings by severity and provider, placeholders and suppressed ones set aside.
   */
  detectSecrets(): SecretsSummary {
    return wrap(() => this.native.detectSecrets())
  }

  /**
   * Secrets, open first and worst first, a keyset page at a time. A finding names the kind of
   * secret and where it is, with a masked preview and a fingerprint: never the value.
   */
  secrets(filter?: SecretQuery, page?: PageOptions): SecretPage {
    return wrap(() => this.native.querySecrets(filter, page))
  }

  /** Every secret found in one file (all statuses), in source order: what an editor masks. */
  secretsInFile(path: string): SecretView[] {
    return wrap(() => this.native.querySecretsInFile(path))
  }

  /**
   * Fields of the scanned classes, models and schemas that hold personal data, credentials,
   * money or health data, each with its confidence and the reason (at most 5000; `total`
   * counts them all).
   */
  sensitiveFields(filter?: SensitiveFieldQuery): SensitiveFieldList {
    return wrap(() => this.native.querySensitiveFields(filter))
  }

  /**
   * Where the code touches persistent data (ORMs, query builders, raw SQL), summarised: access
   * points, models, frameworks, unsafe SQL building, tiers by the sensitivity of what is touched.
   */
  detectBoundaries(): BoundariesSummary {
    return wrap(() => this.native.detectBoundaries())
  }

  /** Data accesses by model, file and line, a keyset page at a time. */
  boundaries(filter?: BoundaryQuery, page?: PageOptions): BoundaryPage {
    return wrap(() => this.native.queryBoundaries(filter, page))
  }

  /**
   * The security posture of the stored scan: a 0-100 score and risk level, the secrets, the
   * boundaries, sensitive fields by kind, and the most exposed tables.
   */
  securitySummary(): SecuritySummaryView {
    return wrap(() => this.native.querySecuritySummary())
  }

  /**
   * The taint flows of one function (named as for `callers`): untrusted data reaching a SQL,
   * shell, eval, file, HTML, redirect or deserialisation call without the sanitizer it needs,
   * each as source -> steps -> sink with its CWE.
   */
  analyzeTaint(fn: string): TaintResult {
    return wrap(() => this.native.analyzeTaint(fn))
  }

  /** Every taint flow the scans found (at most 5000; `total` counts them all). */
  taintFlows(filter?: TaintQuery): TaintFlowList {
    return wrap(() => this.native.queryTaintFlows(filter))
  }

  /** What is stored and when it was scanned. */
  status(): StatusInfo {
    return wrap(() => this.native.queryStatus())
  }

  /** Sizes of drift.db. */
  storageStats(): StorageStatsInfo {
    return wrap(() => this.native.queryStorageStats())
  }

  /** Copies drift.db to `path` (relative to the root), or returns its bytes without one. */
  backup(path?: string): Promise<BackupResult> {
    return wrapAsync(() => this.native.backupDatabase(path))
  }

  /** Replaces drift.db with the database in `data` (checked first; refused files change nothing). */
  importDatabase(data: Uint8Array): Promise<StatusInfo> {
    return wrapAsync(() => this.native.importDatabase(data))
  }

  /** Stops the engine; later calls fail with `ALREADY_SHUT_DOWN`. */
  shutdown(): void {
    wrap(() => this.native.driftShutdown())
  }
}
