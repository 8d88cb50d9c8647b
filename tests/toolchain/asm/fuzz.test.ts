// Garbage in, diagnostics out: random bytes, random token soup and mutated valid programs must
// never make the assembler or linker throw or hang. A seeded generator keeps failures replayable.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { link, readLineTable } from '../../../src/toolchain/link';
import { readElf } from '../../../src/toolchain/elf';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['add', 'addi', 'li', 'la', 'call', 'j', 'beq', 'lw', 'sd', 'csrr', 'lr.w', 'amoadd.d.aqrl', 'fence',
  '.word', '.byte', '.string', '.align', '.section', '.equ', '.set', '.loc', '.file', '.comm', '.zero', '.globl', '.text',
  '.data', '.bss', 'a0', 'sp', 'x31', 'zero', 'sstatus', '%hi(', '%lo(', '%pcrel_hi(', '%pcrel_lo(', '1f', '1b', '1:', 'x:',
  'x', '.', '(', ')', ',', ',', '"', "'", '#', ';', '/*', '*/', '+', '-', '*', '/', '<<', '>>', '~', '0', '-1',
  '0xffffffffffffffffffff', '99999999999999999999', '2047', '4096', '\n', '\n', ' ', '\t', '\\', '@', '$', 'é', '\u0000'];

describe('assembler and linker fuzzing', () => {
  test('random bytes never throw', () => {
    const next = rng(1);
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(next() * 400);
      const text = String.fromCharCode(...Array.from({ length: len }, () => Math.floor(next() * 256)));
      const r = assemble(text, 'fuzz.s');
      expect(Array.isArray(r.diagnostics)).toBe(true);
    }
  });

  test('random token soup never throws and reports positions inside the input', () => {
    const next = rng(2);
    for (let i = 0; i < 800; i++) {
      const n = 1 + Math.floor(next() * 40);
      const text = Array.from({ length: n }, () => TOKENS[Math.floor(next() * TOKENS.length)]).join(next() < 0.5 ? ' ' : '');
      const r = assemble(text, 'soup.s');
      // A '# 12' at a line start is a line marker, which may legally move line numbers anywhere.
      const lines = /^#\s*\d/m.test(text) ? Infinity : text.split('\n').length;
      for (const d of r.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.line).toBeLessThanOrEqual(lines);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
      if (r.diagnostics.every((d) => d.severity !== 'error')) {
        expect(readElf(r.object).elf).toBeDefined();
        link([{ name: 'soup.o', bytes: r.object }]);
      }
    }
  });

  test('deeply nested expressions and long lines end in diagnostics', () => {
    expect(assemble(`.word ${'('.repeat(5000)}1${')'.repeat(5000)}`, 'deep.s').diagnostics[0]?.message).toMatch(/nested too deeply/);
    expect(assemble(`.word ${'-'.repeat(5000)}1`, 'neg.s').diagnostics[0]?.message).toMatch(/nested too deeply/);
    expect(assemble(`.word ${Array(2000).fill('1').join('+')}`, 'long.s').diagnostics).toEqual([]);
    expect(assemble(`nop\n`.repeat(20000), 'many.s').diagnostics).toEqual([]);
  });

  test('mutated objects never make the linker or line-table reader throw', () => {
    const good = assemble('.file 1 "a.c"\n.globl _start\n_start:\n.loc 1 1 1\nla a0, d\ncall _start\n.data\nd: .dword _start\n', 'a.s').object;
    const next = rng(3);
    for (let i = 0; i < 400; i++) {
      const bytes = good.slice();
      const flips = 1 + Math.floor(next() * 8);
      for (let k = 0; k < flips; k++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const r = link([{ name: 'm.o', bytes }]);
      expect(r.elf.length === 0 || r.diagnostics.every((d) => d.severity !== 'error')).toBe(true);
      if (r.elf.length) readLineTable(r.elf);
      readLineTable(bytes);
    }
  });
});
