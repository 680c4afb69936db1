// The text of the last uploaded folder, kept in this browser beside drift.db so that a reload
// shows files in the editor, not only their symbols. One uncompressed zip per scan, named by
// the scan generation it belongs to, written as drift.db's snapshots are (a `.tmp` file,
// flushed, then renamed); it is only read back when the stored generation is the same, so it
// can never show text that does not match what drift.db holds.
//
//   OPFS  drift-sources/sources-<generation>.zip
import { unzip, zipSync, type Zippable } from 'fflate'

import { removeAllBut, type FileHandle } from './persistence'

const DIR = 'drift-sources'
const NAME = /^sources-(\d+)\.zip$/

export class SourceStore {
  private constructor(private readonly dir: FileSystemDirectoryHandle) {}

  /** The store of this origin (only for the tab that owns drift.db). */
  static async open(): Promise<SourceStore> {
    const root = await navigator.storage.getDirectory()
    return new SourceStore(await root.getDirectoryHandle(DIR, { create: true }))
  }

  /** Keeps `files` (text by path) as the text of scan `generation`, replacing what was kept. */
  async save(generation: number, files: Map<string, Uint8Array>): Promise<void> {
    const entries: Zippable = {}
    // Stored, not deflated: the point is a fast save and a fast read, not a small file.
    for (const [path, data] of files) entries[path] = [data, { level: 0 }]
    const archive = zipSync(entries)
    const name = `sources-${generation}.zip`
    const handle = (await this.dir.getFileHandle(`${name}.tmp`, { create: true })) as FileHandle
    const access = await handle.createSyncAccessHandle()
    try {
      access.truncate(0)
      access.write(archive, { at: 0 })
      access.flush()
    } finally {
      access.close()
    }
    await handle.move(name)
    await this.removeAllBut(name)
  }

  /** The text kept for scan `generation`, by path, or null when there is none for it. */
  async load(generation: number): Promise<Map<string, Uint8Array> | null> {
    const name = `sources-${generation}.zip`
    let file: File
    try {
      file = await (await this.dir.getFileHandle(name)).getFile()
    } catch {
      return null
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    const entries = await new Promise<Record<string, Uint8Array>>((resolve, reject) =>
      unzip(bytes, (error, result) => (error ? reject(error) : resolve(result))),
    )
    return new Map(Object.entries(entries))
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

  private removeAllBut(keep: string | null) {
    return removeAllBut(this.dir, keep)
  }
}
