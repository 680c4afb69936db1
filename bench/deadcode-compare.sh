#!/usr/bin/env bash
# Drift's dead-code list next to the dead-code tools of three ecosystems, on real code from the
# registries: `bash bench/deadcode-compare.sh [--build]`.
#
#   TypeScript  @trpc/server (npm, the package ships its src/), against knip (package entries are
#               API), knip --include-entry-exports (nothing is API) and ts-prune
#   Go          miniflux.app/v2 (Go module proxy; the program, without its _test.go files),
#               against golang.org/x/tools/cmd/deadcode
#   Python      requests (the PyPI sdist's src/), against vulture --min-confidence 60
#
# Each peer is pinned and installed once into ~/.cache/drift/tools (knip/, ts-prune/,
# go/deadcode, vulture-venv/); the projects are downloaded once into ~/.cache/drift/deadcode and
# scanned from a copy in a temporary directory (Drift writes ROOT/.drift/). Drift runs from this
# clone: `drift scan --full`, then `drift dead-code --all --json`, `drift entry-points --json`
# and `drift query functions --all --json` (what Drift says of a function a peer reports).
# bench/deadcode_compare.py turns every output into `file<TAB>name` pairs, counts Drift, peer,
# both, only Drift and only peer, and writes target/deadcode-compare.json (with every
# disagreement) and the pair lists in target/deadcode-compare/. Raw outputs are kept in
# target/deadcode-compare/raw/.
#
# Drift must be built (npm/drift/dist and the native addon in crates/drift-napi); `--build`
# builds both first with scripts/lib.sh (needed after the Rust code changed).
# Environment: DEADCODE_ONLY="ts go py" (a subset), DEADCODE_OUT (report path).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
set -euo pipefail
cd "$repo"

TRPC_VERSION=11.25.2
MINIFLUX_VERSION=v2.3.5
REQUESTS_VERSION=2.32.3
KNIP_VERSION=6.44.2
TS_PRUNE_VERSION=0.10.3
DEADCODE_VERSION=v0.52.0
VULTURE_VERSION=2.16

tools="$HOME/.cache/drift/tools"
projects="$DRIFT_CACHE/deadcode"
drift_cli="$repo/npm/drift/dist/cli.js"
out="${DEADCODE_OUT:-$repo/target/deadcode-compare.json}"
lists="$repo/target/deadcode-compare"
only="${DEADCODE_ONLY:-ts go py}"
gocmd="$(command -v go || echo /usr/local/go/bin/go)"

case "${1:-}" in
  --build)
    ensure_npm
    build_native
    npm run --silent -w @drift/drift build >&2
    ;;
  "") ;;
  *) echo "usage: bash bench/deadcode-compare.sh [--build]" >&2; exit 2 ;;
esac
if [ ! -f "$drift_cli" ] || ! ls "$repo"/crates/drift-napi/*.node >/dev/null 2>&1; then
  echo "bench/deadcode-compare.sh: build Drift first (npm/drift/dist/cli.js and the native addon in crates/drift-napi), or pass --build" >&2
  exit 1
fi
wants() { case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# ----------------------------------------------------------------------------- tools (once)
mkdir -p "$tools" "$projects"
# An npm package pinned into its own prefix under $tools; prints the path of its bin.
ensure_npm_tool() {
  local name=$1 version=$2 bin=$3 dir="$tools/$1"
  if [ "$(node -p "require('$dir/node_modules/$name/package.json').version" 2>/dev/null || true)" != "$version" ]; then
    step "$name $version (npm) into $dir"
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --silent "$name@$version" >&2)
  fi
  echo "$dir/node_modules/.bin/$bin"
}
ensure_deadcode() {
  local bin="$tools/go/deadcode"
  if ! "$gocmd" version -m "$bin" 2>/dev/null | grep -q "golang.org/x/tools[[:space:]]*$DEADCODE_VERSION"; then
    step "deadcode $DEADCODE_VERSION (go install golang.org/x/tools/cmd/deadcode) into $tools/go"
    GOBIN="$tools/go" "$gocmd" install "golang.org/x/tools/cmd/deadcode@$DEADCODE_VERSION" >&2
  fi
  echo "$bin"
}
ensure_vulture() {
  local venv="$tools/vulture-venv"
  if [ "$("$venv/bin/vulture" --version 2>/dev/null || true)" != "vulture $VULTURE_VERSION" ]; then
    step "vulture $VULTURE_VERSION (PyPI) into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check "vulture==$VULTURE_VERSION" >&2
  fi
  echo "$venv/bin/vulture"
}

# ----------------------------------------------------------------------------- projects (once)
fetch_trpc() {
  local dir="$projects/trpc-server-$TRPC_VERSION"
  if [ ! -f "$dir/package/package.json" ]; then
    step "@trpc/server $TRPC_VERSION (npm pack) into $dir"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "@trpc/server@$TRPC_VERSION" >/dev/null && tar xzf ./*.tgz && rm ./*.tgz)
  fi
  echo "$dir/package"
}
fetch_miniflux() {
  # The module cache keeps it; `go mod download` is a no-op once it is there.
  "$gocmd" mod download -json "miniflux.app/v2@$MINIFLUX_VERSION" | python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])'
}
fetch_requests() {
  local dir="$projects/requests-$REQUESTS_VERSION"
  if [ ! -d "$dir/src/requests" ]; then
    step "requests $REQUESTS_VERSION sdist (pip download) into $projects"
    local pip="$tools/vulture-venv/bin/pip"
    rm -rf "$dir"
    "$pip" download -q --disable-pip-version-check --no-deps --no-binary :all: -d "$projects" "requests==$REQUESTS_VERSION" >&2
    tar xzf "$projects/requests-$REQUESTS_VERSION.tar.gz" -C "$projects"
  fi
  echo "$dir/src"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
raw="$lists/raw"
rm -rf "$lists"
mkdir -p "$raw" "$(dirname "$out")"
declare -A seconds=()

# Runs a command, recording its wall time under NAME in $seconds; returns its status.
timed() {
  local name=$1 start=$EPOCHREALTIME status=0
  shift
  "$@" || status=$?
  seconds[$name]=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
  return "$status"
}
# Runs a command in DIR.
in_dir() { (cd "$1" && shift && "$@"); }

# drift scan + dead code, entry points and the function table of ROOT into $raw/TAG.drift-*.
run_drift() {
  local tag=$1 root=$2
  step "$tag: drift scan --full, dead-code --all --json"
  timed "$tag.drift_scan" node "$drift_cli" --root "$root" scan --full >"$raw/$tag.drift-scan.txt"
  timed "$tag.drift_dead_code" node "$drift_cli" --root "$root" dead-code --all --json >"$raw/$tag.drift-dead.jsonl"
  node "$drift_cli" --root "$root" entry-points --json >"$raw/$tag.drift-entry.jsonl"
  node "$drift_cli" --root "$root" query functions --all --json >"$raw/$tag.drift-functions.jsonl"
  local rate files
  rate=$(node "$drift_cli" --root "$root" dead-code 2>&1 >/dev/null | sed -n 's/.*resolution rate \([0-9]*\)%.*/\1/p')
  files=$(sed -n 's/^parsed \([0-9]*\) files.*/\1/p' "$raw/$tag.drift-scan.txt")
  printf '{"resolution": %s, "files": %s}\n' "$(awk -v r="${rate:-0}" 'BEGIN { printf "%.2f", r / 100 }')" "${files:-0}" >"$raw/$tag.drift-meta.json"
}

ts_json=null go_json=null py_json=null
knip_v=null ts_prune_v=null deadcode_v=null vulture_v=null

# ----------------------------------------------------------------------------- TypeScript
if wants ts; then
  knip="$(ensure_npm_tool knip "$KNIP_VERSION" knip)"
  ts_prune="$(ensure_npm_tool ts-prune "$TS_PRUNE_VERSION" ts-prune)"
  knip_v=$KNIP_VERSION ts_prune_v=$TS_PRUNE_VERSION
  src="$(fetch_trpc)"
  root="$work/trpc"
  mkdir -p "$root"
  cp -r "$src/src" "$src/package.json" "$root/"
  python3 bench/deadcode_compare.py ts-config "$root"
  step "ts: knip, knip --include-entry-exports, ts-prune"
  # knip exits 1 when it finds something.
  timed ts.knip in_dir "$root" "$knip" --reporter json --exports --no-config-hints --no-progress >"$raw/ts.knip.json" || [ $? -eq 1 ]
  in_dir "$root" "$knip" --reporter json --exports --include-entry-exports --no-config-hints --no-progress >"$raw/ts.knip-all.json" || [ $? -eq 1 ]
  timed ts.ts_prune in_dir "$root" "$ts_prune" -p tsconfig.json >"$raw/ts.ts-prune.txt"
  cp "$root/knip.json" "$root/tsconfig.json" "$raw/"
  run_drift ts "$root"
  ts_json=$(printf '{"project": "@trpc/server %s", "root": "%s", "files": %s, "knip_command": "%s", "knip_all_command": "%s", "ts_prune_command": "%s"}' \
    "$TRPC_VERSION" "$root" "$(find "$root/src" -name '*.ts' | wc -l)" \
    "knip --reporter json --exports (knip.json: entries from package.json exports, ignoreExportsUsedInFile)" \
    "knip --reporter json --exports --include-entry-exports" "ts-prune -p tsconfig.json")
fi

# ----------------------------------------------------------------------------- Go
if wants go; then
  deadcode="$(ensure_deadcode)"
  deadcode_v=$DEADCODE_VERSION
  src="$(fetch_miniflux)"
  root="$work/miniflux"
  mkdir -p "$root"
  cp -r "$src/." "$root/"
  chmod -R u+w "$root"
  # deadcode leaves tests out unless -test; so does the copy Drift scans.
  find "$root" -name '*_test.go' -delete
  step "go: deadcode -json ./... (downloads the module's dependencies once)"
  GOTOOLCHAIN=local timed go.deadcode in_dir "$root" "$deadcode" -json ./... >"$raw/go.deadcode.json"
  run_drift go "$root"
  go_json=$(printf '{"project": "miniflux.app/v2 %s", "root": "%s", "files": %s, "command": "deadcode -json ./... (without _test.go files)"}' \
    "$MINIFLUX_VERSION" "$root" "$(find "$root" -name '*.go' | wc -l)")
fi

# ----------------------------------------------------------------------------- Python
if wants py; then
  vulture="$(ensure_vulture)"
  vulture_v=$VULTURE_VERSION
  src="$(fetch_requests)"
  root="$work/requests"
  mkdir -p "$root"
  cp -r "$src/requests" "$root/"
  step "py: vulture requests --min-confidence 60"
  # vulture exits 3 when it finds dead code.
  timed py.vulture in_dir "$root" "$vulture" requests --min-confidence 60 >"$raw/py.vulture.txt" || [ $? -eq 3 ]
  run_drift py "$root"
  py_json=$(printf '{"project": "requests %s", "root": "%s", "files": %s, "command": "vulture requests --min-confidence 60"}' \
    "$REQUESTS_VERSION" "$root" "$(find "$root" -name '*.py' | wc -l)")
fi

# ----------------------------------------------------------------------------- report
seconds_json="{$(for k in "${!seconds[@]}"; do printf '"%s": %s, ' "$k" "${seconds[$k]}"; done | sed 's/, $//')}"
cat >"$raw/meta.json" <<EOF
{"drift_cli": ["node", "$drift_cli"],
 "versions": {"drift": "$(node "$drift_cli" --version)", "knip": "$knip_v", "ts-prune": "$ts_prune_v", "deadcode": "$deadcode_v", "vulture": "$vulture_v", "go": "$("$gocmd" env GOVERSION)", "node": "$(node --version)"},
 "seconds": $seconds_json,
 "ts": $ts_json, "go": $go_json, "py": $py_json}
EOF
python3 bench/deadcode_compare.py report --work "$raw" --out "$out" --lists "$lists"
