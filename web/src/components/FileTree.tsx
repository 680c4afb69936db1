import { useMemo, useRef, useState, type KeyboardEvent } from 'react'

import type { FileRow } from '../shared/types'

export interface FileTreeProps {
  files: FileRow[]
  selected: string | null
  onOpen: (path: string) => void
}

interface Folder {
  name: string
  path: string
  folders: Map<string, Folder>
  files: FileRow[]
  /** Files in it and below (after the language filter). */
  count: number
}

/** A visible line of the tree. */
interface Line {
  depth: number
  folder: Folder | null
  file: FileRow | null
}

const ROW = 22
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 10

function build(files: FileRow[]): Folder {
  const root: Folder = { name: '', path: '', folders: new Map(), files: [], count: 0 }
  for (const file of files) {
    const parts = file.path.split('/')
    let folder = root
    folder.count += 1
    for (const part of parts.slice(0, -1)) {
      const path = folder.path ? `${folder.path}/${part}` : part
      let next = folder.folders.get(part)
      if (!next) {
        next = { name: part, path, folders: new Map(), files: [], count: 0 }
        folder.folders.set(part, next)
      }
      next.count += 1
      folder = next
    }
    folder.files.push(file)
  }
  return root
}

function flatten(folder: Folder, open: Set<string>, depth: number, out: Line[]) {
  for (const child of [...folder.folders.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    out.push({ depth, folder: child, file: null })
    if (open.has(child.path)) flatten(child, open, depth + 1, out)
  }
  for (const file of folder.files) out.push({ depth, folder: null, file })
}

/**
 * Every stored file as a folder tree, with file counts per language (click one to show only
 * that language). Only the rows in view are in the DOM, so 10,000 files scroll as smoothly as
 * ten. Arrow keys move, Right/Left open and close folders, Enter opens a file.
 */
export function FileTree({ files, selected, onOpen }: FileTreeProps) {
  const [language, setLanguage] = useState<string | null>(null)
  /** Folders opened or closed by the user (the others have their default). */
  const [toggled, setToggled] = useState<Map<string, boolean>>(new Map())
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  const [cursor, setCursor] = useState(0)
  const box = useRef<HTMLDivElement>(null)

  const languages = useMemo(() => {
    const counts = new Map<string, number>()
    for (const file of files) counts.set(file.language ?? 'other', (counts.get(file.language ?? 'other') ?? 0) + 1)
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  }, [files])

  const root = useMemo(
    () => build(language ? files.filter((file) => (file.language ?? 'other') === language) : files),
    [files, language],
  )
  const lines = useMemo(() => {
    const open = new Set<string>()
    const walk = (folder: Folder, depth: number) => {
      for (const child of folder.folders.values()) {
        // Folders start open, except below the first level of a big tree.
        if (toggled.get(child.path) ?? (depth < 1 || root.count < 500)) open.add(child.path)
        walk(child, depth + 1)
      }
    }
    walk(root, 0)
    const out: Line[] = []
    flatten(root, open, 0, out)
    return out
  }, [root, toggled])

  const setOpen = (path: string, isOpen: boolean) => setToggled((current) => new Map(current).set(path, isOpen))

  const isOpen = (index: number) => (lines[index + 1]?.depth ?? -1) > lines[index].depth

  const activate = (index: number) => {
    const line = lines[index]
    if (!line) return
    setCursor(index)
    if (line.file) onOpen(line.file.path)
    else if (line.folder) setOpen(line.folder.path, !isOpen(index))
  }

  const move = (index: number) => {
    const next = Math.max(0, Math.min(lines.length - 1, index))
    setCursor(next)
    const el = box.current
    if (!el) return
    if (next * ROW < el.scrollTop) el.scrollTop = next * ROW
    else if ((next + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (next + 1) * ROW - el.clientHeight
  }

  const onKey = (event: KeyboardEvent) => {
    const line = lines[cursor]
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(cursor + 1),
      ArrowUp: () => move(cursor - 1),
      Home: () => move(0),
      End: () => move(lines.length - 1),
      PageDown: () => move(cursor + Math.floor(height / ROW)),
      PageUp: () => move(cursor - Math.floor(height / ROW)),
      Enter: () => activate(cursor),
      ArrowRight: () => line?.folder && !isOpen(cursor) && setOpen(line.folder.path, true),
      ArrowLeft: () => {
        if (line?.folder && isOpen(cursor)) setOpen(line.folder.path, false)
        else move(lines.findLastIndex((other, i) => i < cursor && other.depth < (line?.depth ?? 0)))
      },
    }
    const action = keys[event.key]
    if (action) {
      event.preventDefault()
      action()
    }
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN)
  const last = Math.min(lines.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN)

  return (
    <>
      <div className="languages" data-testid="tree-languages">
        {languages.map(([name, count]) => (
          <button
            type="button"
            key={name}
            aria-pressed={language === name}
            data-language={name}
            onClick={() => setLanguage((current) => (current === name ? null : name))}
          >
            {name} {count}
          </button>
        ))}
      </div>
      <div
        className="tree"
        ref={box}
        role="tree"
        tabIndex={0}
        data-testid="file-tree"
        data-files={root.count}
        aria-label="Files"
        onKeyDown={onKey}
        onScroll={(event) => {
          setScrollTop(event.currentTarget.scrollTop)
          setHeight(event.currentTarget.clientHeight)
        }}
        onFocus={(event) => setHeight(event.currentTarget.clientHeight)}
      >
        <div style={{ height: lines.length * ROW }}>
          {lines.slice(first, last).map((line, offset) => {
            const index = first + offset
            const path = line.file?.path ?? line.folder?.path ?? ''
            return (
              <div
                key={`${line.file ? 'f' : 'd'}:${path}`}
                role="treeitem"
                aria-expanded={line.folder ? isOpen(index) : undefined}
                aria-selected={line.file?.path === selected}
                className={`row${line.file?.path === selected || index === cursor ? ' active' : ''}`}
                style={{ top: index * ROW, paddingLeft: `${0.5 + line.depth * 0.9}rem` }}
                data-path={path}
                title={path}
                onClick={() => activate(index)}
              >
                {line.folder ? (
                  <>
                    {isOpen(index) ? '▾' : '▸'} {line.folder.name}
                    <span className="count">{line.folder.count}</span>
                  </>
                ) : (
                  <>
                    {path.slice(path.lastIndexOf('/') + 1)}
                    <span className="count">{line.file?.language ?? ''}</span>
                  </>
                )}
              </div>
            )
          })}
        </div>
      </div>
    </>
  )
}
