#!/usr/bin/env bash
# Regenerates Drift's Kotlin parser: the upstream grammar.json and scanner of
# tree-sitter-kotlin-ng (the crate from crates.io, a dev-dependency of this one), patched by
# grammar/patch.mjs, then `tree-sitter generate` (tree-sitter-cli from crates.io, installed once
# into the cache). The generated sources are committed; builds never run this.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${DRIFT_CACHE:-$HOME/.cache/drift}"
cli_version=0.26.8
tool="$cache/tools/tree-sitter-cli-$cli_version/bin/tree-sitter"
if [ ! -x "$tool" ]; then
  cargo install tree-sitter-cli --version "$cli_version" --locked --root "$cache/tools/tree-sitter-cli-$cli_version" >&2
fi
upstream="$(cargo metadata --format-version 1 --manifest-path "$here/Cargo.toml" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);const p=m.packages.find(p=>p.name==="tree-sitter-kotlin-ng");console.log(require("path").dirname(p.manifest_path))})')"
echo "upstream: $upstream" >&2
mkdir -p "$here/src"
node "$here/grammar/patch.mjs" --scanner "$upstream/src/scanner.c" "$here/src/scanner.c"
node "$here/grammar/patch.mjs" "$upstream/src/grammar.json" "$here/src/grammar.json"
(cd "$here" && "$tool" generate src/grammar.json --abi 14)
