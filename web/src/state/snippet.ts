// Snippet links: `?lang=ts&code=...` where `code` is the source compressed with raw DEFLATE and
// written in base64url, so a docs page can link to (or embed) a live example of any length a
// URL can carry. `?embed` hides everything but the editor and its outline.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'

/** Short names accepted in `lang`, and the file extension the engine routes by. */
const EXTENSIONS: Record<string, string> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  jsx: 'jsx',
  py: 'py',
  python: 'py',
  java: 'java',
  cs: 'cs',
  csharp: 'cs',
  go: 'go',
  rs: 'rs',
  rust: 'rs',
  rb: 'rb',
  ruby: 'rb',
  php: 'php',
  kt: 'kt',
  kotlin: 'kt',
}

export interface Snippet {
  /** The file name the engine parses it as, e.g. `snippet.ts`. */
  path: string
  code: string
  embed: boolean
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

export function encodeSnippet(code: string): string {
  return toBase64Url(deflateSync(strToU8(code), { level: 9 }))
}

/**
 * The snippet a URL's query describes, or null when it has no `code`. Throws a coded error for
 * an unknown language or a `code` that does not decompress.
 */
export function readSnippet(search: string): Snippet | null {
  const params = new URLSearchParams(search)
  const encoded = params.get('code')
  if (encoded === null) return null
  const lang = (params.get('lang') ?? 'ts').toLowerCase()
  const extension = EXTENSIONS[lang]
  if (!extension) {
    throw new Error(`[UNSUPPORTED_LANGUAGE] lang=${lang} is not one of ${Object.keys(EXTENSIONS).join(', ')}`)
  }
  let code: string
  try {
    code = encoded === '' ? '' : strFromU8(inflateSync(fromBase64Url(encoded)))
  } catch (error) {
    throw new Error(`[INVALID_ARGUMENT] the code parameter is not a compressed snippet (${(error as Error).message})`)
  }
  return { path: `snippet.${extension}`, code, embed: params.has('embed') }
}

/** A link to `code` as a snippet (with `embed` for an iframe), relative to `base`. */
export function snippetUrl(base: string, path: string, code: string, embed = false): string {
  const url = new URL(base)
  url.search = ''
  url.hash = ''
  url.searchParams.set('lang', path.slice(path.lastIndexOf('.') + 1))
  url.searchParams.set('code', encodeSnippet(code))
  if (embed) url.searchParams.set('embed', '')
  return url.toString()
}
