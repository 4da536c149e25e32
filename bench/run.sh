#!/bin/sh
# bench/run.sh — issue 13's speed and memory table: the three reference
# workloads of `mishi bench` at several sizes, with 1 and 2 threads, beside
# the plainest one-thread C loops for WKH and Bass (bench/loops.c).
#
#   main  the default market (train-station.yaml's parameters), 1,000 firms
#   wkh   Weisbuch-Kirman-Herreiner loyalty, 3 and 10 sellers, 100 weeks
#   bass  Bass diffusion on a ring of 10 friends, 100 weeks
#
# Each mishi run is timed by the engine (the weekly steps only) and, for
# peak memory, by /usr/bin/time -v; its checksum must be the same for 1 and
# 2 threads, or the script fails. Prints a Markdown table.
#
# Usage: bench/run.sh [SIZES] [MAIN_WEEKS] [WORKLOADS] [REPEATS]
#   SIZES       agents, space-separated (default "100000 1000000 10000000";
#               add 100000000 where memory and time allow: about 4 GB and
#               half an hour for main)
#   MAIN_WEEKS  weeks of the main workload (default 520)
#   WORKLOADS   which of them (default "wkh bass main")
#   REPEATS     runs of each row (default 1): 1 and 2 threads in turn, and
#               the loop as often; each row shows the run of median time
#               and the largest peak memory. On a machine shared with other
#               jobs one run can be a fifth off, which is the whole margin
#               of a 2/1 speed-up goal: take 3 or more there.
# Environment: WKH_SELLERS, the sellers of the WKH rows (default "3 10";
#   "3" alone halves WKH's time, an hour at 10^8 with both)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
sizes=${1:-100000 1000000 10000000}
main_weeks=${2:-520}
workloads=${3:-wkh bass main}
. "$here/bench/common.sh"
repeats=$(whole_repeats "${4:-1}")
wkh_sellers=${WKH_SELLERS:-3 10}
for sellers in $wkh_sellers; do
    case $sellers in '' | *[!0-9]* | 0 | 1)
        echo "WKH_SELLERS: '$sellers' is not a number of sellers: expected whole numbers from 2, such as \"3 10\"" >&2
        exit 2 ;;
    esac
done
wanted() { case " $workloads " in *" $1 "*) return 0 ;; esac; return 1; }
"$here/scripts/build.sh" "$here/build" >/dev/null
MISHI_EXTRA_PACKAGES='time' "$here/scripts/deps.sh" >/dev/null
mishi=$here/build/mishi
loops=$here/build/bench_loops
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# median_of FILE...: the file, of those given, whose run_seconds is the median
median_of() {
    for f in "$@"; do echo "$(field run_seconds "$f") $f"; done |
        middle $# | cut -d' ' -f2
}

# loop_rate ARGS...: the C loop's median agent-weeks a second over REPEATS runs
loop_rate() {
    for r in $(seq "$repeats"); do
        "$loops" "$@" | sed -n 's/^agent_weeks_per_second: //p'
    done | middle "$repeats"
}

# measure LABEL AGENTS LOOP_RATE MISHI_ARGS...: two table rows, 1 and 2
# threads, each from the run of median time among REPEATS, the two thread
# counts run in turn so that a slow spell of the machine touches both
measure() {
    label=$1 agents=$2 loop=$3
    shift 3
    for r in $(seq "$repeats"); do
        for threads in 1 2; do
            /usr/bin/time -v "$mishi" bench "$@" --consumers "$agents" \
                --threads "$threads" >"$out/$threads.$r" 2>"$out/time$threads.$r"
        done
    done
    sum1=$(field checksum "$out/1.1")
    for f in "$out"/[12].*; do
        [ "$(field checksum "$f")" = "$sum1" ] ||
            { echo "$label $agents: checksums differ" >&2; exit 1; }
    done
    # shellcheck disable=SC2046
    one=$(median_of $(seq -f "$out/1.%g" "$repeats"))
    for threads in 1 2; do
        # shellcheck disable=SC2046
        run=$(median_of $(seq -f "$out/$threads.%g" "$repeats"))
        rss=$(cat "$out"/time"$threads".* |
            sed -n 's/.*Maximum resident set size (kbytes): //p' | sort -n | tail -1)
        awk -v label="$label" -v agents="$agents" -v threads="$threads" \
            -v weeks="$(field weeks "$run")" \
            -v run="$(field run_seconds "$run")" \
            -v one="$(field run_seconds "$one")" \
            -v rate="$(field consumer_weeks_per_second "$run")" \
            -v buys="$(field purchases_per_second "$run")" \
            -v bytes="$(field bytes_per_consumer "$run")" \
            -v rss="$rss" -v loop="$loop" -v sum="$sum1" 'BEGIN {
            ratio = loop == "-" ? "-" : sprintf("%.2f", rate / loop)
            speedup = threads == 1 ? "" : sprintf(" (%.2fx)", one / run)
            mib = sprintf("%.0f", rss / 1024)
            e = int(log(agents) / log(10) + 0.5)
            size = agents == 10 ^ e ? "10^" e : agents
            printf "| %s | %s | %d | %d | %.2f%s | %.3g | %.3g | %.1f | %s | %s | %s | %s |\n",
                label, size, weeks, threads, run, speedup, rate, buys, bytes,
                mib, loop == "-" ? "-" : sprintf("%.3g", loop), ratio, sum }'
    done
}

# ceiling: how much a second core gives on this machine today, measured
# without mishi: the agent-weeks a second of two copies of the one-thread
# WKH loop run at once, against one alone (medians over REPEATS). A shared
# or virtual machine's second core can give less than a whole one; no
# program's 2/1 speed-up on compute can exceed this.
probe() { "$loops" wkh 300000 3 100; }
ceiling() {
    for r in $(seq "$repeats"); do
        alone=$(probe | sed -n 's/^run_seconds: //p')
        probe >"$out/a" & probe >"$out/b"
        wait
        awk -v alone="$alone" -v a="$(field run_seconds "$out/a")" \
            -v b="$(field run_seconds "$out/b")" 'BEGIN { print alone / a + alone / b }'
    done | middle "$repeats"
}

echo "| workload | agents | weeks | threads | run s (2/1 speed-up) | agent-weeks/s | purchases/s | bytes/agent | peak MiB | C loop, 1 thread | mishi/loop | checksum |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for agents in $sizes; do
    if wanted wkh; then
        for sellers in $wkh_sellers; do
            loop=$(loop_rate wkh "$agents" "$sellers" 100)
            measure "wkh, $sellers sellers" "$agents" "$loop" --workload wkh --firms "$sellers"
        done
    fi
    if wanted bass; then
        loop=$(loop_rate bass "$agents" 100)
        measure "bass, ring of 10" "$agents" "$loop" --workload bass
    fi
    if wanted main; then
        measure "main, 1,000 firms" "$agents" - --workload main --weeks "$main_weeks"
    fi
done
echo
echo "${WKH_SELLERS:+WKH_SELLERS=\"$WKH_SELLERS\" }bench/run.sh \"$sizes\" $main_weeks \"$workloads\" $repeats, $(date +%Y-%m-%d), $(machine)."
printf 'Two copies of the one-thread WKH loop at once did %.2f times the work of one alone: about the most a second thread can give a program that computes rather than waits on memory, here and today.\n' "$(ceiling)"
