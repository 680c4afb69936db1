// The coordinator of one stress run, in a dedicated worker: compiles the module, creates the
// shared memory and the thread-worker pool (emnapi's wasi-threads), then runs `_start` in one of
// two ways (`mode`):
//
// - `blocking`: `_start` runs right here, so this worker blocks in wasm (joins, condvar waits)
//   the way a napi binding's synchronous call blocks its worker. A blocked worker cannot start
//   new workers, and cannot take a finished thread's worker back into the pool either (both
//   happen on its event loop), so every thread of the run needs a preloaded worker of its own:
//   the pool is strict, `waitThreadStart` is off, and running out fails `pthread_create` with
//   EAGAIN, which the module reports, instead of hanging on a worker that never starts.
// - `proxied`: `_start` runs in a worker of its own (thread-worker.js, `main` message) and this
//   worker stays free to hand out threads: finished threads' workers go back to the pool and
//   new threads reuse them, as they do under a napi binding's async calls.
import { WASIThreads } from './vendor/wasi-threads.js'
import { WASI } from './vendor/wasm-util.js'

const post = (type, fields) => postMessage({ type, ...fields })

onmessage = async ({ data: { args, pool, mode } }) => {
  try {
    const module = await WebAssembly.compileStreaming(fetch('./stress.wasm'))
    // The limits host.mjs uses for the same module.
    const memory = new WebAssembly.Memory({ initial: 256, maximum: 16384, shared: true })
    const wasi = new WASI({
      version: 'preview1',
      args: ['drift-wasm-threads-stress', ...args],
      env: {},
      returnOnExit: true,
      print: (text) => post('stdout', { text }),
      printErr: (text) => post('stderr', { text }),
    })
    let workersCreated = 0
    const threads = new WASIThreads({
      wasi,
      reuseWorker: { size: pool, strict: mode === 'blocking' },
      waitThreadStart: false,
      onCreateWorker: () => {
        workersCreated += 1
        return new Worker(new URL('./thread-worker.js', import.meta.url), { type: 'module', name: 'stress-thread' })
      },
      printErr: (text) => post('stderr', { text }),
    })
    const instance = await WebAssembly.instantiate(module, {
      env: { memory },
      wasi_snapshot_preview1: wasi.wasiImport,
      ...threads.getImportObject(),
    })
    threads.setup(instance, module, memory)
    await threads.preloadWorkers()
    post('running', {})
    const started = performance.now()
    const done = (code) => post('exit', { code, millis: Math.round(performance.now() - started), workersCreated })

    if (mode === 'blocking') {
      done(wasi.start(instance))
      return
    }
    const main = new Worker(new URL('./thread-worker.js', import.meta.url), { type: 'module', name: 'stress-main' })
    main.onmessage = ({ data }) => {
      const emnapi = data?.__emnapi__
      if (emnapi?.type === 'spawn-thread') {
        threads.threadSpawn(emnapi.payload.startArg, emnapi.payload.errorOrTid)
      } else if (emnapi) {
        // 'terminate-all-threads' from the main thread's exit(): the 'exit' message follows.
      } else if (data.type === 'exit') {
        done(data.code)
      } else {
        postMessage(data)
      }
    }
    main.onerror = (event) => post('error', { message: `the main-thread worker failed: ${event.message}` })
    main.postMessage({ type: 'main', module, memory, args })
  } catch (error) {
    post('error', { message: String(error?.stack ?? error) })
  }
}
