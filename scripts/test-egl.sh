#!/usr/bin/env bash
# VirglGL as a glvnd EGL vendor: a C program that knows nothing of VirglGL (it links glvnd's libEGL and
# libOpenGL) renders through it when VirglGL's JSON is listed first — on the in-process host (where
# virglrenderer's own EGL calls must fall through to Mesa in the same process) and over vtest to a private
# virgl_test_server; OpenGL ES 3.x the same way through libGLESv2 (Tests/CABI/egl_gles_test.c). Then wflinfo
# (waffle-utils), a program we did not write, must print VirglGL's strings, desktop (-a gl) and ES (-a gles3).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-.build/debug}
OUT=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill -- -"$SERVER" 2>/dev/null; rm -rf "$OUT"; }
trap cleanup EXIT
eval "$(BUILD="$BUILD" scripts/virglgl-env.sh)"
gcc -std=c11 -Wall -Werror Tests/CABI/egl_test.c -o "$OUT/egl_test" -lEGL -lOpenGL
gcc -std=c11 -Wall -Werror Tests/CABI/egl_gles_test.c -o "$OUT/egl_gles_test" -lEGL -lGLESv2

echo "test-egl: in-process"
VIRGLGL_TRANSPORT=inprocess timeout 60 "$OUT/egl_test"
echo "test-egl: OpenGL ES (libGLESv2), in-process"
VIRGLGL_TRANSPORT=inprocess timeout 60 "$OUT/egl_gles_test"

echo "test-egl: vtest"
env -u __EGL_VENDOR_LIBRARY_FILENAMES setsid virgl_test_server --use-egl-surfaceless --socket-path="$OUT/vtest.sock" >"$OUT/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do [ -S "$OUT/vtest.sock" ] && break; sleep 0.1; done
VIRGLGL_TRANSPORT=vtest VIRGLGL_VTEST_SOCKET="$OUT/vtest.sock" timeout 60 "$OUT/egl_test" || { cat "$OUT/server.log" >&2; exit 1; }
VIRGLGL_TRANSPORT=vtest VIRGLGL_VTEST_SOCKET="$OUT/vtest.sock" timeout 60 "$OUT/egl_gles_test" || { cat "$OUT/server.log" >&2; exit 1; }

echo "test-egl: an unknown transport is a clear failure, not a crash"
if VIRGLGL_TRANSPORT=nonsense timeout 60 "$OUT/egl_test" >"$OUT/bad.log" 2>&1; then
  echo "FAIL: VIRGLGL_TRANSPORT=nonsense rendered" >&2; exit 1
fi
grep -q "not a transport" "$OUT/bad.log" || { cat "$OUT/bad.log" >&2; echo "FAIL: no message naming the bad transport" >&2; exit 1; }

if command -v wflinfo >/dev/null; then
  echo "test-egl: wflinfo"
  timeout 60 wflinfo -p surfaceless_egl -a gl --profile core -V 4.3 | tee "$OUT/wflinfo.txt"
  grep -q "^OpenGL vendor string: VirglGL" "$OUT/wflinfo.txt" || { echo "FAIL: wflinfo did not reach VirglGL" >&2; exit 1; }
  grep -q "^OpenGL version string: 4.3 (Core Profile) VirglGL" "$OUT/wflinfo.txt" || { echo "FAIL: wflinfo version" >&2; exit 1; }
  echo "test-egl: wflinfo -a gles3"
  timeout 60 wflinfo -p surfaceless_egl -a gles3 | tee "$OUT/wflinfo-gles.txt"
  grep -q "^OpenGL vendor string: VirglGL" "$OUT/wflinfo-gles.txt" || { echo "FAIL: wflinfo -a gles3 did not reach VirglGL" >&2; exit 1; }
  grep -q "^OpenGL version string: OpenGL ES 3.1 VirglGL" "$OUT/wflinfo-gles.txt" || { echo "FAIL: wflinfo -a gles3 version" >&2; exit 1; }
fi
echo "test-egl: ok"
