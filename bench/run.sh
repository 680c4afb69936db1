#!/usr/bin/env bash
# The scan benchmark, one command: `npm run bench` (or `bash bench/run.sh [RUNS]`).
# Builds the corpora (bench/corpus.sh, cached), the native addon, the wasm build and
# drift-bench, then times Drift against `rg --files` and `find | xargs xxhsum` on the same
# trees, and the wasm build against the native one in Node. Writes target/bench/scan.json.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$repo"
runs="${1:-7}"
ensure_apt ripgrep xxhash
ensure_npm
corpus="$(bash bench/corpus.sh)"
build_native
build_wasm
step "drift-bench (release)"
cargo build --release --locked -p drift-bench >&2
out="$repo/target/bench"
mkdir -p "$out"
"$CARGO_TARGET_DIR/release/drift-bench" --corpus "$corpus" --runs "$runs" --out "$out/native.json"

step "Node: native addon vs wasm32-wasip1-threads build, 10k corpus"
NODE_NO_WARNINGS=1 node bench/scan-node.mjs native "$corpus/10k" "$runs" >"$out/node-native.json"
NODE_NO_WARNINGS=1 node bench/scan-node.mjs wasm "$corpus/10k" "$runs" >"$out/node-wasm.json"
node - "$out" <<'JS'
const { readFileSync, writeFileSync } = require('node:fs')
const out = process.argv[2]
const read = (name) => JSON.parse(readFileSync(`${out}/${name}.json`, 'utf8'))
const native = read('node-native'), wasm = read('node-wasm')
if (native.digest !== wasm.digest || native.files !== wasm.files) {
  console.error(`native and wasm disagree: ${JSON.stringify({ native, wasm })}`)
  process.exit(1)
}
const report = { ...read('native'), node: { native, wasm, ratio_wasm_to_native: wasm.median_ms / native.median_ms } }
writeFileSync(`${out}/scan.json`, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\n10k via Node: native ${native.median_ms.toFixed(1)} ms, wasm ${wasm.median_ms.toFixed(1)} ms, wasm/native = ${report.node.ratio_wasm_to_native.toFixed(2)} (same digest ${native.digest})`)
console.log(`report: ${out}/scan.json`)
JS
