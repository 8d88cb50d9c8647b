import { describe, expect, it } from 'vitest';
import { grouped } from '../../../src/renderer/i18n/grouped';

describe('grouped', () => {
  it('writes counts as toLocaleString("en") does', () => {
    const samples = [0, 1, 12, 999, 1000, 1001, 9999, 12345, 100000, 999999, 1000000, 3560917, 123456789012, Number.MAX_SAFE_INTEGER, -1, -1234, -1000000];
    for (const n of samples) expect(grouped(n)).toBe(n.toLocaleString('en'));
  });
  it('spells hand-checked values', () => {
    expect(grouped(3566338)).toBe('3,566,338');
    expect(grouped(1000)).toBe('1,000');
    expect(grouped(999)).toBe('999');
  });
});
