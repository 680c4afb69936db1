// One shape for a file's outline, whether it comes from parsing the text now (`parseFile`,
// snake_case fields of the Rust `ParseResult`) or from the rows stored in drift.db (camelCase
// listing rows). Lines and columns are 0-based, as the engine reports them.
import type { OutlineItem, OutlineKind } from '../shared/types'

interface ParsedRange {
  start_line: number
  start_column: number
  end_line: number
  end_column: number
}

/** The fields of a `ParseResult` the outline uses. */
export interface ParsedFile {
  language: string
  functions: { name: string; qualified_name: string; parameters: unknown[]; return_type: string | null; range: ParsedRange }[]
  classes: { name: string; qualified_name: string; kind: string; range: ParsedRange }[]
  imports: { source: string; names: string[]; line: number }[]
  exports: { name: string; is_default: boolean; line: number }[]
  call_sites: { callee: string; receiver: string | null; arg_count: number; line: number; column: number }[]
  has_errors: boolean
  error_positions: [number, number][]
}

const item = (kind: OutlineKind, name: string, detail: string, line: number, column = 0, endLine = line): OutlineItem => ({
  kind,
  name,
  detail,
  line,
  column,
  endLine,
})

/** Source order, then kind order for items on one line. */
const ORDER: OutlineKind[] = ['import', 'export', 'class', 'function', 'call']
export function sortOutline(items: OutlineItem[]): OutlineItem[] {
  return items.sort((a, b) => a.line - b.line || a.column - b.column || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
}

/** The outline of a fresh parse. */
export function outlineOfParse(result: ParsedFile): OutlineItem[] {
  return sortOutline([
    ...result.imports.map((i) => item('import', i.source, i.names.join(', '), i.line)),
    ...result.exports.map((e) => item('export', e.name, e.is_default ? 'default' : '', e.line)),
    ...result.classes.map((c) => item('class', c.name, `${c.kind} ${c.qualified_name}`, c.range.start_line, c.range.start_column, c.range.end_line)),
    ...result.functions.map((f) =>
      item(
        'function',
        f.name,
        `${f.qualified_name}(${f.parameters.length})${f.return_type ? `: ${f.return_type}` : ''}`,
        f.range.start_line,
        f.range.start_column,
        f.range.end_line,
      ),
    ),
    ...result.call_sites.map((c) =>
      item('call', c.callee, `${c.receiver ? `${c.receiver}.` : ''}${c.callee}(${c.arg_count})`, c.line, c.column),
    ),
  ])
}

type Row = Record<string, unknown>
const text = (value: unknown) => (typeof value === 'string' ? value : '')
const number = (value: unknown) => (typeof value === 'number' ? value : 0)

/** Outline items of one stored listing's rows. */
export const outlineOfRows: Record<'functions' | 'classes' | 'imports' | 'exports' | 'callSites', (row: Row) => OutlineItem> = {
  functions: (r) =>
    item('function', text(r.name), `${text(r.qualifiedName)}(${number(r.parameters)})${r.returnType ? `: ${text(r.returnType)}` : ''}`, number(r.startLine), 0, number(r.endLine)),
  classes: (r) => item('class', text(r.name), `${text(r.kind)} ${text(r.qualifiedName)}`, number(r.startLine), 0, number(r.endLine)),
  imports: (r) => item('import', text(r.source), Array.isArray(r.names) ? r.names.join(', ') : '', number(r.line)),
  exports: (r) => item('export', text(r.name), r.isDefault ? 'default' : '', number(r.line)),
  callSites: (r) =>
    item('call', text(r.callee), `${r.receiver ? `${text(r.receiver)}.` : ''}${text(r.callee)}(${number(r.argCount)})`, number(r.line), number(r.col)),
}
