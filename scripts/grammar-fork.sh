# What the regenerate.sh scripts of Drift's grammar forks (crates/drift-grammar-*) share.
# Sourced, not run.

# Prints the path of `tree-sitter` (tree-sitter-cli from crates.io), installing it once into the
# cache.
tree_sitter_cli() {
  local cache="${DRIFT_CACHE:-$HOME/.cache/drift}"
  local version=0.26.8
  local tool="$cache/tools/tree-sitter-cli-$version/bin/tree-sitter"
  if [ ! -x "$tool" ]; then
    cargo install tree-sitter-cli --version "$version" --locked --root "$cache/tools/tree-sitter-cli-$version" >&2
  fi
  echo "$tool"
}

# Prints the directory of the crate PACKAGE as resolved for the crate at MANIFEST_DIR (upstream's
# grammar, a dev-dependency of the fork).
upstream_crate_dir() {
  local manifest_dir="$1" package="$2"
  cargo metadata --format-version 1 --manifest-path "$manifest_dir/Cargo.toml" |
    PACKAGE="$package" node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);const p=m.packages.find(p=>p.name===process.env.PACKAGE);console.log(require("path").dirname(p.manifest_path))})'
}
