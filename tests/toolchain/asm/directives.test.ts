// Directives, symbols and relocations compared with GNU as 2.40: data bytes of every section,
// the symbol table (value, size, binding, type, section) and the relocations against external
// symbols must match what riscv64-linux-gnu-as produces for the same text.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import type { ElfFile } from '../../../src/toolchain/elf';
import { gnuAssemble, hex, parse, sectionBytes } from './gnu';

const DATA_SOURCE = `
.equ SIZE, 16
.set TWICE, SIZE * 2
.data
.globl table
table:
  .byte 1, 2, 0xff, -1, 'a, 'b', '\\n'
  .half 0x1234, -2
  .short 7
  .2byte 8
  .word 0xdeadbeef, -1, SIZE + TWICE, (1 << 20) | 5, 100 / 7, 100 % 7, ~0 & 0xffff
  .long 3
  .align 3
  .dword 0x0123456789abcdef, -5
  .quad 1, 2
  .8byte 9
values_end:
  .word values_end - table
  .zero 3
  .space 5
  .space 2, 0x7f
  .skip 3
  .fill 3, 2, 0x4142
  .balign 16
  .p2align 2, 0xaa
  .byte 1
  .balign 8, 0x55
  .float 1.5
  .double -2.25
  .uleb128 300
  .sleb128 -129
  .align 2
  .type obj, @object
  .size obj, 12
obj: .word 1, 2, 3
.section .rodata
msg: .string "hi\\t\\"x\\"\\101\\x42"
     .ascii "ab", "cd"
     .asciz "z"
len = . - msg
     .word len
.section .mydata, "aw", @progbits
     .dword msg + 4
.bss
  .zero 40
buf: .space 8
.lcomm lbuf, 24
.comm cbuf, 100, 16
.text
.globl f
.type f, @function
f: ret
.size f, . - f
.weak w
w: nop
.local quiet
quiet: nop
`;

const RELOC_SOURCE = `
.text
start:
  call ext_fn
  tail ext_fn
  call ext_fn + 8
  call ext_fn@plt
  tail ext_fn@plt
  la a0, ext_var
  lla a1, ext_var + 16
  lw a2, ext_var
  sd a3, ext_var, t0
  lui a4, %hi(ext_var)
  addi a4, a4, %lo(ext_var)
  sw a4, %lo(ext_var + 4)(a4)
1:auipc a5, %pcrel_hi(ext_var)
  addi a5, a5, %pcrel_lo(1b)
  jal ext_fn
  j ext_fn
.data
  .dword ext_var
  .dword ext_var + 12
  .word ext_fn
  .dword start
  .dword local_data
local_data:
  .dword 0
`;

interface SymInfo { name: string; value: string; size: string; bind: number; type: number; section: string }

function symbols(elf: ElfFile): SymInfo[] {
  return elf.symbols
    .filter((s) => s.index > 0 && s.name !== '' && !s.name.startsWith('.L') && !s.name.startsWith('$') && s.type !== 4)
    .map((s) => ({
      name: s.name, value: s.value.toString(16), size: s.size.toString(16), bind: s.bind, type: s.type,
      section: s.shndx >= 0xff00 ? String(s.shndx) : (elf.sections[s.shndx]?.name ?? '?'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function relocations(elf: ElfFile): string[] {
  const out: string[] = [];
  for (const sec of elf.sections) {
    if (sec.name === '.forklab.lines') continue; // ForkLab's own line table (GNU writes DWARF only with -g)
    for (const r of elf.relocationsFor(sec.index)) {
      if (r.type === 51) continue; // R_RISCV_RELAX
      const sym = elf.symbols[r.symbol]!;
      // A local target may be named by its section symbol or by itself (and GNU names its
      // %pcrel_hi labels '.L0 '): compare the place it denotes instead.
      const target = sym.bind === 0
        ? `${elf.sections[sym.shndx]!.name}@${sym.value + r.addend}`
        : `${sym.name}${r.addend ? `+${r.addend}` : ''}`;
      out.push(`${sec.name}+${r.offset} type ${r.type} ${target}`);
    }
  }
  return out.sort();
}

describe('directives match GNU as', () => {
  test('data directives produce the same bytes in every section', () => {
    const ours = assemble(DATA_SOURCE, 'data.s');
    expect(ours.diagnostics).toEqual([]);
    const mine = parse(ours.object);
    const gnu = parse(gnuAssemble(DATA_SOURCE));
    for (const name of ['.data', '.rodata', '.mydata', '.text']) {
      expect(hex(sectionBytes(mine, name)), name).toBe(hex(sectionBytes(gnu, name)));
    }
    const size = (e: ElfFile, n: string) => e.sections.find((s) => s.name === n)!.size;
    expect(size(mine, '.bss')).toBe(size(gnu, '.bss'));
    expect(size(mine, '.text')).toBe(4 * 3);
  });

  test('the symbol table has the same symbols, values, sizes, bindings and types', () => {
    const mine = parse(assemble(DATA_SOURCE, 'data.s').object);
    const gnu = parse(gnuAssemble(DATA_SOURCE));
    expect(symbols(mine)).toEqual(symbols(gnu));
  });

  test('references to external symbols produce the same relocations', () => {
    const ours = assemble(RELOC_SOURCE, 'reloc.s');
    expect(ours.diagnostics).toEqual([]);
    const mine = parse(ours.object);
    const gnu = parse(gnuAssemble(RELOC_SOURCE));
    expect(relocations(mine)).toEqual(relocations(gnu));
    // GNU as leaves a placeholder of its own in the two jal words (the linker overwrites it).
    const text = (e: ElfFile) => hex(sectionBytes(e, '.text').subarray(0, -8));
    expect(text(mine)).toBe(text(gnu));
  });

  test('objects say lp64 soft-float without RVC in e_flags, as GNU as does for rv64ima/lp64', () => {
    expect(parse(assemble('nop', 'f.s').object).flags).toBe(parse(gnuAssemble('nop')).flags);
  });
});
