#!/bin/sh
# header_example.sh HEADER — the example in HEADER's first comment (its lines
# are indented four spaces after " * ") as a C program, for the test that
# builds and runs it (CMakeLists.txt): the example a library user starts
# from must compile against the header it sits in.
set -eu
printf '/* made by tests/header_example.sh from %s */\n' "$(basename "$1")"
printf '#include "mishi.h"\n\nint main(void) {\n'
sed -n '1,/\*\//s/^ \*     /    /p' "$1"
printf '    return 0;\n}\n'
