// The emulator's ELF reader reads symbols on first use: the same names, values, sizes and
// kinds as the toolchain's independent ELF reader (src/toolchain/elf), globals preferred by
// symbol(), and a damaged symbol table still never throws.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseElf } from '../../../src/emulator/elf';
import { readElf } from '../../../src/toolchain/elf/reader';

const root = join(import.meta.dirname, '..', '..', '..');
const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));

test('symbols read on first use match the toolchain reader', () => {
  const ours = parseElf(kernel);
  if (!ours.ok) throw new Error(ours.error);
  const ref = readElf(kernel);
  if (ref.elf === undefined) throw new Error(ref.error);
  const expected = ref.elf.symbols.filter((s) => s.name !== '')
    .map((s) => ({ name: s.name, value: s.value, size: Number(s.size), type: s.type, bind: s.bind }));
  expect(expected.length).toBeGreaterThan(100);
  expect(ours.elf.symbols).toEqual(expected);
  // The same array on every read (parsed once).
  expect(ours.elf.symbols).toBe(ours.elf.symbols);
  const global = expected.find((s) => s.bind === 1)!;
  expect(ours.elf.symbol(global.name)).toEqual(global);
  expect(ours.elf.symbol('no such symbol')).toBeUndefined();
});

test('a global wins over an earlier local of the same name', () => {
  const ours = parseElf(kernel);
  if (!ours.ok) throw new Error(ours.error);
  const names = new Map<string, number[]>();
  for (const s of ours.elf.symbols) names.set(s.name, [...(names.get(s.name) ?? []), s.bind]);
  for (const [name, binds] of names) {
    if (binds.includes(1) && binds.length > 1) expect(ours.elf.symbol(name)!.bind).toBe(1);
  }
});

test('a symbol table pointing past the file gives no symbols, not an exception', () => {
  const bad = kernel.slice();
  const dv = new DataView(bad.buffer);
  const shoff = Number(dv.getBigUint64(40, true));
  const shnum = dv.getUint16(60, true);
  for (let i = 0; i < shnum; i++) {
    const b = shoff + i * 64;
    if (dv.getUint32(b + 4, true) === 2) dv.setBigUint64(b + 24, BigInt(bad.length), true); // sh_offset past the end
  }
  const parsed = parseElf(bad);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.elf.symbols).toEqual([]);
  expect(parsed.elf.symbol('tohost')).toBeUndefined();
  expect(parsed.elf.segments.length).toBeGreaterThan(0);
});
