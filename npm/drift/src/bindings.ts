// The binding: `@drift/napi`'s generated loader picks the native addon for this platform, or
// the wasm32-wasi build where there is none (or when NAPI_RS_FORCE_WASI is set). Its generated
// declarations are the single source of the binding's types.
import { createRequire } from 'node:module'

import { DriftError } from './errors.js'

/** Every function the binding exports, as the generated `index.d.ts` declares them. */
export type NativeBindings = typeof import('@drift/napi')

let loaded: NativeBindings | undefined

/** Loads the binding once. Fails with `INIT_ERROR` when neither build can be loaded. */
export function loadBindings(): NativeBindings {
  if (loaded) return loaded
  const require = createRequire(import.meta.url)
  try {
    loaded = require('@drift/napi') as NativeBindings
  } catch (error) {
    throw new DriftError(
      'INIT_ERROR',
      `the Drift binding could not be loaded (${error instanceof Error ? error.message : String(error)}); reinstall the package so npm can add this platform's binary or the wasm fallback`,
      { cause: error },
    )
  }
  return loaded
}

/** `native` or `wasm32-wasi`: which build the loader chose. */
export function bindingTarget(bindings: NativeBindings): string {
  return (bindings as { __napiBindingTarget?: string }).__napiBindingTarget ?? 'native'
}
