// The line table: .file/.loc rows survive assembly and linking with the right addresses.
// Reference 1: gcc -g output assembled and linked by GNU as/ld, whose DWARF line program
// (objdump --dwarf=decodedline) must give the same address -> line map as ForkLab's table.
// Reference 2: hand-placed .loc directives whose addresses are known from the labels.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { lineAt, link, readLineTable } from '../../../src/toolchain/link';
import { readElf, symbolAt } from '../../../src/toolchain/elf';
import { run, withTempDir } from '../asm/gnu';
import { gnuLink } from './qemu';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tool } from '../../tools';

const source = readFileSync(join(__dirname, 'programs', 'freestanding.c'), 'utf8');

function gccAsm(flags: string[]): string {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'prog.c'), source);
    // Run in the source's directory so the line table names 'prog.c', as a student would see it.
    execFileSync(tool('riscv64-linux-gnu-gcc'), [...flags, '-g', '-march=rv64ima', '-mabi=lp64', '-ffreestanding', '-S', 'prog.c', '-o', 'prog.s'], { cwd: dir, stdio: 'pipe' });
    return readFileSync(join(dir, 'prog.s'), 'utf8');
  });
}

/** address -> "file:line:stmt" from GNU's DWARF line program (last row wins at one address). */
function dwarfLines(asm: string): Map<bigint, string> {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'p.s'), asm);
    run(tool('riscv64-linux-gnu-as'), ['-march=rv64ima', '-mabi=lp64', '-mno-relax', join(dir, 'p.s'), '-o', join(dir, 'p.o')]);
    run(tool('riscv64-linux-gnu-ld'), ['-Ttext=0x10000', '--no-relax', '-e', '_start', '-o', join(dir, 'p'), join(dir, 'p.o')]);
    const out = run(tool('riscv64-linux-gnu-objdump'), ['--dwarf=decodedline', join(dir, 'p')]);
    const map = new Map<bigint, string>();
    for (const line of out.split('\n')) {
      const m = /^(\S+)\s+(\d+)\s+(0x[0-9a-f]+)(?:\s+\d+)?\s*(x?)\s*$/.exec(line);
      if (m) map.set(BigInt(m[3]!), `${m[1]}:${m[2]}:${m[4] === 'x'}`);
    }
    return map;
  });
}

describe('line table', () => {
  for (const opt of ['-O0', '-O1']) {
    test(`maps every address like GNU's DWARF line program for gcc ${opt} -g output`, () => {
      const asm = gccAsm([opt, '-fno-pie']);
      const obj = assemble(asm, 'prog.s');
      expect(obj.diagnostics).toEqual([]);
      const exe = link([{ name: 'prog.o', bytes: obj.object }]);
      expect(exe.diagnostics).toEqual([]);
      const ours = new Map(readLineTable(exe.elf).map((r) => [r.addr, `${r.file}:${r.line}:${r.isStmt}`]));
      const reference = dwarfLines(asm);
      expect(reference.size).toBeGreaterThan(20);
      expect(ours).toEqual(reference);
    });
  }

  const HAND = `
  .file 1 "main.c"
  .file 2 "util.h"
  .text
  .globl _start
_start:
  .loc 1 3 5
  li a0, 0
  .loc 1 4 1 is_stmt 0
  .loc 1 5 9 is_stmt 1
here:
  addi a0, a0, 1
  nop
  .loc 2 10 2 is_stmt 0
  .word 0x00000013
  .loc 1 7 3 prologue_end
  .data
  .word 5
  .text
there:
  ret
`;

  test('rows attach to the next instruction, the last .loc before it wins, and is_stmt is kept', () => {
    const obj = assemble(HAND, 'hand.s');
    expect(obj.diagnostics).toEqual([]);
    const exe = link([{ name: 'hand.o', bytes: obj.object }]);
    const elf = readElf(exe.elf).elf!;
    const at = (n: string) => elf.symbols.find((s) => s.name === n)!.value;
    expect(readLineTable(exe.elf)).toEqual([
      { addr: at('_start'), file: 'main.c', line: 3, column: 5, isStmt: true },
      { addr: at('here'), file: 'main.c', line: 5, column: 9, isStmt: true },
      // is_stmt 0 from the discarded `.loc 2 10` row stays set, as in DWARF's state machine
      { addr: at('there'), file: 'main.c', line: 7, column: 3, isStmt: false },
    ]);
  });

  test('GNU ld relocates the table in ForkLab objects too', () => {
    const obj = assemble(HAND, 'hand.s');
    const gnu = gnuLink([obj.object], ['-Ttext=0x20000']);
    const rows = readLineTable(gnu);
    expect(rows.map((r) => r.addr)).toEqual([0x20000n, 0x20004n, 0x20010n]);
    expect(rows.map((r) => r.line)).toEqual([3, 5, 7]);
  });

  test('units from several objects are concatenated, each with its own file names', () => {
    const a = assemble('.file 1 "a.c"\n.globl _start\n_start:\n.loc 1 1 1\nnop\n', 'a.s');
    const b = assemble('.file 1 "b.c"\n.file 2 "b.h"\nf:\n.loc 2 20 1\nnop\n.loc 1 9 4\nret\n', 'b.s');
    const exe = link([{ name: 'a.o', bytes: a.object }, { name: 'b.o', bytes: b.object }]);
    expect(readLineTable(exe.elf).map((r) => `${r.addr.toString(16)} ${r.file}:${r.line}:${r.column}`)).toEqual([
      '10000 a.c:1:1', '10004 b.h:20:1', '10008 b.c:9:4',
    ]);
  });

  test('rows out of address order (code in two sections) come back sorted by address', () => {
    // emitted .text+0, .text.b+0, .text+4; .text.b is placed after .text
    const src = '.file 1 "m.c"\n.globl _start\n_start:\n.loc 1 1 1\nnop\n'
      + '.section .text.b,"ax",@progbits\n.loc 1 2 1\nnop\n.text\n.loc 1 3 1\nnop\n';
    const obj = assemble(src, 'm.s');
    expect(obj.diagnostics).toEqual([]);
    const exe = link([{ name: 'm.o', bytes: obj.object }]);
    expect(readLineTable(exe.elf).map((r) => `${r.addr.toString(16)} m.c:${r.line}`)).toEqual(['10000 m.c:1', '10004 m.c:3', '10008 m.c:2']);
  });

  test('lineAt finds the row covering a PC and symbolAt the function around it', () => {
    const src = '.file 1 "m.c"\n.globl _start\n.type _start, @function\n_start:\n.loc 1 1 1\nnop\nnop\n.loc 1 2 1\nnop\n.size _start, .-_start\n';
    const exe = link([{ name: 'm.o', bytes: assemble(src, 'm.s').object }]).elf;
    const rows = readLineTable(exe);
    expect(lineAt(rows, 0x0fffcn)).toBeUndefined();
    expect(lineAt(rows, 0x10000n)?.line).toBe(1);
    expect(lineAt(rows, 0x10004n)?.line).toBe(1);
    expect(lineAt(rows, 0x10008n)?.line).toBe(2);
    expect(lineAt(rows, 0x20000n)?.line).toBe(2);
    const elf = readElf(exe).elf!;
    expect(symbolAt(elf, 0x10008n)?.name).toBe('_start');
    expect(symbolAt(elf, 0x1000n)).toBeUndefined();
  });

  test('hand-written assembly without .loc gets a row per instruction at its own source line', () => {
    const source = '# 1 "boot.S"\n.globl _start\n_start:\n  li a0, 0x12345678\n\n  nop\n# 1 "macros.h" 1\n  ret\n.data\n.word 1\n';
    const exe = link([{ name: 'boot.o', bytes: assemble(source, 'boot.s').object }]).elf;
    expect(readLineTable(exe).map((r) => `${r.addr.toString(16)} ${r.file}:${r.line}:${r.column}`)).toEqual([
      '10000 boot.S:3:3', '10008 boot.S:5:3', '1000c macros.h:1:3',
    ]);
  });

  test('an executable without a table, or garbage, gives no rows', () => {
    const plain = link([{ name: 'p.o', bytes: assemble('.globl _start\n_start: nop\n', 'p.s').object }]);
    const table = readElf(plain.elf).elf!.sections.find((s) => s.name === '.forklab.lines');
    expect(table).toBeDefined(); // a .s file without .loc has automatic rows ...
    const empty = link([{ name: 'c.o', bytes: assemble('.globl _start\n_start:\n', 'c.s').object }]);
    expect(readLineTable(empty.elf)).toEqual([]); // ... and no instructions, no rows
    expect(readLineTable(new Uint8Array([1, 2, 3]))).toEqual([]);
  });
});
