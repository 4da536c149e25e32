# bench/common.sh — what the benchmark scripts share; sourced, not run.
# shellcheck shell=sh

# field NAME FILE: the value of "NAME: value" in FILE
field() { sed -n "s/^$1: //p" "$2"; }

# middle COUNT: of COUNT lines on standard input, each starting with a
# number, the median line (the lower of the two middle ones for an even
# count)
middle() { sort -g | sed -n "$((($1 + 1) / 2))p"; }

# whole_repeats VALUE: VALUE, or exit 2 unless it is a whole number from 1
whole_repeats() {
    case $1 in '' | *[!0-9]* | 0) echo "REPEATS must be a whole number from 1, not '$1'" >&2; exit 2 ;; esac
    echo "$1"
}
