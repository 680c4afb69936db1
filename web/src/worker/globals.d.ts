// lib.dom has no `WorkerGlobalScope`, and lib.webworker cannot join lib.dom in one program
// (both declare `self`), so the one worker-only global the engine worker checks is declared here.
// It is `undefined` on the page thread, which is the point of checking it.
declare var WorkerGlobalScope: (abstract new () => object) | undefined

// Worker-only too: reads a Blob synchronously (the engine's file reader cannot await).
declare class FileReaderSync {
  readAsArrayBuffer(blob: Blob): ArrayBuffer
}
