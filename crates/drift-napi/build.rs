//! Platform link settings for the addon (and `cfg(napi_wasi_threads)` on the wasm target).

fn main() {
    napi_build::setup();
}
