// `@napi-rs/wasm-runtime` ships no declarations. wasi-runtime.ts passes all of it through to the
// engine's loader and takes its WASI from `@tybys/wasm-util`, as the runtime itself does.
declare module '@napi-rs/wasm-runtime' {
  export * from '@tybys/wasm-util'
}
