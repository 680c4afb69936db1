// A thread of the stress module (the browser twin of wasm/threads/tests/thread-worker.mjs):
// instantiates the module over the shared memory on `load` and runs `wasi_thread_start` on
// `start`, both sent by emnapi's wasi-threads. In `proxied` mode one such worker runs the
// module's main thread instead (`main` message from stress-worker.js).
import { ThreadMessageHandler, WASIThreads } from './vendor/wasi-threads.js'
import { WASI } from './vendor/wasm-util.js'

const handler = new ThreadMessageHandler({
  onLoad({ wasmModule, wasmMemory }) {
    // What a thread prints reaches the test as console messages of this worker.
    const wasi = new WASI({ version: 'preview1', print: (text) => console.log(text), printErr: (text) => console.error(text) })
    const threads = new WASIThreads({ wasi, childThread: true })
    const instance = new WebAssembly.Instance(wasmModule, {
      env: { memory: wasmMemory },
      wasi_snapshot_preview1: wasi.wasiImport,
      ...threads.getImportObject(),
    })
    return { module: wasmModule, instance: threads.initialize(instance, wasmModule, wasmMemory) }
  },
})

/** Runs `_start` here; threads it creates are spawned by the coordinator ('spawn-thread'). */
function runMain({ module, memory, args }) {
  const wasi = new WASI({
    version: 'preview1',
    args: ['drift-wasm-threads-stress', ...args],
    env: {},
    returnOnExit: true,
    print: (text) => postMessage({ type: 'stdout', text }),
    printErr: (text) => postMessage({ type: 'stderr', text }),
  })
  const threads = new WASIThreads({ wasi, childThread: true })
  const instance = new WebAssembly.Instance(module, {
    env: { memory },
    wasi_snapshot_preview1: wasi.wasiImport,
    ...threads.getImportObject(),
  })
  threads.setup(instance, module, memory)
  try {
    postMessage({ type: 'exit', code: wasi.start(instance) })
  } catch (error) {
    postMessage({ type: 'error', message: String(error?.stack ?? error) })
  }
}

onmessage = (event) => {
  if (event.data?.type === 'main') runMain(event.data)
  else handler.handle(event)
}
