#!/usr/bin/env bash
# Regenerates Drift's TypeScript and TSX parsers: the upstream grammar.json of
# tree-sitter-typescript (the crate from crates.io, a dev-dependency of this one), patched by
# grammar/patch.mjs, then `tree-sitter generate` (tree-sitter-cli from crates.io, installed once
# into the cache). The generated sources are committed; builds never run this.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/grammar-fork.sh
source "$here/../../scripts/grammar-fork.sh"
tool="$(tree_sitter_cli)"
upstream="$(upstream_crate_dir "$here" tree-sitter-typescript)"
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
