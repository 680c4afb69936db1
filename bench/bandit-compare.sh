#!/usr/bin/env bash
# Drift's SQL-building and taint findings next to bandit's on a real Python project:
# `bash bench/bandit-compare.sh [DIR]` (default: Django's sources in the 10K corpus).
# Installs bandit 1.9.4 from PyPI into ~/.cache/drift/tools/bandit-venv once; scans a copy of DIR
# with the drift CLI; compares, by file and line, bandit's B608 (SQL built from strings) with
# Drift's unsafe SQL accesses, and lists what each reports on command, eval and
# deserialisation calls. Writes target/bench/bandit-compare.json.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$repo"
corpus="$(bash bench/corpus.sh)"
dir="${1:-$corpus/10k/deb/python3-django/usr/lib/python3/dist-packages/django}"
bandit="$(ensure_bandit)"
ensure_npm
build_native
npm run --silent -w @drift/drift build >&2
out="$repo/target/bench"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$dir" "$work/project"

step "bandit"
started=$(date +%s.%N)
(cd "$work/project" && "$bandit" -r . -f json -q -o "$work/bandit.json" || true)
bandit_s=$(echo "$(date +%s.%N) - $started" | bc)
step "drift"
started=$(date +%s.%N)
node npm/drift/dist/cli.js --root "$work/project" scan --full --threads 2 >/dev/null 2>&1
drift_s=$(echo "$(date +%s.%N) - $started" | bc)
node npm/drift/dist/cli.js --root "$work/project" boundaries --unsafe --all --json >"$work/unsafe.jsonl"
node npm/drift/dist/cli.js --root "$work/project" taint --json >"$work/taint.jsonl"

python3 - "$work" "$out/bandit-compare.json" "$bandit_s" "$drift_s" "$dir" <<'PY'
import json, sys, os, collections
work, report, bandit_s, drift_s, source = sys.argv[1:]
bandit = json.load(open(os.path.join(work, "bandit.json")))["results"]
def rel(path):
    return os.path.normpath(path).lstrip("./")
b_sql = {(rel(r["filename"]), r["line_number"]) for r in bandit if r["test_id"] == "B608"}
b_by_test = collections.Counter(f'{r["test_id"]} {r["test_name"]}' for r in bandit)
unsafe = [json.loads(l) for l in open(os.path.join(work, "unsafe.jsonl")) if l.strip()]
taint = [json.loads(l) for l in open(os.path.join(work, "taint.jsonl")) if l.strip()]
d_sql = {(u["file"], u["line"] + 1) for u in unsafe}
# bandit reports a SQL string at its own line, Drift the call taking it (the line before when
# the arguments start on the next line): lines at most 3 apart in one file are one place.
def near(place, others):
    return any(f == place[0] and abs(place[1] - l) <= 3 for f, l in others)
both = {p for p in d_sql if near(p, b_sql)}
drift_only = sorted(d_sql - both)
bandit_only = sorted(p for p in b_sql if not near(p, d_sql))
result = {
    "source": source,
    "bandit": {"findings": len(bandit), "by_test": dict(b_by_test.most_common()), "sql_B608": len(b_sql), "seconds": round(float(bandit_s), 2)},
    "drift": {"unsafe_sql": len(d_sql), "taint_flows": len(taint), "seconds_scan_and_store": round(float(drift_s), 2)},
    "sql": {"both": len(both), "drift_only": [f"{f}:{l}" for f, l in drift_only], "bandit_only": [f"{f}:{l}" for f, l in bandit_only]},
    "taint": [f'{t["file"]}:{t["sinkLine"] + 1} {t["sinkType"]} {t["label"]}' for t in taint],
}
json.dump(result, open(report, "w"), indent=1)
print(f"bandit 1.9.4: {len(bandit)} findings in {result['bandit']['seconds']} s; by test:")
for name, n in b_by_test.most_common(12):
    print(f"  {n:4}  {name}")
print(f"drift: {len(d_sql)} unsafe SQL calls, {len(taint)} taint flows; scan + store {result['drift']['seconds_scan_and_store']} s")
print(f"SQL built from strings: both {len(both)}, drift only {len(drift_only)}, bandit only {len(bandit_only)}")
for f, l in drift_only[:15]:
    print(f"  drift only   {f}:{l}")
for f, l in bandit_only[:15]:
    print(f"  bandit only  {f}:{l}")
for t in result["taint"]:
    print(f"  taint        {t}")
print(f"report: {report}")
PY
