// Integer literals' values and types (C11 6.4.4.1), hand-computed: the lexer reads short plain
// decimals on a path of their own, so the cases on both sides of its edges (9 and 10 digits,
// a leading zero, a suffix, a letter) are checked here against the standard's rules.

import { describe, expect, test } from 'vitest';
import { tokenize } from '../../../src/toolchain/cc/lexer';
import { tyInt, tyLong, tyUInt, tyULong, type Type } from '../../../src/toolchain/cc/types';

const CASES: [string, bigint, Type][] = [
  ['0', 0n, tyInt], ['7', 7n, tyInt], ['10', 10n, tyInt], ['119', 119n, tyInt], ['123456789', 123456789n, tyInt],
  ['999999999', 999999999n, tyInt], ['1000000000', 1000000000n, tyInt], ['2147483647', 2147483647n, tyInt],
  ['2147483648', 2147483648n, tyLong], ['4294967295', 4294967295n, tyLong], ['9223372036854775807', 9223372036854775807n, tyLong],
  ['9223372036854775808', 9223372036854775808n, tyULong], ['010', 8n, tyInt], ['00', 0n, tyInt], ['0x10', 16n, tyInt],
  ['0xffffffff', 0xffffffffn, tyUInt], ['0b101', 5n, tyInt], ['5u', 5n, tyUInt], ['5l', 5n, tyLong], ['5UL', 5n, tyULong],
  ['123456789u', 123456789n, tyUInt], ['12345678l', 12345678n, tyLong],
];

describe('integer literals', () => {
  for (const [text, val, ty] of CASES) {
    test(`${text}: ${val} of its type`, () => {
      const r = tokenize(`${text}\n`, 't.c');
      expect(r.diagnostics).toEqual([]);
      expect(r.tokens[0]!.text).toBe(text);
      expect(r.tokens[0]!.val).toBe(val);
      expect(r.tokens[0]!.ty).toBe(ty);
    });
  }
  for (const text of ['09', '1a', '12345678x']) {
    test(`${text}: an error`, () => {
      expect(tokenize(`${text}\n`, 't.c').diagnostics.length).toBeGreaterThan(0);
    });
  }
});
