#!/usr/bin/env bash
# Installs the Debian packages VirglGL needs to build and test. Idempotent: quiet when all is present.
set -euo pipefail
PKGS=(
  libxml2-dev khronos-api
  libvirglrenderer-dev virgl-server
  libdrm-dev libgl-dev libegl-dev libgles-dev libglvnd-dev
  libgl1-mesa-dri libegl-mesa0
  glslang-dev spirv-tools libpng-dev
  waffle-utils piglit
  binutils gcc pkg-config
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
