# Shared helpers for scripts/*.sh: idempotent installs, caches outside the clone.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DRIFT_CACHE="${DRIFT_CACHE:-$HOME/.cache/drift}"
# Native Rust builds share one target dir outside the clone (a fresh clone rebuilds nothing).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$DRIFT_CACHE/target}"
mkdir -p "$DRIFT_CACHE"

step() { printf '\n== %s\n' "$*" >&2; }

# Runs a test stage with a time limit, so a hung test fails the run with its name instead of
# holding it until an outer timeout kills everything. Usage: bounded SECONDS command...
bounded() {
  local limit=$1 status=0
  shift
  timeout --kill-after=20 "$limit" "$@" || status=$?
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    printf '[TIMEOUT] "%s" did not finish within %s s\n' "$*" "$limit" >&2
  fi
  return "$status"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the tests need besides the wasm toolchain (wasm/toolchain/setup.sh).
ensure_apt() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  as_root apt-get update -qq >/dev/null 2>&1 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# npm packages as locked; skipped when node_modules matches the manifests. `npm install`
# rather than `npm ci`: the lockfile leaves out other platforms' optional packages, which
# `npm ci` rejects as "missing".
ensure_npm() {
  local stamp="$repo/node_modules/.drift-lock-hash"
  local want
  want="$(cat "$repo/package-lock.json" "$repo"/package.json "$repo"/*/package.json "$repo"/crates/drift-napi/package.json "$repo"/npm/*/package.json | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  step "npm install (from package-lock.json)"
  (cd "$repo" && npm install --no-audit --no-fund >/dev/null)
  echo "$want" >"$stamp"
}

# bandit 1.9.4 from PyPI in its own venv under ~/.cache/drift/tools (once); prints its path.
ensure_bandit() {
  local venv="$HOME/.cache/drift/tools/bandit-venv"
  if [ "$("$venv/bin/bandit" --version 2>/dev/null | head -1)" != "bandit 1.9.4" ]; then
    step "installing bandit 1.9.4 from PyPI"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q bandit==1.9.4 >&2
  fi
  echo "$venv/bin/bandit"
}

build_native() {
  step "native addon (napi build, release)"
  (cd "$repo" && npx napi build --platform --release \
    --manifest-path crates/drift-napi/Cargo.toml --package-json-path crates/drift-napi/package.json \
    --output-dir crates/drift-napi >&2)
}

build_wasm() {
  step "wasm32-wasip1-threads toolchain (cached) and build"
  # A subshell: the wasm environment (Debian rustc, build-std) must not leak into native builds.
  (source "$repo/wasm/toolchain/env.sh" && cd "$repo" && npx napi build --platform --target wasm32-wasip1-threads --profile wasm-release \
    --manifest-path crates/drift-napi/Cargo.toml --package-json-path crates/drift-napi/package.json \
    --output-dir crates/drift-napi --target-dir "$DRIFT_CACHE/target-wasm" >&2)
  ls -l "$repo/crates/drift-napi/drift.wasm32-wasi.wasm" >&2
}

build_stress() {
  step "threads stress test module (wasm32-wasip1-threads)"
  (source "$repo/wasm/toolchain/env.sh" && cd "$repo/wasm/threads/stress" && cargo build --release --target wasm32-wasip1-threads \
    --target-dir "$DRIFT_CACHE/target-stress" >&2)
  export DRIFT_STRESS_WASM="$DRIFT_CACHE/target-stress/wasm32-wasip1-threads/release/drift-wasm-threads-stress.wasm"
}
