#!/usr/bin/env node
// Writes resources/kernel/include/lab.h from the trace ABI table (src/common/lab-abi.ts).
//   node scripts/gen-lab-h.mjs          write the header
//   node scripts/gen-lab-h.mjs --check  exit 1 if the committed header differs
import { register } from 'tsx/esm/api';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

register();
const { renderLabHeader } = await import('../src/common/lab-abi-header.ts');
const file = join(dirname(fileURLToPath(import.meta.url)), '../resources/kernel/include/lab.h');
const text = renderLabHeader();
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== text) {
    console.error('resources/kernel/include/lab.h differs from src/common/lab-abi.ts: run node scripts/gen-lab-h.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
}
