#!/usr/bin/env bash
# Checks that every external tool the tests compare against works, by using it once:
#   - the cross gcc builds a static hello world against the RISC-V C library,
#     and qemu-riscv64 runs it;
#   - qemu-system-riscv64 boots OpenSBI (its banner appears on the console);
#   - Chromium starts headless and renders a page;
#   - dtc compiles a device tree;
#   - pdftoppm and pdftotext answer.
# The first broken piece stops the run with one line: what failed and which package brings it.
set -uo pipefail
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check-deps: $1 (install it with: bash scripts/install-deps.sh, or apt-get install $2)" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 not found" "$2"; }

need riscv64-linux-gnu-gcc gcc-riscv64-linux-gnu
need qemu-riscv64 qemu-user
cat >"$tmp/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { printf("hello from riscv64\n"); return 0; }
EOF
riscv64-linux-gnu-gcc -static -o "$tmp/hello" "$tmp/hello.c" 2>"$tmp/gcc.err" ||
  fail "riscv64-linux-gnu-gcc cannot build a static C program ($(grep -m1 -o '[^ ]*: No such file or directory' "$tmp/gcc.err" || head -c 200 "$tmp/gcc.err"))" libc6-dev-riscv64-cross
[ "$(qemu-riscv64 "$tmp/hello" 2>&1)" = "hello from riscv64" ] ||
  fail "qemu-riscv64 does not run a static RISC-V program" qemu-user

need qemu-system-riscv64 qemu-system-misc
# Without a kernel OpenSBI prints its banner and then waits, so a time limit ends the boot.
timeout 5 qemu-system-riscv64 -machine virt -bios default -nographic -m 128 </dev/null >"$tmp/sbi.out" 2>&1
grep -q "OpenSBI" "$tmp/sbi.out" ||
  fail "qemu-system-riscv64 does not boot OpenSBI ($(head -c 200 "$tmp/sbi.out"))" opensbi

need chromium chromium
timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/chrome" --dump-dom 'data:text/html,<p>forklab-ok</p>' >"$tmp/dom.html" 2>/dev/null
grep -q "forklab-ok" "$tmp/dom.html" || fail "chromium does not start headless" chromium
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || fail "no CJK font for Chinese screenshots and PDFs" fonts-wqy-microhei

need dtc device-tree-compiler
echo '/dts-v1/; / { model = "forklab"; };' | dtc -I dts -O dtb -o "$tmp/t.dtb" - 2>/dev/null ||
  fail "dtc does not compile a device tree" device-tree-compiler

need pdftoppm poppler-utils
need pdftotext poppler-utils
need make make
echo "check-deps: cross gcc + C library, qemu-riscv64, qemu-system-riscv64 + OpenSBI, chromium, dtc, poppler: all work"
