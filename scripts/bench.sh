#!/usr/bin/env bash
# `make bench`: builds the release CLI and runs `virglgl bench` (every workload on VirglGL over vtest, Mesa's
# virgl driver over vtest, native llvmpipe and in-process VirglGL; density; callgrind per draw). Installs valgrind
# when it is missing. Writes out/bench/report.md, results.csv and chart.svg. Arguments go to `virglgl bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null; then
  echo "bench: installing valgrind" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq --no-install-recommends valgrind >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends valgrind >/dev/null; } \
    || echo "bench: valgrind could not be installed; the callgrind table will say so" >&2
fi
swift build -c release --product virglgl
exec .build/release/virglgl bench --out out/bench "$@"
