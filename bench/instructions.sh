#!/bin/sh
# bench/instructions.sh — the reference workloads' cost in instructions,
# which, unlike seconds, does not depend on the machine or on what else it
# runs: two builds, or two days, compare exactly. Counted by valgrind's
# callgrind over the weekly steps only (mishi_sim_step and what it calls,
# one thread), as bench/README.md quotes them.
#
# For each workload one row: the weekly steps' instructions, per agent-week
# and per purchase; the share of them outside OpenMP's parallel regions
# (serial code) and what that share would cap a 2-thread speed-up at on two
# whole cores, 2 / (1 + share); the steps that take the most; the checksum,
# which must be the one bench/run.sh prints for the same workload and size.
#
# Usage: bench/instructions.sh [WORKLOADS]
#   WORKLOADS  any of "wkh bass main" (default all three), run at the sizes
#              the budgets in bench/README.md use: WKH 2 x 10^4 buyers and
#              3 sellers, 100 weeks; Bass 10^6 prospects, 100 weeks; main
#              10^5 consumers, 150 weeks. Under valgrind a run is about 50
#              times slower: about two minutes for all three here.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
workloads=${1:-wkh bass main}
for w in $workloads; do
    case $w in wkh | bass | main) ;; *) echo "unknown workload '$w': expected wkh, bass or main" >&2; exit 2 ;; esac
done
command -v valgrind >/dev/null || MISHI_EXTRA_PACKAGES=valgrind "$here/scripts/deps.sh" >/dev/null
"$here/scripts/build.sh" "$here/build" >/dev/null
mishi=$here/build/mishi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

. "$here/bench/common.sh"

# inclusive FILE: "instructions function" for every function callgrind saw,
# counting what each calls
inclusive() {
    callgrind_annotate --inclusive=yes --threshold=100 "$1" |
        sed -n 's/^ *\([0-9,]*\) ([ 0-9.]*%)  [^ ]*:\([A-Za-z0-9_.]*\).*/\1 \2/p' | tr -d ,
}

# count LABEL MISHI_ARGS...: one table row
count() {
    label=$1
    shift
    valgrind --tool=callgrind --toggle-collect='mishi_sim_step*' \
        --callgrind-out-file="$out/profile" "$mishi" bench "$@" --threads 1 \
        >"$out/run" 2>"$out/valgrind"
    inclusive "$out/profile" >"$out/costs"
    total=$(sed -n 's/^\([0-9]*\) mishi_sim_step.*/\1/p' "$out/costs" | sort -n | tail -1)
    parallel=$(sed -n 's/^\([0-9]*\) GOMP_parallel$/\1/p' "$out/costs" | sort -n | tail -1)
    # the weekly steps: functions named <submodel>_step, each counted once
    steps=$(sed -n 's/^\([0-9]*\) \([a-z_]*\)_step$/\1 \2/p' "$out/costs" |
        grep -v ' mishi_sim$' | sort -k2,2 -u | sort -rn | head -3 |
        awk -v total="$total" '{ printf("%s%s %.0f %%", (NR > 1 ? ", " : ""), $2, 100 * $1 / total) }')
    awk -v label="$label" -v total="$total" -v parallel="${parallel:-0}" \
        -v agents="$(field consumers "$out/run")" -v weeks="$(field weeks "$out/run")" \
        -v purchases="$(field purchases "$out/run")" -v steps="$steps" \
        -v sum="$(field checksum "$out/run")" 'BEGIN {
        serial = (total - parallel) / total
        e = int(log(agents) / log(10) + 0.5)
        size = agents == 10 ^ e ? "10^" e : agents
        printf "| %s | %s | %d | %.4g | %.0f | %.0f | %.1f %% | %.2f | %s | %s |\n",
            label, size, weeks, total, total / (agents * weeks), total / purchases,
            100 * serial, 2 / (1 + serial), steps, sum }'
}

echo "| workload | agents | weeks | weekly-step instructions | per agent-week | per purchase | serial share | bound on 2/1 | largest steps | checksum |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for w in $workloads; do
    case $w in
    wkh) count "wkh, 3 sellers" --workload wkh --firms 3 --consumers 20000 ;;
    bass) count "bass, ring of 10" --workload bass --consumers 1000000 ;;
    main) count "main, 1,000 firms" --workload main --consumers 100000 --weeks 150 ;;
    esac
done
echo
echo "bench/instructions.sh \"$workloads\", $(date +%Y-%m-%d), $(machine), $(valgrind --version), $(gcc --version | head -1)."
