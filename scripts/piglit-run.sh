#!/usr/bin/env bash
# Runs piglit tests on one driver: scripts/piglit-run.sh DRIVER RESULTS_DIR (PROFILE | --test-list FILE) [piglit options]
#   virglgl        VirglGL through its glvnd EGL vendor, in-process virglrenderer (the default host)
#   virglgl-vtest  VirglGL over vtest to a private virgl_test_server
#   native         the machine's Mesa (llvmpipe)
#   virpipe        Mesa's own virgl driver over vtest. Mesa 22.3 only connects to /tmp/.virgl_test, so as root
#                  this runs in a private mount namespace with its own /tmp (no clash with other users of that
#                  path); otherwise /tmp/.virgl_test must be free. Runs without concurrency (FINDINGS.md).
# Results go to RESULTS_DIR (piglit's format; `piglit resume RESULTS_DIR` continues a cut-off run).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { sed -n 2,10p "$0" >&2; exit 2; }
DRIVER=$1; RESULTS=$(realpath -m "$2"); shift 2
export PIGLIT_SOURCE_DIR=${PIGLIT_SOURCE_DIR:-/usr/lib/x86_64-linux-gnu/piglit}
export PIGLIT_PLATFORM=surfaceless_egl
BUILD=${BUILD:-.build/debug}
COMMON=(-p surfaceless_egl -l dummy -o --timeout "${PIGLIT_TIMEOUT:-60}")
case "$DRIVER" in
  virglgl|virglgl-vtest)
    eval "$(BUILD="$BUILD" scripts/virglgl-env.sh)"
    if [ "$DRIVER" = virglgl-vtest ]; then
      SOCK=$(mktemp -u /tmp/virglgl-piglit.XXXXXX)
      env -u __EGL_VENDOR_LIBRARY_FILENAMES setsid virgl_test_server --use-egl-surfaceless --socket-path="$SOCK" >/dev/null 2>&1 &
      SERVER=$!
      trap 'kill -- -$SERVER 2>/dev/null; rm -f "$SOCK"' EXIT
      for _ in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.1; done
      export VIRGLGL_TRANSPORT=vtest VIRGLGL_VTEST_SOCKET=$SOCK
    else
      export VIRGLGL_TRANSPORT=inprocess
    fi
    exec piglit run "${COMMON[@]}" "$@" "$RESULTS" ;;
  native)
    exec piglit run "${COMMON[@]}" "$@" "$RESULTS" ;;
  virpipe)
    if [ "$(id -u)" -eq 0 ] && [ -z "${VIRGLGL_PIGLIT_NS:-}" ]; then
      exec unshare -m env VIRGLGL_PIGLIT_NS=1 "$0" virpipe "$RESULTS" "$@"
    fi
    [ -n "${VIRGLGL_PIGLIT_NS:-}" ] && mount -t tmpfs tmpfs /tmp
    [ -e /tmp/.virgl_test ] && { echo "piglit-run: /tmp/.virgl_test is in use" >&2; exit 1; }
    virgl_test_server --use-egl-surfaceless >/dev/null 2>&1 &
    SERVER=$!
    trap 'kill $SERVER 2>/dev/null; rm -f /tmp/.virgl_test' EXIT
    for _ in $(seq 100); do [ -S /tmp/.virgl_test ] && break; sleep 0.1; done
    LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=virpipe piglit run "${COMMON[@]}" -1 "$@" "$RESULTS" ;;
  *) echo "piglit-run: unknown driver $DRIVER (virglgl, virglgl-vtest, native, virpipe)" >&2; exit 2 ;;
esac
