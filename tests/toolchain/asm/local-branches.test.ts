// Branches, jumps and calls to a label of their own section are resolved by fixups.ts's
// resolveLocalBranch with numbers, the rest by the general resolveOne. Reference: the same
// source with every target spelled `L+0`, which only the general path takes. Objects and
// diagnostics must be the same, at the edges of each range and past them (the errors).

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import type { Diagnostic } from '../../../src/toolchain/diagnostics';

function viaGeneralPath(source: string): string {
  return source.replace(/^(\s+(?:j|jal|call|b\w+)\s.*?)(L\w+)$/gm, '$1$2+0');
}

/** Diagnostics without their end columns (`L+0` is two characters longer than `L`). */
function messages(ds: readonly Diagnostic[]): unknown[] {
  return ds.map(({ endColumn: _, ...d }) => d);
}

let labels = 0;

/** `op` to a new label placed `distance` bytes from it (jumps of 4 bytes; from a call's auipc). */
function at(op: string, distance: number): string {
  const l = `L${labels++}`;
  if (distance >= 0) return `  ${op} ${l}\n  .skip ${distance - 4}\n${l}: nop\n`;
  return `${l}: nop\n  .skip ${-distance - 4}\n  ${op} ${l}\n`;
}

const CASES: Record<string, string> = {
  'branches near and at the edges': [at('beq a0, a1,', 8), at('bne a0, zero,', 4092), at('blt a0, a1,', -4096), at('bgeu t0, t1,', -8)].join(''),
  'a branch one past each edge': at('beq a0, a1,', 4096) + at('bne a0, a1,', -4100),
  'jumps': [at('j', 1048572), at('j', -1048576), at('jal ra,', 12)].join(''),
  'a jump past the edge': at('j', 1048576),
  'calls backward and forward, far and near': [at('call', 16), at('call', -2052), at('call', 0x123458), at('call', -0x200000), at('call', 0x1808), at('call', -0x17f8)].join(''),
  'labels of another section, weak and undefined ones': '.data\nLd: .word 1\n.text\n  j Ld\n  call Lw\n  beq a0, a1, Lu\n.weak Lw\nLw: ret\n',
};

describe('local branch targets resolve as through the general path', () => {
  for (const [name, source] of Object.entries(CASES)) {
    test(name, () => {
      const fast = assemble(source, 'in.s');
      const general = assemble(viaGeneralPath(source), 'in.s');
      expect(viaGeneralPath(source)).not.toBe(source);
      expect(messages(fast.diagnostics)).toEqual(messages(general.diagnostics));
      // (Buffer.equals: a deep equality over a megabyte of bytes takes seconds)
      expect(fast.object.length).toBe(general.object.length);
      expect(Buffer.from(fast.object).equals(Buffer.from(general.object))).toBe(true);
    });
  }

  test('the edge cases are errors, the others are not', () => {
    expect(assemble(CASES['branches near and at the edges']!, 'in.s').diagnostics).toEqual([]);
    expect(assemble(CASES['a branch one past each edge']!, 'in.s').diagnostics.map((d) => d.message)).toEqual([
      'branch target is out of range (4096 bytes; a conditional branch reaches ±4 KiB)',
      'branch target is out of range (-4100 bytes; a conditional branch reaches ±4 KiB)',
    ]);
    expect(assemble(CASES['a jump past the edge']!, 'in.s').diagnostics.map((d) => d.message)).toEqual([
      'jump target is out of range (1048576 bytes; jal reaches ±1 MiB)',
    ]);
  });
});
