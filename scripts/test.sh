#!/usr/bin/env bash
# Runs every check CI runs (.ci/run calls this): formatting, clippy, Rust tests, the native and
# wasm32-wasip1-threads builds, the Node tests on both builds, the threads stress tests,
# TypeScript checks, the Vite build and the browser tests. Installs what it needs first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo"
started=$SECONDS

ensure_apt chromium
ensure_npm

step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test"
bounded 2400 cargo test --workspace --locked

build_native
build_wasm
build_stress

step "Node tests: native"
rm -f target/node-results-*.json # parity compares this run's native and wasm results only
(cd crates/drift-napi && DRIFT_BACKEND=native bounded 900 node --test --test-concurrency=1 __test__/*.test.mjs)
step "Node tests: wasm32-wasip1-threads (forced WASI), then native vs wasm parity"
(cd crates/drift-napi && DRIFT_BACKEND=wasm bounded 900 node --test --test-concurrency=1 __test__/*.test.mjs)

step "TypeScript client and CLI (npm/drift): native, then the wasm fallback (NAPI_RS_FORCE_WASI)"
npm run --silent -w @drift/drift build
rm -f target/client-results-*.json
(cd npm/drift && DRIFT_BACKEND=native bounded 600 node --test --test-concurrency=1 test/*.test.mjs)
(cd npm/drift && DRIFT_BACKEND=wasm bounded 600 node --test --test-concurrency=1 test/*.test.mjs)

step "threads stress tests in Node"
DRIFT_STRESS_RUNS="${DRIFT_STRESS_RUNS:-20}" bounded 600 node --test wasm/threads/tests/stress.test.mjs

step "TypeScript"
npm run --silent -w @drift/web typecheck
step "Vite production build"
npm run --silent -w @drift/web build
step "browser tests (Playwright + Debian Chromium)"
bounded 1200 npm run --silent -w @drift/e2e test

step "all checks passed in $((SECONDS - started)) s"
