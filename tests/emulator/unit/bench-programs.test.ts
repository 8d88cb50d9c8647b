import { describe, expect, test } from 'vitest';
import { aluLoop, compressedLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { load } from './helpers';

describe('benchmark programs', () => {
  test('alu-loop computes what its instructions say after one iteration', () => {
    const m = load(aluLoop());
    m.run(3 + 8);
    // a0 = 0 + 1, a3 = 1 ^ 3, a4 = a3 << 3, a1 = 2, a5 = a4 - a0, a6 = a5 & 3, a7 = a6 | a1
    expect([10, 11, 13, 14, 15, 16, 17].map((r) => m.getReg(r))).toEqual([1n, 2n, 2n, 16n, 15n, 3n, 3n]);
    expect(m.pc).toBe(0x8000000cn);
  });

  test('compressed-loop is all 16-bit instructions and loops', () => {
    const m = load(compressedLoop());
    m.run(3 + 10);
    expect(m.pc).toBe(0x80000006n);
    expect(m.getReg(11)).toBe(2n);
  });

  test('loadstore-sv39-user runs in U-mode with Sv39 on and increments memory through it', () => {
    const m = load(loadStoreSv39User());
    m.run(200_000);
    expect(m.readCsr(0x180) >> 60n).toBe(8n);
    expect(m.hart.priv).toBe(0); // U-mode
    const data = new DataView(m.readPhys(0x80010000n, 16).buffer);
    expect(data.getBigUint64(0, true)).toBeGreaterThan(0n);
    // The gigapage PTE got no new bits: A and D were preset.
    const pte = new DataView(m.readPhys(0x80001010n, 8).buffer).getBigUint64(0, true);
    expect(pte).toBe((0x80000n << 10n) | 0xdfn);
  });
});
