#!/bin/sh
# compare.sh [REPLICATES] — the README's train-station vs loyal-market table.
#
# Runs scenarios/train-station.yaml and scenarios/loyal-market.yaml with
# seeds 1..REPLICATES (default 5), averages each run's market.csv over its
# last 100 weeks, and prints a Markdown table of the mean over replicates
# with a 95% confidence interval (Student t, REPLICATES - 1 degrees of
# freedom). Output folders go under build/compare/.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
replicates=${1:-5}
"$here/scripts/build.sh" "$here/build"
cd "$here"
for scenario in train-station loyal-market; do
    seed=1
    while [ "$seed" -le "$replicates" ]; do
        ./build/mishi run "scenarios/$scenario.yaml" --seed "$seed" --no-plot \
            --quiet --out "build/compare/$scenario-$seed"
        seed=$((seed + 1))
    done
done

# One line per run: the last-100-week means of the columns compared.
run_means() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        { row[NR] = $0 }
        END {
            first = NR - 99; if (first < 2) first = 2
            for (r = first; r <= NR; r++) {
                split(row[r], v, ",")
                n++; rep += v[col["repeat_rate"]]; def += v[col["defection_rate"]]
                q += v[col["mean_quality"]]; li += v[col["loyalty_index"]]
                u += v[col["units"]]; p += v[col["total_profit"]]
                f += v[col["active_firms"]]; h += v[col["hhi"]]
            }
            printf "%g %g %g %g %g %g %g %g\n", rep/n, def/n, q/n, li/n, u/n, p/n, p/u, f/n
        }' "$1"
}

for scenario in train-station loyal-market; do
    for dir in build/compare/$scenario-*; do
        run_means "$dir/market.csv"
    done >"build/compare/$scenario.means"
done

# Mean and 95% CI half-width over replicates, one column per scenario.
awk -v k="$replicates" '
    BEGIN {
        split("repeat rate|defection rate|mean quality sold|loyalty index L|units/week|total profit/week|profit per unit|active firms", name, "|")
        split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262", t, " ")
        tq = (k >= 2 && k <= 10) ? t[k - 1] : 1.96
    }
    FNR == 1 { file++ }
    { for (i = 1; i <= NF; i++) { s[file, i] += $i; ss[file, i] += $i * $i } }
    END {
        print "| over weeks 421-520 | train-station | loyal-market |"
        print "|---|---|---|"
        for (i = 1; i <= 8; i++) {
            line = "| " name[i]
            for (f = 1; f <= 2; f++) {
                m = s[f, i] / k; var = (ss[f, i] - k * m * m) / (k - 1)
                if (var < 0) var = 0
                line = line sprintf(" | %.4g ± %.2g", m, tq * sqrt(var / k))
            }
            print line " |"
        }
    }' build/compare/train-station.means build/compare/loyal-market.means
echo
echo "Mean over $replicates seeds (1..$replicates) ± 95% CI (Student t, $((replicates - 1)) degrees of freedom)."
