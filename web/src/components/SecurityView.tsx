import { useEffect, useState } from 'react'

import type { BoundaryView, SecretsSummary, SecretView, SecuritySummaryView, SensitiveFieldView, TaintFlowView } from '@drift/napi'

import { toDriftError, type DriftErrorInfo } from '../shared/errors'
import type { GraphQuery } from './CallsView'
import { ErrorView } from './ErrorView'

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const

interface Props {
  /** Changes whenever the stored data does. */
  version: number
  query: GraphQuery
  onReveal: (file: string, line: number, column: number) => void
}

/**
 * The Security rail: what the scans found in this tab, without the code leaving it. Summary
 * cards, then the committed secrets (masked: the values are never stored or shown), worst
 * first, each revealed in the editor on a click, with a severity filter; the taint flows as
 * clickable paths from source to sink; the data accesses by table (the functions that touch
 * each, unsafe SQL flagged); the sensitive fields by class.
 */
export function SecuritySidebar({ version, query, onReveal }: Props) {
  const [summary, setSummary] = useState<SecretsSummary | null>(null)
  const [findings, setFindings] = useState<SecretView[]>([])
  const [total, setTotal] = useState(0)
  const [minSeverity, setMinSeverity] = useState<(typeof SEVERITIES)[number]>('low')
  const [showSetAside, setShowSetAside] = useState(false)
  const [fields, setFields] = useState<SensitiveFieldView[]>([])
  const [boundaries, setBoundaries] = useState<BoundaryView[]>([])
  const [posture, setPosture] = useState<SecuritySummaryView | null>(null)
  const [flows, setFlows] = useState<TaintFlowView[]>([])
  const [error, setError] = useState<DriftErrorInfo | null>(null)

  useEffect(() => {
    let live = true
    Promise.all([
      query('detectSecrets'),
      query('querySecrets', { minSeverity, all: showSetAside }, { limit: 100 }),
      query('querySensitiveFields', null),
      query('querySecuritySummary'),
      query('queryBoundaries', null, { limit: 100 }),
      query('queryTaintFlows', null),
    ]).then(
      ([counts, page, sensitive, overall, accesses, taint]) => {
        if (!live) return
        setSummary(counts)
        setFindings(page.items)
        setTotal(page.total)
        setFields(sensitive.items)
        setPosture(overall)
        setBoundaries(accesses.items)
        setFlows(taint.items)
        setError(null)
      },
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
    }
  }, [query, version, minSeverity, showSetAside])

  const count = (name: string) => summary?.bySeverity.find((s) => s.name === name)?.count ?? 0
  return (
    <div className="security" data-testid="security">
      <p className="hint" data-testid="privacy" style={{ padding: '0 0.4rem' }}>
        Everything here is found in this tab: your code is never uploaded, and a secret&apos;s value is never stored or
        shown, only its kind, place and a masked preview.
      </p>
      {summary && (
        <div className="security-cards" data-testid="security-summary">
          {posture && (
            <div className="card" title="100 minus the open findings weighed by severity and confidence" data-risk={posture.riskLevel}>
              <strong data-testid="security-score">{posture.score}</strong>
              <span className={`severity ${posture.riskLevel}`}>{posture.riskLevel} risk</span>
            </div>
          )}
          <div className="card">
            <strong data-testid="secrets-open">{summary.total}</strong>secrets
          </div>
          {SEVERITIES.filter((name) => count(name) > 0).map((name) => (
            <div className="card" key={name}>
              <strong>{count(name)}</strong>
              <span className={`severity ${name}`}>{name}</span>
            </div>
          ))}
          <div className="card">
            <strong>{summary.filesAffected}</strong>files
          </div>
          <div className="card" title="Suppressed on their line, or placeholder values">
            <strong>{summary.suppressed + summary.placeholdersSkipped}</strong>set aside
          </div>
          <div className="card" title="Fields of classes and models holding personal data, credentials, money or health data">
            <strong data-testid="sensitive-count">{fields.length}</strong>sensitive fields
          </div>
          {posture && (
            <>
              <div className="card" title="Queries and mutations through ORMs, query builders and raw SQL">
                <strong data-testid="access-count">{posture.boundaries.totalAccessPoints}</strong>data accesses
              </div>
              <div className="card" title="Raw SQL built by concatenation or interpolation (CWE-89)">
                <strong data-testid="unsafe-count">{posture.boundaries.totalUnsafeApis}</strong>unsafe SQL
              </div>
              <div className="card" title="Untrusted input reaching SQL, shell, eval, file, HTML, redirect or deserialisation calls unsanitised">
                <strong data-testid="flow-count">{flows.length}</strong>taint flows
              </div>
            </>
          )}
        </div>
      )}
      <p style={{ margin: 0, padding: '0.3rem 0.4rem', display: 'flex', gap: '0.4rem', alignItems: 'center' }}>
        <select aria-label="Minimum severity" data-testid="secrets-severity" value={minSeverity} onChange={(event) => setMinSeverity(event.currentTarget.value as (typeof SEVERITIES)[number])}>
          {SEVERITIES.map((name) => (
            <option key={name} value={name}>
              {name === 'low' ? 'all severities' : `${name} and worse`}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" data-testid="secrets-set-aside" checked={showSetAside} onChange={(event) => setShowSetAside(event.currentTarget.checked)} /> set aside
        </label>
      </p>
      {error && <ErrorView error={error} testId="security-error" />}
      <ul className="security-list" data-testid="secrets-list">
        {findings.map((finding) => (
          <li key={`${finding.file}:${finding.line}:${finding.column}`}>
            <button type="button" data-testid="secret" onClick={() => onReveal(finding.file, finding.line, finding.column)}>
              <span className={`severity ${finding.severity}`}>{finding.severity}</span> <code>{finding.pattern}</code>
              {finding.status !== 'open' && <span className="muted"> ({finding.status})</span>}
              <br />
              <code data-testid="secret-masked">{finding.masked}</code>
              <br />
              <span className="muted">
                {finding.file}:{finding.line + 1}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {summary && findings.length === 0 && !error && <p className="placeholder">No secrets found{minSeverity === 'low' ? '' : ` at ${minSeverity} or worse`}.</p>}
      {total > findings.length && <p className="hint">{findings.length} of {total} shown (the CLI&apos;s `drift secrets --all` lists every one).</p>}
      <h3 style={{ margin: 0, padding: '0.4rem', fontSize: '0.9rem' }}>Taint flows</h3>
      <ul className="security-list" data-testid="taint-flows">
        {flows.map((flow) => (
          <li key={`${flow.file}:${flow.sinkLine}:${flow.sinkColumn}`} data-sink-type={flow.sinkType} data-across={flow.functions.length > 0}>
            <strong style={{ padding: '0 0.4rem' }}>
              <span className="severity critical">{flow.sinkType}</span> CWE-{flow.cweId} · {flow.function || '(top level)'}
              {flow.functions.length > 0 && <span className="muted"> · across {flow.functions.length} functions</span>}
            </strong>
            {flow.path.map((step, index) => (
              <button key={index} type="button" data-testid="taint-step" onClick={() => onReveal(step.file, step.line, 0)}>
                {index === 0 ? '' : '→ '}
                {step.description}{' '}
                <span className="muted">
                  {step.file}:{step.line + 1}
                </span>
              </button>
            ))}
          </li>
        ))}
      </ul>
      {posture && flows.length === 0 && !error && <p className="placeholder">No taint flows found.</p>}
      {posture && posture.riskiestEntryPoints.length > 0 && (
        <>
          <h3 style={{ margin: 0, padding: '0.4rem', fontSize: '0.9rem' }}>Riskiest entry points</h3>
          <ul className="security-list" data-testid="risky-entry-points">
            {posture.riskiestEntryPoints.map((entry) => (
              <li key={entry.id}>
                <button type="button" data-testid="risky-entry-point" onClick={() => onReveal(entry.file, entry.line, 0)} title={`risk weight ${entry.score}`}>
                  <span className="severity high">{entry.kind.replace('_', ' ')}</span> {entry.id.slice(entry.id.indexOf('::') + 2)}{' '}
                  <span className="muted">
                    {[
                      entry.taintFlows > 0 && `${entry.taintFlows} taint flow${entry.taintFlows === 1 ? '' : 's'}`,
                      entry.unsafeSql > 0 && `${entry.unsafeSql} unsafe SQL`,
                      entry.sensitiveAccess > 0 && `${entry.sensitiveAccess} sensitive accesses`,
                      `${entry.dataAccess} data accesses`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}{' '}
                    · {entry.file}:{entry.line + 1}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 style={{ margin: 0, padding: '0.4rem', fontSize: '0.9rem' }}>Data access by table</h3>
      <ul className="security-list" data-testid="boundaries">
        {byTable(boundaries).map(([table, members]) => (
          <li key={table} data-table={table}>
            <strong style={{ padding: '0 0.4rem' }}>{table}</strong>{' '}
            <span className={`severity ${members[0].securityTier === 'low' ? 'low' : members[0].securityTier}`}>{members[0].securityTier}</span>
            {members.map((access) => (
              <button
                key={`${access.file}:${access.line}:${access.column}`}
                type="button"
                data-testid="boundary"
                data-unsafe={access.unsafeApi ? 'true' : 'false'}
                title={access.unsafeApi ?? `${access.framework}, confidence ${access.confidence.toFixed(2)}`}
                onClick={() => onReveal(access.file, access.line, access.column)}
              >
                <code>{access.operation}</code> {access.function ?? '(definition)'}
                {access.unsafeApi && <span className="severity critical"> unsafe</span>}
                <br />
                <span className="muted">
                  {access.file}:{access.line + 1} · {access.framework}
                </span>
              </button>
            ))}
          </li>
        ))}
      </ul>
      {posture && boundaries.length === 0 && !error && <p className="placeholder">No data access found.</p>}
      <h3 style={{ margin: 0, padding: '0.4rem', fontSize: '0.9rem' }}>Sensitive fields by class</h3>
      <ul className="security-list" data-testid="sensitive-fields">
        {byModel(fields).map(([key, model, members]) => (
          <li key={key} data-model={model}>
            <strong style={{ padding: '0 0.4rem' }}>{model}</strong>
            {members.map((field) => (
              <button key={`${field.file}:${field.line}:${field.field}`} type="button" data-testid="sensitive-field" title={field.reason} onClick={() => onReveal(field.file, field.line, 0)}>
                <span className={`severity ${field.sensitivity === 'credentials' || field.sensitivity === 'financial' ? 'critical' : 'high'}`}>{field.sensitivity}</span> <code>{field.field}</code>{' '}
                <span className="muted">
                  {field.confidence.toFixed(2)} · {field.file}:{field.line + 1}
                </span>
              </button>
            ))}
          </li>
        ))}
      </ul>
      {summary && fields.length === 0 && !error && <p className="placeholder">No sensitive fields found.</p>}
    </div>
  )
}

/** Fields grouped by their class, classes in the order their first field is listed. */
function byModel(fields: SensitiveFieldView[]): [string, string, SensitiveFieldView[]][] {
  const groups = new Map<string, SensitiveFieldView[]>()
  for (const field of fields) {
    const key = `${field.file} ${field.model}`
    groups.set(key, [...(groups.get(key) ?? []), field])
  }
  return [...groups.entries()].map(([key, members]) => [key, members[0].model, members])
}

/** Accesses grouped by model or table, in listing order. */
function byTable(accesses: BoundaryView[]): [string, BoundaryView[]][] {
  const groups = new Map<string, BoundaryView[]>()
  for (const access of accesses) groups.set(access.tableName, [...(groups.get(access.tableName) ?? []), access])
  return [...groups.entries()]
}
