#!/usr/bin/env bash
# The whole-scan benchmark: `bash bench/speed.sh [RUNS]` (part of `npm run bench`).
# On the 10K and 100K corpora, in the same run and on 2 threads each: `drift scan --full`
# (scan + parse + store, through the CLI as a user runs it, fresh drift.db each run), ast-grep
# with the benchmark's rules (bench/ast-grep: the node kinds Drift extracts) and `ctags -R`.
# Reports wall time, CPU (user + system), cores busy on average and peak RSS, medians of RUNS
# (default 3; the 100K corpus once). Drift runs twice: as configured by default (with detection
# and the security analyses) and with those off (`drift-core`: scan + parse + store, the part
# the speed targets are set for). Writes target/bench/speed.json.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$repo"
runs="${1:-3}"
ensure_apt universal-ctags
ensure_npm
corpus="$(bash bench/corpus.sh)"
build_native
npm run --silent -w @drift/drift build >&2
out="$repo/target/bench"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One timed command: prints "wall_s user_s sys_s max_rss_kib".
timed() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>&1 || {
    echo "failed: $*" >&2
    return 1
  }
  cat "$work/time"
}

results="$work/results.tsv"
: >"$results"
for tree in 10k 100k; do
  dir="$corpus/$tree"
  [ -d "$dir" ] || continue
  n="$runs"
  [ "$tree" = 100k ] && n=1
  for i in $(seq 1 "$n"); do
    step "$tree run $i/$n: drift scan --full"
    rm -rf "$work/project" && mkdir -p "$work/project"
    line="$(cd "$work/project" && timed node "$repo/npm/drift/dist/cli.js" scan --full --threads 2 "$dir")"
    printf 'drift\t%s\t%s\n' "$tree" "$line" >>"$results"
    # The same without the analyses that run on every scan (detection, security): scan + parse +
    # store alone, the part the speed targets are set for.
    step "$tree run $i/$n: drift scan --full, analyses off"
    rm -rf "$work/project" && mkdir -p "$work/project"
    line="$(cd "$work/project" && DRIFT_DETECTION_ENABLED=false DRIFT_SECURITY_SECRETS=false \
      DRIFT_SECURITY_BOUNDARIES=false DRIFT_SECURITY_TAINT=false \
      timed node "$repo/npm/drift/dist/cli.js" scan --full --threads 2 "$dir")"
    printf 'drift-core\t%s\t%s\n' "$tree" "$line" >>"$results"
    step "$tree run $i/$n: ast-grep"
    line="$(cd "$dir" && timed "$repo/node_modules/.bin/ast-grep" scan -j 2 -c "$repo/bench/ast-grep/sgconfig.yml" --json=stream .)"
    printf 'ast-grep\t%s\t%s\n' "$tree" "$line" >>"$results"
    step "$tree run $i/$n: ctags -R"
    line="$(cd "$dir" && timed ctags -R -f "$work/tags" .)"
    printf 'ctags\t%s\t%s\n' "$tree" "$line" >>"$results"
  done
done

node - "$results" "$out/speed.json" <<'JS'
const { readFileSync, writeFileSync } = require('node:fs')
const [file, report] = process.argv.slice(2)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rows = {}
for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
  const [tool, tree, wall, user, sys, rss] = line.split(/\s+/)
  const key = `${tree}/${tool}`
  ;(rows[key] ??= []).push({ wall: +wall, cpu: +user + +sys, rss: +rss })
}
const summary = {}
for (const [key, runs] of Object.entries(rows)) {
  const wall = median(runs.map((r) => r.wall))
  const cpu = median(runs.map((r) => r.cpu))
  summary[key] = { runs: runs.length, wall_s: wall, cpu_s: cpu, cores_busy: cpu / wall, peak_rss_mib: median(runs.map((r) => r.rss)) / 1024 }
}
for (const tree of ['10k', '100k']) {
  for (const tool of ['drift', 'drift-core']) {
    const drift = summary[`${tree}/${tool}`]
    if (!drift) continue
    for (const peer of ['ast-grep', 'ctags']) {
      const other = summary[`${tree}/${peer}`]
      if (other) drift[`vs_${peer}`] = drift.wall_s / other.wall_s
    }
  }
}
writeFileSync(report, `${JSON.stringify(summary, null, 2)}\n`)
console.log('tree/tool          wall s   cpu s  cores  peak RSS MiB')
for (const [key, r] of Object.entries(summary)) {
  console.log(`${key.padEnd(16)} ${r.wall_s.toFixed(2).padStart(8)} ${r.cpu_s.toFixed(2).padStart(7)} ${r.cores_busy.toFixed(2).padStart(6)} ${r.peak_rss_mib.toFixed(0).padStart(13)}${r.vs_ctags ? `   drift/ast-grep ${r['vs_ast-grep'].toFixed(2)}, drift/ctags ${r.vs_ctags.toFixed(2)}` : ''}`)
}
console.log(`report: ${report}`)
JS
