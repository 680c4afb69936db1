// The saved database's files, as the engine's WASI layer reads and writes them straight from and
// into the wasm memory (wasi-runtime.ts). The file system that serves them (persistence.ts) notes
// each one it opens here; the WASI open that caused it takes the note and ties the file to the
// descriptor it gives the engine. This module imports nothing, so the worker can load it before
// the engine's runtime.

/** A file read and written at a position, the buffers being views of the wasm memory. */
export interface DirectFile {
  /** Bytes read into `target` from `position` (fewer at the end of the file). */
  read(target: Uint8Array, position: number): number
  /** Bytes written from `source` at `position` (fewer when the storage is full). */
  write(source: Uint8Array, position: number): number
}

/**
 * Reads and writes of the served files since the page opened: `direct` straight between the file
 * and the wasm memory, `copied` through the runtime's own buffer (a descriptor the WASI layer did
 * not get from its own open, or a wasm thread's call, which the runtime forwards to this worker).
 */
export interface FileCalls {
  direct: number
  copied: number
}

export const fileCalls: FileCalls = { direct: 0, copied: 0 }

let opened: DirectFile | null = null

/** Called by the file system when it opens one of the files it serves. */
export function noteOpened(file: DirectFile): void {
  opened = file
}

/** The file noted since the last call, if any. */
export function takeOpened(): DirectFile | null {
  const file = opened
  opened = null
  return file
}
