#!/usr/bin/env bash
# Prints the environment that routes any EGL program on this machine to VirglGL through glvnd, for the build in
# BUILD (default .build/debug): source it, or copy the lines. VirglGL's JSON comes first and Mesa's second, so
# in-process virglrenderer's own EGL calls still reach Mesa. VIRGLGL_TRANSPORT picks the host (in-process now).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-.build/debug}
LIB="$(cd "$BUILD" && pwd)/libEGL_virglgl.so"
[ -f "$LIB" ] || { echo "virglgl-env: $LIB is missing; run swift build first" >&2; exit 1; }
JSON="$(cd "$BUILD" && pwd)/virglgl_egl.json"
printf '{\n    "file_format_version" : "1.0.0",\n    "ICD" : {\n        "library_path" : "%s"\n    }\n}\n' "$LIB" > "$JSON"
MESA=/usr/share/glvnd/egl_vendor.d/50_mesa.json
echo "export __EGL_VENDOR_LIBRARY_FILENAMES=$JSON:$MESA"
