// CSR access rules of the privileged spec, checked directly on a hart.
import { describe, expect, test } from 'vitest';
import { csrRead, csrWrite, CSR, MISA } from '../../../src/emulator/csr';
import type { Hart } from '../../../src/emulator/hart';
import { bareMachine } from './helpers';

function hart(priv = 3): Hart {
  const h = bareMachine('1: j 1b').hart;
  h.setPriv(priv);
  return h;
}

describe('CSR access rules', () => {
  test('unknown CSRs, and M CSRs from S-mode, are illegal', () => {
    const h = hart(1);
    expect(csrRead(h, 0x7c0)).toBeNull();
    expect(csrRead(h, CSR.mstatus)).toBeNull();
    expect(csrWrite(h, CSR.mscratch, 1n)).toBe(false);
    expect(csrRead(h, CSR.sscratch)).toBe(0n);
  });

  test('writes to read-only CSRs (bits 11:10 = 11) are illegal', () => {
    const h = hart();
    expect(csrWrite(h, CSR.mhartid, 0n)).toBe(false);
    expect(csrWrite(h, CSR.cycle, 0n)).toBe(false);
    expect(csrRead(h, CSR.mhartid)).toBe(0n);
  });

  test('misa says RV64 with A, C, I, M, S, U and ignores writes', () => {
    const h = hart();
    expect(csrRead(h, CSR.misa)).toBe(MISA);
    expect(MISA >> 62n).toBe(2n);
    csrWrite(h, CSR.misa, 0n);
    expect(csrRead(h, CSR.misa)).toBe(MISA);
  });

  test('sstatus is a view of mstatus restricted to the S fields, with UXL = 2', () => {
    const h = hart();
    csrWrite(h, CSR.mstatus, (1n << 3n) | (1n << 1n) | (1n << 18n) | (3n << 11n));
    const s = csrRead(h, CSR.sstatus)!;
    expect(s).toBe((1n << 1n) | (1n << 18n) | (2n << 32n));
    csrWrite(h, CSR.sstatus, 0n);
    expect(csrRead(h, CSR.mstatus)! & 0xffffn).toBe((1n << 3n) | (3n << 11n));
    expect((csrRead(h, CSR.mstatus)! >> 32n) & 0xfn).toBe(0xan); // UXL = SXL = 2
  });

  test('sie and sip show only delegated interrupts; sip writes only SSIP', () => {
    const h = hart();
    csrWrite(h, CSR.mie, 0xaaan);
    csrWrite(h, CSR.mideleg, 0x222n);
    expect(csrRead(h, CSR.sie)).toBe(0x222n);
    h.mip = 0x80; // MTIP, not delegated
    csrWrite(h, CSR.sip, 0x222n);
    expect(csrRead(h, CSR.sip)).toBe(0x2n);
    expect(csrRead(h, CSR.mip)).toBe(0x82n);
  });

  test('satp ignores a write with an unsupported mode, and S-mode access traps under TVM', () => {
    const h = hart();
    csrWrite(h, CSR.satp, (9n << 60n) | 5n); // Sv48: not supported
    expect(csrRead(h, CSR.satp)).toBe(0n);
    csrWrite(h, CSR.satp, (8n << 60n) | 5n);
    expect(csrRead(h, CSR.satp)).toBe((8n << 60n) | 5n);
    csrWrite(h, CSR.mstatus, 1n << 20n);
    h.setPriv(1);
    expect(csrRead(h, CSR.satp)).toBeNull();
  });

  test('mtvec keeps its old value for the reserved modes 2 and 3', () => {
    const h = hart();
    csrWrite(h, CSR.mtvec, 0x80001001n);
    expect(csrRead(h, CSR.mtvec)).toBe(0x80001001n);
    csrWrite(h, CSR.mtvec, 0x80002002n);
    expect(csrRead(h, CSR.mtvec)).toBe(0x80001001n);
  });

  test('counters are readable in S and U only where mcounteren and scounteren allow', () => {
    const h = hart();
    csrWrite(h, CSR.mcounteren, 0b101n);
    h.setPriv(1);
    expect(csrRead(h, CSR.cycle)).not.toBeNull();
    expect(csrRead(h, CSR.time)).toBeNull();
    expect(csrRead(h, CSR.instret)).not.toBeNull();
    h.setPriv(0);
    expect(csrRead(h, CSR.cycle)).toBeNull();
  });

  test('medeleg cannot delegate ecall from M, mepc drops bit 0', () => {
    const h = hart();
    csrWrite(h, CSR.medeleg, 0xffffn);
    expect(csrRead(h, CSR.medeleg)).toBe(0xb3ffn);
    csrWrite(h, CSR.mepc, 0x80000003n);
    expect(csrRead(h, CSR.mepc)).toBe(0x80000002n);
  });

  test('pmpcfg and pmpaddr are accepted; odd pmpcfg numbers do not exist on RV64', () => {
    const h = hart();
    expect(csrWrite(h, 0x3a0, 0x1fn)).toBe(true);
    expect(csrRead(h, 0x3a0)).toBe(0x1fn);
    expect(csrRead(h, 0x3a1)).toBeNull();
    expect(csrWrite(h, 0x3b0, -1n)).toBe(true);
    expect(csrRead(h, 0x3b0)).toBe((1n << 54n) - 1n);
  });
});
