// Reading an uploaded .zip without trusting it: entries are inflated as a stream, one chunk at a
// time, and the real inflated sizes (not the sizes the archive declares, which a zip bomb
// forges) are held to three limits. An archive over the total or the entry count is refused
// with a coded error and nothing is kept; an entry inflating far more than real source does is
// skipped and listed, and the rest goes on.
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate'

import type { ScanIssueInfo } from '../shared/types'

/** What an archive may hold; each can be raised in the page's URL (see `settings.ts`). */
export interface ArchiveLimits {
  /** Inflated bytes of all the entries together (`?archiveMaxBytes=`). */
  maxBytes: number
  /** Entries, directories included (`?archiveMaxEntries=`). */
  maxEntries: number
  /** Inflated / compressed size of one entry (`?archiveMaxRatio=`). */
  maxRatio: number
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  // A 100K-file repository of ordinary source is about 1 GB.
  maxBytes: 2 * 1024 ** 3,
  maxEntries: 250_000,
  // Source code deflates 3-10x; a repetitive generated file rarely passes 50x. Bombs reach
  // 1,000x and more.
  maxRatio: 200,
}

/** Entries this small are never judged by their ratio (a 40-byte file of spaces is not a bomb). */
const RATIO_FLOOR = 64 * 1024

/** Bytes handed to the unzipper at a time: DEFLATE inflates at most ~1,032x, so one chunk
 *  cannot become more than ~16 MiB before the limits are checked. */
const CHUNK = 16 * 1024

export interface ExtractedFile {
  path: string
  data: Uint8Array
}

export interface Extracted {
  /** The files, unless `keep` took them. */
  files: ExtractedFile[]
  /** Entries skipped, each with its code. */
  skipped: ScanIssueInfo[]
  /** Entries seen, directories excluded. */
  entries: number
}

class ArchiveRefused extends Error {}

function refuse(code: string, message: string): never {
  throw new ArchiveRefused(`[${code}] ${message}`)
}

/** Bytes read from a `Blob` at a time (then handed to the unzipper `CHUNK` bytes at a time). */
const READ = 1024 * 1024

/** `input` a piece at a time: a `Blob` (a picked file) is read as it goes, never whole. */
function* piecesOf(input: Uint8Array | Blob): Generator<Uint8Array> {
  if (input instanceof Uint8Array) {
    yield input
    return
  }
  // Synchronous reads: only in a worker, which is where archives are read.
  const reader = new FileReaderSync()
  for (let offset = 0; offset < input.size; offset += READ) {
    yield new Uint8Array(reader.readAsArrayBuffer(input.slice(offset, offset + READ)))
  }
}

/**
 * Extracts the files of `input` (a .zip called `name`), each handed to `keep` as soon as it is
 * whole (or, without `keep`, returned in `files`). Entries over `maxFileSize` bytes (as
 * declared, or as they turn out) are not kept and are listed with `FILE_TOO_LARGE`.
 */
export function extractArchive(
  input: Uint8Array | Blob,
  name: string,
  maxFileSize: number,
  limits: ArchiveLimits,
  keep?: (file: ExtractedFile) => void,
): Extracted {
  const files: ExtractedFile[] = []
  const skipped: ScanIssueInfo[] = []
  let entries = 0
  let seen = 0
  let total = 0
  let failure: Error | null = null

  const skip = (file: UnzipFile, code: string, message: string) => {
    skipped.push({ path: file.name, code, message })
    file.terminate()
  }

  const unzip = new Unzip((file) => {
    seen += 1
    if (seen > limits.maxEntries) {
      refuse(
        'ARCHIVE_TOO_MANY_ENTRIES',
        `${name} holds more than ${limits.maxEntries} entries; nothing was scanned. Raise the limit with ?archiveMaxEntries=N in the page URL, or open the folder instead`,
      )
    }
    if (file.name.endsWith('/')) return
    entries += 1
    if (file.originalSize !== undefined && file.originalSize > maxFileSize) {
      skipped.push({ path: file.name, code: 'FILE_TOO_LARGE', message: `${file.originalSize} bytes, over the ${maxFileSize}-byte limit: not extracted` })
      return
    }
    const chunks: Uint8Array[] = []
    let inflated = 0
    let stopped = false
    file.ondata = (error, chunk, final) => {
      if (stopped) return
      if (error) {
        stopped = true
        skip(file, 'SCAN_ERROR', `the entry cannot be inflated (${error.message})`)
        return
      }
      inflated += chunk.length
      total += chunk.length
      if (total > limits.maxBytes) {
        stopped = true
        failure ??= new ArchiveRefused(
          `[ARCHIVE_TOO_LARGE] ${name} inflates to more than ${limits.maxBytes} bytes; nothing was scanned. Raise the limit with ?archiveMaxBytes=N in the page URL, or open the folder instead`,
        )
        file.terminate()
        return
      }
      if (inflated > maxFileSize) {
        stopped = true
        skip(file, 'FILE_TOO_LARGE', `more than ${maxFileSize} bytes once inflated (the archive declared ${file.originalSize ?? 'no size'}): not extracted`)
        return
      }
      const compressed = file.size ?? 0
      if (inflated > RATIO_FLOOR && compressed > 0 && inflated / compressed > limits.maxRatio) {
        stopped = true
        skip(
          file,
          'ARCHIVE_RATIO',
          `inflates more than ${limits.maxRatio} times its compressed size, as zip bombs do: not extracted. Raise the limit with ?archiveMaxRatio=N in the page URL`,
        )
        return
      }
      chunks.push(chunk)
      if (final) {
        const whole = { path: file.name, data: concat(chunks, inflated) }
        if (keep) keep(whole)
        else files.push(whole)
      }
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  unzip.register(UnzipPassThrough)
  const size = input instanceof Uint8Array ? input.length : input.size
  try {
    let position = 0
    for (const piece of piecesOf(input)) {
      for (let offset = 0; offset < piece.length && !failure; offset += CHUNK) {
        const end = Math.min(offset + CHUNK, piece.length)
        unzip.push(piece.subarray(offset, end), position + end === size)
      }
      position += piece.length
      if (failure) break
    }
    if (size === 0) unzip.push(new Uint8Array(0), true)
  } catch (error) {
    if (error instanceof ArchiveRefused) throw error
    throw new Error(`[SCAN_ERROR] ${name} is not a readable .zip: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (failure) throw failure
  return { files, skipped, entries }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}
