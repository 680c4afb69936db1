// The client's types: the binding's generated ones, re-exported.
import type { ParseResultView } from '@drift/napi'

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
  ParseResultView,
  FunctionView,
  ClassView,
  SourceRange,
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

/** Everything extracted from one file, as `parseFile` returns it (the binding's generated type). */
export type ParseResult = ParseResultView

