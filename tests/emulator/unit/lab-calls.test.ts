// The firmware's LAB calls (src/emulator/firmware/sbi.ts): each call hands up a0..a5 as they
// were at its ecall, also after thousands of calls, when the firmware's log of register words
// has moved on to new chunks.
import { describe, expect, test } from 'vitest';
import { Board } from '../../../src/emulator/board';
import { SbiFirmware } from '../../../src/emulator/firmware/sbi';
import { LAB_EID, LAB_REG_WORDS, labArg, type LabCall } from '../../../src/emulator/trace';
import { CAUSE_ECALL_S, PRIV_S } from '../../../src/emulator/trap';

const A0 = 10, A6 = 16, A7 = 17;

/** A register value that differs per call and argument and uses all 64 bits. */
const value = (call: number, arg: number): bigint => BigInt.asUintN(64, (BigInt(call) << 40n) ^ (BigInt(arg) << 20n) ^ 0xffffffd600201234n);

describe('LAB calls', () => {
  test('every call keeps the argument registers of its own ecall, past several log chunks', () => {
    const board = new Board(0x80000000, 1 << 20);
    const h = board.hart;
    const calls: LabCall[] = [];
    const fw = new SbiFirmware({ board, consoleWrite: () => {}, trace: (c) => { calls.push(c); } });
    h.priv = PRIV_S;
    const n = 3000; // about three chunks of 1,024 calls
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < 6; i++) h.setReg(A0 + i, value(k, i));
      h.setReg(A6, 4n); // LAB_SCHED
      h.setReg(A7, BigInt(LAB_EID));
      h.instret = k;
      expect(fw.handleTrap(h, CAUSE_ECALL_S, false, 0n, 0x80001000n)).toBe(true);
      expect(h.getReg(A0)).toBe(0n); // SBI_SUCCESS
    }
    expect(calls).toHaveLength(n);
    calls.forEach((c, k) => {
      expect(c.fid).toBe(4);
      expect(c.regs).toHaveLength(LAB_REG_WORDS);
      for (let i = 0; i < 6; i++) expect(labArg(c, i)).toBe(value(k, i));
    });
  });
});
