#!/usr/bin/env bash
# Rebuilds the lab kernel and the user programs from their sources in a scratch copy of the
# tree (at a different path, so no absolute path may leak into a binary) and fails if any
# committed binary under resources/kernel/build or resources/user/build differs from the
# rebuilt one. The working tree is not touched.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export SOURCE_DATE_EPOCH=0 LC_ALL=C TZ=UTC

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
tree="$scratch/elsewhere/forklab"
mkdir -p "$tree/resources" "$tree/scripts" "$tree/src/lab"
for part in kernel user; do
  mkdir -p "$tree/resources/$part"
  (cd "$ROOT/resources/$part" && tar --exclude=./build -cf - .) | tar -xf - -C "$tree/resources/$part"
done
cp "$ROOT/scripts/mkinitrd.mjs" "$tree/scripts/"
cp "$ROOT/src/lab/initrd.ts" "$tree/src/lab/"
cp "$ROOT/package.json" "$tree/"
ln -s "$ROOT/node_modules" "$tree/node_modules"

make -s -C "$tree/resources/kernel" >/dev/null
make -s -C "$tree/resources/user" >/dev/null

status=0
count=0
for f in $(cd "$ROOT" && ls resources/kernel/build/kernel.elf resources/kernel/build/Image \
             resources/user/build/*.elf resources/user/build/initrd.img resources/user/build/libc.a | sort); do
  count=$((count + 1))
  if [ ! -f "$tree/$f" ]; then
    echo "not rebuilt from the sources: $f"; status=1
  elif ! cmp -s "$ROOT/$f" "$tree/$f"; then
    echo "differs from a rebuild of its sources: $f"; status=1
  fi
done
for f in $(cd "$tree" && ls resources/user/build/*.elf); do
  [ -f "$ROOT/$f" ] || { echo "built but not committed: $f"; status=1; }
done
[ $status -eq 0 ] && echo "kernel and user binaries are reproducible ($count files)"
exit $status
