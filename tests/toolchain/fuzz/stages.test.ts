// Fuzz tests: every toolchain stage, fed random bytes, token soup, deep nesting, huge literals
// and recursive macros, must come back with diagnostics — never throw, never hang.
// Inputs come from a seeded PRNG, so every run checks the same cases.
import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm/index';
import { compileToAsm } from '../../../src/toolchain/cc/index';
import { memoryProvider, preprocess } from '../../../src/toolchain/cpp/index';
import { buildProgram } from '../../../src/toolchain/index';
import { link, readLineTable } from '../../../src/toolchain/link/index';
import type { Diagnostic } from '../../../src/toolchain/diagnostics';
import { asmSoup, prng, randomBytes, tokenSoup } from './inputs';

const provider = memoryProvider({ 'x.h': '#define Y (X + 1)\nint from_header;\n' });
const cpp = (text: string) => preprocess('fuzz.c', text, { includeDirs: [], provider });

function wellFormed(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(typeof d.message).toBe('string');
    expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 0).toBe(true);
  }
}

/** Runs every stage on `text` as C: preprocess, then compile, then assemble what came out. */
function throughC(text: string): void {
  const pre = cpp(text);
  wellFormed(pre.diagnostics);
  const cc = compileToAsm(pre.text, 'fuzz.c');
  wellFormed(cc.diagnostics);
  if (cc.asm !== '') wellFormed(assemble(cc.asm, 'fuzz.c').diagnostics);
}

describe('toolchain under fuzzing', () => {
  test('random bytes never make a stage throw', () => {
    const rand = prng(1);
    for (let i = 0; i < 40; i++) {
      const text = randomBytes(rand, 1 + Math.floor(rand() * 400));
      throughC(text);
      wellFormed(assemble(text, 'fuzz.s').diagnostics);
    }
  });

  test('C token soup never makes a stage throw', () => {
    const rand = prng(2);
    for (let i = 0; i < 60; i++) throughC(tokenSoup(rand, 1 + Math.floor(rand() * 300)));
  });

  test('assembler token soup comes back as diagnostics', () => {
    const rand = prng(3);
    for (let i = 0; i < 60; i++) wellFormed(assemble(asmSoup(rand, 1 + Math.floor(rand() * 300)), 'fuzz.s').diagnostics);
  });

  test('10,000 nested parentheses, braces and #ifs end in diagnostics', () => {
    const n = 10_000;
    throughC(`int x = ${'('.repeat(n)}1${')'.repeat(n)};\n`);
    throughC(`int main(void) ${'{'.repeat(n)}${'}'.repeat(n)}\n`);
    throughC(`int main(void) { return ${'-'.repeat(n)}1; }\n`);
    throughC(`int x = ${'('.repeat(n)}1;\n`);
    const pre = cpp(`#if ${'('.repeat(n)}1${')'.repeat(n)}\n#endif\n${'#if 1\n'.repeat(n)}${'#endif\n'.repeat(n)}`);
    expect(pre.diagnostics.map((d) => d.message)).toContain('#if expression too deeply nested');
  });

  test('huge literals and identifiers end in diagnostics or code', () => {
    throughC(`int x = ${'9'.repeat(100_000)};\n`);
    throughC(`char *s = "${'a'.repeat(200_000)}";\n`);
    throughC(`int ${'v'.repeat(100_000)} = 0x${'f'.repeat(1000)};\n`);
    throughC(`#if ${'9'.repeat(5000)}\n#endif\n`);
    wellFormed(assemble(`li a0, ${'9'.repeat(10_000)}\n.string "${'b'.repeat(100_000)}"\n`, 'fuzz.s').diagnostics);
  });

  test('recursive and exploding macros stop with a diagnostic', () => {
    expect(cpp('#define f(x) f(x) x\nf(f(f(1)))\n').diagnostics).toEqual([]);
    let bomb = '#define A0 a\n';
    for (let i = 1; i < 64; i++) bomb += `#define A${i} A${i - 1} A${i - 1}\n`;
    const r = preprocess('fuzz.c', bomb + 'A63\n', { includeDirs: [], provider, maxOutputChars: 1 << 20 });
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const self = cpp('#include "fuzz.c"\n');
    wellFormed(self.diagnostics);
    const deep = cpp('#define F(x) x\n' + 'F('.repeat(5000) + '1' + ')'.repeat(5000) + '\n');
    expect(deep.diagnostics.length).toBeGreaterThan(0);
    let chain = '#define A0 x\n';
    for (let i = 1; i < 10_000; i++) chain += `#define A${i} A${i - 1}\n`;
    expect(cpp(chain + 'A9999\n').diagnostics.map((d) => d.message)).toEqual(['macro expansion of "A9487" nested more than 512 deep']);
  });

  test('the linker rejects random, truncated and corrupted objects with diagnostics', () => {
    const rand = prng(5);
    const good = assemble('.globl _start\n_start:\n  li a0, 1\n  call f\n  ret\n.data\nv: .dword v\n', 'good.s').object;
    expect(good.length).toBeGreaterThan(64);
    const inputs: Uint8Array[] = [new Uint8Array(0), good.subarray(0, 16), good.subarray(0, 64), good.subarray(0, good.length >> 1)];
    for (let i = 0; i < 30; i++) {
      const bytes = Uint8Array.from(good);
      for (let k = 0; k < 1 + Math.floor(rand() * 20); k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      inputs.push(bytes);
      inputs.push(Uint8Array.from(randomBytes(rand, 1 + Math.floor(rand() * 300)), (c) => c.charCodeAt(0)));
    }
    for (const bytes of inputs) {
      const r = link([{ name: 'fuzz.o', bytes }]);
      wellFormed(r.diagnostics);
      readLineTable(r.elf);
      readLineTable(bytes);
    }
    expect(link([]).diagnostics.length).toBeGreaterThan(0);
  });

  test('a full build of random input returns diagnostics and no ELF', () => {
    const rand = prng(4);
    for (let i = 0; i < 10; i++) {
      const r = buildProgram({ 'main.c': tokenSoup(rand, 200) });
      wellFormed(r.diagnostics);
      expect(r.elf === undefined || r.diagnostics.every((d) => d.severity !== 'error')).toBe(true);
    }
  });
});
