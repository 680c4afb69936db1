import { useCallback, useEffect, useRef, useState } from 'react'

import type { PatternStatusResult, ViolationView } from '@drift/napi'

import { toDriftError, type DriftErrorInfo } from '../shared/errors'
import { snippetUrl } from '../state/snippet'
import { keepRail, readRail } from '../state/url'
import type { FileRow, FileView, PatternStatus, RowPage } from '../shared/types'
import { CodeEditor, type Reveal } from './CodeEditor'
import { ErrorView } from './ErrorView'
import { FileTree } from './FileTree'
import { Outline } from './Outline'
import { SymbolSearch, type SymbolHit, type SymbolKind } from './SymbolSearch'
import { CallDetails, CallsSidebar, type GraphQuery } from './CallsView'
import { SecuritySidebar } from './SecurityView'
import { FindingsSidebar } from './FindingsView'

export interface WorkspaceProps {
  /** Changes whenever the stored data does. */
  version: number
  files: FileRow[]
  openFile: (path: string) => Promise<FileView>
  parseText: (path: string, text: string) => Promise<FileView>
  search: (kind: SymbolKind, prefix: string, cursor: string | null) => Promise<RowPage>
  /** The file and line to show first (from the URL). */
  initial: { path: string; line: number | null } | null
  /** A snippet to edit instead of the repository (snippet and embed modes). */
  snippet?: { path: string; code: string } | null
  embed?: boolean
  /** Called with the file and line shown, to keep them in the URL. */
  onLocation?: (path: string | null, line: number | null) => void
  /** Call-graph questions (absent in snippet mode). */
  graph?: GraphQuery
  /** Sets a pattern's status and saves it (absent in snippet mode). */
  setPatternStatus?: (id: string, status: PatternStatus) => Promise<PatternStatusResult>
}

/** The innermost function of `view` holding `line`, as `FILE:QUALIFIED_NAME`. */
function functionAt(view: FileView | null, line: number | null): string | null {
  if (!view || line === null) return null
  const holding = view.items.filter((item) => item.kind === 'function' && item.line <= line && line <= item.endLine)
  const innermost = holding.sort((a, b) => b.line - a.line || a.endLine - b.endLine)[0]
  if (!innermost) return null
  const qualified = innermost.detail.split('(')[0] || innermost.name
  return `${view.path}:${qualified}`
}

type Rail = 'files' | 'symbols' | 'calls' | 'security' | 'findings'

/** The rails that ask the engine about the stored scan (absent in snippet mode). */
const ENGINE_RAILS: Rail[] = ['calls', 'security', 'findings']
const RAILS: Rail[] = ['files', 'symbols', ...ENGINE_RAILS]

/** Waits this long after the last keystroke before parsing the text again. */
const PARSE_DEBOUNCE_MS = 150

const SCRATCH_LANGUAGES: [string, string][] = [
  ['ts', 'TypeScript'],
  ['js', 'JavaScript'],
  ['py', 'Python'],
  ['java', 'Java'],
  ['cs', 'C#'],
  ['go', 'Go'],
  ['rs', 'Rust'],
  ['rb', 'Ruby'],
  ['php', 'PHP'],
  ['kt', 'Kotlin'],
]

/**
 * The repository browser: files and symbol search on the left, the file in Monaco with its
 * symbols decorated in the middle, its outline and syntax errors on the right. The text in the
 * editor can be edited: it is parsed again as you type (nothing is stored).
 */
export function Workspace({ version, files, openFile, parseText, search, initial, snippet, embed = false, onLocation, graph, setPatternStatus }: WorkspaceProps) {
  // The rail is kept in the URL (`?rail=calls`), so that a reload or a shared link opens it again.
  const [tab, setTab] = useState<Rail>(() => (embed || snippet ? null : readRail(location.search, RAILS)) ?? 'files')
  // One that asks the engine shows Files until there is a stored scan to ask about.
  const usable = (rail: Rail) => !ENGINE_RAILS.includes(rail) || Boolean(graph && (rail !== 'findings' || setPatternStatus))
  const rail: Rail = usable(tab) ? tab : 'files'
  useEffect(() => {
    if (!embed && !snippet) keepRail(tab, 'files')
  }, [tab, embed, snippet])
  const [selected, setSelected] = useState<string | null>(null)
  const [cursorLine, setCursorLine] = useState<number | null>(null)
  const [view, setView] = useState<FileView | null>(null)
  const [text, setText] = useState('')
  const [reveal, setReveal] = useState<Reveal | null>(null)
  const [error, setError] = useState<DriftErrorInfo | null>(null)
  const [shared, setShared] = useState<string | null>(null)
  /** The stored file shown and its text as opened: violations belong to that text only. */
  const [original, setOriginal] = useState<{ path: string; source: string } | null>(null)
  const [violations, setViolations] = useState<{ path: string; items: ViolationView[] } | null>(null)
  const serial = useRef(0)
  const edits = useRef(0)
  const searchBox = useRef<HTMLDivElement>(null)

  const revealAt = useCallback((line: number, column = 0) => {
    serial.current += 1
    setReveal({ line, column, serial: serial.current })
  }, [])

  const show = useCallback(
    (path: string, line: number | null, column = 0) => {
      setError(null)
      openFile(path).then(
        (opened) => {
          setView(opened)
          setText(opened.source ?? '')
          setOriginal(opened.source === null ? null : { path, source: opened.source })
          if (line !== null) revealAt(line, column)
          onLocation?.(path, line)
        },
        (reason: unknown) => setError(toDriftError(reason)),
      )
    },
    [openFile, revealAt, onLocation],
  )

  const edit = useCallback(
    (path: string, code: string) => {
      setText(code)
      const current = ++edits.current
      setTimeout(() => {
        if (current !== edits.current) return
        parseText(path, code).then(
          (parsed) => {
            if (current !== edits.current) return
            setError(null)
            setView(parsed)
          },
          (reason: unknown) => setError(toDriftError(reason)),
        )
      }, PARSE_DEBOUNCE_MS)
    },
    [parseText],
  )

  // The first file: the snippet, or the one in the URL once the files are known.
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    if (snippet) {
      started.current = true
      setView({ path: snippet.path, language: null, source: snippet.code, items: [], errors: [], hasErrors: false, origin: 'parse', secrets: [] })
      edit(snippet.path, snippet.code)
    } else if (initial && files.some((file) => file.path === initial.path)) {
      started.current = true
      show(initial.path, initial.line)
    }
  }, [snippet, initial, files, show, edit])

  // A new scan may change the file shown: show it as stored now.
  const shownVersion = useRef(version)
  useEffect(() => {
    if (shownVersion.current === version) return
    shownVersion.current = version
    if (view && !view.path.startsWith('scratch.') && !snippet) {
      if (files.some((file) => file.path === view.path)) show(view.path, null)
      else setView(null)
    }
  }, [version, files, view, snippet, show])

  // The violations of the stored file shown, as of the stored data (markers in the editor).
  const openedPath = original?.path ?? null
  useEffect(() => {
    if (!graph || !openedPath) return
    let live = true
    graph('queryViolationsInFile', openedPath).then(
      (items) => live && setViolations({ path: openedPath, items }),
      (reason: unknown) => live && setError(toDriftError(reason)),
    )
    return () => {
      live = false
    }
  }, [graph, openedPath, version])

  // "/" focuses the symbol search, as on code hosts; Alt+1 to Alt+5 switch the rail to Files,
  // Symbols, Calls, Security and Findings.
  useEffect(() => {
    if (embed || snippet) return
    const onKey = (event: KeyboardEvent) => {
      const picked = event.altKey && !event.ctrlKey && !event.metaKey ? ({ '1': 'files', '2': 'symbols', '3': 'calls', '4': 'security', '5': 'findings' } as Record<string, Rail>)[event.key] : undefined
      if (picked && usable(picked)) {
        event.preventDefault()
        setTab(picked)
        return
      }
      const target = event.target as HTMLElement | null
      if (event.key !== '/' || target?.closest('input, textarea, select, .monaco-editor')) return
      event.preventDefault()
      setTab('symbols')
      setTimeout(() => searchBox.current?.querySelector('input')?.focus(), 0)
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [embed, snippet, graph, setPatternStatus])

  const openHit = useCallback((hit: SymbolHit) => show(hit.file, hit.line), [show])

  const newScratch = (extension: string) => {
    const path = `scratch.${extension}`
    setView({ path, language: null, source: '', items: [], errors: [], hasErrors: false, origin: 'parse', secrets: [] })
    setText('')
    onLocation?.(null, null)
  }

  const editable = view !== null && view.source !== null
  return (
    <>
      <div className={`workspace${snippet ? ' snippet' : ''}`} data-testid="workspace">
        {!snippet && (
          <aside className="sidebar">
            <div className="tabs" role="tablist">
              <button type="button" role="tab" aria-selected={rail === 'files'} data-testid="tab-files" onClick={() => setTab('files')}>
                Files
              </button>
              <button type="button" role="tab" aria-selected={rail === 'symbols'} data-testid="tab-symbols" onClick={() => setTab('symbols')}>
                Symbols
              </button>
              {graph && (
                <button type="button" role="tab" aria-selected={rail === 'calls'} data-testid="tab-calls" onClick={() => setTab('calls')}>
                  Calls
                </button>
              )}
              {graph && (
                <button type="button" role="tab" aria-selected={rail === 'security'} data-testid="tab-security" onClick={() => setTab('security')}>
                  Security
                </button>
              )}
              {graph && setPatternStatus && (
                <button type="button" role="tab" aria-selected={rail === 'findings'} data-testid="tab-findings" onClick={() => setTab('findings')}>
                  Findings
                </button>
              )}
            </div>
            {rail === 'findings' && graph && setPatternStatus ? (
              <FindingsSidebar version={version} query={graph} setStatus={setPatternStatus} onReveal={(path, line, column) => show(path, line, column)} />
            ) : rail === 'security' && graph ? (
              <SecuritySidebar version={version} query={graph} onReveal={(path, line) => show(path, line)} />
            ) : rail === 'calls' && graph ? (
              <CallsSidebar version={version} query={graph} atCursor={functionAt(view, cursorLine)} onSelect={setSelected} onReveal={(path, line) => show(path, line)} />
            ) : rail === 'files' ? (
              files.length > 0 ? (
                <FileTree files={files} selected={view?.path ?? null} onOpen={(path) => show(path, null)} />
              ) : (
                <p className="placeholder">Open a folder, a .zip or the sample to browse its files.</p>
              )
            ) : (
              <div className="search" ref={searchBox}>
                <SymbolSearch version={version} search={search} onOpen={openHit} />
              </div>
            )}
            <p style={{ margin: 0, padding: '0.4rem', borderTop: '1px solid var(--border)' }}>
              <select
                aria-label="New scratch buffer"
                data-testid="scratch-new"
                value=""
                onChange={(event) => event.currentTarget.value && newScratch(event.currentTarget.value)}
              >
                <option value="">New scratch buffer…</option>
                {SCRATCH_LANGUAGES.map(([extension, name]) => (
                  <option key={extension} value={extension}>
                    {name}
                  </option>
                ))}
              </select>
            </p>
          </aside>
        )}
        <div className="editor-pane">
          <div className="path">
            <code data-testid="editor-path">{view?.path ?? ''}</code>
            <span className="muted">{view?.language ?? ''}</span>
            <span style={{ flex: 1 }} />
            {view && editable && !embed && (
              <button
                type="button"
                data-testid="share"
                title="Copy a link to this text as a snippet"
                onClick={() => {
                  const url = snippetUrl(location.href, view.path, text)
                  setShared(url)
                  void navigator.clipboard?.writeText(url).catch(() => {})
                }}
              >
                Share
              </button>
            )}
          </div>
          {view ? (
            editable ? (
              <CodeEditor
                path={view.path}
                text={text}
                language={view.language}
                items={view.items}
                errors={view.errors}
                secrets={view.secrets}
                violations={original?.path === view.path && original.source === text && violations?.path === view.path ? violations.items : undefined}
                reveal={reveal}
                onChange={(code) => code !== text && edit(view.path, code)}
                onCursor={setCursorLine}
              />
            ) : (
              <p className="placeholder" data-testid="no-source">
                The text of <code>{view.path}</code> is not kept after a reload (only what Drift found is): open the folder
                again to see it. Its symbols are listed on the right.
              </p>
            )
          ) : (
            <p className="placeholder">Pick a file or a symbol, or start a scratch buffer.</p>
          )}
          {shared && (
            <p className="hint" style={{ padding: '0 0.75rem' }}>
              Link copied: <a href={shared} data-testid="share-link">{shared.length > 80 ? `${shared.slice(0, 80)}…` : shared}</a>
            </p>
          )}
          {error && <ErrorView error={error} testId="workspace-error" />}
        </div>
        {rail === 'calls' && graph && selected ? (
          <CallDetails query={graph} selected={selected} onSelect={setSelected} onReveal={(path, line) => show(path, line)} />
        ) : (
          <Outline file={view} onReveal={(item) => revealAt(item.line, item.column)} />
        )}
      </div>
    </>
  )
}
