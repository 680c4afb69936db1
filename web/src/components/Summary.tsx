import type { LanguageStat, ScanRun } from '../shared/types'

export interface SummaryProps {
  stats: LanguageStat[]
  run: ScanRun | null
  /** Directories the user brought back into scans. */
  included: string[]
  /** Brings a default-ignored directory back from the next scan on. */
  onInclude: (path: string) => void
}

const METRICS: ['files' | 'functions' | 'classes', string][] = [
  ['files', 'files'],
  ['functions', 'functions'],
  ['classes', 'classes'],
]

/** What is stored, per language as bars, and what the last scan did and changed. */
export function Summary({ stats, run, included, onInclude }: SummaryProps) {
  if (stats.length === 0 && !run) return null
  const seconds = run ? Math.max(run.durationMs, 1) / 1000 : 0
  const max = Object.fromEntries(METRICS.map(([metric]) => [metric, Math.max(...stats.map((stat) => stat[metric]), 0)]))
  return (
    <section className="summary" data-testid="summary">
      <div>
        <h2>Per language</h2>
        <div className="chart" data-testid="chart" role="table" aria-label="Files, functions and classes per language">
          <span />
          {METRICS.map(([metric, label]) => (
            <span key={metric} className="muted">
              {label}
            </span>
          ))}
          {stats.map((stat) => (
            <div key={stat.language} style={{ display: 'contents' }} role="row">
              <span>{stat.language}</span>
              {METRICS.map(([metric]) => (
                <span key={metric} className="cell" data-metric={metric} data-language={stat.language} data-value={stat[metric]}>
                  <span className={`bar ${metric}`} style={{ width: `${(70 * stat[metric]) / (max[metric] || 1)}%` }} />
                  <span className="mono">{stat[metric]}</span>
                </span>
              ))}
            </div>
          ))}
        </div>
      </div>
      {run && (
        <div>
          <h2>Last scan</h2>
          <dl data-testid="scan-summary">
            <dt>status</dt>
            <dd>{run.status}</dd>
            <dt>duration</dt>
            <dd>{run.durationMs.toFixed(0)} ms</dd>
            <dt>throughput</dt>
            <dd data-testid="scan-throughput">
              {Math.round(run.filesTotal / seconds)} files/s · {(run.bytes / 1048576 / seconds).toFixed(1)} MiB/s
            </dd>
            {run.parse && (
              <>
                <dt>found</dt>
                <dd>
                  {run.parse.functions} functions · {run.parse.classes} classes · {run.parse.callSites} calls
                </dd>
              </>
            )}
            {run.archive && (
              <>
                <dt>archive</dt>
                <dd data-testid="archive-report">
                  {run.archive.name}: {run.archive.entries} entries
                  {run.archive.stripped && ` (inside ${run.archive.stripped})`}
                </dd>
              </>
            )}
          </dl>
          <div className="changes" data-testid="scan-changes">
            <h3>
              Changes: <span className="added">+{run.filesAdded}</span> <span className="modified">~{run.filesModified}</span>{' '}
              <span className="removed">−{run.filesRemoved}</span>
            </h3>
            <ul>
              {run.changes.added.map((path) => (
                <li key={`a${path}`} className="added" data-change="added">
                  + {path}
                </li>
              ))}
              {run.changes.modified.map((path) => (
                <li key={`m${path}`} className="modified" data-change="modified">
                  ~ {path}
                </li>
              ))}
              {run.changes.removed.map((path) => (
                <li key={`r${path}`} className="removed" data-change="removed">
                  − {path}
                </li>
              ))}
            </ul>
          </div>
          {run.ignoredDirs.length > 0 && (
            <>
              <h3>
                Ignored directories <span className="muted">{run.ignoredDirs.length}</span>
              </h3>
              <ul data-testid="ignored-dirs">
                {run.ignoredDirs.slice(0, 200).map((dir) => (
                  <li key={dir.path} data-path={dir.path} data-source={dir.source}>
                    <code>{dir.path}/</code> <span className="muted">{dir.reason}</span>{' '}
                    {dir.source === 'default' &&
                      (included.includes(dir.path) ? (
                        <span className="muted" data-testid="included">
                          included from the next scan
                        </span>
                      ) : (
                        <button type="button" data-testid="include-dir" onClick={() => onInclude(dir.path)}>
                          Include
                        </button>
                      ))}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(run.errors.length > 0 || (run.archive?.skipped.length ?? 0) > 0) && (
            <>
              <h3>Skipped</h3>
              <ul data-testid="scan-skipped">
                {[...(run.archive?.skipped ?? []), ...run.errors].map((issue) => (
                  <li key={`${issue.path}:${issue.code}`} data-code={issue.code}>
                    <code>[{issue.code}]</code> {issue.path}: {issue.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  )
}
