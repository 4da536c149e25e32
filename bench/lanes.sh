#!/bin/sh
# bench/lanes.sh — the WKH workload three ways, side by side: the plainest
# one-thread C loop (bench/loops.c), mishi's engine (`mishi bench --workload
# wkh`) and the probe of the model's own arithmetic in vector lanes
# (bench/lanes.c, with the engine's exponential in lanes), on 1 and 2
# threads. bench/README.md's "How far a dense kernel could take WKH" table.
#
# Usage: bench/lanes.sh [BUYERS] [REPEATS]
#   BUYERS   default 1000000; 100 weeks, 3 and 10 sellers
#   REPEATS  runs of each (default 3), taken in turn; each figure is the
#            median, in agent-weeks a second
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
buyers=${1:-1000000}
. "$here/bench/common.sh"
repeats=$(whole_repeats "${2:-3}")
"$here/scripts/build.sh" "$here/build" >/dev/null
"$here/build/bench_lanes" check >/dev/null ||
    { echo "bench_lanes check failed: the probe no longer does the model's work" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

rate() { sed -n 's/^\(agent\|consumer\)_weeks_per_second: //p'; }
# median FILE: the median of the REPEATS numbers in FILE
median() { middle "$repeats" <"$1"; }

echo "| sellers | C loop, 1 thread | mishi, 1 thread | mishi, 2 threads | lanes, 1 thread | lanes, 2 threads | lanes, 2 threads / loop | lanes / mishi, 2 threads |"
echo "|---|---|---|---|---|---|---|---|"
for sellers in 3 10; do
    rm -f "$out"/*
    for _ in $(seq "$repeats"); do
        "$here/build/bench_loops" wkh "$buyers" "$sellers" 100 | rate >>"$out/loop"
        for threads in 1 2; do
            "$here/build/mishi" bench --workload wkh --firms "$sellers" --consumers "$buyers" \
                --threads "$threads" | rate >>"$out/mishi$threads"
            "$here/build/bench_lanes" "$buyers" "$sellers" 100 "$threads" | rate >>"$out/lanes$threads"
        done
    done
    awk -v s="$sellers" -v loop="$(median "$out/loop")" \
        -v m1="$(median "$out/mishi1")" -v m2="$(median "$out/mishi2")" \
        -v l1="$(median "$out/lanes1")" -v l2="$(median "$out/lanes2")" 'BEGIN {
        printf "| %d | %.3g | %.2g | %.2g | %.3g | %.2g | %.1f | %.1f |\n",
            s, loop, m1, m2, l1, l2, l2 / loop, l2 / m2 }'
done
echo
echo "bench/lanes.sh $buyers $repeats, $(date +%Y-%m-%d), $(machine): 100 weeks, medians of $repeats runs in turn, agent-weeks a second."
