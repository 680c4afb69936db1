// The page's state in its URL: the file and line shown, so that a reload or a shared link
// opens them again (`?file=src/a.ts&line=12`, 1-based line).

/** The file and line in `search`, with the line 0-based; null without a `file`. */
export function readLocation(search: string): { path: string; line: number | null } | null {
  const params = new URLSearchParams(search)
  const path = params.get('file')
  const line = Number(params.get('line'))
  return path ? { path, line: Number.isInteger(line) && line > 0 ? line - 1 : null } : null
}

/** Writes the file and line shown (0-based) into the URL, replacing the history entry. */
export function keepLocation(path: string | null, line: number | null) {
  const url = new URL(location.href)
  if (path) url.searchParams.set('file', path)
  else url.searchParams.delete('file')
  if (path && line !== null) url.searchParams.set('line', String(line + 1))
  else url.searchParams.delete('line')
  history.replaceState(null, '', url)
}
