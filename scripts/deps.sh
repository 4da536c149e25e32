#!/bin/sh
# deps.sh — install the Debian packages mishi builds and runs with, if any
# is missing. Idempotent: does nothing when all are present. Run as root
# (or with sudo available).
set -eu
PACKAGES="build-essential cmake pkg-config libyaml-dev librandom123-dev \
libgsl-dev libsqlite3-dev sqlite3 libopenmpi-dev openmpi-bin libcmocka-dev \
gnuplot-nox ${MISHI_EXTRA_PACKAGES:-}"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "mishi: installing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
