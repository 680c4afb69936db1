// The page side of the engine worker: starts it and wraps it in its typed comlink API.
import * as Comlink from 'comlink'

import type { EngineApi } from '../shared/types'

export interface Engine {
  api: Comlink.Remote<EngineApi>
  /** Rejects when the worker itself fails (a script that did not load, an uncaught error). */
  failed: Promise<never>
  terminate(): void
}

export function startEngine(): Engine {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'drift-engine',
  })
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      reject(new Error(`the engine worker failed: ${event.message || 'its script did not load'}`))
    })
  })
  // Observed by the UI through `Promise.race`; never an unhandled rejection on its own.
  failed.catch(() => {})
  const api = Comlink.wrap<EngineApi>(worker)
  return {
    api,
    failed,
    terminate() {
      api[Comlink.releaseProxy]()
      worker.terminate()
    },
  }
}
