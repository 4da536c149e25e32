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

# machine: what a table was measured on, for its closing line: the cores,
# the CPU as the kernel names it (with its family and model numbers, since a
# virtual machine's name can be as short as "AMD EPYC"), its last-level
# cache and the architecture. Hosts of one kind of machine differ, and the
# ratios to the loop and the 2/1 speed-ups move with them (bench/README.md,
# "The machine").
machine() {
    cpu=$(awk -F': *' '/^model name/ { name = $2 } /^cpu family/ { family = $2 }
        /^model[ \t]*:/ { model = $2 }
        END { if (name != "") printf "%s%s", name, family != "" ? " (family " family ", model " model ")" : "" }' \
        /proc/cpuinfo 2>/dev/null)
    l3=$(lscpu 2>/dev/null | sed -n 's/^L3 cache: *\([^(]*[^ (]\).*/\1/p')
    echo "$(nproc) cores${cpu:+ of $cpu}${l3:+, $l3 of L3}, $(uname -m)"
}
