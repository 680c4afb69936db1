export * from '@drift/napi-wasm32-wasi'
