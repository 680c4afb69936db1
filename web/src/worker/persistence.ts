// drift.db in the browser: the engine's SQLite works on a file of the binding's in-memory file
// system (memfs, shared with the engine's threads), and every committed change is saved to the
// origin private file system (OPFS) as a snapshot file, written beside the previous one and
// renamed into place only once it is complete and flushed. Why this design is in README.md
// ("drift.db in the browser").
//
//   OPFS  drift/drift-<n>.db        the newest complete snapshot (n increases per save)
//         drift/drift-<n>.db.tmp    a save in progress; ignored and removed at the next start
//
// A page closed during a save leaves the previous snapshot in place, so a reload opens the old
// or the new state, never a mix. One tab at a time owns the snapshots (a Web Lock); another
// tab works in memory only and says so.

/** Where the engine's database lives in its in-memory file system. */
export const DB_DIR = '/drift'
export const DB_PATH = `${DB_DIR}/drift.db`

const OPFS_DIR = 'drift'
const LOCK_NAME = 'drift-db'
const SNAPSHOT = /^drift-(\d+)\.db$/
const CHUNK = 1 << 20

/** The part of the binding's memfs (a Node `fs` look-alike) used here. */
export interface MemFs {
  mkdirSync(path: string, options: { recursive: boolean }): unknown
  openSync(path: string, flags: string): number
  closeSync(fd: number): void
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number
  fstatSync(fd: number): { size: number }
  existsSync(path: string): boolean
  unlinkSync(path: string): void
}

/** `FileSystemSyncAccessHandle` (worker-only, so absent from the DOM typings). */
export interface SyncAccessHandle {
  write(buffer: Uint8Array, options: { at: number }): number
  truncate(size: number): void
  flush(): void
  close(): void
}

export interface FileHandle extends FileSystemFileHandle {
  createSyncAccessHandle(): Promise<SyncAccessHandle>
  move(name: string): Promise<void>
}

/** A saved snapshot. */
export interface SnapshotInfo {
  /** Its number: one more than the snapshot it replaced. */
  generation: number
  bytes: number
  /** Time to write, flush and rename it (or to read it back at start). */
  millis: number
}

/** Whether this tab owns the saved database, and what it found there. */
export interface StorageState {
  persistent: boolean
  /** The snapshot loaded at start, if there was one. */
  restored: SnapshotInfo | null
  /** Why the database is not persistent, as a coded message. */
  message: string | null
}

/** Options of a save; `abortAfterBytes` stops a save part way, as a closed page would (tests). */
export interface SaveOptions {
  abortAfterBytes?: number
}

/** Takes the tab-wide lock on the saved database; resolves `false` when another tab holds it. */
function acquireLock(): Promise<boolean> {
  if (!navigator.locks) return Promise.resolve(true)
  return new Promise((resolve) => {
    void navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(false)
        return undefined
      }
      resolve(true)
      // Held until this worker ends (the tab closes or reloads).
      return new Promise<never>(() => {})
    })
  })
}

export class SnapshotStore {
  private constructor(
    private readonly dir: FileSystemDirectoryHandle,
    private generation: number,
  ) {}

  /**
   * Opens the snapshot folder if this tab can own it, removes saves that never finished, and
   * copies the newest snapshot into `fs` at `DB_PATH` (before the engine opens it).
   */
  static async open(fs: MemFs): Promise<{ store: SnapshotStore | null; state: StorageState }> {
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
    const root = await navigator.storage.getDirectory()
    const dir = await root.getDirectoryHandle(OPFS_DIR, { create: true })
    const snapshots = await listSnapshots(dir)
    const newest = snapshots.at(-1) ?? null
    const store = new SnapshotStore(dir, newest?.generation ?? 0)
    let restored: SnapshotInfo | null = null
    if (newest) {
      const started = performance.now()
      const file = await (await dir.getFileHandle(newest.name)).getFile()
      await copyIntoMemFs(fs, file)
      restored = { generation: newest.generation, bytes: file.size, millis: performance.now() - started }
    }
    await store.removeAllBut(newest?.name ?? null)
    return { store, state: { persistent: true, restored, message: null } }
  }

  /**
   * Writes the database file of `fs` as the next snapshot: to a `.tmp` file, flushed, then
   * renamed into place; older snapshots are removed afterwards. Call only while no
   * transaction is running.
   */
  async save(fs: MemFs, options: SaveOptions = {}): Promise<SnapshotInfo> {
    const started = performance.now()
    const next = this.generation + 1
    const name = `drift-${next}.db`
    const handle = (await this.dir.getFileHandle(`${name}.tmp`, { create: true })) as FileHandle
    const access = await handle.createSyncAccessHandle()
    let bytes = 0
    const fd = fs.openSync(DB_PATH, 'r')
    try {
      access.truncate(0)
      const size = fs.fstatSync(fd).size
      const chunk = new Uint8Array(Math.min(CHUNK, Math.max(size, 1)))
      while (bytes < size) {
        const read = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - bytes), bytes)
        if (read <= 0) break
        if (options.abortAfterBytes !== undefined && bytes + read > options.abortAfterBytes) {
          access.write(chunk.subarray(0, options.abortAfterBytes - bytes), { at: bytes })
          access.flush()
          throw new Error(`[STORAGE_ERROR] the save was stopped after ${options.abortAfterBytes} bytes (abortAfterBytes)`)
        }
        access.write(chunk.subarray(0, read), { at: bytes })
        bytes += read
      }
      access.flush()
    } finally {
      access.close()
      fs.closeSync(fd)
    }
    await handle.move(name)
    this.generation = next
    await this.removeAllBut(name)
    return { generation: next, bytes, millis: performance.now() - started }
  }

  /** Deletes every saved snapshot ("Clear data"). */
  async clear(): Promise<void> {
    await this.removeAllBut(null)
  }

  /** Bytes the saved database takes in OPFS. */
  async footprint(): Promise<number> {
    let total = 0
    for await (const handle of this.dir.values()) {
      if (handle.kind === 'file') total += (await (handle as FileSystemFileHandle).getFile()).size
    }
    return total
  }

  private removeAllBut(keep: string | null) {
    return removeAllBut(this.dir, keep)
  }
}

/** Deletes every entry of `dir` but `keep`. */
export async function removeAllBut(dir: FileSystemDirectoryHandle, keep: string | null) {
  const names: string[] = []
  for await (const name of dir.keys()) names.push(name)
  for (const name of names) {
    if (name !== keep) await dir.removeEntry(name).catch(() => {})
  }
}

async function listSnapshots(dir: FileSystemDirectoryHandle) {
  const snapshots: { name: string; generation: number }[] = []
  for await (const name of dir.keys()) {
    const match = SNAPSHOT.exec(name)
    if (match) snapshots.push({ name, generation: Number(match[1]) })
  }
  return snapshots.sort((a, b) => a.generation - b.generation)
}

/** Streams `file` into `DB_PATH`, a chunk at a time (never two whole copies in memory). */
async function copyIntoMemFs(fs: MemFs, file: Blob) {
  if (fs.existsSync(DB_PATH)) fs.unlinkSync(DB_PATH)
  const fd = fs.openSync(DB_PATH, 'w')
  try {
    const reader = file.stream().getReader()
    let position = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      fs.writeSync(fd, value, 0, value.length, position)
      position += value.length
    }
  } finally {
    fs.closeSync(fd)
  }
}

/** The part of a memfs file node `trimToSize` uses (memfs internals, checked before use). */
interface MemFsNode {
  buf: Uint8Array
  size: number
  capacity: number
  setBuffer(buffer: Uint8Array): void
}

/**
 * Cuts the buffer that holds `path` in the in-memory file system down to the file's size. memfs
 * doubles a file's buffer as it grows, so a 133 MiB drift.db can sit in 256 MiB of memory;
 * after a save the spare half is given back. It reaches into memfs's internals, and does
 * nothing when they are not the ones it knows.
 */
export function trimToSize(volume: unknown, path: string): void {
  try {
    const core = (volume as { _core?: { getResolvedLinkOrThrow?: (path: string) => { getNode(): unknown } } })._core
    const node = core?.getResolvedLinkOrThrow?.(path).getNode() as Partial<MemFsNode> | undefined
    if (!node?.buf || typeof node.setBuffer !== 'function' || typeof node.size !== 'number') return
    if ((node.capacity ?? 0) > node.size) node.setBuffer(node.buf.subarray(0, node.size))
  } catch {
    // Not the memfs this was written for, or no such file: the memory stays as it was.
  }
}
