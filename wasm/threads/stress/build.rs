//! Compiles the C half of the stress test with the wasm toolchain's clang (see wasm/toolchain).
fn main() {
    println!("cargo:rerun-if-changed=../tests/stress.c");
    // The thread host (emnapi's wasi-threads) calls malloc/free through exports.
    println!("cargo:rustc-link-arg=--export=malloc");
    println!("cargo:rustc-link-arg=--export=free");
    cc::Build::new().file("../tests/stress.c").define("main", "c_stress_main").opt_level(2).compile("cstress");
}
