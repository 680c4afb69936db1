import { useEffect, useMemo, useState } from 'react'

import type { DetectionSummaryView, PatternDetailView, PatternStatusResult, PatternView, ViolationView } from '@drift/napi'

import { toDriftError, type DriftErrorInfo } from '../shared/errors'
import type { PatternStatus } from '../shared/types'
import type { GraphQuery } from './CallsView'
import { ErrorView } from './ErrorView'

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const

/** Patterns read for the category counts; a repository with more shows the first ones. */
const MAX_PATTERNS = 1000
/** Violations and locations listed at a time. */
const PAGE = 100

interface Props {
  /** Changes whenever the stored data does (a scan, a status change). */
  version: number
  query: GraphQuery
  /** Sets a pattern's status; the stored data changes, and `version` with it. */
  setStatus: (id: string, status: PatternStatus) => Promise<PatternStatusResult>
  /** Opens `file` at a 0-based line and a byte column. */
  onReveal: (file: string, line: number, column: number) => void
}

/** Per category: its patterns, their locations and their open violations. */
interface CategoryCount {
  name: string
  patterns: number
  locations: number
  violations: number
}

/**
 * The Findings rail: the conventions the last scan learnt from this repository and where the
 * code departs from them. Summary cards; the categories with their counts as bars (a click
 * filters by it); the patterns, most confident first, each with its confidence, tier, spread,
 * role and status and buttons to approve or ignore it (kept in drift.db), its locations listed
 * on a click; the violations, worst first, filtered by category and severity, each opened in
 * the editor on a click (where it is a marker).
 */
export function FindingsSidebar({ version, query, setStatus, onReveal }: Props) {
  const [summary, setSummary] = useState<DetectionSummaryView | null>(null)
  const [patterns, setPatterns] = useState<PatternView[]>([])
  const [category, setCategory] = useState('')
  const [severity, setSeverity] = useState('')
  const [violations, setViolations] = useState<ViolationView[]>([])
  const [violationTotal, setViolationTotal] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const [detail, setDetail] = useState<PatternDetailView | null>(null)
  const [changing, setChanging] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [error, setError] = useState<DriftErrorInfo | null>(null)

  useEffect(() => {
    let live = true
    const all: PatternView[] = []
    const more = (cursor: string | undefined): Promise<void> =>
      query('queryPatterns', null, { cursor, limit: PAGE }).then((page) => {
        all.push(...page.items)
        return page.hasMore && page.nextCursor && all.length < MAX_PATTERNS ? more(page.nextCursor) : undefined
      })
    // The stored summary, without learning again (scans learn; a relearn would write drift.db).
    Promise.all([query('detectPatterns', { forceRelearn: false }), more(undefined)]).then(
      ([found]) => {
        if (!live) return
        setSummary(found)
        setPatterns(all)
        setError(null)
      },
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
    }
  }, [query, version])

  useEffect(() => {
    let live = true
    query('queryViolations', { category: category || undefined, severity: severity || undefined }, { limit: PAGE }).then(
      (page) => {
        if (!live) return
        setViolations(page.items)
        setViolationTotal(page.total)
      },
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
    }
  }, [query, version, category, severity])

  useEffect(() => {
    setDetail(null)
    if (!selected) return
    let live = true
    query('queryPatternDetail', selected, { limit: PAGE }).then(
      (found) => live && setDetail(found),
      (reason: unknown) => {
        if (!live) return
        // A rescan may have removed the pattern: nothing to show, not an error.
        const failure = toDriftError(reason)
        if (failure.code === 'NOT_FOUND') setSelected(null)
        else setError(failure)
      },
    )
    return () => {
      live = false
    }
  }, [query, version, selected])

  const categories = useMemo(() => countByCategory(patterns), [patterns])
  const shown = category ? patterns.filter((pattern) => pattern.category === category) : patterns
  const most = Math.max(1, ...categories.map((row) => row.locations))

  const change = (pattern: PatternView, status: PatternStatus) => {
    setChanging(pattern.id)
    setNote(null)
    setStatus(pattern.id, status).then(
      (result) => {
        const demoted = result.demoted.length ? `; ${result.demoted.join(', ')} ${result.demoted.length > 1 ? 'are' : 'is'} discovered again` : ''
        setNote(`${result.id} is ${result.status}${demoted}.`)
        setError(null)
      },
      (reason: unknown) => setError(toDriftError(reason)),
    ).finally(() => setChanging(null))
  }

  const count = (name: string) => summary?.violationsBySeverity.find((entry) => entry.name === name)?.count ?? 0
  return (
    <div className="findings" data-testid="findings">
      {summary && (
        <div className="cards" data-testid="findings-summary">
          <div className="card" title="Patterns the last scan learnt, in every category">
            <strong data-testid="patterns-total">{summary.totalPatterns}</strong>patterns
          </div>
          <div className="card" title="Places that depart from a convention, and findings (suppressed ones apart)">
            <strong data-testid="violations-total">{summary.totalViolations}</strong>violations
          </div>
          {SEVERITIES.filter((name) => count(name) > 0).map((name) => (
            <div className="card" key={name}>
              <strong>{count(name)}</strong>
              <span className={`severity level-${name}`}>{name}</span>
            </div>
          ))}
          <div className="card" title={`A group's convention: the alternative most of its places follow${summary.contestedConventions ? ` (${summary.contestedConventions} contested: no clear majority)` : ''}`}>
            <strong>{summary.conventionsLearned}</strong>conventions
          </div>
        </div>
      )}
      {summary && summary.frameworks.length > 0 && <p className="hint">Frameworks: {summary.frameworks.join(', ')}</p>}
      {error && <ErrorView error={error} testId="findings-error" />}
      {summary && patterns.length === 0 && !error && <p className="placeholder">No patterns yet: open a folder, a .zip or the sample.</p>}

      {categories.length > 0 && (
        <section>
          <h3>Categories</h3>
          <ul className="findings-categories" data-testid="finding-categories">
            {categories.map((row) => (
              <li key={row.name}>
                <button
                  type="button"
                  data-testid="finding-category"
                  data-category={row.name}
                  data-violations={row.violations}
                  aria-pressed={category === row.name}
                  title={`${row.locations} locations, ${row.violations} violations: a click filters by ${row.name}`}
                  onClick={() => setCategory(category === row.name ? '' : row.name)}
                >
                  <span className="name">{row.name}</span>{' '}
                  <span className="muted">
                    {row.patterns} {row.patterns === 1 ? 'pattern' : 'patterns'} · {row.violations} {row.violations === 1 ? 'violation' : 'violations'}
                  </span>
                  {/* Bar: the category's locations; red: the share of them that are violations. */}
                  <svg className="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
                    <rect className="locations" width={(100 * row.locations) / most} height="6" />
                    <rect className="violations" width={(100 * Math.min(row.violations, row.locations)) / most} height="6" />
                  </svg>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {summary && patterns.length > 0 && (
        <p className="findings-filters">
          <select aria-label="Category" data-testid="findings-category" value={category} onChange={(event) => setCategory(event.currentTarget.value)}>
            <option value="">all categories</option>
            {categories.map((row) => (
              <option key={row.name} value={row.name}>
                {row.name}
              </option>
            ))}
          </select>
          <select aria-label="Severity" data-testid="findings-severity" value={severity} onChange={(event) => setSeverity(event.currentTarget.value)}>
            <option value="">all severities</option>
            {SEVERITIES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </p>
      )}

      {shown.length > 0 && (
        <section>
          <h3>
            Patterns <span className="muted">{category ? `in ${category}` : ''}</span>
          </h3>
          {note && (
            <p className="hint" data-testid="status-note">
              {note}
            </p>
          )}
          <ul className="findings-patterns" data-testid="patterns">
            {shown.map((pattern) => (
              <li key={pattern.id} data-testid="pattern" data-pattern-id={pattern.id} data-category={pattern.category} data-status={pattern.status} data-role={pattern.role}>
                <button type="button" className="pattern-name" aria-expanded={selected === pattern.id} data-testid="pattern-open" onClick={() => setSelected(selected === pattern.id ? null : pattern.id)}>
                  <strong>{pattern.name}</strong> <code className="muted">{pattern.id}</code>
                </button>
                <div className="pattern-meta">
                  <span className="confidence" title={`Confidence ${pattern.confidence.toFixed(3)} (the posterior mean of its Beta)`}>
                    <svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
                      <rect className="track" width="100" height="6" />
                      <rect className={`tier-${pattern.tier}`} width={100 * pattern.confidence} height="6" />
                    </svg>
                    {Math.round(100 * pattern.confidence)}%
                  </span>
                  <span className={`tier tier-${pattern.tier}`} data-testid="pattern-tier">
                    {pattern.tier}
                  </span>
                  <span title={`${pattern.locationCount} locations in ${pattern.fileSpread} files`}>
                    {pattern.fileSpread} {pattern.fileSpread === 1 ? 'file' : 'files'}
                  </span>
                  <span className={`role role-${pattern.role}`} title={ROLES[pattern.role] ?? pattern.role}>
                    {pattern.role}
                  </span>
                  {pattern.violationCount > 0 && (
                    <span className="badge" title="Open violations of this pattern">
                      {pattern.violationCount} {pattern.violationCount === 1 ? 'violation' : 'violations'}
                    </span>
                  )}
                </div>
                <div className="pattern-actions">
                  <span className={`status status-${pattern.status}`} data-testid="pattern-status">
                    {pattern.status}
                  </span>
                  <button
                    type="button"
                    data-testid="pattern-approve"
                    aria-pressed={pattern.status === 'approved'}
                    disabled={changing !== null}
                    title={pattern.status === 'approved' ? 'Approved: a click sets it back to discovered' : 'Make it the convention: its alternatives become violations'}
                    onClick={() => change(pattern, pattern.status === 'approved' ? 'discovered' : 'approved')}
                  >
                    {pattern.status === 'approved' ? 'Approved' : 'Approve'}
                  </button>
                  <button
                    type="button"
                    data-testid="pattern-ignore"
                    aria-pressed={pattern.status === 'ignored'}
                    disabled={changing !== null}
                    title={pattern.status === 'ignored' ? 'Ignored: a click sets it back to discovered' : 'Report nothing about it'}
                    onClick={() => change(pattern, pattern.status === 'ignored' ? 'discovered' : 'ignored')}
                  >
                    {pattern.status === 'ignored' ? 'Ignored' : 'Ignore'}
                  </button>
                </div>
                {selected === pattern.id && detail?.pattern.id === pattern.id && <PatternDetail detail={detail} onReveal={onReveal} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      {summary && patterns.length > 0 && (
        <section>
          <h3>
            Violations <span className="muted" data-testid="violations-shown">{violationTotal}</span>
          </h3>
          <ul className="security-list" data-testid="violations">
            {violations.map((violation) => (
              <li key={violation.id}>
                <button
                  type="button"
                  data-testid="violation"
                  data-file={violation.file}
                  data-line={violation.line}
                  data-severity={violation.severity}
                  data-category={violation.category}
                  data-convention={violation.convention ?? ''}
                  onClick={() => onReveal(violation.file, violation.line - 1, violation.column)}
                >
                  <span className={`severity level-${violation.severity}`}>{violation.severity}</span> <code>{violation.ruleId}</code>
                  {violation.isNew && <span className="badge">new</span>}
                  <br />
                  <span data-testid="violation-message">{violation.message}</span>
                  {violation.fixDescription && (
                    <>
                      <br />
                      <span className="muted" data-testid="violation-fix">
                        Fix: {violation.fixDescription}
                      </span>
                    </>
                  )}
                  <br />
                  <span className="muted">
                    {violation.file}:{violation.line}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {violations.length === 0 && !error && (
            <p className="placeholder">No violations{category || severity ? ' for this filter' : ''}.</p>
          )}
          {violationTotal > violations.length && (
            <p className="hint">
              {violations.length} of {violationTotal} shown (the CLI&apos;s `drift violations` lists every one).
            </p>
          )}
        </section>
      )}
    </div>
  )
}

const ROLES: Record<string, string> = {
  dominant: 'The convention of its group: most places follow it',
  deviation: 'An alternative most places do not follow: its places are violations once the convention is enforced',
  contested: 'No alternative of its group has a clear majority',
  none: 'Not one of several alternatives',
}

/** A pattern's description, posterior, conventions and locations (a click opens one). */
function PatternDetail({ detail, onReveal }: { detail: PatternDetailView; onReveal: Props['onReveal'] }) {
  const [low, high] = detail.credibleInterval
  return (
    <div className="pattern-detail" data-testid="pattern-detail">
      <p>{detail.description}</p>
      <p className="muted">
        95% credible interval {low?.toFixed(2)}–{high?.toFixed(2)} · {detail.pattern.locationCount} locations
      </p>
      {detail.conventions.length > 0 && (
        <ul className="conventions">
          {detail.conventions.map((convention) => (
            <li key={`${convention.group} ${convention.scope}`}>
              <code>{convention.patternId}</code> in {convention.scope || 'the project'}: {Math.round(100 * convention.dominance)}% of {convention.total}
              {convention.contested ? ' (contested)' : convention.enforced ? ' (enforced)' : ''}
            </li>
          ))}
        </ul>
      )}
      <ul className="security-list" data-testid="pattern-locations">
        {detail.locations.map((location) => (
          <li key={`${location.file}:${location.line}:${location.column}`}>
            <button type="button" data-testid="pattern-location" data-file={location.file} data-line={location.line} onClick={() => onReveal(location.file, location.line - 1, location.column)}>
              <span className="muted">
                {location.file}:{location.line}
              </span>
              {location.outlier && <span className="badge">outlier</span>}
              {location.suppressed && <span className="badge">suppressed</span>}
              <br />
              <code className="matched">{location.matchedText.split('\n')[0]}</code>
            </button>
          </li>
        ))}
      </ul>
      {detail.locationTotal > detail.locations.length && (
        <p className="hint">
          {detail.locations.length} of {detail.locationTotal} locations shown.
        </p>
      )}
    </div>
  )
}

/** Patterns, locations and violations per category, the most located first. */
function countByCategory(patterns: PatternView[]): CategoryCount[] {
  const rows = new Map<string, CategoryCount>()
  for (const pattern of patterns) {
    const row = rows.get(pattern.category) ?? { name: pattern.category, patterns: 0, locations: 0, violations: 0 }
    row.patterns += 1
    row.locations += pattern.locationCount
    row.violations += pattern.violationCount
    rows.set(pattern.category, row)
  }
  return [...rows.values()].sort((a, b) => b.locations - a.locations || a.name.localeCompare(b.name))
}
