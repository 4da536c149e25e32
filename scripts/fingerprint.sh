#!/bin/sh
# fingerprint.sh [MISHI] — what the model computes, in one short line.
#
# Prints "mishi VERSION, model fingerprint XXXXXXXX": a checksum of small,
# fast runs that between them exercise every submodel (the three shipped
# scenarios at 20,000 consumers and 104 weeks, the train-station market
# under each other strategy, against the market's loyalty and with owners
# reselling, a flash market whose every winner resells, and every
# validation case at its smallest size). Every block of results the docs
# quote is stamped with this line by scripts/docs.sh; tests/test_docs.c
# recomputes it and fails when a
# stamp differs, i.e. when the model (or mishi's version) has changed
# since the block was made and the block must be regenerated.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
mishi=${1:-$here/build/mishi}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
small="--set consumers.count=20000 --set weeks=104 --threads 1 --no-plot --quiet"
run() { # NAME SCENARIO [--set ...]
    name=$1 scenario=$2
    shift 2
    # shellcheck disable=SC2086
    "$mishi" run "$here/scenarios/$scenario.yaml" $small "$@" --out "$tmp/$name"
    cat "$tmp/$name/market.csv" "$tmp/$name/firms.csv" >>"$tmp/all"
}
run train-station train-station
run loyal-market loyal-market
run xiaomi-2010 xiaomi-2010 # software, flash sales, resale, service, posts
# its flash sales do not sell out at this size: a small batch that does, so
# that missing, waiting and choosing again are in the fingerprint too
run xiaomi-sold-out xiaomi-2010 --set firms.xiaomi.flash_batch=3
for strategy in fade quantity-mandate profit-seeking; do
    run "$strategy" train-station --set "firms.local.strategy=$strategy"
done
# the train-station rule against the market's loyalty (entrants' first
# reviews among them), and owners reselling where transients come and go
run train-station-market train-station --set firms.local.loyalty_reference=market
run train-station-owners train-station --set resale.owner_share=0.5
# every winner resells and every misser chooses again at once: pools that
# fill after the week's prices were set
run xiaomi-resellers xiaomi-2010 --set firms.xiaomi.flash_batch=3 \
    --set firms.xiaomi.preorder_weeks=0 --set firms.xiaomi.flash_patience=0 \
    --set resale.reseller_share=1
# the smallest sizes are too small for some cases to pass: what counts here
# is only that the numbers are the same (the tables, not how the terminal
# shows them)
"$mishi" validate --scale 0.01 --threads 1 --no-plot --out "$tmp/validate" \
    >/dev/null || true
cat "$tmp/validate/validation.csv" "$tmp/validate/details.csv" \
    "$tmp/validate/curves.csv" >>"$tmp/all"
version=$("$mishi" version | awk 'NR == 1 {print $2}') # its first line
sum=$(cksum <"$tmp/all" | awk '{printf "%08x", $1}')
echo "mishi $version, model fingerprint $sum"
