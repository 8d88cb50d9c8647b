// The kernel's DWARF line table as ForkLab decodes it, checked row by row against GNU objdump's
// own decoding (--dwarf=decodedline) and lookups against addr2line.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tool } from '../../tools';
import { KERNEL_ELF } from '../../kernel/boot';
import { parseDebugLine, readDwarfLineTable, joinPath } from '../../../src/lab/debug/dwarf-line';
import { LineIndex } from '../../../src/lab/debug/line-index';

const kernel = new Uint8Array(readFileSync(KERNEL_ELF));

interface RefRow {
  base: string;
  line: number | null;
  addr: bigint;
  stmt: boolean;
}

function objdumpRows(): RefRow[] {
  const r = spawnSync(tool('riscv64-linux-gnu-objdump'), ['--dwarf=decodedline', KERNEL_ELF], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(r.status).toBe(0);
  const rows: RefRow[] = [];
  for (const text of r.stdout.split('\n')) {
    const m = /^(\S+)\s+(\d+|-)\s+(0x[0-9a-f]+)(?:\s+(\d+))?(?:\s+(x))?\s*$/.exec(text);
    if (!m) continue;
    rows.push({ base: m[1]!, line: m[2] === '-' ? null : Number(m[2]), addr: BigInt(m[3]!), stmt: m[5] === 'x' });
  }
  return rows;
}

describe('the kernel line table (DWARF 5 .debug_line written by gcc 12)', () => {
  const table = readDwarfLineTable(kernel);

  test('decodes every row exactly as objdump does', () => {
    expect(table.problems).toEqual([]);
    const ref = objdumpRows();
    expect(ref.length).toBeGreaterThan(3000);
    const ours = table.rows.map((r) => ({ base: r.file.split('/').pop()!, line: r.end ? null : r.line, addr: r.addr, stmt: r.end ? false : r.isStmt }));
    expect(ours).toEqual(ref);
  });

  test('names the sources by their path in resources/kernel', () => {
    const files = new LineIndex(table.rows).files();
    expect(files).toContain('mm/fault.c');
    expect(files).toContain('kernel/fork.c');
    expect(files).toContain('include/list.h');
    expect(files).toContain('arch/entry.S');
    for (const f of files) expect(f.startsWith('/') || f.startsWith('.')).toBe(false);
  });

  test('finds the line of a PC as addr2line does, at every breakpoint address of mm/fault.c', () => {
    const index = new LineIndex(table.rows);
    const addrs: bigint[] = [];
    for (let line = 1; line < 200; line++) addrs.push(...index.addressesOf('mm/fault.c', line));
    expect(addrs.length).toBeGreaterThan(10);
    const r = spawnSync(tool('riscv64-linux-gnu-addr2line'), ['-e', KERNEL_ELF, ...addrs.map((a) => `0x${a.toString(16)}`)], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const ref = r.stdout.trim().split('\n');
    addrs.forEach((a, i) => {
      const at = index.lineAt(a)!;
      // addr2line prints the compile-relative path and the line (with a discriminator note sometimes)
      expect(`${at.file}:${at.line}`).toBe(joinPath('', ref[i]!.replace(/ \(discriminator \d+\)$/, '')));
    });
  });

  test('puts a breakpoint on do_page_fault\'s first line at the function', () => {
    const nm = spawnSync(tool('riscv64-linux-gnu-nm'), [KERNEL_ELF], { encoding: 'utf8' });
    const sym = /^([0-9a-f]+) T do_page_fault$/m.exec(nm.stdout);
    expect(sym).not.toBeNull();
    const start = BigInt(`0x${sym![1]}`);
    const index = new LineIndex(table.rows);
    const at = index.lineAt(start)!;
    expect(at.file).toBe('mm/fault.c');
    expect(index.addressesOf(at.file, at.line)).toContain(start);
  });

  test('reports a truncated or corrupt section instead of throwing', () => {
    const sec = readDwarfLineTable(kernel);
    expect(sec.rows.length).toBeGreaterThan(0);
    const cut = parseDebugLine(new Uint8Array([0x40, 0, 0, 0, 5, 0, 8]));
    expect(cut.rows).toEqual([]);
    expect(cut.problems[0]).toMatch(/runs past the end|truncated/);
    expect(readDwarfLineTable(new Uint8Array(10)).problems).toEqual(['not a readable ELF file']);
  });
});

describe('joinPath', () => {
  test('drops "." parts and keeps absolute names', () => {
    expect(joinPath('.', 'kernel/fork.c')).toBe('kernel/fork.c');
    expect(joinPath('include', 'list.h')).toBe('include/list.h');
    expect(joinPath('./include', '../mm/x.c')).toBe('mm/x.c');
    expect(joinPath('arch', '/abs/y.S')).toBe('/abs/y.S');
  });
});
