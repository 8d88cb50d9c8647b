#!/usr/bin/env bash
# Rebuilds the lab kernel and the user programs from a clean state and fails if any committed
# binary (resources/kernel/build, resources/user/build) differs from the rebuilt one.
# The committed files are restored afterwards, so the working tree is left as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
export SOURCE_DATE_EPOCH=0 LC_ALL=C TZ=UTC

BINARIES=(resources/kernel/build/kernel.elf resources/kernel/build/Image)
while IFS= read -r f; do BINARIES+=("$f"); done < <(ls resources/user/build/*.elf resources/user/build/initrd.img resources/user/build/libc.a | sort)

saved=$(mktemp -d)
trap 'rm -rf "$saved"' EXIT
for f in "${BINARIES[@]}"; do
  mkdir -p "$saved/$(dirname "$f")"
  cp "$f" "$saved/$f"
done

make -s -C resources/kernel clean >/dev/null
make -s -C resources/user clean >/dev/null
make -s -C resources/kernel >/dev/null
make -s -C resources/user >/dev/null

status=0
for f in "${BINARIES[@]}"; do
  if [ ! -f "$f" ]; then
    echo "not rebuilt: $f"; status=1
  elif ! cmp -s "$f" "$saved/$f"; then
    echo "differs from its sources: $f"; status=1
  fi
done
for f in "${BINARIES[@]}"; do cp "$saved/$f" "$f"; done
if [ $status -eq 0 ]; then echo "kernel and user binaries are reproducible (${#BINARIES[@]} files)"; fi
exit $status
