#!/usr/bin/env bash
# The virtio-gpu transport in a real guest kernel: QEMU (TCG) with `-device virtio-gpu-gl-pci -display gtk,gl=on`
# under Xvfb gives a Debian 6.1 guest kernel a 3D virtio-gpu whose host side is virglrenderer on llvmpipe.
# Builds Tests/GuestStreamCheck with the Swift runtime linked in, boots a busybox initramfs holding it and its
# shared libraries, and exits with the program's exit status (read back from the serial console).
#
# Usage: scripts/test-virtio-guest.sh            (the kernel package is cached in .build-guest/)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.build-guest
KVER=${GUEST_KERNEL:-6.1.0-56-amd64}
need="qemu-system-x86 qemu-system-gui xvfb xauth busybox-static kmod cpio"
missing=""
for p in $need; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "test-virtio-guest: installing$missing" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# 1. The in-guest program, with the Swift runtime static so the guest needs only C libraries.
swift build --scratch-path "$CACHE/swift" --product GuestStreamCheck --static-swift-stdlib -q
PROG=$CACHE/swift/debug/GuestStreamCheck

# 2. The guest kernel (Debian's; virtio-gpu and its dependencies are modules).
KDIR=$CACHE/kernel
if [ ! -d "$KDIR/lib/modules" ]; then
  mkdir -p "$CACHE/deb" && rm -rf "$KDIR"
  (cd "$CACHE/deb" && { apt-get download -qq "linux-image-$KVER" 2>/dev/null || apt-get download -qq linux-image-amd64; })
  dpkg -x "$(ls "$CACHE"/deb/linux-image-*.deb | head -1)" "$KDIR"
fi
KVER=$(ls "$KDIR/lib/modules" | head -1)
VMLINUZ=$KDIR/boot/vmlinuz-$KVER

# 3. An initramfs: busybox, the virtio-gpu modules, the program and the shared libraries it loads.
WORK=$(mktemp -d)
trap '[ -n "${KEEP_GUEST_WORK:-}" ] || rm -rf "$WORK"' EXIT
IR=$WORK/ir
mkdir -p "$IR"/{bin,mod,dev,proc,sys,lib,lib64,tmp}
cp /bin/busybox "$IR/bin/"
for a in sh mount insmod sleep poweroff echo; do ln -s busybox "$IR/bin/$a"; done
MODS="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_dma_buf drm drm_kms_helper drm_shmem_helper virtio-gpu"
for m in $MODS; do
  f=$(find "$KDIR/lib/modules" -name "$m.ko*" | head -1)
  [ -n "$f" ] || { echo "test-virtio-guest: module $m not in the kernel package" >&2; exit 1; }
  case "$f" in *.xz) xz -dc "$f" > "$IR/mod/$m.ko" ;; *) cp "$f" "$IR/mod/$m.ko" ;; esac
done
cp "$PROG" "$IR/bin/check"
cp Golden/llvmpipe/vertex_colors.png "$IR/reference.png"
for lib in $(ldd "$PROG" | grep -o '/[^ ]*\.so[^ ]*'); do cp -L "$lib" "$IR/lib/"; done
cp -L /lib64/ld-linux-x86-64.so.2 "$IR/lib64/"
cat > "$IR/init" <<EOS
#!/bin/sh
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $MODS; do insmod /mod/\$m.ko || echo "insmod \$m failed"; done
i=0; while [ ! -e /dev/dri/renderD128 ] && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i+1)); done
LD_LIBRARY_PATH=/lib /bin/check /reference.png; echo "GUEST-EXIT-STATUS: \$?"
poweroff -f
EOS
chmod +x "$IR/init"
(cd "$IR" && find . | cpio -o -H newc 2>/dev/null | gzip -1 > "$WORK/initrd.gz")

# 4. Boot. The console goes to a log; the exit status comes back on it.
LOG=$WORK/console.log
start=$(date +%s)
timeout "${GUEST_TIMEOUT:-300}" xvfb-run -a -s '-screen 0 1024x768x24' qemu-system-x86_64 -accel tcg -m 1024 \
  -kernel "$VMLINUZ" -initrd "$WORK/initrd.gz" -append 'console=ttyS0 quiet' \
  -serial stdio -monitor none -no-reboot -device virtio-gpu-gl-pci -display gtk,gl=on > "$LOG" 2>&1 || true
grep -a 'guest-check' "$LOG" || true
status=$(grep -a -o 'GUEST-EXIT-STATUS: [0-9]*' "$LOG" | tail -1 | awk '{print $2}' || true)
if [ -z "$status" ]; then
  echo "test-virtio-guest: the guest reported no exit status; console:" >&2
  tail -40 "$LOG" >&2
  exit 1
fi
echo "test-virtio-guest: guest exit status $status after $(( $(date +%s) - start )) s"
exit "$status"
