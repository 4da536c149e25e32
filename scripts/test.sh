#!/bin/sh
# test.sh — the whole test suite: install what is missing, build (warnings
# are errors), and run every test under ctest. SANITIZE=1 builds with
# AddressSanitizer + UndefinedBehaviorSanitizer into build-sanitize/.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build
if [ "${SANITIZE:-0}" = 1 ]; then
    build=$here/build-sanitize
    CMAKE_ARGS="${CMAKE_ARGS:-} -DMISHI_SANITIZE=ON"
    BUILD_TYPE=Debug
    export CMAKE_ARGS BUILD_TYPE
fi
"$here/scripts/build.sh" "$build"
cd "$build"
ctest --output-on-failure -j"$(nproc)"
