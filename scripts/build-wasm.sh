#!/usr/bin/env bash
# Builds the wasm32-wasip1-threads engine into crates/drift-napi (toolchain set up and cached
# on first use).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_npm
build_wasm
