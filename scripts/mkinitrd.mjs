#!/usr/bin/env node
// Packs ELF programs into the lab's initrd (docs/abi.md section 3) with src/lab/initrd.ts.
//   node scripts/mkinitrd.mjs -o OUT.img prog.elf [name=other.elf ...]
// An app's name is its file name without `.elf`, or the NAME= prefix when given.
import { register } from 'tsx/esm/api';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

register();
const { packInitrd } = await import('../src/lab/initrd.ts');

const args = process.argv.slice(2);
let out = null;
const apps = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-o') {
    out = args[++i];
    continue;
  }
  const eq = a.indexOf('=');
  const path = eq > 0 ? a.slice(eq + 1) : a;
  const name = eq > 0 ? a.slice(0, eq) : basename(a).replace(/\.elf$/, '');
  let elf;
  try {
    elf = new Uint8Array(readFileSync(path));
  } catch (err) {
    console.error(`mkinitrd: cannot read ${path}: ${err.message}`);
    process.exit(1);
  }
  apps.push({ name, elf });
}
if (!out || apps.length === 0) {
  console.error('usage: node scripts/mkinitrd.mjs -o OUT.img prog.elf [name=prog.elf ...]');
  process.exit(2);
}
const r = packInitrd(apps);
if (!r.ok) {
  console.error(`mkinitrd: ${r.error}`);
  process.exit(1);
}
writeFileSync(out, r.value);
