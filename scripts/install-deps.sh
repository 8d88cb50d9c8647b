#!/usr/bin/env bash
# Installs the Debian packages ForkLab's tests use, then proves each tool works.
#
# Packages: the RISC-V cross toolchain and its C library (kernel build and reference builds of
# test programs; libc6-dev-riscv64-cross is only a Recommends of the cross gcc, so it is named
# here or `--no-install-recommends` leaves it out), QEMU (system and user mode, the reference
# machines), OpenSBI (QEMU's firmware), Chromium with a CJK font (end-to-end tests and
# screenshots in both languages), dtc (decodes the device trees the emulator writes), poppler
# (pdftoppm/pdftotext read exported PDF reports back) and make (kernel builds).
#
# A package being present is not proof that it works, so after installing, scripts/check-deps.sh
# runs each tool for real and stops with one line naming what is missing and how to get it.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu libc6-dev-riscv64-cross
      qemu-system-misc opensbi qemu-user chromium fonts-wqy-microhei
      device-tree-compiler poppler-utils make)
missing=()
for p in "${pkgs[@]}"; do
  # dpkg -s also succeeds for a package that was removed but left its config files ("rc"),
  # so ask for the installed state itself.
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
bash scripts/check-deps.sh
