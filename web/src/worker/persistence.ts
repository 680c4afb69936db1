// drift.db in the browser. When this tab owns the saved database (a Web Lock), the engine's
// SQLite reads and writes it in place in the origin private file system (OPFS): the two files
// below are served to the engine's WASI file system through synchronous access handles that this
// worker holds open, and every other path stays in the in-memory file system (memfs). Why this
// design is in README.md ("drift.db in the browser").
//
//   OPFS  drift/drift.db           the database
//         drift/drift.db-journal   SQLite's rollback journal, empty between transactions
//
// A commit is durable once SQLite returns: it syncs the journal (the pages it is about to
// overwrite) before it writes the database, and empties the journal last. A page closed during a
// transaction leaves the journal behind, and the next start rolls the database back to its last
// commit before anything reads it. One tab at a time owns the files; another tab works in memory
// only and says so. The engine's WASI layer reads and writes these files straight from and into
// its memory (wasi-runtime.ts); every other call on them comes through `serve`.

import { fileCalls, noteOpened } from './direct-files'

/** Where the engine's database lives in its file system. */
export const DB_DIR = '/drift'
export const DB_PATH = `${DB_DIR}/drift.db`
const JOURNAL_PATH = `${DB_PATH}-journal`

const OPFS_DIR = 'drift'
const LOCK_NAME = 'drift-db'
/** The files of the engine's database in `OPFS_DIR`, by their path in the engine's file system. */
const OPFS_FILES: ReadonlyMap<string, string> = new Map([
  [DB_PATH, 'drift.db'],
  [JOURNAL_PATH, 'drift.db-journal'],
])
/** A snapshot of the earlier layout (one complete copy per save): the newest becomes drift.db. */
const OLD_SNAPSHOT = /^drift-(\d+)\.db$/

/** The part of the binding's memfs (a Node `fs` look-alike) used or served here. */
export interface MemFs {
  mkdirSync(path: string, options: { recursive: boolean }): unknown
  openSync(path: string, flags: string | number, mode?: number): number
  closeSync(fd: number): void
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number
  fstatSync(fd: number, options?: { bigint?: boolean }): unknown
  statSync(path: string, options?: { bigint?: boolean }): unknown
  lstatSync(path: string, options?: { bigint?: boolean }): unknown
  ftruncateSync(fd: number, length?: number): void
  fsyncSync(fd: number): void
  fdatasyncSync(fd: number): void
  futimesSync(fd: number, atime: number, mtime: number): void
  existsSync(path: string): boolean
  unlinkSync(path: string): void
}

/** `FileSystemSyncAccessHandle` (worker-only, so absent from the DOM typings). */
export interface SyncAccessHandle {
  read(buffer: Uint8Array, options: { at: number }): number
  write(buffer: Uint8Array, options: { at: number }): number
  getSize(): number
  truncate(size: number): void
  flush(): void
  close(): void
}

export interface FileHandle extends FileSystemFileHandle {
  createSyncAccessHandle(): Promise<SyncAccessHandle>
  move(name: string): Promise<void>
}

/** The saved database, as found at start or after a change. */
export interface SavedInfo {
  /** Changes recorded since the page started (after a change only; 0 at start). */
  changes: number
  /** Bytes of drift.db in OPFS. */
  bytes: number
  /** Time to open it (at start, including a rollback) or to flush it (after a change). */
  millis: number
}

/** Whether this tab owns the saved database, and what it found there. */
export interface StorageState {
  persistent: boolean
  /** The saved database opened at start, if it held anything. */
  restored: SavedInfo | null
  /** Why the database is not persistent, as a coded message. */
  message: string | null
}

/**
 * Test hook: simulates a page closed in the middle of writing. Once `crashAfterBytes` bytes were
 * written to drift.db itself (the journal is not counted), the write in progress stops there and
 * every later operation on the saved files fails, as if the tab had gone.
 */
export interface CrashOptions {
  crashAfterBytes?: number
}

/**
 * How long a new page waits for the lock on the saved database: a page that was just closed or
 * reloaded holds it until its worker has ended, which can take a moment after a busy scan.
 */
const LOCK_WAIT_MS = 3000

/** Takes the tab-wide lock on the saved database; resolves `false` when another tab keeps it. */
function acquireLock(): Promise<boolean> {
  if (!navigator.locks) return Promise.resolve(true)
  return new Promise((resolve) => {
    const signal = AbortSignal.timeout(LOCK_WAIT_MS)
    navigator.locks
      .request(LOCK_NAME, { signal }, () => {
        resolve(true)
        // Held until this worker ends (the tab closes or reloads).
        return new Promise<never>(() => {})
      })
      .catch(() => resolve(false))
  })
}

/** A Node-style file system error, which the WASI layer turns into an errno for SQLite. */
function fsError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code })
}

/** The most written bytes held back to be written in one call (64 SQLite pages). */
const PENDING_MAX = 256 << 10

/**
 * One OPFS file served to the engine, with the handle this worker holds open on it.
 *
 * Every call on a handle has a fixed cost, whatever its size: about 3 us in a browser profile
 * on disk and about 200 us in a private window, where the browser keeps the files in its own
 * memory and serves each call from its process (`bench/opfs-calls.mjs`). SQLite reads and
 * writes a 4 KiB page per call. So neighbouring writes are held back and written in one call
 * (until the next sync, a read of them, or a write elsewhere), and the size is known here
 * instead of asked for. Where calls are slow, the file is also mirrored in this worker's memory
 * and read from there: a private window pays the memory of the file (as the browser does
 * already) instead of 200 us for every page read. Only this worker writes the file, so all of
 * it stays exact.
 */
class SavedFile {
  private length: number
  /** Written bytes not yet given to the handle: `pendingLength` bytes from `pendingAt`. */
  private readonly pending = new Uint8Array(PENDING_MAX)
  private pendingAt = 0
  private pendingLength = 0
  /** Held-back bytes were refused (quota): the next sync fails, so SQLite does not trust them. */
  private lost = false
  /** The file's bytes, kept when handle calls are slow (its first `length` bytes are the file). */
  private mirror: Uint8Array | null = null

  constructor(
    readonly name: string,
    private readonly handle: SyncAccessHandle,
    /** Counts the bytes written to drift.db for `CrashOptions` (null: not this file, or no hook). */
    private readonly crash: { left: number; crashed: boolean } | null,
    private readonly crashed: () => boolean,
    /** Whether the file is mirrored in memory (when each call is slow; see `open`). */
    mirrored: boolean,
  ) {
    this.length = handle.getSize()
    if (mirrored) {
      this.mirror = new Uint8Array(Math.max(this.length, 1 << 20))
      this.length = handle.read(this.mirror.subarray(0, this.length), { at: 0 })
    }
  }

  private live(): SyncAccessHandle {
    if (this.crashed()) throw fsError('EACCES', `${this.name}: the page stopped writing here (crashAfterBytes)`)
    return this.handle
  }

  read(buffer: Uint8Array, position: number): number {
    this.live()
    const end = Math.min(position + buffer.length, this.length)
    if (end <= position) return 0
    if (this.mirror) {
      buffer.set(this.mirror.subarray(position, end))
      return end - position
    }
    this.writePendingIn(position, end)
    return this.handle.read(buffer.subarray(0, end - position), { at: position })
  }

  /** Writes the held-back bytes first when they overlap `[start, end)`, so a read sees them. */
  private writePendingIn(start: number, end: number): void {
    if (this.pendingLength > 0 && this.pendingAt < end && this.pendingAt + this.pendingLength > start) this.writePending()
  }

  write(buffer: Uint8Array, position: number): number {
    this.live()
    if (this.crash && buffer.length > this.crash.left) {
      this.writePending()
      this.handle.write(buffer.subarray(0, this.crash.left), { at: position })
      this.handle.flush()
      this.crash.crashed = true
      throw fsError('EACCES', `${this.name}: the page stopped writing here (crashAfterBytes)`)
    }
    if (this.crash) this.crash.left -= buffer.length
    this.mirrorWrite(buffer, position)
    const follows = this.pendingLength > 0 && position === this.pendingAt + this.pendingLength
    if (!follows || this.pendingLength + buffer.length > PENDING_MAX) {
      if (!this.writePending()) return 0
    }
    if (buffer.length > PENDING_MAX) {
      if (!this.writeNow(buffer, position)) return 0
    } else {
      if (this.pendingLength === 0) this.pendingAt = position
      this.pending.set(buffer, this.pendingLength)
      this.pendingLength += buffer.length
    }
    this.length = Math.max(this.length, position + buffer.length)
    return buffer.length
  }

  /** Gives the held-back bytes to the handle; false when the origin is out of quota. */
  private writePending(): boolean {
    if (this.pendingLength === 0) return true
    const written = this.writeNow(this.pending.subarray(0, this.pendingLength), this.pendingAt)
    this.pendingLength = 0
    if (!written) this.lost = true
    return written
  }

  private writeNow(buffer: Uint8Array, position: number): boolean {
    try {
      this.handle.write(buffer, { at: position })
      return true
    } catch (error) {
      // Over the origin's quota: the write is reported short, which SQLite takes for a full disk.
      if (error instanceof DOMException && error.name === 'QuotaExceededError') {
        this.length = this.handle.getSize()
        return false
      }
      throw error
    }
  }

  /** Copies written bytes into the mirror, growing it by half again when they do not fit. */
  private mirrorWrite(buffer: Uint8Array, position: number): void {
    if (!this.mirror) return
    const end = position + buffer.length
    if (end > this.mirror.length) {
      const grown = new Uint8Array(Math.max(end, Math.floor(this.mirror.length * 1.5)))
      grown.set(this.mirror.subarray(0, this.length))
      this.mirror = grown
    }
    // A write past the end leaves a hole of zeros, as the file does.
    if (position > this.length) this.mirror.fill(0, this.length, position)
    this.mirror.set(buffer, position)
  }

  size(): number {
    this.live()
    return this.length
  }

  truncate(size: number): void {
    this.live()
    this.writePending()
    this.handle.truncate(size)
    if (this.mirror) {
      if (size > this.mirror.length) this.mirrorWrite(new Uint8Array(0), size)
      else if (size > this.length) this.mirror.fill(0, this.length, size)
    }
    this.length = size
  }

  /** Gives back the mirror's spare room (after a change: the file rarely grows between them). */
  trimMirror(): void {
    if (this.mirror && this.mirror.length > this.length + (1 << 20)) this.mirror = this.mirror.slice(0, this.length)
  }

  flush(): void {
    this.live()
    const lost = !this.writePending() || this.lost
    this.lost = false
    if (lost) throw fsError('EACCES', `${this.name}: the browser's storage quota is full`)
    this.handle.flush()
  }

  /** A `Stats` look-alike, as the WASI layer reads it (bigint fields when asked). */
  stat(bigint: boolean) {
    const size = this.size()
    const number = (value: number) => (bigint ? BigInt(value) : value)
    const now = Date.now()
    return {
      dev: number(0),
      ino: number(0),
      mode: number(0o100666),
      nlink: number(1),
      uid: number(0),
      gid: number(0),
      rdev: number(0),
      size: number(size),
      blksize: number(4096),
      blocks: number(Math.ceil(size / 512)),
      atimeMs: number(now),
      mtimeMs: number(now),
      ctimeMs: number(now),
      birthtimeMs: number(now),
      isFile: () => true,
      isDirectory: () => false,
      isBlockDevice: () => false,
      isCharacterDevice: () => false,
      isSymbolicLink: () => false,
      isFIFO: () => false,
      isSocket: () => false,
    }
  }
}

/** Node's `O_TRUNC`, as the WASI layer passes open flags. */
const O_TRUNC = 512
/** Descriptors of the served files start here, far from memfs's (which count down from 2^31 - 1). */
const FIRST_FD = 0x1000_0000

/**
 * Serves `files` (by path) to whoever uses `fs`, the engine's WASI layer included: the methods
 * of `fs` that take one of these paths or one of their descriptors go to the OPFS file, and
 * everything else goes to memfs as before. The WASI layer looks the methods up on `fs` at each
 * call, so replacing them on the object is enough.
 */
function serve(fs: MemFs, files: ReadonlyMap<string, SavedFile>): void {
  const memfs = {
    openSync: fs.openSync.bind(fs),
    closeSync: fs.closeSync.bind(fs),
    readSync: fs.readSync.bind(fs),
    writeSync: fs.writeSync.bind(fs),
    fstatSync: fs.fstatSync.bind(fs),
    statSync: fs.statSync.bind(fs),
    lstatSync: fs.lstatSync.bind(fs),
    ftruncateSync: fs.ftruncateSync.bind(fs),
    fsyncSync: fs.fsyncSync.bind(fs),
    fdatasyncSync: fs.fdatasyncSync.bind(fs),
    futimesSync: fs.futimesSync.bind(fs),
    existsSync: fs.existsSync.bind(fs),
    unlinkSync: fs.unlinkSync.bind(fs),
  }
  const open = new Map<number, SavedFile>()
  let nextFd = FIRST_FD
  const bigint = (options?: { bigint?: boolean }) => options?.bigint === true

  fs.openSync = (path, flags, mode) => {
    const file = files.get(path)
    if (!file) return memfs.openSync(path, flags, mode)
    // The files always exist (they are created at start), so `O_CREAT` and `O_EXCL` change nothing.
    if (typeof flags === 'number' ? (flags & O_TRUNC) !== 0 : flags.startsWith('w')) file.truncate(0)
    const fd = nextFd++
    open.set(fd, file)
    noteOpened(file)
    return fd
  }
  fs.closeSync = (fd) => {
    if (!open.delete(fd)) memfs.closeSync(fd)
  }
  fs.readSync = (fd, buffer, offset, length, position) => {
    const file = open.get(fd)
    if (!file) return memfs.readSync(fd, buffer, offset, length, position)
    fileCalls.copied += 1
    return file.read(buffer.subarray(offset, offset + length), position ?? 0)
  }
  fs.writeSync = (fd, buffer, offset, length, position) => {
    const file = open.get(fd)
    if (!file) return memfs.writeSync(fd, buffer, offset, length, position)
    fileCalls.copied += 1
    return file.write(buffer.subarray(offset, offset + length), position ?? 0)
  }
  fs.fstatSync = (fd, options) => open.get(fd)?.stat(bigint(options)) ?? memfs.fstatSync(fd, options)
  fs.statSync = (path, options) => files.get(path)?.stat(bigint(options)) ?? memfs.statSync(path, options)
  fs.lstatSync = (path, options) => files.get(path)?.stat(bigint(options)) ?? memfs.lstatSync(path, options)
  fs.ftruncateSync = (fd, length) => {
    const file = open.get(fd)
    if (file) file.truncate(length ?? 0)
    else memfs.ftruncateSync(fd, length)
  }
  fs.fsyncSync = (fd) => {
    const file = open.get(fd)
    if (file) file.flush()
    else memfs.fsyncSync(fd)
  }
  fs.fdatasyncSync = (fd) => {
    const file = open.get(fd)
    if (file) file.flush()
    else memfs.fdatasyncSync(fd)
  }
  fs.futimesSync = (fd, atime, mtime) => {
    if (!open.has(fd)) memfs.futimesSync(fd, atime, mtime)
  }
  fs.existsSync = (path) => files.has(path) || memfs.existsSync(path)
  // A served file is never removed, only emptied: an empty file is no journal, and no database.
  fs.unlinkSync = (path) => {
    const file = files.get(path)
    if (file) file.truncate(0)
    else memfs.unlinkSync(path)
  }
}

/** The saved database: drift.db and its journal in OPFS, which the engine uses in place. */
export class SavedDatabase {
  private changes = 0

  private constructor(private readonly files: ReadonlyMap<string, SavedFile>) {}

  /**
   * Opens the saved files if this tab can own them (moving an earlier layout's newest snapshot
   * into place and removing anything else) and serves them to `fs`, before the engine opens
   * them. Without OPFS or the lock, the database stays in memfs.
   */
  static async open(fs: MemFs, options: CrashOptions = {}): Promise<{ store: SavedDatabase | null; state: StorageState }> {
    fs.mkdirSync(DB_DIR, { recursive: true })
    if (!navigator.storage?.getDirectory) {
      return {
        store: null,
        state: { persistent: false, restored: null, message: '[STORAGE_ERROR] this browser has no origin private file system; results are kept in memory only' },
      }
    }
    if (!(await acquireLock())) {
      return {
        store: null,
        state: {
          persistent: false,
          restored: null,
          message:
            '[DB_BUSY] drift.db is open in another tab of this site. This tab works in memory and saves nothing; close the other tab and reload to use the saved results.',
        },
      }
    }
    const started = performance.now()
    const root = await navigator.storage.getDirectory()
    const dir = await root.getDirectoryHandle(OPFS_DIR, { create: true })
    await adoptOldSnapshot(dir)
    await removeAllBut(dir, [...OPFS_FILES.values()])
    const crash = options.crashAfterBytes === undefined ? null : { left: options.crashAfterBytes, crashed: false }
    const crashed = () => crash?.crashed === true
    const handles = new Map<string, SyncAccessHandle>()
    try {
      for (const [path, name] of OPFS_FILES) {
        const handle = (await dir.getFileHandle(name, { create: true })) as FileHandle
        handles.set(path, await handle.createSyncAccessHandle())
      }
    } catch (error) {
      // The browser refused the files (held elsewhere, storage unavailable): the saved database
      // is left as it is, and this tab works in memory.
      for (const handle of handles.values()) handle.close()
      const reason = error instanceof Error ? error.message : String(error)
      return {
        store: null,
        state: { persistent: false, restored: null, message: `[STORAGE_ERROR] the saved drift.db cannot be opened (${reason}); results are kept in memory only` },
      }
    }
    const mirrored = slowCalls(handles.get(DB_PATH))
    const files = new Map<string, SavedFile>()
    for (const [path, name] of OPFS_FILES) {
      const handle = handles.get(path) as SyncAccessHandle
      files.set(path, new SavedFile(name, handle, path === DB_PATH ? crash : null, crashed, mirrored))
    }
    serve(fs, files)
    const store = new SavedDatabase(files)
    const bytes = store.bytes()
    const restored = bytes > 0 ? { changes: 0, bytes, millis: performance.now() - started } : null
    return { store, state: { persistent: true, restored, message: null } }
  }

  /**
   * After a change: SQLite has synced what it committed; this flushes once more (nothing to do
   * when it has) and says how big the saved database is.
   */
  committed(): SavedInfo {
    const started = performance.now()
    for (const file of this.files.values()) {
      file.flush()
      file.trimMirror()
    }
    this.changes += 1
    return { changes: this.changes, bytes: this.bytes(), millis: performance.now() - started }
  }

  /** Empties drift.db and its journal ("Clear data"); call only while the engine is shut down. */
  clear(): void {
    for (const file of this.files.values()) {
      file.truncate(0)
      file.flush()
    }
  }

  /** Bytes the saved database takes in OPFS. */
  footprint(): number {
    let total = 0
    for (const file of this.files.values()) total += file.size()
    return total
  }

  private bytes(): number {
    return this.files.get(DB_PATH)?.size() ?? 0
  }
}

/** A call on a handle above this is slow (a private window's, about 200 us; 3 us otherwise). */
const SLOW_CALL_MS = 0.03

/** Whether calls on `handle` are slow: the median of a few `getSize` calls, timed. */
function slowCalls(handle: SyncAccessHandle | undefined): boolean {
  if (!handle) return false
  const times: number[] = []
  for (let i = 0; i < 9; i += 1) {
    const started = performance.now()
    handle.getSize()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[4] > SLOW_CALL_MS
}

/**
 * The earlier layout kept complete snapshots, `drift-<n>.db`: the newest one becomes drift.db
 * when there is no drift.db yet (the rest is removed by the caller).
 */
async function adoptOldSnapshot(dir: FileSystemDirectoryHandle): Promise<void> {
  let newest: { name: string; generation: number } | null = null
  let current = false
  for await (const name of dir.keys()) {
    if (name === OPFS_FILES.get(DB_PATH)) current = true
    const match = OLD_SNAPSHOT.exec(name)
    if (match && (!newest || Number(match[1]) > newest.generation)) newest = { name, generation: Number(match[1]) }
  }
  if (current || !newest) return
  const handle = (await dir.getFileHandle(newest.name)) as FileHandle
  await handle.move(OPFS_FILES.get(DB_PATH) ?? 'drift.db')
}

/** Deletes every entry of `dir` but those named in `keep`. */
export async function removeAllBut(dir: FileSystemDirectoryHandle, keep: readonly string[]) {
  const names: string[] = []
  for await (const name of dir.keys()) names.push(name)
  for (const name of names) {
    if (!keep.includes(name)) await dir.removeEntry(name).catch(() => {})
  }
}
