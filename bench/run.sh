#!/bin/sh
# bench/run.sh — the README's speed and memory figures.
#
# Runs `mishi bench` (a default-parameter market, no output files) at the
# size the README quotes — 1,000,000 consumers, 1,000 firms, 520 weeks —
# with 1 and 2 threads, under /usr/bin/time -v for the process's wall time
# and peak resident memory as the operating system counts them.
# Usage: bench/run.sh [CONSUMERS] [FIRMS] [WEEKS]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
consumers=${1:-1000000}
firms=${2:-1000}
weeks=${3:-520}
"$here/scripts/build.sh" "$here/build"
MISHI_EXTRA_PACKAGES=time "$here/scripts/deps.sh"
for threads in 1 2; do
    echo "== $consumers consumers, $firms firms, $weeks weeks, $threads thread(s)"
    /usr/bin/time -v "$here/build/mishi" bench --consumers "$consumers" \
        --firms "$firms" --weeks "$weeks" --threads "$threads" 2>"$here/build/bench.time"
    grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$here/build/bench.time"
done
