// The binding: `@drift/napi`'s generated loader picks the native addon for this platform, or
// the wasm32-wasi build where there is none (or when NAPI_RS_FORCE_WASI is set). Its generated
// declarations are the single source of the binding's types.
import { createRequire } from 'node:module'

import { DriftError } from './errors.js'

/** Every function the binding exports, as the generated `index.d.ts` declares them. */
export type NativeBindings = typeof import('@drift/napi')

let loaded: NativeBindings | undefined

/**
 * Node prints an `ExperimentalWarning` each time a WASI instance is made: once on this thread
 * and once per thread of the wasm build's pool. It says nothing a Drift user can act on, so it
 * is dropped here: on this thread by a filter on `process.emitWarning` that lets every other
 * warning through, and on the pool's threads (which run only the wasm build's code and take
 * their flags from `process.execArgv` when they start) by `--disable-warning`. Node versions
 * without that flag refuse it, and the loader then starts the threads without it.
 */
function quietWasiWarnings(): void {
  const emit = process.emitWarning.bind(process)
  const isWasi = (warning: string | Error, rest: unknown[]) => {
    const message = typeof warning === 'string' ? warning : warning.message
    const type = typeof warning === 'string' ? (typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type) : warning.name
    return type === 'ExperimentalWarning' && message.startsWith('WASI ')
  }
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!isWasi(warning, rest)) (emit as (...args: unknown[]) => void)(warning, ...rest)
  }) as typeof process.emitWarning
  const flag = '--disable-warning=ExperimentalWarning'
  if (!process.execArgv.includes(flag)) process.execArgv.push(flag)
}

/** Loads the binding once. Fails with `INIT_ERROR` when neither build can be loaded. */
export function loadBindings(): NativeBindings {
  if (loaded) return loaded
  quietWasiWarnings()
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
