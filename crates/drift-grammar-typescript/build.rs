//! Compiles the generated TypeScript and TSX parsers and their (upstream) scanners.

fn main() {
    let mut build = cc::Build::new();
    build
        .include("typescript/src")
        .flag_if_supported("-std=c11")
        .flag_if_supported("-Wno-unused-parameter")
        .flag_if_supported("-Wno-unused-but-set-variable")
        .warnings(false);
    for dialect in ["typescript", "tsx"] {
        for file in ["parser.c", "scanner.c"] {
            let path = format!("{dialect}/src/{file}");
            println!("cargo:rerun-if-changed={path}");
            build.file(path);
        }
    }
    println!("cargo:rerun-if-changed=common/scanner.h");
    build.compile("drift-grammar-typescript");
}
