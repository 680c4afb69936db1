// One shape for a file's outline, whether it comes from parsing the text now (`parseFile`) or
// from the rows stored in drift.db (the listings' typed rows). Lines and columns are 0-based, as
// the engine reports them.
import type { CallSiteRow, ClassRow, ExportRow, FunctionRow, ImportRow, ParseResultView } from '@drift/napi'

import type { OutlineItem, OutlineKind } from '../shared/types'

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
export function outlineOfParse(result: ParseResultView): OutlineItem[] {
  return sortOutline([
    ...result.imports.map((i) => item('import', i.source, i.names.join(', '), i.line)),
    ...result.exports.map((e) => item('export', e.name, e.isDefault ? 'default' : '', e.line)),
    ...result.classes.map((c) => item('class', c.name, `${c.kind} ${c.qualifiedName}`, c.range.startLine, c.range.startColumn, c.range.endLine)),
    ...result.functions.map((f) =>
      item(
        'function',
        f.name,
        `${f.qualifiedName}(${f.parameters.length})${f.returnType ? `: ${f.returnType}` : ''}`,
        f.range.startLine,
        f.range.startColumn,
        f.range.endLine,
      ),
    ),
    ...result.callSites.map((c) =>
      item('call', c.callee, `${c.receiver ? `${c.receiver}.` : ''}${c.callee}(${c.argCount})`, c.line, c.column),
    ),
  ])
}

/** Outline items of the stored listings' rows. */
export const outlineOfRows = {
  functions: (r: FunctionRow) =>
    item('function', r.name, `${r.qualifiedName}(${r.parameters})${r.returnType ? `: ${r.returnType}` : ''}`, r.startLine, 0, r.endLine),
  classes: (r: ClassRow) => item('class', r.name, `${r.kind} ${r.qualifiedName}`, r.startLine, 0, r.endLine),
  imports: (r: ImportRow) => item('import', r.source, r.names.join(', '), r.line),
  exports: (r: ExportRow) => item('export', r.name, r.isDefault ? 'default' : '', r.line),
  callSites: (r: CallSiteRow) => item('call', r.callee, `${r.receiver ? `${r.receiver}.` : ''}${r.callee}(${r.argCount})`, r.line, r.col),
}
