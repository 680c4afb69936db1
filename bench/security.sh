#!/usr/bin/env bash
# What the security analyses add to a scan: `bash bench/security.sh [RUNS]`.
# `drift scan --full` of the 10K corpus (2 threads, fresh drift.db each run) with the security
# analyses off (`[security] secrets = false, boundaries = false, taint = false`), on without
# taint (`taint = false`: secrets, sensitive fields and boundaries, what the target covers) and
# on (the default), RUNS times each (default 3), alternating; reports the median wall time, CPU
# and peak RSS of each and the overheads, plus what was found. Writes
# target/bench/security.json.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$repo"
runs="${1:-3}"
ensure_npm
corpus="$(bash bench/corpus.sh)"
build_native
npm run --silent -w @drift/drift build >&2
out="$repo/target/bench"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="$corpus/10k"
cli="$repo/npm/drift/dist/cli.js"

results="$work/results.tsv"
: >"$results"
for i in $(seq 1 "$runs"); do
  for mode in off notaint on; do
    step "run $i/$runs: security $mode"
    rm -rf "$work/project" && mkdir -p "$work/project"
    if [ "$mode" = off ]; then
      printf '[security]\nsecrets = false\nboundaries = false\ntaint = false\n' >"$work/project/drift.toml"
    elif [ "$mode" = notaint ]; then
      printf '[security]\ntaint = false\n' >"$work/project/drift.toml"
    fi
    (cd "$work/project" && /usr/bin/time -f '%e %U %S %M' -o "$work/time" node "$cli" scan --full --threads 2 "$dir" >/dev/null 2>&1)
    printf '%s\t%s\n' "$mode" "$(cat "$work/time")" >>"$results"
  done
done
(cd "$work/project" && node "$cli" security --json) >"$work/found.json"

node - "$results" "$work/found.json" "$out/security.json" <<'JS'
const { readFileSync, writeFileSync } = require('node:fs')
const [file, foundFile, report] = process.argv.slice(2)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const runs = { off: [], notaint: [], on: [] }
for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
  const [mode, wall, user, sys, rss] = line.split(/\s+/)
  runs[mode].push({ wall: +wall, cpu: +user + +sys, rss: +rss })
}
const summary = Object.fromEntries(
  Object.entries(runs).map(([mode, xs]) => [mode, { wall_s: median(xs.map((x) => x.wall)), cpu_s: median(xs.map((x) => x.cpu)), rss_mib: Math.round(median(xs.map((x) => x.rss)) / 1024), runs: xs }]),
)
const found = JSON.parse(readFileSync(foundFile, 'utf8'))
const pct = (a, b) => +(((a / b) - 1) * 100).toFixed(1)
const overhead = {
  wall_pct: pct(summary.on.wall_s, summary.off.wall_s),
  cpu_pct: pct(summary.on.cpu_s, summary.off.cpu_s),
  without_taint_wall_pct: pct(summary.notaint.wall_s, summary.off.wall_s),
  without_taint_cpu_pct: pct(summary.notaint.cpu_s, summary.off.cpu_s),
  taint_wall_pct: pct(summary.on.wall_s, summary.notaint.wall_s),
}
writeFileSync(report, `${JSON.stringify({ corpus: '10k', threads: 2, summary, overhead, found: { secrets: found.secrets.total, accessPoints: found.boundaries.totalAccessPoints, models: found.boundaries.totalModels, unsafe: found.boundaries.totalUnsafeApis, sensitiveFields: found.boundaries.totalSensitiveFields, taintFlows: found.taintFlows } }, null, 2)}\n`)
console.log(`security off: ${summary.off.wall_s} s wall, ${summary.off.cpu_s.toFixed(2)} s CPU, ${summary.off.rss_mib} MiB`)
console.log(`security on without taint: ${summary.notaint.wall_s} s wall, ${summary.notaint.cpu_s.toFixed(2)} s CPU, ${summary.notaint.rss_mib} MiB`)
console.log(`security on:  ${summary.on.wall_s} s wall, ${summary.on.cpu_s.toFixed(2)} s CPU, ${summary.on.rss_mib} MiB`)
console.log(`overhead: ${overhead.wall_pct}% wall, ${overhead.cpu_pct}% CPU (without taint ${overhead.without_taint_wall_pct}% wall, ${overhead.without_taint_cpu_pct}% CPU; taint itself ${overhead.taint_wall_pct}% wall)`)
const flows = found.taintFlows.reduce((n, k) => n + k.count, 0)
console.log(`found: ${found.secrets.total} open secrets, ${found.boundaries.totalAccessPoints} access points, ${found.boundaries.totalModels} models, ${found.boundaries.totalUnsafeApis} unsafe SQL, ${found.boundaries.totalSensitiveFields} sensitive fields, ${flows} taint flows`)
console.log(`report: ${report}`)
JS
