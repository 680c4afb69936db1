// The page's state in its URL: the file and line shown and the workspace's rail, so that a
// reload or a shared link opens them again (`?file=src/a.ts&line=12&rail=calls`, 1-based line).

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

/** The rail named in `search` (`?rail=calls`), if it is one of `rails`; null otherwise. */
export function readRail<R extends string>(search: string, rails: readonly R[]): R | null {
  const named = new URLSearchParams(search).get('rail')
  return rails.find((rail) => rail === named) ?? null
}

/** Writes the rail shown into the URL (`fallback`, the default one, is left out), replacing the history entry. */
export function keepRail(rail: string, fallback: string) {
  const url = new URL(location.href)
  if (rail === fallback) url.searchParams.delete('rail')
  else url.searchParams.set('rail', rail)
  if (url.href !== location.href) history.replaceState(null, '', url)
}
