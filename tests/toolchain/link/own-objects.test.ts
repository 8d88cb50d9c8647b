// ForkLab-assembled objects linked two ways — by ForkLab's linker and by GNU ld — must run the
// same under qemu-riscv64, with the output computed by hand from the program text.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { link } from '../../../src/toolchain/link';
import { readElf } from '../../../src/toolchain/elf';
import { gnuLink, runElf } from './qemu';
import { withTempDir } from '../asm/gnu';
import { tool } from '../../tools';

const program = (name: string) => readFileSync(join(__dirname, 'programs', name), 'utf8');

function objects(): { name: string; bytes: Uint8Array }[] {
  return ['crt0.s', 'main.s', 'lib.s'].map((name) => {
    const r = assemble(program(name), name);
    expect(r.diagnostics).toEqual([]);
    return { name: name.replace(/\.s$/, '.o'), bytes: r.object };
  });
}

const EXPECTED = 'hello from two objects\n2000\n3000\n7\n7\n102\n1\n';

describe('linking ForkLab objects', () => {
  test('a three-object program runs under qemu with the hand-computed output', () => {
    const r = link(objects());
    expect(r.diagnostics).toEqual([]);
    expect(runElf(r.elf)).toEqual({ stdout: EXPECTED, status: 42 });
  });

  test('objects linked again (their parse is reused) link as fresh copies do, in any company', () => {
    const [crt0, main, lib] = objects();
    const copy = (o: { name: string; bytes: Uint8Array }) => ({ name: o.name, bytes: o.bytes.slice() });
    const first = link([crt0!, main!, lib!]);
    expect(runElf(first.elf)).toEqual({ stdout: EXPECTED, status: 42 });
    // the same arrays in another order and as archive members: placements must not carry over
    const reordered = link([crt0!, lib!, main!]);
    expect(reordered.elf).toEqual(link([crt0!, lib!, main!].map(copy)).elf);
    expect(reordered.elf).not.toEqual(first.elf);
    const asMember = link([crt0!, main!], { library: [lib!] });
    expect(asMember.elf).toEqual(link([crt0!, main!].map(copy), { library: [copy(lib!)] }).elf);
    expect(link([crt0!, main!, lib!]).elf).toEqual(first.elf);
  });

  test('GNU ld accepts the same objects and the result behaves identically', () => {
    const elf = gnuLink(objects().map((o) => o.bytes));
    expect(runElf(elf)).toEqual({ stdout: EXPECTED, status: 42 });
  });

  test('the executable has page-aligned RX and RW segments with bss as memsz beyond filesz', () => {
    const elf = readElf(link(objects()).elf).elf!;
    const loads = elf.segments.filter((s) => s.type === 1);
    expect(loads.map((s) => s.flags)).toEqual([5, 6]);
    expect(loads[0]!.vaddr).toBe(0x10000n);
    for (const s of loads) {
      expect(s.vaddr % 0x1000n).toBe(BigInt(s.offset) % 0x1000n);
      expect(s.align).toBe(0x1000n);
    }
    expect(loads[1]!.vaddr % 0x1000n).toBe(0n);
    // .data holds shared (24 bytes); .bss holds the 64-byte common pool after it
    expect(loads[1]!.filesz).toBe(24n);
    expect(loads[1]!.memsz).toBe(24n + 64n);
    const sym = (n: string) => elf.symbols.find((s) => s.name === n);
    expect(elf.entry).toBe(sym('_start')!.value);
    expect(sym('_end')!.value).toBe(loads[1]!.vaddr + loads[1]!.memsz);
    expect(sym('__global_pointer$')!.value).toBe(loads[1]!.vaddr + 0x800n);
    expect(sym('write_str')!.type).toBe(2);
    expect(sym('hook')!.bind).toBe(1);
  });

  test('readelf reads objects and executables without a single warning', () => {
    const objs = objects();
    const exe = link(objs).elf;
    for (const bytes of [...objs.map((o) => o.bytes), exe]) {
      withTempDir((dir) => {
        const path = join(dir, 'f');
        writeFileSync(path, bytes);
        const r = spawnSync(tool('riscv64-linux-gnu-readelf'), ['-a', '-W', path], { encoding: 'utf8' });
        expect(r.status).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('RISC-V');
      });
    }
  });

  test('compressed jumps and branches to another object are relocated (R_RISCV_RVC_JUMP/BRANCH)', () => {
    const a = assemble('.globl _start\n_start: li a0, 0\n c.beqz a0, zero_path\n c.j other_path\n', 'a.s');
    const b = assemble('.globl zero_path, other_path\nother_path: li a0, 9\n j exit\nzero_path: li a0, 5\nexit: li a7, 93\n ecall\n', 'b.s');
    const r = link([{ name: 'a.o', bytes: a.object }, { name: 'b.o', bytes: b.object }]);
    expect(r.diagnostics).toEqual([]);
    expect(runElf(r.elf).status).toBe(5);
  });

  test('a .text.start section opens the text segment whatever the input order', () => {
    const first = assemble('.globl main\nmain: li a0, 3\n ret\n', 'm.s');
    const entry = assemble('.section .text.start, "ax"\n.globl _start\n_start: call main\n li a7, 93\n ecall\n', 'e.s');
    const r = link([{ name: 'm.o', bytes: first.object }, { name: 'e.o', bytes: entry.object }]);
    expect(readElf(r.elf).elf!.entry).toBe(0x10000n);
    expect(runElf(r.elf).status).toBe(3);
  });

  test('a text base other than 0x10000 moves the program and it still runs', () => {
    const r = link(objects(), { textBase: 0x400000n });
    expect(readElf(r.elf).elf!.entry >= 0x400000n).toBe(true);
    expect(runElf(r.elf)).toEqual({ stdout: EXPECTED, status: 42 });
  });
});
