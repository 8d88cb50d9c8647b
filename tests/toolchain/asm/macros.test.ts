// Macros, repetition and conditional assembly, compared with GNU as: macros.s (parameters with
// defaults and :vararg, \(), numeric labels in bodies, .rept/.irp/.irpc, .if/.elseif/.else,
// .ifdef/.ifndef/.ifc/.ifnc, nested false branches, a recursive macro) must give the same
// sections and symbols; misuse gives diagnostics, never a hang.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { gnuAssemble, hex, parse, sectionBytes } from './gnu';

const SOURCE = readFileSync(join(__dirname, 'macros.s'), 'utf8');

describe('macros and conditional assembly', () => {
  test('macros.s assembles to the same bytes and symbols as with GNU as', () => {
    const ours = assemble(SOURCE, 'macros.s');
    expect(ours.diagnostics).toEqual([]);
    const mine = parse(ours.object);
    const gnu = parse(gnuAssemble(SOURCE));
    for (const name of ['.text', '.data']) expect(hex(sectionBytes(mine, name)), name).toBe(hex(sectionBytes(gnu, name)));
    const names = (e: typeof gnu) => e.symbols.filter((s) => s.name && !s.name.startsWith('.L') && !s.name.startsWith('$') && s.type !== 3 && s.type !== 4)
      .map((s) => `${s.name}=${s.value}`).sort();
    expect(names(mine)).toEqual(names(gnu));
  });

  test.each([
    ['.macro M\nnop\n', "bad.s:1:1: '.macro' without a matching '.endm'"],
    ['.rept 2\nnop\n', "bad.s:1:1: '.rept' without a matching '.endr'"],
    ['.endm', "bad.s:1:1: '.endm' without a matching opening directive"],
    ['.endif', "bad.s:1:1: '.endif' without '.if'"],
    ['.else', "bad.s:1:1: '.else' without '.if'"],
    ['.if 1\nnop\n', "bad.s:1:1: '.if' without a matching '.endif'"],
    ['.if undefined_sym\n.endif', 'bad.s:1:5: expression must be a constant known at this point'],
    ['.macro M a\n.endm\nM 1, 2', "bad.s:3:3: too many arguments for macro 'm' (2 for 1)"],
    ['.macro R\nR\n.endm\nR', 'bad.s:4:1: macro expansion nested too deeply (recursive macro?)'],
    ['.rept 100001\n.endr', 'bad.s:1:7: .rept count 100001 is out of range 0..100000'],
    ['.macro M\nfrob\n.endm\nnop\nM', "bad.s:5:1: unknown instruction 'frob'"],
  ])('%s', (source, expected) => {
    const list = assemble(source, 'bad.s').diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
    expect(list[0]).toBe(expected);
  });
});
