# Sourced by the build scripts: runs setup.sh (idempotent, cached) and exports what a
# wasm32-wasip1-threads cargo build needs. See wasm/README.md.
_drift_wasm_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DRIFT_WASM_TOOLCHAIN="$(bash "$_drift_wasm_here/setup.sh")" || return 1
export DRIFT_WASM_TOOLCHAIN
export DRIFT_CACHE="${DRIFT_CACHE:-$HOME/.cache/drift}"
# Debian's rustc/cargo (rustc-web), the std sources beside them, and the sysroot overlay.
export RUSTC="$DRIFT_WASM_TOOLCHAIN/bin/rustc"
export DRIFT_WASM_CARGO=/usr/bin/cargo
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_WASIP1_THREADS_LINKER=wasm-ld-22
export CARGO_TARGET_WASM32_WASIP1_THREADS_RUSTFLAGS="-C target-feature=+atomics,+bulk-memory,+mutable-globals -L native=$DRIFT_WASM_TOOLCHAIN/wasi-sysroot/lib/wasm32-wasi"
# C code (tree-sitter, SQLite, tests) through the cc crate; the last --target wins.
export CC_wasm32_wasip1_threads=clang-22
export AR_wasm32_wasip1_threads=llvm-ar-22
export CFLAGS_wasm32_wasip1_threads="--target=wasm32-wasip1-threads --sysroot=$DRIFT_WASM_TOOLCHAIN/wasi-sysroot -pthread"
export WASI_SYSROOT="$DRIFT_WASM_TOOLCHAIN/wasi-sysroot"
unset WASI_SDK_PATH
# Debian's cargo matches Debian's rustc and std sources; put it (and the rustc wrapper)
# first on PATH for the napi CLI, which runs `cargo` from PATH.
ln -sfn /usr/bin/cargo "$DRIFT_WASM_TOOLCHAIN/bin/cargo"
case ":$PATH:" in *":$DRIFT_WASM_TOOLCHAIN/bin:"*) ;; *) export PATH="$DRIFT_WASM_TOOLCHAIN/bin:$PATH" ;; esac
# SQLite reads and writes a page with one call (pread/pwrite, WASI fd_pread/fd_pwrite) rather
# than two (a seek, then read/write): its unix layer only assumes them on Linux and macOS. In the
# page each WASI call goes through JavaScript.
export LIBSQLITE3_FLAGS="-DHAVE_PREAD=1 -DHAVE_PWRITE=1"
