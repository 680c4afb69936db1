import { useCallback, useEffect, useState } from 'react'

import type { CallGraphStats, CallGraphSubset, DeadCodeItem, EdgeView, FunctionSummary, ImpactResult, PathResult } from '@drift/napi'

import { toDriftError, type DriftErrorInfo } from '../shared/errors'
import type { EngineCall, GraphApi } from '../shared/types'
import { CallGraphPicture } from './CallGraphPicture'
import { ErrorView } from './ErrorView'

/** Asks the engine a call-graph question. */
export type GraphQuery = <K extends EngineCall>(call: K, ...args: Parameters<GraphApi[K]>) => Promise<ReturnType<GraphApi[K]>>

const ENTRY_KINDS = ['route_handler', 'controller_method', 'main_function', 'test', 'exported'] as const

const place = (f: FunctionSummary) => `${f.file}:${f.startLine + 1}`

interface SidebarProps {
  version: number
  query: GraphQuery
  /** The function at the editor's cursor (`FILE:QUALIFIED_NAME`), if any. */
  atCursor: string | null
  onSelect: (id: string) => void
  onReveal: (file: string, line: number) => void
}

/**
 * The Calls rail: pick a function (by name or at the cursor), the graph's resolution rate per
 * language, entry points by kind, and the dead-code list with its confidence and a filter.
 */
export function CallsSidebar({ version, query, atCursor, onSelect, onReveal }: SidebarProps) {
  const [name, setName] = useState('')
  const [stats, setStats] = useState<CallGraphStats | null>(null)
  /** How long the engine's answer to `buildCallGraph` took, as this view waited for it. */
  const [builtMs, setBuiltMs] = useState(0)
  /** When that answer came (the page's `performance.now()`), for timing from a key press. */
  const [answeredAt, setAnsweredAt] = useState(0)
  const [kind, setKind] = useState<(typeof ENTRY_KINDS)[number]>('route_handler')
  const [entries, setEntries] = useState<FunctionSummary[]>([])
  const [dead, setDead] = useState<DeadCodeItem[]>([])
  const [deadTotal, setDeadTotal] = useState(0)
  const [minConfidence, setMinConfidence] = useState(0.5)
  const [filter, setFilter] = useState('')
  const [error, setError] = useState<DriftErrorInfo | null>(null)

  useEffect(() => {
    let live = true
    const started = performance.now()
    query('buildCallGraph').then(
      (built) => {
        if (!live) return
        const now = performance.now()
        setStats(built)
        setBuiltMs(now - started)
        setAnsweredAt(now)
        setError(null)
      },
      (reason: unknown) => live && (setStats(null), setError(toDriftError(reason))),
    )
    return () => {
      live = false
    }
  }, [query, version])

  useEffect(() => {
    if (!stats) return
    let live = true
    query('queryEntryPoints', { kind }, { limit: 100 }).then(
      (page) => live && setEntries(page.items),
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
    }
  }, [query, stats, kind])

  useEffect(() => {
    if (!stats) return
    let live = true
    const all: DeadCodeItem[] = []
    const more = (cursor: string | undefined): Promise<void> =>
      query('findDeadCode', { cursor, limit: 100 }).then((page) => {
        all.push(...page.items)
        if (live) setDeadTotal(page.total)
        return page.nextCursor && all.length < 2000 ? more(page.nextCursor) : undefined
      })
    more(undefined).then(
      () => live && setDead(all),
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
    }
  }, [query, stats])

  const shownDead = dead.filter((item) => item.confidence >= minConfidence && item.function.qualifiedName.toLowerCase().includes(filter.toLowerCase()))
  return (
    <div className="calls-sidebar" data-testid="calls-sidebar">
      <form
        className="calls-pick"
        onSubmit={(event) => {
          event.preventDefault()
          if (name.trim()) onSelect(name.trim())
        }}
      >
        <input aria-label="Function" placeholder="Function name, Class.method or path:Name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="calls-name" />
        <button type="submit">Show</button>
        <button type="button" disabled={!atCursor} onClick={() => atCursor && onSelect(atCursor)} data-testid="calls-at-cursor" title={atCursor ?? 'Place the cursor in a function'}>
          At cursor
        </button>
      </form>
      {error && <ErrorView error={error} testId="calls-error" />}
      {stats && (
        <section data-testid="graph-stats" data-edges={stats.edges} data-rate={stats.resolutionRate.toFixed(3)} data-query-ms={builtMs.toFixed(0)} data-answered-at={answeredAt.toFixed(1)}>
          <h3>
            Call graph <span className="muted">{stats.functions} functions · {stats.edges} edges</span>
          </h3>
          <table className="rates">
            <tbody>
              {stats.byLanguage.map((row) => (
                <tr key={row.language} data-language={row.language}>
                  <td>{row.language}</td>
                  <td className="mono">{row.total ? Math.round((100 * row.resolved) / row.total) : 100}% resolved</td>
                  <td className="muted mono">
                    {row.resolved}/{row.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section>
        <h3>
          Entry points{' '}
          <select aria-label="Entry point kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as (typeof ENTRY_KINDS)[number])} data-testid="entry-kind">
            {ENTRY_KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace('_', ' ')}
              </option>
            ))}
          </select>
        </h3>
        <ul className="calls-list" data-testid="entry-points" data-count={entries.length}>
          {entries.map((f) => (
            <li key={f.id}>
              <button type="button" onClick={() => (onSelect(f.id), onReveal(f.file, f.startLine))} title={f.id}>
                {f.qualifiedName} <span className="muted">{place(f)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>
          Dead code <span className="muted">{shownDead.length} of {deadTotal}</span>
        </h3>
        <p className="calls-filter">
          <input aria-label="Filter dead code" placeholder="filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} data-testid="dead-filter" />
          <label>
            confidence ≥{' '}
            <input type="number" min={0} max={1} step={0.05} value={minConfidence} onChange={(e) => setMinConfidence(Number(e.currentTarget.value))} data-testid="dead-confidence" />
          </label>
        </p>
        <ul className="calls-list" data-testid="dead-code" data-count={shownDead.length}>
          {shownDead.slice(0, 500).map((item) => (
            <li key={item.function.id} data-id={item.function.id}>
              <button type="button" onClick={() => (onSelect(item.function.id), onReveal(item.function.file, item.function.startLine))} title={`${item.reason}, ${item.linesOfCode} lines`}>
                <span className="mono">{item.confidence.toFixed(2)}</span> {item.function.qualifiedName} <span className="muted">{place(item.function)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

interface DetailsProps {
  query: GraphQuery
  selected: string
  onSelect: (id: string) => void
  onReveal: (file: string, line: number) => void
}

/** One expandable node of the callers or callees tree: its own edges load on expand. */
function EdgeNode({ edge, direction, query, onReveal, depth }: { edge: EdgeView; direction: 'callers' | 'callees'; query: GraphQuery; onReveal: (file: string, line: number) => void; depth: number }) {
  const [children, setChildren] = useState<EdgeView[] | null>(null)
  const [open, setOpen] = useState(false)
  const f = edge.function
  const toggle = () => {
    if (!open && children === null) {
      void query(direction === 'callers' ? 'queryCallers' : 'queryCallees', f.id).then(setChildren, () => setChildren([]))
    }
    setOpen(!open)
  }
  const count = direction === 'callers' ? f.callerCount : f.calleeCount
  return (
    <li data-id={f.id} data-strategy={edge.strategy}>
      <button type="button" className="twisty" aria-expanded={open} disabled={count === 0 || depth > 12} onClick={toggle} data-testid="edge-expand">
        {count === 0 ? '·' : open ? '▾' : '▸'}
      </button>
      <button type="button" className="edge" onClick={() => onReveal(f.file, f.startLine)} title={`${f.id}\ncall on line ${edge.callLine + 1}`} data-testid="edge-reveal">
        {f.qualifiedName} <span className="muted">{place(f)}</span>{' '}
        <span className={`badge strategy-${edge.strategy}`}>
          {edge.strategy.replace('_', ' ')} {edge.confidence.toFixed(2)}
        </span>
      </button>
      {open && children && (
        <ul>
          {children.map((child) => (
            <EdgeNode key={`${child.function.id}:${child.callLine}`} edge={child} direction={direction} query={query} onReveal={onReveal} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** The selected function: callers and callees trees, its neighbourhood, impact and a path finder. */
export function CallDetails({ query, selected, onSelect, onReveal }: DetailsProps) {
  const [callers, setCallers] = useState<EdgeView[]>([])
  const [callees, setCallees] = useState<EdgeView[]>([])
  const [subset, setSubset] = useState<CallGraphSubset | null>(null)
  const [impact, setImpact] = useState<ImpactResult | null>(null)
  const [error, setError] = useState<DriftErrorInfo | null>(null)
  const [target, setTarget] = useState('')
  const [path, setPath] = useState<PathResult | null>(null)

  useEffect(() => {
    let live = true
    setError(null)
    setPath(null)
    Promise.all([query('queryCallers', selected), query('queryCallees', selected), query('queryCallGraph', selected, 1), query('analyzeImpact', selected)]).then(
      ([up, down, around, blast]) => {
        if (!live) return
        setCallers(up)
        setCallees(down)
        setSubset(around)
        setImpact(blast)
      },
      (reason: unknown) => {
        if (!live) return
        setSubset(null)
        setImpact(null)
        setError(toDriftError(reason))
      },
    )
    return () => {
      live = false
    }
  }, [query, selected])

  const findPath = useCallback(() => {
    if (!target.trim()) return
    query('findPath', selected, target.trim()).then(setPath, (reason: unknown) => setError(toDriftError(reason)))
  }, [query, selected, target])

  return (
    <aside className="outline calls-details" data-testid="call-details" data-selected={subset?.center.id ?? ''} aria-label="Calls">
      {error && <ErrorView error={error} testId="call-error" />}
      {subset && (
        <>
          <h3>
            <button type="button" className="edge" onClick={() => onReveal(subset.center.file, subset.center.startLine)} data-testid="call-center">
              {subset.center.qualifiedName}
            </button>{' '}
            <span className="muted">{place(subset.center)}</span>
            {subset.center.entryPoint && <span className="badge">{subset.center.entryPoint.replace('_', ' ')}</span>}
          </h3>
          <CallGraphPicture subset={subset} onPick={onSelect} />
          <section data-testid="callers" data-count={callers.length}>
            <h3>Callers <span className="muted">{callers.length}</span></h3>
            <ul className="call-tree">
              {callers.map((edge) => (
                <EdgeNode key={`${edge.function.id}:${edge.callLine}`} edge={edge} direction="callers" query={query} onReveal={onReveal} depth={1} />
              ))}
            </ul>
          </section>
          <section data-testid="callees" data-count={callees.length}>
            <h3>Callees <span className="muted">{callees.length}</span></h3>
            <ul className="call-tree">
              {callees.map((edge) => (
                <EdgeNode key={`${edge.function.id}:${edge.callLine}`} edge={edge} direction="callees" query={query} onReveal={onReveal} depth={1} />
              ))}
            </ul>
          </section>
        </>
      )}
      {impact && (
        <section data-testid="impact" data-level={impact.riskLevel} data-transitive={impact.transitiveCallers}>
          <h3>
            Impact <span className={`badge risk-${impact.riskLevel}`}>{impact.riskLevel} {impact.riskScore}</span>
          </h3>
          <p className="muted">
            {impact.directCallers} direct, {impact.transitiveCallers} transitive callers ({(impact.codebaseShare * 100).toFixed(1)}% of the functions), depth {impact.maxDepth}
          </p>
          <ul className="calls-list" data-testid="impact-entries">
            {impact.affectedEntryPoints.map((f) => (
              <li key={f.id}>
                <button type="button" onClick={() => onReveal(f.file, f.startLine)}>
                  {f.qualifiedName} <span className="muted">{f.entryPoint}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">{impact.factors.map((factor) => `${factor.name.replace('_', ' ')} ${factor.value}`).join(' · ')}</p>
        </section>
      )}
      <section>
        <h3>Path to…</h3>
        <form
          className="calls-pick"
          onSubmit={(event) => {
            event.preventDefault()
            findPath()
          }}
        >
          <input aria-label="Path target" placeholder="Another function" value={target} onChange={(e) => setTarget(e.currentTarget.value)} data-testid="path-target" />
          <button type="submit">Find</button>
        </form>
        {path && (
          <ol className="calls-list" data-testid="path" data-found={path.found} data-depth={path.depth}>
            {path.found ? (
              path.path.map((f, i) => (
                <li key={f.id}>
                  <button type="button" onClick={() => onReveal(f.file, f.startLine)}>
                    {f.qualifiedName}
                  </button>{' '}
                  {i > 0 && <span className="badge">{path.edges[i - 1]?.strategy.replace('_', ' ')}</span>}
                </li>
              ))
            ) : (
              <li className="muted">No call path.</li>
            )}
          </ol>
        )}
      </section>
    </aside>
  )
}
