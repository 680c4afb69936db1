// The client's types: the binding's generated ones, and what it leaves as `any` (parse
// results) spelled out.
export type {
  BackupResult,
  CallGraphStats,
  CallGraphSubset,
  DeadCodeItem,
  DeadCodePage,
  EdgeView,
  EntryPointPage,
  EntryPointQuery,
  FunctionSummary,
  ImpactResult,
  LanguageResolution,
  PathResult,
  Reached,
  ReachabilityOptions,
  ReachabilityResult,
  RiskFactor,
  SubsetEdge,
  ConfigureResult,
  FilePage,
  FileQuery,
  FileRow,
  FunctionRow,
  ClassRow,
  ImportRow,
  ExportRow,
  CallSiteRow,
  InitResult,
  InputFile,
  PageOptions,
  ParseStats,
  RowQuery,
  ScanIssueInfo,
  ScanOptions,
  ScanProgress,
  ScanSummary,
  StatusInfo,
  StorageStatsInfo,
  TableCounts,
  NamedCount,
  SecretPage,
  SecretQuery,
  SecretsSummary,
  SecretView,
  SensitiveFieldList,
  SensitiveFieldQuery,
  SensitiveFieldView,
  BoundariesSummary,
  BoundaryPage,
  BoundaryQuery,
  BoundaryView,
  TierCounts,
  RiskTableView,
  SecuritySummaryView,
  TaintFlowList,
  TaintFlowView,
  TaintQuery,
  TaintResult,
  TaintStepView,
  DetectionCount,
  DetectionSummaryView,
  DetectOptions,
  ConventionView,
  OutlierView,
  PatternDetailView,
  PatternLocationView,
  PatternPage,
  PatternQuery,
  PatternStatusResult,
  PatternView,
  UnknownSuppressionView,
  ViolationPage,
  ViolationQuery,
  ViolationView,
} from '@drift/napi'

/** One page of a listing. */
export interface Page<T> {
  items: T[]
  /** Rows matching the filter over all pages. */
  total: number
  hasMore: boolean
  /** Pass back as `cursor` for the next page (present when `hasMore`). */
  nextCursor?: string | null
}

/** A source range, 0-based. */
export interface Range {
  start_line: number
  start_column: number
  end_line: number
  end_column: number
}

export type Visibility = 'public' | 'protected' | 'private' | 'internal'

export interface Parameter {
  name: string
  type_annotation: string | null
  default_value: string | null
}

export interface FunctionInfo {
  name: string
  qualified_name: string
  parameters: Parameter[]
  return_type: string | null
  is_async: boolean
  is_generator: boolean
  is_static: boolean
  is_method: boolean
  visibility: Visibility | null
  decorators: string[]
  range: Range
  /** xxh3 of the body, 16 hex digits. */
  body_hash: string
  /** xxh3 of the signature, 16 hex digits. */
  signature_hash: string
}

export interface ClassInfo {
  name: string
  qualified_name: string
  kind: string
  bases: string[]
  interfaces: string[]
  methods: string[]
  fields: string[]
  visibility: Visibility | null
  decorators: string[]
  is_abstract: boolean
  range: Range
}

/**
 * Everything extracted from one file, as `parseFile` returns it (the Rust `ParseResult`, field
 * names in `snake_case`).
 */
export interface ParseResult {
  path: string
  language: string
  content_hash: string
  namespace: string | null
  functions: FunctionInfo[]
  classes: ClassInfo[]
  imports: { source: string; names: string[]; alias: string | null; line: number }[]
  exports: { name: string; is_default: boolean; source: string | null; line: number }[]
  call_sites: { callee: string; receiver: string | null; arg_count: number; line: number; column: number }[]
  /** Names passed as values to calls (callbacks such as `app.get('/', handler)`). */
  references: {
    name: string
    receiver: string | null
    passed_to: string
    call_has_receiver: boolean
    line: number
    column: number
  }[]
  decorators: { name: string; arguments: string | null; line: number }[]
  inheritance: { child: string; parent: string; is_interface: boolean }[]
  access_modifiers: { target: string; visibility: Visibility }[]
  type_annotations: { text: string; line: number }[]
  string_literals: { value: string; line: number }[]
  numeric_literals: { raw: string; line: number }[]
  error_handling: { kind: string; line: number }[]
  has_errors: boolean
  /** Syntax error positions (first 100) as `[line, column]`. */
  error_positions: [number, number][]
}
