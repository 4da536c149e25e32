#!/bin/sh
# build.sh [BUILD_DIR] — configure and build mishi with CMake (Release by
# default; CMAKE_ARGS adds options, e.g. -DMISHI_SANITIZE=ON).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
"$here/scripts/deps.sh"
# shellcheck disable=SC2086
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
