#!/usr/bin/env bash
# Regenerates Drift's TypeScript and TSX parsers: the upstream grammar.json of
# tree-sitter-typescript (the crate from crates.io, a dev-dependency of this one), patched by
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
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);const p=m.packages.find(p=>p.name==="tree-sitter-typescript");console.log(require("path").dirname(p.manifest_path))})')"
echo "upstream: $upstream" >&2
mkdir -p "$here/common"
node "$here/grammar/patch.mjs" --scanner "$upstream/common/scanner.h" "$here/common/scanner.h"
for dialect in typescript tsx; do
  mkdir -p "$here/$dialect/src"
  sed "s/tree_sitter_${dialect}_external_scanner/tree_sitter_drift_${dialect}_external_scanner/" \
    "$upstream/$dialect/src/scanner.c" > "$here/$dialect/src/scanner.c"
  node "$here/grammar/patch.mjs" "$upstream/$dialect/src/grammar.json" "$here/$dialect/src/grammar.json"
  (cd "$here/$dialect" && "$tool" generate src/grammar.json --abi 14)
done
