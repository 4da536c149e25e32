#!/bin/sh
# bench/workloads.sh — issue 13's reference workloads, side by side with
# the plainest one-thread C loops for the same models (bench/loops.c).
#
# For each workload it runs `mishi bench --workload NAME` with 1 and 2
# threads and bench_loops once, and prints a Markdown table of agent-weeks
# per second, the ratio to the loop, and the run's checksum (the same for
# both thread counts, or the script fails).
# Usage: bench/workloads.sh [AGENTS] [WEEKS]    (default 1000000 100)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
agents=${1:-1000000}
weeks=${2:-100}
"$here/scripts/build.sh" "$here/build" >/dev/null
mishi=$here/build/mishi
loops=$here/build/bench_loops

# field NAME: the value of "NAME: value" in standard input
field() { sed -n "s/^$1: //p"; }

# row LABEL LOOP_RATE MISHI_ARGS...: one table row
row() {
    label=$1 loop=$2
    shift 2
    one=$("$mishi" bench "$@" --consumers "$agents" --weeks "$weeks" --threads 1)
    two=$("$mishi" bench "$@" --consumers "$agents" --weeks "$weeks" --threads 2)
    sum1=$(echo "$one" | field checksum) sum2=$(echo "$two" | field checksum)
    [ "$sum1" = "$sum2" ] || { echo "$label: checksums differ" >&2; exit 1; }
    rate1=$(echo "$one" | field consumer_weeks_per_second)
    rate2=$(echo "$two" | field consumer_weeks_per_second)
    awk -v l="$label" -v a="$rate1" -v b="$rate2" -v c="$loop" -v s="$sum1" \
        'BEGIN { printf "| %s | %.3g | %.3g | %.3g | %.2f | %s |\n", l, a, b, c, b / c, s }'
}

echo "| workload, $agents agents, $weeks weeks | mishi, 1 thread | mishi, 2 threads | one-thread C loop | 2 threads / loop | checksum |"
echo "|---|---|---|---|---|---|"
for sellers in 3 10; do
    loop=$("$loops" wkh "$agents" "$sellers" "$weeks" | field agent_weeks_per_second)
    row "wkh, $sellers sellers (buyer-weeks/s)" "$loop" --workload wkh --firms "$sellers"
done
loop=$("$loops" bass "$agents" "$weeks" | field agent_weeks_per_second)
row "bass, ring of 10 (consumer-weeks/s)" "$loop" --workload bass
echo
echo "bench/workloads.sh, $(date +%Y-%m-%d), $(nproc) cores."
