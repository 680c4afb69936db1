import type { FileView, OutlineItem, OutlineKind } from '../shared/types'

export interface OutlineProps {
  file: FileView | null
  onReveal: (item: { line: number; column: number }) => void
}

const GROUPS: [OutlineKind, string][] = [
  ['class', 'Classes'],
  ['function', 'Functions'],
  ['import', 'Imports'],
  ['export', 'Exports'],
  ['call', 'Calls'],
]

/** The symbols of the file in the editor, by kind, and its syntax errors; a click reveals one. */
export function Outline({ file, onReveal }: OutlineProps) {
  if (!file) return <aside className="outline" data-testid="outline" />
  const byKind = new Map<OutlineKind, OutlineItem[]>()
  for (const item of file.items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item])
  return (
    <aside className="outline" data-testid="outline" data-origin={file.origin} aria-label="Outline">
      <h3 data-testid="diagnostics" data-errors={file.errors.length}>
        {file.hasErrors ? `⚠ ${file.errors.length} syntax error${file.errors.length === 1 ? '' : 's'}` : 'No syntax errors'}
      </h3>
      {file.errors.length > 0 && (
        <ul>
          {file.errors.map(([line, column]) => (
            <li key={`${line}:${column}`}>
              <button type="button" className="error-position" onClick={() => onReveal({ line, column })}>
                line {line + 1}, column {column + 1}
              </button>
            </li>
          ))}
        </ul>
      )}
      {file.origin === 'stored' && <p className="hint">From drift.db (open the folder again to see the text).</p>}
      {GROUPS.map(([kind, title]) => {
        const items = byKind.get(kind) ?? []
        return (
          <section key={kind} data-testid={`outline-${kind}`} data-count={items.length}>
            <h3>
              {title} <span className="muted">{items.length}</span>
            </h3>
            <ul>
              {items.map((item, index) => (
                <li key={`${item.line}:${item.column}:${index}`}>
                  <button type="button" title={item.detail} data-line={item.line} onClick={() => onReveal(item)}>
                    <span className={`kind-${kind}`}>{item.name}</span> <span className="muted">:{item.line + 1}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </aside>
  )
}
