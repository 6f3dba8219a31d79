#!/usr/bin/env bash
# The golden scenes through Mesa's own virgl driver (GALLIUM_DRIVER=virpipe) over vtest, against the same
# native-llvmpipe references VirglGL is held to: where Mesa's virgl path and VirglGL's agree or differ.
# Mesa 22.3's client only connects to /tmp/.virgl_test, so this starts (and stops) the server there; do not run
# it beside another user of that socket. Writes out/virpipe/index.html and prints the PASS/FAIL table.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product virglgl -q
if [ -e /tmp/.virgl_test ]; then
  echo "golden-virpipe: /tmp/.virgl_test is in use; stop that server first" >&2
  exit 1
fi
virgl_test_server --use-egl-surfaceless >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f /tmp/.virgl_test' EXIT
for _ in $(seq 100); do [ -S /tmp/.virgl_test ] && break; sleep 0.1; done
status=0
LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=virpipe .build/debug/virglgl golden --driver native --renderer llvmpipe --out out/virpipe || status=$?
echo "golden-virpipe: report in out/virpipe/index.html"
exit $status
