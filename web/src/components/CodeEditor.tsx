import { useEffect, useRef } from 'react'

import type { ViolationView } from '@drift/napi'

import { monaco } from '../editor/monaco'
import { utf16Column } from '../editor/positions'
import type { OutlineItem, SecretMark } from '../shared/types'
import { useDarkTheme } from '../state/theme'

export interface Reveal {
  line: number
  column: number
  /** Changes on every request, so the same place can be revealed twice. */
  serial: number
}

export interface CodeEditorProps {
  /** Identifies the model: a new path replaces the text and the undo history. */
  path: string
  text: string
  language: string | null
  items: OutlineItem[]
  /** Syntax error positions, 0-based (line, byte column). */
  errors: [number, number][]
  /** Secrets in the text: hidden on screen, described by a marker. */
  secrets?: SecretMark[]
  /** Violations of the stored scan in this text (1-based lines, byte columns): markers. */
  violations?: ViolationView[]
  reveal: Reveal | null
  readOnly?: boolean
  onChange?: (text: string) => void
  /** Called with the cursor's 0-based line when it moves. */
  onCursor?: (line: number) => void
}

/** Decoration classes per outline kind (styles in styles.css). */
const DECORATION: Partial<Record<OutlineItem['kind'], string>> = {
  function: 'drift-symbol-function',
  class: 'drift-symbol-class',
}

/** The default of `violations`: one array, so the markers are not set again on every render. */
const NO_VIOLATIONS: ViolationView[] = []

/** Marker severities of the engine's violation severities. */
const VIOLATION_SEVERITY: Record<string, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
  hint: monaco.MarkerSeverity.Hint,
}

/** What a violation's hover says: the message, the convention it departs from, the fix. */
function describeViolation(violation: ViolationView): string {
  const cwe = violation.cweId ? ` (CWE-${violation.cweId})` : ''
  return [
    `${violation.suppressed ? '(suppressed) ' : ''}${violation.message}${cwe}`,
    violation.convention ? `Deviates from the convention ${violation.convention}; this place follows ${violation.patternId}` : `Pattern: ${violation.patternId}`,
    violation.fixDescription ? `Fix: ${violation.fixDescription}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n')
}

/** Monaco showing one file, its symbols decorated and its syntax errors and violations as markers. */
export function CodeEditor({ path, text, language, items, errors, secrets = [], violations = NO_VIOLATIONS, reveal, readOnly = false, onChange, onCursor }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null)
  const change = useRef(onChange)
  change.current = onChange
  const cursorMoved = useRef(onCursor)
  cursorMoved.current = onCursor
  const dark = useDarkTheme()

  useEffect(() => {
    if (!host.current) return
    const created = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      readOnly,
      glyphMargin: true,
    })
    editor.current = created
    decorations.current = created.createDecorationsCollection()
    const listener = created.onDidChangeModelContent(() => change.current?.(created.getValue()))
    // The cursor's line and UTF-16 column (0-based) on the element, for tests and for anyone
    // inspecting the page.
    const cursor = created.onDidChangeCursorPosition(({ position }) => {
      cursorMoved.current?.(position.lineNumber - 1)
      if (!host.current) return
      host.current.dataset.cursorLine = String(position.lineNumber - 1)
      host.current.dataset.cursorColumn = String(position.column - 1)
    })
    return () => {
      listener.dispose()
      cursor.dispose()
      created.getModel()?.dispose()
      created.dispose()
      editor.current = null
    }
  }, [readOnly])

  useEffect(() => monaco.editor.setTheme(dark ? 'vs-dark' : 'vs'), [dark])

  // A new file: a new model. The same file with new text (an edit here): keep the model.
  useEffect(() => {
    const current = editor.current
    if (!current) return
    const model = current.getModel()
    const uri = monaco.Uri.from({ scheme: 'drift', path: `/${path}` })
    if (model && model.uri.toString() === uri.toString()) {
      if (model.getValue() !== text) model.setValue(text)
      return
    }
    model?.dispose()
    current.setModel(monaco.editor.createModel(text, language ?? 'plaintext', uri))
  }, [path, text, language])

  useEffect(() => {
    const model = editor.current?.getModel()
    if (!model) return
    const secretRanges = secrets.map((secret) => {
      const lineNumber = Math.min(secret.line + 1, model.getLineCount())
      const content = model.getLineContent(lineNumber)
      return {
        secret,
        range: new monaco.Range(lineNumber, utf16Column(content, secret.column) + 1, lineNumber, utf16Column(content, secret.endColumn) + 1),
      }
    })
    const describe = (secret: SecretMark) =>
      `Committed secret (${secret.pattern}, ${secret.severity}${secret.status === 'open' ? '' : `, ${secret.status}`}): ${secret.masked}. The value is hidden here and never stored.`
    decorations.current?.set([
      ...secretRanges.map(({ secret, range }) => ({
        range,
        options: { inlineClassName: 'drift-secret', hoverMessage: { value: describe(secret) } },
      })),
      ...items.flatMap((item) => {
        const className = DECORATION[item.kind]
        if (!className) return []
        return [
          {
            range: new monaco.Range(item.line + 1, 1, item.line + 1, 1),
            options: {
              isWholeLine: true,
              glyphMarginClassName: `${className}-glyph`,
              glyphMarginHoverMessage: { value: `${item.kind} \`${item.detail}\`` },
              className,
            },
          },
        ]
      }),
    ])
    monaco.editor.setModelMarkers(model, 'drift-secrets', secretRanges.map(({ secret, range }) => ({
      severity: secret.status === 'open' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      message: describe(secret),
      startLineNumber: range.startLineNumber,
      startColumn: range.startColumn,
      endLineNumber: range.endLineNumber,
      endColumn: range.endColumn,
      source: 'drift',
    })))
    monaco.editor.setModelMarkers(
      model,
      'drift',
      errors.map(([line, column]) => {
        const lineNumber = Math.min(line + 1, model.getLineCount())
        const startColumn = Math.min(utf16Column(model.getLineContent(lineNumber), column) + 1, model.getLineMaxColumn(lineNumber))
        return {
          severity: monaco.MarkerSeverity.Error,
          message: 'Syntax error: the parse of this file is partial',
          startLineNumber: lineNumber,
          startColumn,
          endLineNumber: lineNumber,
          endColumn: Math.min(startColumn + 1, model.getLineMaxColumn(lineNumber)),
          source: 'drift',
        }
      }),
    )
  }, [items, errors, secrets, path, text])

  // Violations: from the start of the match to the end of its first line (a match may be a
  // whole block); suppressed ones as hints.
  useEffect(() => {
    const model = editor.current?.getModel()
    if (!model) return
    monaco.editor.setModelMarkers(
      model,
      'drift-violations',
      violations.map((violation) => {
        const lineNumber = Math.min(Math.max(violation.line, 1), model.getLineCount())
        const endColumn = model.getLineMaxColumn(lineNumber)
        const startColumn = Math.min(utf16Column(model.getLineContent(lineNumber), violation.column) + 1, endColumn)
        return {
          severity: violation.suppressed ? monaco.MarkerSeverity.Hint : (VIOLATION_SEVERITY[violation.severity] ?? monaco.MarkerSeverity.Info),
          message: describeViolation(violation),
          startLineNumber: lineNumber,
          startColumn,
          endLineNumber: lineNumber,
          endColumn: Math.max(endColumn, startColumn + 1),
          source: 'drift',
          code: violation.ruleId,
        }
      }),
    )
    // How many are marked, on the element, for tests and for anyone inspecting the page.
    if (host.current) host.current.dataset.violations = String(violations.length)
  }, [violations, path, text])

  useEffect(() => {
    const current = editor.current
    if (!current || !reveal) return
    const model = current.getModel()
    const lineNumber = reveal.line + 1
    const lineText = model && lineNumber <= model.getLineCount() ? model.getLineContent(lineNumber) : ''
    const position = { lineNumber, column: utf16Column(lineText, reveal.column) + 1 }
    current.revealPositionInCenter(position)
    current.setPosition(position)
    current.focus()
  }, [reveal])

  return <div className="editor" ref={host} data-testid="editor" data-path={path} />
}
