// The line table's addresses are R_RISCV_64 relocations against the code's section (object.ts
// emitLineTable writes them directly, without fixups): one per row, in row order, addend = the
// row's offset; hand-computed here for small sources. When hand-written code has put fixups of
// its own into the line-table section, those keep coming first, as resolveFixups orders them.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { readElf } from '../../../src/toolchain/elf/reader';

function lineRelocs(source: string): string[] {
  const r = assemble(source, 'in.s');
  expect(r.diagnostics).toEqual([]);
  const elf = readElf(r.object).elf!;
  const sec = elf.sections.find((s) => s.name === '.forklab.lines')!;
  return elf.relocationsFor(sec.index).map((x) => {
    const sym = elf.symbols[x.symbol]!;
    return `${x.offset} type ${x.type} ${sym.name || elf.sections[sym.shndx]!.name}+${x.addend}`;
  });
}

const CODE = '.file 1 "a.c"\n.text\nf:\n.loc 1 3 5\naddi a0, a0, 1\nnop\n.loc 1 4 1\nret\n';

describe('line-table relocations', () => {
  test('one R_RISCV_64 per row against .text, at each row, addend the row offset', () => {
    // header 24 bytes, names "a.c\0" padded to 8: rows at 32 and 32 + 24
    expect(lineRelocs(CODE)).toEqual(['32 type 2 .text+0', '56 type 2 .text+8']);
  });

  test('fixups written into the section by hand come before the rows', () => {
    const source = '.section .forklab.lines\n.quad ext\n' + CODE;
    // the hand-written quad is at 0; the unit follows it at 8, its rows at 40 and 64
    expect(lineRelocs(source)).toEqual(['0 type 2 ext+0', '40 type 2 .text+0', '64 type 2 .text+8']);
  });
});
