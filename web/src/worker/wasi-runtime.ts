// The napi runtime as the engine's loader (crates/drift-napi/drift.wasi-browser.js) gets it in
// the page: everything of `@napi-rs/wasm-runtime`, with a WASI whose positional reads and writes
// of the saved database (fd_pread, fd_pwrite) go straight between the file and the wasm memory.
// vite.config.ts hands this module to that loader instead of the runtime itself.
//
// Why: SQLite reads drift.db one 4 KiB page per call. The runtime's WASI allocates a
// SharedArrayBuffer for every call, has the file system fill it, then copies it into the wasm
// memory. Here a call looks the descriptor up and gives the file a view of the wasm memory: the
// call graph's read of the 10K corpus's stored facts (about 5,000 page reads) went from 69-100 ms
// to 51-72 ms (BENCHMARKS.md). Every other call, and every other file, goes through the runtime
// as before.
import { WASI as RuntimeWASI, type FinalizeBindingsOptions, type SyncWASIOptions } from '@tybys/wasm-util'

import { fileCalls, takeOpened, type DirectFile } from './direct-files'

export * from '@napi-rs/wasm-runtime'

/**
 * WASI errno values (wasi_snapshot_preview1) for the errors a served file throws: EACCES once
 * the page stopped writing (persistence.ts); anything else is reported to SQLite as EIO.
 */
const EACCES = 2
const EIO = 29

/** WASI rights asked for at open: reading and writing the descriptor. */
const RIGHT_FD_READ = 1n << 1n
const RIGHT_FD_WRITE = 1n << 6n

interface Opened {
  file: DirectFile
  readable: boolean
  writable: boolean
}

type Import = (...args: never[]) => number

function errnoOf(error: unknown): number {
  return (error as { code?: unknown } | null)?.code === 'EACCES' ? EACCES : EIO
}

export class WASI extends RuntimeWASI {
  private memory: WebAssembly.Memory | null = null
  /** The served files' descriptors, as the engine knows them. */
  private readonly direct = new Map<number, Opened>()

  constructor(options?: SyncWASIOptions) {
    super(options)
    const imports = this.wasiImport as Record<string, Import>
    const pathOpen = imports.path_open as (...args: unknown[]) => number
    imports.path_open = (...args: unknown[]) => {
      takeOpened()
      const errno = pathOpen(...args)
      const file = takeOpened()
      if (errno === 0 && file && this.memory) {
        const fd = new DataView(this.memory.buffer).getUint32(Number(args[8]), true)
        const rights = BigInt(args[5] as bigint | number)
        this.direct.set(fd, { file, readable: (rights & RIGHT_FD_READ) !== 0n, writable: (rights & RIGHT_FD_WRITE) !== 0n })
      }
      return errno
    }
    const fdClose = imports.fd_close as (fd: number) => number
    imports.fd_close = (fd: number) => {
      this.direct.delete(fd)
      return fdClose(fd)
    }
    const fdRenumber = imports.fd_renumber as (from: number, to: number) => number
    imports.fd_renumber = (from: number, to: number) => {
      const errno = fdRenumber(from, to)
      if (errno === 0) {
        const moved = this.direct.get(from)
        this.direct.delete(from)
        if (moved) this.direct.set(to, moved)
        else this.direct.delete(to)
      }
      return errno
    }
    imports.fd_pread = this.positional(imports.fd_pread as PositionalCall, 'readable', (file, buffer, at) => file.read(buffer, at))
    imports.fd_pwrite = this.positional(imports.fd_pwrite as PositionalCall, 'writable', (file, buffer, at) => file.write(buffer, at))
  }

  /**
   * `fd_pread` or `fd_pwrite` (fd, iovecs, iovec count, offset, where the byte count goes) on a
   * served file, with each iovec as a view of the wasm memory; any other descriptor, or one opened
   * without the right, goes to the runtime's `call`.
   */
  private positional(
    call: PositionalCall,
    right: 'readable' | 'writable',
    move: (file: DirectFile, buffer: Uint8Array, at: number) => number,
  ): PositionalCall {
    return (fd, iovs, count, offset, done) => {
      const opened = this.direct.get(fd)
      if (!opened || !opened[right] || !this.memory) return call(fd, iovs, count, offset, done)
      fileCalls.direct += 1
      const memory = this.memory.buffer
      const view = new DataView(memory)
      let at = Number(offset)
      let total = 0
      try {
        for (let i = 0; i < count; i += 1) {
          const base = view.getUint32(iovs + i * 8, true)
          const length = view.getUint32(iovs + i * 8 + 4, true)
          const moved = move(opened.file, new Uint8Array(memory, base, length), at)
          total += moved
          at += moved
          if (moved < length) break
        }
      } catch (error) {
        return errnoOf(error)
      }
      view.setUint32(done, total, true)
      return 0
    }
  }

  override finalizeBindings(instance: WebAssembly.Instance, options?: FinalizeBindingsOptions): void {
    super.finalizeBindings(instance, options)
    this.memory = options?.memory ?? (instance.exports.memory as WebAssembly.Memory)
  }
}

type PositionalCall = (fd: number, iovs: number, count: number, offset: bigint, done: number) => number
