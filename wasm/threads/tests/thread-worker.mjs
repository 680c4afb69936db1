// A thread of host.mjs: instantiates the module over the shared memory and runs
// `wasi_thread_start` when told to.
import { writeSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { parentPort } from 'node:worker_threads';
import { ThreadMessageHandler, WASIThreads } from '@emnapi/wasi-threads';

const handler = new ThreadMessageHandler({
  onLoad({ wasmModule, wasmMemory }) {
    const wasi = new WASI({ version: 'preview1', env: process.env });
    const threads = new WASIThreads({ wasi, childThread: true, postMessage: (m) => parentPort.postMessage(m) });
    const instance = new WebAssembly.Instance(wasmModule, {
      env: { memory: wasmMemory },
      wasi_snapshot_preview1: wasi.wasiImport,
      ...threads.getImportObject(),
    });
    return { module: wasmModule, instance: threads.initialize(instance, wasmModule, wasmMemory) };
  },
  postMessage: (m) => parentPort.postMessage(m),
});
parentPort.on('message', (data) => {
  try {
    handler.handle({ data });
  } catch (error) {
    // Written synchronously: the main thread may be blocked waiting for this thread, and a
    // worker's process.stderr is relayed through the main thread's event loop.
    writeSync(2, `thread worker failed: ${error?.stack ?? error}\n`);
    process.exit(70);
  }
});
