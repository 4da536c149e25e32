#!/bin/sh
# Paste `mishi params --markdown` between the params markers of docs/model.md
# (test_cli fails until the table and the schema agree).
set -eu
cd "$(dirname "$0")/.."
[ -x build/mishi ] || scripts/build.sh >/dev/null
tmp=docs/model.md.tmp
build/mishi params --markdown > "$tmp.table"
awk -v table="$tmp.table" '
    /<!-- params:end -->/ { skip = 0 }
    !skip { print }
    /<!-- params:begin -->/ { while ((getline line < table) > 0) print line; skip = 1 }
' docs/model.md > "$tmp"
rm -f "$tmp.table"
mv "$tmp" docs/model.md
