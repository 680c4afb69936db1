#!/usr/bin/env bash
# Secret detection next to two peers: `bash bench/secrets-compare.sh [REAL_CORPUS_DIR]`.
#
# Runs Drift, detect-secrets and gitleaks on
#   1. the seeded corpus of test-fixtures/secrets (generated fresh; labels.json says which lines
#      hold a planted secret and which hold a decoy), for recall, precision and misses per kind;
#   2. a real tree (default: the 10K benchmark corpus of bench/corpus.sh, when it has been built),
#      for counts and where the tools disagree. No tool's matched text is kept or printed.
# Then bench/secrets_compare.py writes target/bench/secrets-compare.json and prints the tables.
#
# The peers are installed once, pinned, into $DRIFT_CACHE/tools (default ~/.cache/drift/tools):
# detect-secrets from PyPI into a virtualenv, gitleaks built from source with `go install`.
# Drift runs from this clone: build npm/drift/dist and the native addon first (`npm run build`,
# or the first steps of `npm run bench`).
#
# Environment: SECRETS_COMPARE_OUT (report path), SECRETS_COMPARE_SKIP_REAL=1 (seeded only).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
set -euo pipefail
cd "$repo"

DETECT_SECRETS_VERSION=1.5.0
GITLEAKS_VERSION=v8.30.1
tools="$DRIFT_CACHE/tools"
venv="$tools/detect-secrets-venv"
detect_secrets="$venv/bin/detect-secrets"
gitleaks="$tools/bin/gitleaks"
drift_cli="$repo/npm/drift/dist/cli.js"
out="${SECRETS_COMPARE_OUT:-$repo/target/bench/secrets-compare.json}"

real="${1:-}"
if [ -z "$real" ] && [ -d "$DRIFT_CACHE/corpus/10k" ]; then real="$DRIFT_CACHE/corpus/10k"; fi
if [ -n "$real" ] && [ ! -d "$real" ]; then
  echo "bench/secrets-compare.sh: $real is not a directory" >&2
  exit 2
fi
[ "${SECRETS_COMPARE_SKIP_REAL:-0}" = 1 ] && real=""

# ----------------------------------------------------------------------------- tools
mkdir -p "$tools/bin"
if [ "$("$detect_secrets" --version 2>/dev/null || true)" != "$DETECT_SECRETS_VERSION" ]; then
  step "detect-secrets $DETECT_SECRETS_VERSION (PyPI) into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "detect-secrets==$DETECT_SECRETS_VERSION" >&2
fi
# `go install` builds leave "version is set by build process" in `gitleaks version`; the module
# version is in the binary's build info instead.
if ! go version -m "$gitleaks" 2>/dev/null | grep -q "github.com/zricethezav/gitleaks/v8[[:space:]]*$GITLEAKS_VERSION"; then
  if ! command -v go >/dev/null; then
    echo "bench/secrets-compare.sh: gitleaks is built from source and needs Go on PATH" >&2
    exit 1
  fi
  step "gitleaks $GITLEAKS_VERSION (go install, from source) into $tools/bin"
  GOBIN="$tools/bin" go install "github.com/zricethezav/gitleaks/v8@$GITLEAKS_VERSION" >&2
fi
if [ ! -f "$drift_cli" ] || ! ls "$repo"/crates/drift-napi/*.node >/dev/null 2>&1; then
  echo "bench/secrets-compare.sh: build Drift first (npm/drift/dist/cli.js and the native addon in crates/drift-napi)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
times="$work/times.tsv"
: >"$times"

# Runs a command and appends "TOOL<TAB>CORPUS<TAB>STEP<TAB>seconds" to $times.
timed() {
  local tool=$1 corpus=$2 what=$3 start end
  shift 3
  start=$EPOCHREALTIME
  "$@"
  end=$EPOCHREALTIME
  printf '%s\t%s\t%s\t%s\n' "$tool" "$corpus" "$what" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')" >>"$times"
}

# A private copy for Drift, which writes its database to ROOT/.drift/. Hard links when the
# file system allows (Drift never writes the files it scans), a real copy otherwise.
copy_tree() {
  mkdir -p "$2"
  cp -al "$1/." "$2/" 2>/dev/null || { rm -rf "$2" && mkdir -p "$2" && cp -a "$1/." "$2/"; }
}

# Scans DIR with the three tools into $work/NAME.{drift.jsonl,gitleaks.json,detect-secrets.json}.
scan_all() {
  local name=$1 dir=$2
  step "$name: gitleaks dir (redacted)"
  (cd "$dir" && timed gitleaks "$name" scan "$gitleaks" dir . --redact --no-banner --no-color \
    --log-level error --exit-code 0 --report-format json --report-path "$work/$name.gitleaks.json")
  step "$name: detect-secrets scan --all-files"
  (cd "$dir" && timed detect-secrets "$name" scan "$detect_secrets" scan --all-files . \
    >"$work/$name.detect-secrets.json")
  step "$name: drift scan --full, drift secrets"
  copy_tree "$dir" "$work/$name-drift"
  timed drift "$name" scan node "$drift_cli" --root "$work/$name-drift" scan --full >/dev/null
  timed drift "$name" secrets node "$drift_cli" --root "$work/$name-drift" secrets --json --all \
    --status any >"$work/$name.drift.jsonl"
  rm -rf "$work/$name-drift"
}

# ----------------------------------------------------------------------------- seeded corpus
step "seeded corpus: generate"
node test-fixtures/secrets/generate.mjs "$work/generated" >&2
# labels.json stays out of the scanned tree.
mkdir -p "$work/seeded"
cp -a "$work/generated/." "$work/seeded/"
rm "$work/seeded/labels.json"
scan_all seeded "$work/seeded"

# ----------------------------------------------------------------------------- real corpus
real_args=()
if [ -n "$real" ]; then
  real="$(cd "$real" && pwd)"
  scan_all real "$real"
  real_args=(--real-root "$real" --real-drift "$work/real.drift.jsonl"
    --real-gitleaks "$work/real.gitleaks.json" --real-detect-secrets "$work/real.detect-secrets.json")
else
  step "no real corpus (SECRETS_COMPARE_SKIP_REAL=1, or none built: bash bench/corpus.sh, or pass a directory)"
fi

mkdir -p "$(dirname "$out")"
python3 bench/secrets_compare.py \
  --labels "$work/generated/labels.json" --seeded-root "$work/seeded" \
  --seeded-drift "$work/seeded.drift.jsonl" --seeded-gitleaks "$work/seeded.gitleaks.json" \
  --seeded-detect-secrets "$work/seeded.detect-secrets.json" \
  "${real_args[@]}" \
  --times "$times" --versions "drift=$(node "$drift_cli" --version)" \
  --versions "detect-secrets=$DETECT_SECRETS_VERSION" --versions "gitleaks=$GITLEAKS_VERSION" \
  --out "$out"
