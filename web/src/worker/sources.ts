// The text of the uploaded files, kept in one place: written once, as the scan reads each file,
// into a file of this browser's private storage (OPFS), and read back from there by the editor,
// then and after a reload. Neither the page nor the engine keeps a second copy in memory.
//
//   OPFS  drift-sources/sources.tmp                 the text of the scan in progress
//         drift-sources/sources-<generation>.bin    the text of scan <generation>
//
// A file holds the files' bytes one after another, then an index (UTF-8 JSON, `[[path, offset,
// length], ...]`), the index's length (u32, little-endian) and the tag `DRIFTSRC`. It is renamed
// into place only when its scan has been stored, and read back only for the stored generation,
// so it never shows text that does not match what drift.db holds. Where OPFS is not available
// (embeds, some private windows) the text stays in this worker's memory instead.
import { removeAllBut, type FileHandle } from './persistence'

const DIR = 'drift-sources'
const TEMP = 'sources.tmp'
const NAME = /^sources-(\d+)\.bin$/
const TAG = new TextEncoder().encode('DRIFTSRC')
/** The index length and the tag. */
const TRAILER = 4 + TAG.length

/** `FileSystemSyncAccessHandle` as used here (worker-only, absent from the DOM typings). */
interface AccessHandle {
  read(buffer: Uint8Array, options: { at: number }): number
  write(buffer: Uint8Array, options: { at: number }): number
  truncate(size: number): void
  flush(): void
  close(): void
}

type Index = Map<string, [offset: number, length: number]>

/** The kept text of one scan, for the editor. */
export interface SourceText {
  /** The bytes of `path`, or null when none were kept for it. */
  get(path: string): Promise<Uint8Array | null>
}

/**
 * The text of a scan being written. Every call but `commit` and `abort` is synchronous: the
 * scan's reader runs inside an engine call and cannot wait for a promise.
 */
export interface SourceWriter {
  /** Keeps `bytes` as the text of `path` (a later call for the same path wins). */
  add(path: string, bytes: Uint8Array): void
  has(path: string): boolean
  /** The text kept for `path`, read back now. */
  read(path: string): Uint8Array | null
  /** Renames every path (an archive's common folder taken off). */
  rename(rename: (path: string) => string): void
  /** Keeps what was written as the text of scan `generation`, replacing older text. */
  commit(generation: number): Promise<SourceText>
  /** Drops what was written (the scan failed); the previous text stays. */
  abort(): Promise<void>
}

/** Text in this worker's memory: where OPFS is not available. */
export class MemoryText implements SourceWriter, SourceText {
  private readonly files = new Map<string, Uint8Array>()

  add(path: string, bytes: Uint8Array) {
    this.files.set(path, bytes)
  }

  has(path: string) {
    return this.files.has(path)
  }

  read(path: string) {
    return this.files.get(path) ?? null
  }

  rename(rename: (path: string) => string) {
    const entries = [...this.files]
    this.files.clear()
    for (const [path, bytes] of entries) this.files.set(rename(path), bytes)
  }

  async get(path: string) {
    return this.read(path)
  }

  async commit() {
    return this
  }

  async abort() {}
}

/** Bytes gathered before one write: a write through the handle costs about a millisecond. */
const GATHER = 4 * 1024 * 1024

/** Text written through a sync access handle into `sources.tmp`, a few MiB at a time. */
class OpfsWriter implements SourceWriter {
  private readonly index: Index = new Map()
  /** Bytes of the file so far, written or gathered. */
  private end = 0
  /** Bytes not written yet: they follow the first `written` bytes of the file. */
  private readonly gathered = new Uint8Array(GATHER)
  private written = 0
  private closed = false
  /** A write failed: what is kept would not match its index, so nothing is. */
  private failed = false

  constructor(
    private readonly store: SourceStore,
    private readonly handle: FileHandle,
    private readonly access: AccessHandle,
  ) {}

  add(path: string, bytes: Uint8Array) {
    if (this.failed) throw new Error('an earlier write of the kept text failed')
    try {
      if (this.end - this.written + bytes.length > GATHER) this.writeGathered()
      if (bytes.length > GATHER) {
        this.access.write(bytes, { at: this.end })
        this.written += bytes.length
      } else {
        this.gathered.set(bytes, this.end - this.written)
      }
    } catch (error) {
      this.failed = true
      throw error
    }
    this.index.set(path, [this.end, bytes.length])
    this.end += bytes.length
  }

  has(path: string) {
    return this.index.has(path)
  }

  read(path: string) {
    const place = this.index.get(path)
    if (!place) return null
    const [offset, length] = place
    if (offset >= this.written) return this.gathered.slice(offset - this.written, offset - this.written + length)
    const bytes = new Uint8Array(length)
    this.access.read(bytes, { at: offset })
    return bytes
  }

  private writeGathered() {
    if (this.end === this.written) return
    this.access.write(this.gathered.subarray(0, this.end - this.written), { at: this.written })
    this.written = this.end
  }

  rename(rename: (path: string) => string) {
    const entries = [...this.index]
    this.index.clear()
    for (const [path, place] of entries) this.index.set(rename(path), place)
  }

  async commit(generation: number): Promise<SourceText> {
    try {
      if (this.failed) throw new Error('an earlier write of the kept text failed')
      this.writeGathered()
      const index = new TextEncoder().encode(JSON.stringify([...this.index].map(([path, [offset, length]]) => [path, offset, length])))
      const trailer = new Uint8Array(TRAILER)
      new DataView(trailer.buffer).setUint32(0, index.length, true)
      trailer.set(TAG, 4)
      this.access.write(index, { at: this.end })
      this.access.write(trailer, { at: this.end + index.length })
      this.access.truncate(this.end + index.length + TRAILER)
      this.access.flush()
      this.close()
      const name = `sources-${generation}.bin`
      await this.handle.move(name)
      await this.store.removeAllBut(name)
      return new OpfsText(await this.handle.getFile(), this.index)
    } catch (error) {
      // Nothing half-written stays: the previous text, if any, is what a reload finds.
      await this.abort()
      throw error
    }
  }

  async abort() {
    this.close()
    await this.store.removeTemp()
  }

  private close() {
    if (this.closed) return
    this.closed = true
    this.access.close()
  }
}

/** Kept text read back from its file, a slice at a time. */
class OpfsText implements SourceText {
  constructor(
    private readonly file: Blob,
    private readonly index: Index,
  ) {}

  async get(path: string) {
    const place = this.index.get(path)
    if (!place) return null
    return new Uint8Array(await this.file.slice(place[0], place[0] + place[1]).arrayBuffer())
  }

  /** The text in `file`, or null when it is not a whole file of this format. */
  static async read(file: Blob): Promise<OpfsText | null> {
    if (file.size < TRAILER) return null
    const trailer = new Uint8Array(await file.slice(file.size - TRAILER).arrayBuffer())
    if (!TAG.every((byte, i) => trailer[4 + i] === byte)) return null
    const length = new DataView(trailer.buffer).getUint32(0, true)
    const start = file.size - TRAILER - length
    if (start < 0) return null
    const entries: unknown = JSON.parse(new TextDecoder().decode(await file.slice(start, start + length).arrayBuffer()))
    if (!Array.isArray(entries)) return null
    const index: Index = new Map()
    for (const entry of entries as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 3) return null
      const [path, offset, size] = entry as unknown[]
      if (typeof path !== 'string' || typeof offset !== 'number' || typeof size !== 'number' || offset + size > start) return null
      index.set(path, [offset, size])
    }
    return new OpfsText(file, index)
  }
}

export class SourceStore {
  private constructor(private readonly dir: FileSystemDirectoryHandle) {}

  /** The store of this origin (only for the tab that owns drift.db). */
  static async open(): Promise<SourceStore> {
    const root = await navigator.storage.getDirectory()
    return new SourceStore(await root.getDirectoryHandle(DIR, { create: true }))
  }

  /** Starts the text of a new scan (replacing one left unfinished). */
  async begin(): Promise<SourceWriter> {
    const handle = (await this.dir.getFileHandle(TEMP, { create: true })) as FileHandle
    const access = (await handle.createSyncAccessHandle()) as unknown as AccessHandle
    access.truncate(0)
    return new OpfsWriter(this, handle, access)
  }

  /** The text kept for scan `generation`, or null when there is none for it. */
  async load(generation: number): Promise<SourceText | null> {
    try {
      const file = await (await this.dir.getFileHandle(`sources-${generation}.bin`)).getFile()
      return await OpfsText.read(file)
    } catch {
      return null
    }
  }

  /** Deletes what is kept ("Clear data", or a database loaded from a file). */
  async clear(): Promise<void> {
    await this.removeAllBut(null)
  }

  /** Bytes kept. */
  async footprint(): Promise<number> {
    let total = 0
    for await (const handle of this.dir.values()) {
      if (handle.kind === 'file' && NAME.test(handle.name)) total += (await (handle as FileSystemFileHandle).getFile()).size
    }
    return total
  }

  removeAllBut(keep: string | null) {
    return removeAllBut(this.dir, keep === null ? [] : [keep])
  }

  async removeTemp() {
    await this.dir.removeEntry(TEMP).catch(() => {})
  }
}
