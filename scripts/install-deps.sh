#!/usr/bin/env bash
# Installs the Debian packages ForkLab's tests use: the RISC-V cross toolchain (kernel build and
# reference builds of test programs), QEMU (system and user mode, the reference machines),
# OpenSBI (QEMU's firmware), Chromium with a CJK font (end-to-end tests and screenshots of the
# web edition in both languages), dtc (decodes the device trees the emulator writes) and make
# (kernel builds).
set -euo pipefail
pkgs=(gcc-riscv64-linux-gnu qemu-system-misc opensbi qemu-user chromium fonts-wqy-microhei device-tree-compiler make)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
