#!/bin/sh
# docs.sh [tables|results|validation|batch|all] — regenerate everything the
# docs quote from the tool, so that no number or table in them is typed by
# hand.
#
#   tables      docs/model.md: the parameter, strategy and output-column
#               tables (`mishi params|strategies|outputs --markdown`);
#               docs/batch.md: the sweep file's keys (`mishi params --sweep`)
#   results     README.md and docs/model.md: the train-station vs
#               loyal-market table (scripts/compare.sh 5)
#   validation  docs/validation.md's results and docs/validation/'s tables,
#               scripts and plots (`mishi validate --out docs/validation`)
#   batch       docs/batch.md's worked examples: the sweeps in sweeps/, their
#               summaries, plot, database schema and sensitivity indices
#   bench       the sweep benchmark (bench/sweep.sh) in README.md and
#               docs/batch.md: timings of this machine, not stamped
#
# Each block sits between "<!-- NAME:begin -->" and "<!-- NAME:end -->".
# Result blocks end with the line scripts/fingerprint.sh prints; the tests
# (tests/test_docs.c) recompute it and fail when the model has changed
# since the block was made, and compare the tables with the commands.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
what=${1:-all}
scripts/build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# paste FILE NAME CONTENT_FILE: replace the NAME block of FILE.
paste_block() {
    grep -q "<!-- $2:begin -->" "$1" || { echo "$1: no '$2' block" >&2; exit 1; }
    awk -v name="$2" -v content="$3" '
        $0 == "<!-- " name ":end -->" { skip = 0 }
        !skip { print }
        $0 == "<!-- " name ":begin -->" {
            while ((getline line < content) > 0) print line
            skip = 1
        }' "$1" >"$1.tmp"
    mv "$1.tmp" "$1"
}

stamp() { # the provenance line of a result block
    echo
    echo "Made by \`$1\` with $(scripts/fingerprint.sh build/mishi)."
}

tables() {
    for table in params strategies outputs; do
        build/mishi "$table" --markdown >"$tmp/$table"
        paste_block docs/model.md "$table" "$tmp/$table"
    done
    build/mishi params --sweep --markdown >"$tmp/sweep-file"
    paste_block docs/batch.md sweep-file "$tmp/sweep-file"
}

results() {
    scripts/compare.sh 5 >"$tmp/results"
    stamp "scripts/compare.sh 5" >>"$tmp/results"
    paste_block README.md results "$tmp/results"
    paste_block docs/model.md results "$tmp/results"
}

validation() {
    status=0
    build/mishi validate --out docs/validation >"$tmp/validate" || status=$?
    rm -f docs/validation/*.png # the docs link the SVGs; PNGs are for people's own runs
    { echo '```'; grep -v '^output: ' "$tmp/validate"; echo '```'
      stamp "mishi validate --out docs/validation"; } >"$tmp/block"
    paste_block docs/validation.md results "$tmp/block"
    return "$status"
}

# quote NAME COMMAND...: the command's output as a code block, stamped.
quote() {
    name=$1
    shift
    { echo '```'; echo "\$ $*"; "$@"; echo '```'
      stamp "$*"; } >"$tmp/$name"
    paste_block docs/batch.md "$name" "$tmp/$name"
}

# The examples run as docs/batch.md tells a reader to run them, into the
# default databases under out/ (made afresh).
batch() {
    rm -f out/transient-threshold.sqlite* out/sensitivity.sqlite*
    mkdir -p docs/batch
    build/mishi sweep sweeps/transient-threshold.yaml --quiet
    build/mishi sweep sweeps/sensitivity.yaml --quiet
    quote summary build/mishi summarize out/transient-threshold.sqlite \
        --measure quality --measure profit --plot quality \
        --by firms.local.loyalty_threshold --out docs/batch
    rm -f docs/batch/*.png # the docs link the SVGs
    quote schema sqlite3 out/transient-threshold.sqlite .schema
    quote sensitivity build/mishi sensitivity out/sensitivity.sqlite \
        --measure quality --measure profit
}

bench() {
    bench/sweep.sh >"$tmp/bench"
    paste_block README.md bench-sweep "$tmp/bench"
    paste_block docs/batch.md bench-sweep "$tmp/bench"
}

case $what in
tables) tables ;;
results) results ;;
validation) validation ;;
batch) batch ;;
bench) bench ;;
all) tables; results; validation; batch; bench ;;
*) echo "usage: scripts/docs.sh [tables|results|validation|batch|bench|all]" >&2
   exit 2 ;;
esac
