#!/bin/sh
# docs.sh [tables|results|validation|batch|experiments|EN|bench|all] —
# regenerate everything the docs quote from the tool, so that no number or
# table in them is typed by hand.
#
#   tables      docs/model.md: the parameter, strategy and output-column
#               tables (`mishi params|strategies|outputs --markdown`);
#               docs/batch.md: the sweep file's keys (`mishi params --sweep`);
#               README.md: the usage, as `mishi help` prints it
#   results     README.md and docs/model.md: the train-station vs
#               loyal-market table (scripts/compare.sh 5)
#   validation  docs/validation.md's results and docs/validation/'s tables,
#               scripts and plots (`mishi validate --out docs/validation`)
#   batch       docs/batch.md's worked examples: the sweeps in sweeps/, their
#               summaries, plot, database schema, a stored run's command and
#               sensitivity indices
#   experiments docs/experiments.md's results of every experiments/EN.yaml
#               and their plots in docs/experiments/ (`mishi experiment
#               NAME`, run afresh into out/NAME)
#   bench       the sweep benchmark (bench/sweep.sh) in README.md and
#               docs/batch.md: timings of this machine, stamped like the
#               results, since a changed model changes them too
#
# Each block sits between "<!-- NAME:begin -->" and "<!-- NAME:end -->".
# Result blocks end with a seal (seal, below): the command, the line
# scripts/fingerprint.sh prints, the inputs read and the checksums of
# those and of the block's text; the tests (tests/test_docs.c) recompute
# them and fail when the model or an input has changed since the block was
# made or the block was edited by hand, and compare the tables with the
# commands.
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

# seal FILE COMMAND [INPUT...]: end the block in FILE with its provenance
# line: the command, the model's fingerprint, the input files the command
# read and their checksum, and the checksum of the block's text above the
# line. tests/test_docs.c recomputes all three, so a block made by another
# model, from inputs changed since, or edited by hand fails.
seal() {
    file=$1 command=$2
    shift 2
    text=$(cksum <"$file" | cut -d' ' -f1)
    from=""
    [ $# -eq 0 ] || from="; inputs: $* (sum $(cat "$@" | cksum | cut -d' ' -f1))"
    printf '\nMade by `%s` with %s%s; text sum %s.\n' "$command" \
        "$(scripts/fingerprint.sh build/mishi)" "$from" "$text" >>"$file"
}

# The scenario file an experiment or sweep FILE names, as a path from here.
scenario_of() {
    realpath --relative-to=. "$(dirname "$1")/$(sed -n 's/^scenario: *\([^ #]*\).*/\1/p' "$1")"
}

tables() {
    for table in params strategies outputs; do
        build/mishi "$table" --markdown >"$tmp/$table"
        paste_block docs/model.md "$table" "$tmp/$table"
    done
    build/mishi params --sweep --markdown >"$tmp/sweep-file"
    paste_block docs/batch.md sweep-file "$tmp/sweep-file"
    { echo '```text'; build/mishi help; echo '```'; } >"$tmp/usage"
    paste_block README.md usage "$tmp/usage"
}

results() {
    scripts/compare.sh 5 >"$tmp/results"
    seal "$tmp/results" "scripts/compare.sh 5" scripts/compare.sh \
        scenarios/train-station.yaml scenarios/loyal-market.yaml
    paste_block README.md results "$tmp/results"
    paste_block docs/model.md results "$tmp/results"
}

validation() {
    status=0
    build/mishi validate --out docs/validation >"$tmp/validate" || status=$?
    rm -f docs/validation/*.png # the docs link the SVGs; PNGs are for people's own runs
    { echo '```'; grep -v '^output: ' "$tmp/validate"; echo '```'; } >"$tmp/block"
    seal "$tmp/block" "mishi validate --out docs/validation" validation/*.c
    paste_block docs/validation.md results "$tmp/block"
    return "$status"
}

# quote NAME COMMAND...: the command's output as a code block, stamped.
quote() {
    name=$1
    shift
    { echo '```'; echo "\$ $*"; "$@"; echo '```'; } >"$tmp/$name"
    seal "$tmp/$name" "$*" $batch_inputs
    paste_block docs/batch.md "$name" "$tmp/$name"
}

# The examples run as docs/batch.md tells a reader to run them, into the
# default databases under out/ (made afresh).
batch_inputs="sweeps/transient-threshold.yaml sweeps/sensitivity.yaml scenarios/train-station.yaml"
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
    stored_command 42
}

# stored_command RUN: docs/batch.md's `command` block, the worked example's
# `command` of run RUN asked for as the doc shows (quote would lose the
# query's quotes).
stored_command() {
    asked="sqlite3 out/transient-threshold.sqlite \"SELECT command FROM runs WHERE run = $1\""
    { echo '```'; echo "\$ $asked"
      sqlite3 out/transient-threshold.sqlite "SELECT command FROM runs WHERE run = $1"
      echo '```'; } >"$tmp/command"
    seal "$tmp/command" "$asked" $batch_inputs
    paste_block docs/batch.md command "$tmp/command"
}

# The experiment NAME run afresh as docs/experiments.md tells a reader to
# run it: its claims and verdicts, every measure at every point folded
# away, and its plots, copied next to the doc.
experiment() {
    name=$1
    rm -rf "out/$name" "docs/experiments/$name"
    build/mishi experiment "$name" --quiet >"$tmp/run"
    mkdir -p "docs/experiments/$name"
    cp "out/$name"/*.svg "docs/experiments/$name/"
    { echo '```'; echo "\$ build/mishi experiment $name"
      sed -n '/^claims: /,$p' "$tmp/run" | grep -v '^plot: '; echo '```'
      echo
      echo '<details><summary>Every measure at every point: mean over the' \
           'replicates, standard deviation and 95% interval</summary>'
      echo; echo '```'; sed '/^claims: /,$d' "$tmp/run"; echo '```'
      echo; echo '</details>'
      for svg in "docs/experiments/$name"/*.svg; do
          echo; echo "![$(basename "$svg" .svg)](experiments/$name/$(basename "$svg"))"
      done; } >"$tmp/block"
    seal "$tmp/block" "mishi experiment $name" "experiments/$name.yaml" \
        "$(scenario_of "experiments/$name.yaml")"
    paste_block docs/experiments.md "$name" "$tmp/block"
}

# README.md's second results table: E1's four corners (few or many
# transient buyers, quality held or cut at a loyalty threshold of 2), with
# news public after 2 weeks, under the economics $1 (fixed or responsive),
# read from out/E1/summary.csv by column name.
e1_corners() {
    awk -F, -v economics="$1" '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["reputation.delay_weeks"] != 2 || $col["economics"] != economics { next }
        { t = $col["consumers.transient_share"]; k = $col["firms.local.loyalty_threshold"]
          if (k != 0 && k != 2) next
          c = (t == 0.05 ? 0 : 2) + (k == 2 ? 1 : 0)
          m = $col["measure"]
          if (!(m in seen)) { seen[m] = 1; order[++n] = m }
          cell[m, c] = sprintf("%.4g ± %.2g", $col["mean"],
                               ($col["ci_high"] - $col["ci_low"]) / 2) }
        END {
            printf "| E1, %s economics, weeks 469-520 | loyal buyers, quality held | loyal buyers, rule at 2 | transient buyers, quality held | transient buyers, rule at 2 |\n", economics
            print "|---|---|---|---|---|"
            for (i = 1; i <= n; i++)
                printf "| %s | %s | %s | %s | %s |\n", order[i],
                       cell[order[i], 0], cell[order[i], 1], cell[order[i], 2], cell[order[i], 3]
        }' out/E1/summary.csv
}

# Both economics' corners, and what they are.
e1_tables() {
    e1_corners fixed; echo; e1_corners responsive
    echo
    echo "Mean over 10 replicates ± half its 95% interval; transient share 0.05 or 0.5,"
    echo "\`firms.local.loyalty_threshold\` 0 (never cut) or 2, news public after 2 weeks;"
    echo "fixed economics: price 1 and an entrant every five weeks; responsive: prices"
    echo "that follow profit, entry that follows profit, exit after half a year of losses."
    echo "The measures are defined in [experiments/E1.yaml](experiments/E1.yaml)."
}

# One experiment, and for E1 the README's table of its corners.
experiment_and_readme() {
    experiment "$1"
    [ "$1" = E1 ] || return 0
    e1_tables >"$tmp/corners"
    seal "$tmp/corners" "mishi experiment E1" experiments/E1.yaml \
        "$(scenario_of experiments/E1.yaml)"
    paste_block README.md e1 "$tmp/corners"
}

# Every experiment of experiments/, in the order of its number.
experiments() {
    for name in $(ls experiments/ | sed -n 's/^\(E[0-9]*\)\.yaml$/\1/p' | sort -V); do
        experiment_and_readme "$name"
    done
}

bench() {
    bench/sweep.sh >"$tmp/bench"
    seal "$tmp/bench" "bench/sweep.sh" bench/sweep.sh
    paste_block README.md bench-sweep "$tmp/bench"
    paste_block docs/batch.md bench-sweep "$tmp/bench"
}

case $what in
tables) tables ;;
results) results ;;
validation) validation ;;
batch) batch ;;
experiments) experiments ;;
E[0-9]*) experiment_and_readme "$what" ;;
bench) bench ;;
all) tables; results; validation; batch; experiments; bench ;;
*) echo "usage: scripts/docs.sh [tables|results|validation|batch|experiments|E1|bench|all]" >&2
   exit 2 ;;
esac
