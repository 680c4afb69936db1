//! Compiles the generated Kotlin parser and its (patched) scanner.

fn main() {
    let mut build = cc::Build::new();
    build
        .include("src")
        .flag_if_supported("-std=c11")
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-unused-but-set-variable")
        .warnings(false);
    for file in ["src/parser.c", "src/scanner.c"] {
        println!("cargo:rerun-if-changed={file}");
        build.file(file);
    }
    build.compile("drift-grammar-kotlin");
}
