// Runs a wasm32-wasip1-threads command module in Node with emnapi's wasi-threads as the
// thread host (the same host the napi build uses). Usage: node host.mjs <module.wasm> [args...]
// Exit code is the module's. Thread workers run thread-worker.mjs.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { Worker } from 'node:worker_threads';
import { WASIThreads } from '@emnapi/wasi-threads';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: process.env, returnOnExit: true });
const threads = new WASIThreads({
  wasi,
  // Node can start workers while the main thread blocks, so no pool is needed; a fresh
  // worker per thread exercises thread start/exit the hardest.
  reuseWorker: process.env.DRIFT_THREAD_POOL ? { size: Number(process.env.DRIFT_THREAD_POOL), strict: false } : false,
  waitThreadStart: 5000,
  onCreateWorker: () => new Worker(new URL('./thread-worker.mjs', import.meta.url), { argv: [file] }),
});
const memory = new WebAssembly.Memory({ initial: 256, maximum: 16384, shared: true });
const module = new WebAssembly.Module(readFileSync(file));
const instance = new WebAssembly.Instance(module, {
  env: { memory },
  wasi_snapshot_preview1: wasi.wasiImport,
  ...threads.getImportObject(),
});
threads.setup(instance, module, memory);
if (process.env.DRIFT_THREAD_POOL) await threads.preloadWorkers();
const code = wasi.start(instance);
threads.terminateAllThreads();
process.exit(code);
