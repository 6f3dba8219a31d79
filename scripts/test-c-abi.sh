#!/usr/bin/env bash
# The driver's C ABI, checked from outside Swift:
#  1. `nm -D --defined-only libVirglGL.so` exports every GL 4.6 core and compatibility command, the list
#     computed here independently of glgen (Python's ElementTree over Registry/gl.xml);
#  2. a C program compiled against GL/glcorearb.h links to libVirglGL.so and runs (Tests/CABI/abi_test.c).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-.build/debug}
LIB="$BUILD/libVirglGL.so"
[ -f "$LIB" ] || { echo "test-c-abi: $LIB is missing; run swift build first" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

python3 - Registry/gl.xml > "$OUT/expected.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def select(profile):
    names = set()
    feats = [f for f in root.findall("feature") if f.get("api") == "gl"]
    feats.sort(key=lambda f: tuple(int(x) for x in f.get("number").split(".")))
    for f in feats:
        for r in f.findall("require"):
            if r.get("profile") in (None, profile):
                names.update(c.get("name") for c in r.findall("command"))
        for r in f.findall("remove"):
            if r.get("profile") in (None, profile):
                names.difference_update(c.get("name") for c in r.findall("command"))
    return names
core, compat = select("core"), select("compatibility")
print(f"# core {len(core)} compatibility {len(compat)} union {len(core | compat)}", file=sys.stderr)
assert len(core) == 657, len(core)
print("\n".join(sorted(core | compat)))
PY
nm -D --defined-only "$LIB" | awk '{print $3}' | sort -u > "$OUT/exported.txt"
missing=$(comm -23 "$OUT/expected.txt" "$OUT/exported.txt")
if [ -n "$missing" ]; then
  echo "test-c-abi: libVirglGL.so does not export:" >&2
  echo "$missing" | head -20 >&2
  exit 1
fi
echo "test-c-abi: libVirglGL.so exports all $(wc -l < "$OUT/expected.txt") GL 4.6 core+compatibility commands"

gcc -std=c11 -Wall -Werror -Iinclude Tests/CABI/abi_test.c -o "$OUT/abi_test" \
  -L"$BUILD" -lVirglGL -Wl,-rpath,"$(cd "$BUILD" && pwd)"
"$OUT/abi_test"

# A C program that renders a textured, lit, indexed mesh through VirglGL and compares with native Mesa.
gcc -std=c11 -Wall -Werror -Iinclude Tests/CABI/lit_mesh.c -o "$OUT/lit_mesh" \
  -L"$BUILD" -lVirglGL -Wl,-rpath,"$(cd "$BUILD" && pwd)" -lpng16 -lm
"$OUT/lit_mesh" Golden/llvmpipe/lit_mesh.png
