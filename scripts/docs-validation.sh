#!/bin/sh
# Regenerate docs/validation.md's results table and the plots in
# docs/validation/ from `mishi validate` at its default sizes. Nothing in
# the docs' results is typed in by hand: rerun this after changing a case.
set -eu
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
out=docs/validation
status=0
build/mishi validate --out "$out" > "$out.txt" || status=$?
rm -f "$out"/*.png # the docs link the SVGs; PNGs are for people's own runs
awk -v table="$out.txt" '
    /<!-- results:end -->/ { skip = 0 }
    !skip { print }
    /<!-- results:begin -->/ {
        print "```"
        while ((getline line < table) > 0) if (line !~ /^output: /) print line
        print "```"
        skip = 1
    }
' docs/validation.md > docs/validation.md.tmp
mv docs/validation.md.tmp docs/validation.md
rm -f "$out.txt"
exit "$status"
