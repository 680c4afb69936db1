#!/usr/bin/env bash
# Drift's security-category violations (detection packs) next to bandit's findings on a real
# Python project: `bash bench/detection-bandit.sh [DIR]` (default: Django's sources in the 10K
# corpus). Installs bandit 1.9.4 from PyPI into ~/.cache/drift/tools/bandit-venv once; scans a
# copy of DIR with the drift CLI; maps bandit's tests to Drift's patterns (eval/exec, shell
# commands, deserialisation, TLS verification, SQL built from strings, `except: pass`) and
# compares them by file and line, timing both in the same run. Writes
# target/bench/detection-bandit.json.
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
node npm/drift/dist/cli.js --root "$work/project" violations --all --json >"$work/violations.jsonl"
node npm/drift/dist/cli.js --root "$work/project" patterns --category security --all --json >"$work/patterns.jsonl"

python3 - "$work" "$out/detection-bandit.json" "$dir" "$bandit_s" "$drift_s" <<'PY'
import collections, json, os, sys
work, report, source, bandit_s, drift_s = sys.argv[1:]
bandit = json.load(open(os.path.join(work, "bandit.json")))["results"]
violations = [json.loads(l) for l in open(os.path.join(work, "violations.jsonl")) if l.strip()]
# bandit test -> Drift pattern (the same weakness).
MAP = {
    "B307": "security/eval", "B102": "security/exec-code",
    "B602": "security/shell-command-injection", "B605": "security/shell-command-injection",
    "B604": "security/shell-command-injection", "B609": "security/shell-command-injection",
    "B301": "security/unsafe-deserialization", "B302": "security/unsafe-deserialization",
    "B506": "security/unsafe-deserialization",
    "B501": "security/tls-verification-disabled", "B323": "security/tls-verification-disabled",
    "B608": "security/sql-string-built",
    "B308": "django/security/mark-safe", "B703": "django/security/mark-safe",
    "B110": "errors/except-pass",
}
def rel(path):
    return os.path.normpath(path).lstrip("./")
b = collections.defaultdict(set)
for r in bandit:
    pattern = MAP.get(r["test_id"])
    if pattern:
        b[pattern].add((rel(r["filename"]), r["line_number"]))
d = collections.defaultdict(set)
for v in violations:
    if v["patternId"] in MAP.values():
        d[v["patternId"]].add((v["file"], v["line"]))
# bandit reports SQL at the string's line, Drift at the call: lines at most 3 apart in one file
# are one place.
def near(place, others):
    return any(f == place[0] and abs(place[1] - l) <= 3 for f, l in others)
rows = {}
for pattern in sorted(set(MAP.values())):
    both = {p for p in d[pattern] if near(p, b[pattern])}
    rows[pattern] = {
        "bandit_tests": sorted(t for t, p in MAP.items() if p == pattern),
        "both": len(both),
        "drift_only": sorted(f"{f}:{l}" for f, l in d[pattern] - both),
        "bandit_only": sorted(f"{f}:{l}" for f, l in b[pattern] if not near((f, l), d[pattern])),
    }
by_test = collections.Counter(f'{r["test_id"]} {r["test_name"]}' for r in bandit)
security = collections.Counter(v["patternId"] for v in violations if v["category"] == "security")
result = {"source": source, "bandit_seconds": round(float(bandit_s), 2),
          "drift_seconds_scan_detect_learn_store": round(float(drift_s), 2), "bandit_findings": len(bandit), "bandit_by_test": dict(by_test.most_common()),
          "drift_security_violations": dict(security), "compared": rows}
json.dump(result, open(report, "w"), indent=1)
print(f"bandit 1.9.4: {len(bandit)} findings in {result['bandit_seconds']} s; Drift: {sum(security.values())} security violations, whole scan (every analysis, detection and learning) {result['drift_seconds_scan_detect_learn_store']} s")
for pattern, row in rows.items():
    print(f"{pattern} ({', '.join(row['bandit_tests'])}): both {row['both']}, drift only {len(row['drift_only'])}, bandit only {len(row['bandit_only'])}")
    for place in row["drift_only"][:8]:
        print(f"    drift only   {place}")
    for place in row["bandit_only"][:8]:
        print(f"    bandit only  {place}")
print(f"report: {report}")
PY
