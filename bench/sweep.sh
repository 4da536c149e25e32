#!/bin/sh
# bench/sweep.sh — what the sweep machinery costs per run.
#
# A benchmark sweep of 200 runs (20 transient shares x 10 replicates) of a
# 10,000-consumer, 52-week train-station market, recording one measure and
# one weekly series, timed three ways as whole processes: `mishi sweep
# --jobs 1`, `mishi sweep` on every core, and the same 200 runs one after
# another with `mishi run` (each run's own `command` from the database,
# writing its output files, no plot). A sweep runs each simulation on one
# thread, so the separate runs get --threads 1 too: the comparison is of
# the machinery around a run, not of thread counts. Prints a Markdown
# table; scripts/docs.sh bench stamps it with the model fingerprint and
# pastes it into the README and docs/batch.md.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
"$here/scripts/build.sh" "$here/build"
mishi=$here/build/mishi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/bench.yaml" <<YAML
name: bench
scenario: $here/scenarios/train-station.yaml
set: {consumers.count: 10000, weeks: 52}
replicates: 10
vary:
  consumers.transient_share: {from: 0.025, to: 0.5, step: 0.025}
measures:
  quality: {column: market.mean_quality, summary: final}
series: [market.mean_quality]
YAML
seconds() { # COMMAND...: the wall time of a command, in seconds
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}
one_by_one() {
    sqlite3 "$tmp/one.sqlite" "SELECT command FROM runs ORDER BY run" |
        while read -r command; do
            eval "\"$mishi\" ${command#mishi} --threads 1 --out \"$tmp/alone\" --no-plot --quiet"
        done
}
t1=$(seconds "$mishi" sweep "$tmp/bench.yaml" --db "$tmp/one.sqlite" --jobs 1 --quiet)
tn=$(seconds "$mishi" sweep "$tmp/bench.yaml" --db "$tmp/all.sqlite" --quiet)
ts=$(seconds one_by_one)
cores=$(nproc)
# the simulations' own time, as each run measured it, for the overhead
simulated=$(sqlite3 "$tmp/one.sqlite" "SELECT sum(setup_seconds + run_seconds) FROM runs")
row() { awk -v what="$1" -v t="$2" 'BEGIN { printf "| %s | %.1f s | %.1f |\n", what, t, 200 / t }'; }
echo "| 200 runs, 10,000 consumers, 52 weeks | wall time | runs/s |"
echo "|---|---|---|"
row "\`mishi sweep --jobs 1\`" "$t1"
row "\`mishi sweep\` ($cores jobs)" "$tn"
row "200 x \`mishi run --threads 1\`, one after another" "$ts"
echo
awk -v t="$t1" -v s="$simulated" -v host="$(machine)" -v day="$(date +%Y-%m-%d)" 'BEGIN {
    printf "bench/sweep.sh, %s, %s. With one job the simulations themselves took %.1f s\n", day, host, s
    printf "of the %.1f s: the sweep machinery (building each scenario, recording, one SQLite\n", t
    printf "transaction per run with its measure and 52-week series) adds %.1f ms a run.\n", 1000 * (t - s) / 200
}'

