#!/usr/bin/env bash
# The scan benchmark, one command: `npm run bench` (or `bash bench/run.sh [RUNS]`).
# Builds the corpora (bench/corpus.sh, cached), the native addon, the wasm build and
# drift-bench, then times Drift against `rg --files` and `find | xargs xxhsum` on the same
# trees, the wasm build against the native one in Node, drift.db (batch inserts, persisting a
# scan, page queries), the whole scan next to ast-grep and ctags (bench/speed.sh) and the
# browser's save to OPFS. Writes target/bench/*.json.
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
"$CARGO_TARGET_DIR/release/drift-bench" --corpus "$corpus" --runs "$runs" --out "$out/native.json" \
  --ast-grep "$repo/node_modules/.bin/ast-grep"

step "Node: native addon vs wasm32-wasip1-threads build, 10k corpus, scan and scan + parse"
NODE_NO_WARNINGS=1 node bench/scan-node.mjs native "$corpus/10k" "$runs" >"$out/node-native.json"
NODE_NO_WARNINGS=1 node bench/scan-node.mjs wasm "$corpus/10k" "$runs" >"$out/node-wasm.json"
node - "$out" <<'JS'
const { readFileSync, writeFileSync } = require('node:fs')
const out = process.argv[2]
const read = (name) => JSON.parse(readFileSync(`${out}/${name}.json`, 'utf8'))
const native = read('node-native'), wasm = read('node-wasm')
for (const kind of ['scan', 'scan_and_parse']) {
  const [a, b] = [native[kind], wasm[kind]]
  if (a.digest !== b.digest || a.files !== b.files || a.functions !== b.functions) {
    console.error(`native and wasm disagree on ${kind}: ${JSON.stringify({ native: a, wasm: b })}`)
    process.exit(1)
  }
}
const ratio = (kind) => wasm[kind].median_ms / native[kind].median_ms
const report = { ...read('native'), node: { native, wasm, ratio_scan: ratio('scan'), ratio_scan_and_parse: ratio('scan_and_parse') } }
writeFileSync(`${out}/scan.json`, `${JSON.stringify(report, null, 2)}\n`)
for (const kind of ['scan', 'scan_and_parse']) {
  console.log(`10k via Node, ${kind}: native ${native[kind].median_ms.toFixed(1)} ms, wasm ${wasm[kind].median_ms.toFixed(1)} ms, wasm/native = ${ratio(kind).toFixed(2)} (digest ${native[kind].digest}, ${native[kind].functions} functions)`)
}
console.log(`parseFile, ${native.parse_file.lines}-line TypeScript file: native ${native.parse_file.median_ms.toFixed(2)} ms, wasm ${wasm.parse_file.median_ms.toFixed(2)} ms`)
console.log(`report: ${out}/scan.json`)
JS

step "whole scan (scan + parse + store) next to ast-grep and ctags, 10k and 100k"
bash bench/speed.sh "$runs"

step "browser: upload the 10k corpus, save drift.db to OPFS, reload"
npm run --silent -w @drift/web build >&2
node bench/browser-save.mjs "$corpus/10k" "$out/browser.json"

step "playground: build sizes, page load, 10k corpus in the page vs native, tab memory"
node bench/playground.mjs "$corpus/10k" "$runs" "$out/playground.json"
