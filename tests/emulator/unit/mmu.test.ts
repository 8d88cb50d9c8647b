// Sv39 walks against page tables built by hand in RAM, checked against the privileged spec's
// translation algorithm: permissions, SUM/MXR, A/D updates, superpages and the fault causes.
import { beforeEach, describe, expect, test } from 'vitest';
import type { Machine } from '../../../src/emulator/index';
import { ACCESS_FETCH, ACCESS_LOAD, ACCESS_STORE } from '../../../src/emulator/mmu';
import { csrWrite } from '../../../src/emulator/csr';
import { bareMachine } from './helpers';

const V = 1n, R = 2n, W = 4n, X = 8n, U = 16n, A = 64n, D = 128n;
const ROOT = 0x80100000n, MID = 0x80101000n, LEAF = 0x80102000n;
const pte = (pa: bigint, flags: bigint): bigint => ((pa >> 12n) << 10n) | flags;

let m: Machine;

function setPte(at: bigint, value: bigint): void {
  m.hart.bus.ram.dv.setBigUint64(Number(at - 0x80000000n), value, true);
}
function getPte(at: bigint): bigint {
  return m.hart.bus.ram.dv.getBigUint64(Number(at - 0x80000000n), true);
}
/** Translate as privilege `priv`; returns the physical address or the fault [cause, tval]. */
function tr(va: number, kind: number, priv = 1): bigint | [number, bigint] {
  const h = m.hart;
  h.setPriv(priv);
  h.excCause = -1;
  const pa = h.mmu.translate(va, kind);
  if (pa < 0) return [h.excCause, h.excTval];
  return BigInt(pa);
}
function setStatus(bits: number, on: boolean): void {
  const h = m.hart;
  h.setPriv(3);
  csrWrite(h, 0x300, BigInt(on ? h.mstatus | bits : h.mstatus & ~bits));
}
const SUM = 1 << 18, MXR = 1 << 19;

beforeEach(() => {
  m = bareMachine('1: j 1b');
  // VA 0x0000_1000 -> 0x8030_0000 through three levels; root[0] -> MID, MID[0] -> LEAF.
  setPte(ROOT, pte(MID, V));
  setPte(MID, pte(LEAF, V));
  const h = m.hart;
  h.satp = (8n << 60n) | (ROOT >> 12n);
  h.mmu.modeChanged();
});

describe('Sv39 page walk', () => {
  test('translates through three levels and sets A on a load, A and D on a store', () => {
    setPte(LEAF + 8n, pte(0x80300000n, V | R | W));
    expect(tr(0x1234, ACCESS_LOAD)).toBe(0x80300234n);
    expect(getPte(LEAF + 8n)).toBe(pte(0x80300000n, V | R | W | A));
    expect(tr(0x1238, ACCESS_STORE)).toBe(0x80300238n);
    expect(getPte(LEAF + 8n)).toBe(pte(0x80300000n, V | R | W | A | D));
  });

  test('an invalid PTE or W without R is a page fault with stval = the address', () => {
    expect(tr(0x1010, ACCESS_LOAD)).toEqual([13, 0x1010n]);
    expect(tr(0x1010, ACCESS_STORE)).toEqual([15, 0x1010n]);
    expect(tr(0x1010, ACCESS_FETCH)).toEqual([12, 0x1010n]);
    setPte(LEAF + 8n, pte(0x80300000n, V | W));
    expect(tr(0x1010, ACCESS_LOAD)).toEqual([13, 0x1010n]);
  });

  test('a store to a read-only page and a fetch from a non-executable page fault', () => {
    setPte(LEAF + 8n, pte(0x80300000n, V | R));
    expect(tr(0x1000, ACCESS_STORE)).toEqual([15, 0x1000n]);
    expect(tr(0x1000, ACCESS_FETCH)).toEqual([12, 0x1000n]);
    expect(getPte(LEAF + 8n) & A).toBe(0n); // no A update on a faulting access
  });

  test('S-mode touches U pages only with SUM, and never executes them', () => {
    setPte(LEAF + 8n, pte(0x80300000n, V | R | W | X | U));
    expect(tr(0x1000, ACCESS_LOAD, 1)).toEqual([13, 0x1000n]);
    setStatus(SUM, true);
    expect(tr(0x1000, ACCESS_LOAD, 1)).toBe(0x80300000n);
    expect(tr(0x1000, ACCESS_FETCH, 1)).toEqual([12, 0x1000n]);
    expect(tr(0x1000, ACCESS_FETCH, 0)).toBe(0x80300000n);
  });

  test('U-mode cannot touch a supervisor page', () => {
    setPte(LEAF + 8n, pte(0x80300000n, V | R | W | X));
    expect(tr(0x1000, ACCESS_LOAD, 0)).toEqual([13, 0x1000n]);
    expect(tr(0x1000, ACCESS_LOAD, 1)).toBe(0x80300000n);
  });

  test('MXR makes execute-only pages readable', () => {
    setPte(LEAF + 8n, pte(0x80300000n, V | X));
    expect(tr(0x1000, ACCESS_LOAD)).toEqual([13, 0x1000n]);
    setStatus(MXR, true);
    expect(tr(0x1000, ACCESS_LOAD)).toBe(0x80300000n);
  });

  test('a 2 MiB megapage and a 1 GiB gigapage supply the low VPN bits from the address', () => {
    setPte(MID + 8n, pte(0x80400000n, V | R | W)); // VA 0x200000 -> 0x80400000
    expect(tr(0x234567, ACCESS_LOAD)).toBe(0x80434567n);
    setPte(ROOT + 16n, pte(0x80000000n, V | R | W | X)); // VA 0x80000000 -> itself
    expect(tr(0x8123_4567, ACCESS_LOAD)).toBe(0x8123_4567n);
  });

  test('a misaligned superpage is a page fault', () => {
    setPte(MID + 8n, pte(0x80401000n, V | R | W));
    expect(tr(0x200000, ACCESS_LOAD)).toEqual([13, 0x200000n]);
  });

  test('a page table outside RAM gives an access fault, not a page fault', () => {
    setPte(ROOT + 8n, pte(0x1000n, V)); // VA 0x40000000 -> a table at physical 0x1000
    expect(tr(0x40000000, ACCESS_LOAD)).toEqual([5, 0x40000000n]);
    expect(tr(0x40000000, ACCESS_STORE)).toEqual([7, 0x40000000n]);
    expect(tr(0x40000000, ACCESS_FETCH)).toEqual([1, 0x40000000n]);
  });

  test('an address whose bits 63:39 do not copy bit 38 is a page fault', () => {
    expect(tr(2 ** 38, ACCESS_LOAD)).toEqual([13, 0x4000000000n]);
    expect(tr(-(2 ** 38), ACCESS_LOAD)).toEqual([13, 0xffffffc000000000n]);
  });

  test('sfence.vma makes a changed mapping visible through the TLB', () => {
    setPte(LEAF + 8n, pte(0x80300000n, V | R | W | A | D));
    expect(tr(0x1000, ACCESS_LOAD)).toBe(0x80300000n);
    setPte(LEAF + 8n, pte(0x80500000n, V | R | W | A | D));
    m.hart.mmu.flush();
    expect(tr(0x1000, ACCESS_LOAD)).toBe(0x80500000n);
  });
});

describe('MPRV', () => {
  test('M-mode loads translate with MPP privilege when MPRV is set, fetches do not', () => {
    setPte(LEAF + 8n, pte(0x80300000n, V | R | W | U));
    const h = m.hart;
    h.setPriv(3);
    csrWrite(h, 0x300, BigInt((1 << 17) | (0 << 11))); // MPRV, MPP = U
    h.excCause = -1;
    expect(h.mmu.translate(0x1000, ACCESS_LOAD)).toBe(0x80300000);
    expect(h.mmu.translate(0x80000000, ACCESS_FETCH)).toBe(0x80000000);
  });
});
