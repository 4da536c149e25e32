#!/bin/sh
# main.sh — the main job: install what is missing, build, and run the
# default scenario (scenarios/train-station.yaml) into out/train-station/:
# firms.csv, market.csv, summary.json, plot.svg and plot.png.
# Extra arguments go to `mishi run` (e.g. --seed 7 --threads 2).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/build.sh" "$here/build"
cd "$here"
./build/mishi run scenarios/train-station.yaml --out out/train-station "$@"
