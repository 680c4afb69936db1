//! Platform link settings for the addon (and `cfg(napi_wasi_threads)` on the wasm target).

/// The wasm build's main stack: the stack of the thread that instantiates the module (the
/// page's engine worker, Node's main thread). napi-build reserves 61 MiB, a part of linear
/// memory that every page holds whether used or not; parsing and the pool's work run on
/// threads with stacks of their own, and this thread's deepest work (one file parsed for the
/// editor, the database) needs far less. 16 MiB is twice a native main thread's default.
const WASM_MAIN_STACK: u32 = 16 * 1024 * 1024;

fn main() {
    napi_build::setup();
    if std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|family| family == "wasm") {
        // wasm-ld takes the last `-z stack-size`.
        println!("cargo:rustc-link-arg=-zstack-size={WASM_MAIN_STACK}");
    }
}
