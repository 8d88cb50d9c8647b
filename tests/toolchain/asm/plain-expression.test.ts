// operands.ts's `expression` reads plain decimals and `.-name` without the expression parser.
// Reference: `immediate`, which always parses; the trees (and errors) must be the same for
// the plain spellings, for the near misses the shortcut must refuse, and for junk.

import { describe, expect, test } from 'vitest';
import { AsmError, type Expr, type ParseContext } from '../../../src/toolchain/asm/expr';
import { expression, immediate } from '../../../src/toolchain/asm/operands';

let dots = 0;
const ctx: ParseContext = {
  localLabel: (n, forward) => `.L${n}${forward ? 'f' : 'b'}`,
  // A fresh location per call, so a tree that took '.' from a different place would differ.
  dot: (): Expr => ({ k: 'dot', section: 1, offset: dots++ }),
};

function outcome(f: () => Expr): unknown {
  try {
    return f();
  } catch (e) {
    return e instanceof AsmError ? { error: e.message, column: e.column } : e;
  }
}

const TEXTS = [
  '0', '7', '119', '123456789', '999999999', '1234567890', '99999999999999999999', '012', '08', '00', '1f', '2b',
  '1x', '12a', '-5', '+5', '0x10', '0b101', '5 ', '5+1', '5,',
  '.-f', '.-work12', '.-.LC0', '.-$x', '.-_a.b$9', '.-.', '.-1b', '.-', '.', '. - f', '.-f+4', '.-f-g', '.-f)', '.-%x',
  'f', '.f', 'f-.',
];

describe('plain expression operands', () => {
  for (const text of TEXTS) {
    test(`'${text}': the same tree as the parser's`, () => {
      const op = { text, column: 10 };
      dots = 0;
      const fast = outcome(() => expression(op, ctx));
      dots = 0;
      const general = outcome(() => immediate(op, ctx).expr);
      expect(fast).toEqual(general);
    });
  }
});
