#!/usr/bin/env bash
# Regenerates Drift's Kotlin parser: the upstream grammar.json and scanner of
# tree-sitter-kotlin-ng (the crate from crates.io, a dev-dependency of this one), patched by
# grammar/patch.mjs, then `tree-sitter generate` (tree-sitter-cli from crates.io, installed once
# into the cache). The generated sources are committed; builds never run this.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/grammar-fork.sh
source "$here/../../scripts/grammar-fork.sh"
tool="$(tree_sitter_cli)"
upstream="$(upstream_crate_dir "$here" tree-sitter-kotlin-ng)"
echo "upstream: $upstream" >&2
mkdir -p "$here/src"
node "$here/grammar/patch.mjs" --scanner "$upstream/src/scanner.c" "$here/src/scanner.c"
node "$here/grammar/patch.mjs" "$upstream/src/grammar.json" "$here/src/grammar.json"
(cd "$here" && "$tool" generate src/grammar.json --abi 14)
