import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

import type { ListingRow, RowPage } from '../shared/types'

export type SymbolKind = 'functions' | 'classes'

export interface SymbolHit {
  name: string
  detail: string
  file: string
  line: number
}

export interface SymbolSearchProps {
  /** Changes whenever the stored data does. */
  version: number
  search: (kind: SymbolKind, prefix: string, cursor: string | null) => Promise<RowPage>
  onOpen: (hit: SymbolHit) => void
}

/** Waits this long after the last keystroke before asking the engine. */
const DEBOUNCE_MS = 120

function toHit(row: ListingRow): SymbolHit {
  const name = 'name' in row ? row.name : ''
  return {
    name,
    detail: 'qualifiedName' in row ? row.qualifiedName : name,
    file: row.file,
    line: 'startLine' in row ? row.startLine : 'line' in row ? row.line : 0,
  }
}

/**
 * Functions or classes of the whole repository whose name starts with what is typed, found as
 * you type: each page is an index seek in drift.db, and "More" continues from the last row's
 * keyset cursor. Arrow keys move through the hits, Enter opens one.
 */
export function SymbolSearch({ version, search, onOpen }: SymbolSearchProps) {
  const [kind, setKind] = useState<SymbolKind>('functions')
  const [prefix, setPrefix] = useState('')
  const [hits, setHits] = useState<SymbolHit[]>([])
  const [page, setPage] = useState<RowPage | null>(null)
  const [cursor, setCursor] = useState(0)
  const list = useRef<HTMLOListElement>(null)

  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      search(kind, prefix, null).then(
        (first) => {
          if (!live) return
          setPage(first)
          setHits(first.items.map(toHit))
          setCursor(0)
        },
        () => live && setHits([]),
      )
    }, DEBOUNCE_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [kind, prefix, version, search])

  const more = () => {
    if (!page?.hasMore || !page.nextCursor) return
    void search(kind, prefix, page.nextCursor).then((next) => {
      setPage(next)
      setHits((current) => [...current, ...next.items.map(toHit)])
    })
  }

  const onKey = (event: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key]
    if (step) {
      event.preventDefault()
      const next = Math.max(0, Math.min(hits.length - 1, cursor + step))
      setCursor(next)
      list.current?.children[next]?.scrollIntoView({ block: 'nearest' })
    } else if (event.key === 'Enter' && hits[cursor]) {
      event.preventDefault()
      onOpen(hits[cursor])
    }
  }

  return (
    <div className="search">
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <input
          type="search"
          data-testid="symbol-search"
          placeholder="Name starts with…  ( / )"
          aria-label="Search symbols"
          value={prefix}
          onChange={(event) => setPrefix(event.currentTarget.value)}
          onKeyDown={onKey}
        />
        <select aria-label="Kind" data-testid="symbol-kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as SymbolKind)}>
          <option value="functions">functions</option>
          <option value="classes">classes</option>
        </select>
      </form>
      <p className="muted" style={{ margin: '0 0.5rem' }} data-testid="symbol-total">
        {page ? `${hits.length} of ${page.total}` : ''}
      </p>
      <ol ref={list} role="listbox" data-testid="symbol-results" aria-label="Symbols">
        {hits.map((hit, index) => (
          <li
            key={`${hit.file}:${hit.line}:${hit.detail}:${index}`}
            role="option"
            aria-selected={index === cursor}
            data-file={hit.file}
            data-line={hit.line}
            onClick={() => {
              setCursor(index)
              onOpen(hit)
            }}
          >
            <span className={kind === 'functions' ? 'kind-function' : 'kind-class'}>{hit.name}</span>{' '}
            <span className="where">
              {hit.detail} · {hit.file}:{hit.line + 1}
            </span>
          </li>
        ))}
      </ol>
      {page?.hasMore && (
        <button type="button" data-testid="symbol-more" onClick={more}>
          More
        </button>
      )}
    </div>
  )
}
