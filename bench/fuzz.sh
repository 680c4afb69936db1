#!/usr/bin/env bash
# The fuzzer, for a fixed time (never part of CI): `bash bench/fuzz.sh [SECONDS] [SEED]`.
# Mutates the fixtures of every language through parse + extract, and random uploaded trees
# (names, .gitignore text) through the scanner, with a 2 s budget per file. A crash leaves its
# input in target/bench/fuzz-crashes/ and fails the run; target/bench/fuzz.json has the rounds
# per target, the timeouts and the slowest input. Then the page's .zip reader (bench/fuzz-zip.mjs)
# for as long: target/bench/fuzz-zip.json. Record the time run in BENCHMARKS.md.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$repo"
seconds="${1:-600}"
seed="${2:-$RANDOM}"
step "drift-bench (release)"
cargo build --release --locked -p drift-bench >&2
out="$repo/target/bench"
mkdir -p "$out/fuzz-crashes"
step "fuzzing for $seconds s (seed $seed)"
"$CARGO_TARGET_DIR/release/drift-bench" fuzz --seconds "$seconds" --seed "$seed" \
  --out "$out/fuzz.json" --crashes "$out/fuzz-crashes"
step "the page's .zip reader for $seconds s (seed $seed)"
node "$repo/bench/fuzz-zip.mjs" "$seconds" "$seed"
