// RV64I base integer instructions on register pairs (see hart.ts): 64-bit add, compare and
// shift done with 32-bit operations on numbers. Loads and stores try the RAM fast path (bare
// physical, or a TLB hit) inline and fall back to the MMU's slow path for everything else.

import type { Hart } from './hart';
import { pairToBig } from './bits';
import * as muldiv from './exec-muldiv';

// Local copies of imported constants and functions (see decode.ts: imported bindings are
// getters under tsx). The values must match mmu.ts.
const ACCESS_LOAD = 1;
const ACCESS_STORE = 2;
const TLB_MASK = 255;
const execMulDiv = muldiv.execMulDiv, execMulDiv32 = muldiv.execMulDiv32;

// Results of the 64-bit helpers below, to keep the hot path allocation-free.
let rlo = 0;
let rhi = 0;

function setRd(x: Int32Array, rd: number, lo: number, hi: number): void {
  if (rd !== 0) {
    x[rd << 1] = lo;
    x[(rd << 1) + 1] = hi;
  }
}

/** (lo, hi) + sign-extended 32-bit imm into rlo/rhi. */
function add64i(lo: number, hi: number, imm: number): void {
  const sum = (lo >>> 0) + (imm >>> 0);
  rlo = sum | 0;
  rhi = (hi + (imm >> 31) + (sum > 0xffffffff ? 1 : 0)) | 0;
}

function shl64(lo: number, hi: number, s: number): void {
  if (s === 0) { rlo = lo; rhi = hi; }
  else if (s < 32) { rhi = (hi << s) | (lo >>> (32 - s)); rlo = lo << s; }
  else { rhi = lo << (s - 32); rlo = 0; }
}

function shr64(lo: number, hi: number, s: number): void {
  if (s === 0) { rlo = lo; rhi = hi; }
  else if (s < 32) { rlo = (lo >>> s) | (hi << (32 - s)); rhi = hi >>> s; }
  else { rlo = hi >>> (s - 32); rhi = 0; }
}

function sar64(lo: number, hi: number, s: number): void {
  if (s === 0) { rlo = lo; rhi = hi; }
  else if (s < 32) { rlo = (lo >>> s) | (hi << (32 - s)); rhi = hi >> s; }
  else { rlo = hi >> (s - 32); rhi = hi >> 31; }
}

function lt64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0);
}

function ltu64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 < blo >>> 0);
}

export function execLui(h: Hart, insn: number): void {
  const imm = insn & 0xfffff000;
  setRd(h.x, (insn >>> 7) & 31, imm, imm >> 31);
}

export function execAuipc(h: Hart, insn: number): void {
  const v = h.pc + (insn & 0xfffff000);
  setRd(h.x, (insn >>> 7) & 31, v | 0, Math.floor(v / 4294967296) | 0);
}

export function execJal(h: Hart, insn: number): void {
  const imm = ((insn >> 31) << 20) | (insn & 0xff000) | (((insn >>> 20) & 1) << 11) | (((insn >>> 21) & 0x3ff) << 1);
  const link = h.npc;
  h.npc = h.pc + imm;
  setRd(h.x, (insn >>> 7) & 31, link | 0, Math.floor(link / 4294967296) | 0);
}

export function execJalr(h: Hart, insn: number): void {
  if (((insn >>> 12) & 7) !== 0) { h.raiseIllegal(insn); return; }
  const x = h.x;
  const b = ((insn >>> 15) & 31) << 1;
  add64i(x[b]!, x[b + 1]!, insn >> 20);
  const tlo = rlo & ~1;
  const thi = rhi;
  const link = h.npc;
  if (thi >= -0x200000 && thi < 0x200000) h.npc = thi * 4294967296 + (tlo >>> 0);
  else h.jumpBig(pairToBig(tlo, thi));
  setRd(x, (insn >>> 7) & 31, link | 0, Math.floor(link / 4294967296) | 0);
}

export function execBranch(h: Hart, insn: number): void {
  const x = h.x;
  const a = ((insn >>> 15) & 31) << 1;
  const b = ((insn >>> 20) & 31) << 1;
  const alo = x[a]!, ahi = x[a + 1]!, blo = x[b]!, bhi = x[b + 1]!;
  let taken: boolean;
  switch ((insn >>> 12) & 7) {
    case 0: taken = alo === blo && ahi === bhi; break;
    case 1: taken = alo !== blo || ahi !== bhi; break;
    case 4: taken = lt64(alo, ahi, blo, bhi); break;
    case 5: taken = !lt64(alo, ahi, blo, bhi); break;
    case 6: taken = ltu64(alo, ahi, blo, bhi); break;
    case 7: taken = !ltu64(alo, ahi, blo, bhi); break;
    default: h.raiseIllegal(insn); return;
  }
  if (taken) {
    h.npc = h.pc + (((insn >> 31) << 12) | (((insn >>> 7) & 1) << 11) | (((insn >>> 25) & 0x3f) << 5) | (((insn >>> 8) & 0xf) << 1));
  }
}

/** rs1 + imm as an address number; remembers the exact value when a number cannot hold it. */
export function effectiveAddress(h: Hart, base: number, imm: number): number {
  const x = h.x;
  add64i(x[base << 1]!, x[(base << 1) + 1]!, imm);
  if (rhi >= -0x200000 && rhi < 0x200000) return rhi * 4294967296 + (rlo >>> 0);
  h.vaExact = BigInt.asUintN(64, pairToBig(rlo, rhi));
  return rhi * 4294967296 + (rlo >>> 0);
}

/** RAM offset for a data access that hits the fast path, else -1. */
function dataOffset(h: Hart, va: number, size: number, kind: number): number {
  const mmu = h.mmu;
  if (!mmu.dataVirt) {
    const off = va - mmu.ramBase;
    return off >= 0 && off <= mmu.ramSize - size ? off : -1;
  }
  if ((va & 0xfff) > 4096 - size) return -1;
  const vpn = Math.floor(va / 4096);
  const i = vpn & TLB_MASK;
  return mmu.tag[kind]![i] === vpn ? mmu.off[kind]![i]! + (va & 0xfff) : -1;
}

const LOAD_SIZE = [1, 2, 4, 8, 1, 2, 4, 0];

export function execLoad(h: Hart, insn: number): void {
  const f3 = (insn >>> 12) & 7;
  const size = LOAD_SIZE[f3]!;
  if (size === 0) { h.raiseIllegal(insn); return; }
  const va = effectiveAddress(h, (insn >>> 15) & 31, insn >> 20);
  const off = dataOffset(h, va, size, ACCESS_LOAD);
  let lo: number;
  let hi: number;
  if (off >= 0) {
    const dv = h.bus.ram.dv;
    switch (f3) {
      case 0: lo = dv.getInt8(off); hi = lo >> 31; break;
      case 1: lo = dv.getInt16(off, true); hi = lo >> 31; break;
      case 2: lo = dv.getInt32(off, true); hi = lo >> 31; break;
      case 3: lo = dv.getInt32(off, true); hi = dv.getInt32(off + 4, true); break;
      case 4: lo = dv.getUint8(off); hi = 0; break;
      case 5: lo = dv.getUint16(off, true); hi = 0; break;
      default: lo = dv.getInt32(off, true); hi = 0; break;
    }
  } else {
    if (!h.mmu.load(va, size)) return;
    lo = h.mmu.lo;
    hi = h.mmu.hi;
    switch (f3) {
      case 0: lo = (lo << 24) >> 24; hi = lo >> 31; break;
      case 1: lo = (lo << 16) >> 16; hi = lo >> 31; break;
      case 2: hi = lo >> 31; break;
      case 3: break;
      default: hi = 0; break;
    }
  }
  setRd(h.x, (insn >>> 7) & 31, lo, hi);
}

export function execStore(h: Hart, insn: number): void {
  const f3 = (insn >>> 12) & 7;
  if (f3 > 3) { h.raiseIllegal(insn); return; }
  const size = 1 << f3;
  const imm = ((insn >> 25) << 5) | ((insn >>> 7) & 31);
  const va = effectiveAddress(h, (insn >>> 15) & 31, imm);
  const s = ((insn >>> 20) & 31) << 1;
  const x = h.x;
  const lo = x[s]!, hi = x[s + 1]!;
  const off = dataOffset(h, va, size, ACCESS_STORE);
  if (off >= 0) {
    const dv = h.bus.ram.dv;
    switch (f3) {
      case 0: dv.setInt8(off, lo); break;
      case 1: dv.setInt16(off, lo, true); break;
      case 2: dv.setInt32(off, lo, true); break;
      default: dv.setInt32(off, lo, true); dv.setInt32(off + 4, hi, true); break;
    }
    if (h.storeWatch !== null) h.storeWatch(off + h.mmu.ramBase, size);
    return;
  }
  h.mmu.store(va, size, lo, hi);
}

export function execOpImm(h: Hart, insn: number): void {
  const x = h.x;
  const a = ((insn >>> 15) & 31) << 1;
  const alo = x[a]!, ahi = x[a + 1]!;
  const imm = insn >> 20;
  const rd = (insn >>> 7) & 31;
  switch ((insn >>> 12) & 7) {
    case 0: add64i(alo, ahi, imm); break;
    case 1:
      if ((insn >>> 26) !== 0) { h.raiseIllegal(insn); return; }
      shl64(alo, ahi, (insn >>> 20) & 63); break;
    case 2: rlo = lt64(alo, ahi, imm, imm >> 31) ? 1 : 0; rhi = 0; break;
    case 3: rlo = ltu64(alo, ahi, imm, imm >> 31) ? 1 : 0; rhi = 0; break;
    case 4: rlo = alo ^ imm; rhi = ahi ^ (imm >> 31); break;
    case 5: {
      const f6 = insn >>> 26;
      if (f6 === 0) shr64(alo, ahi, (insn >>> 20) & 63);
      else if (f6 === 0x10) sar64(alo, ahi, (insn >>> 20) & 63);
      else { h.raiseIllegal(insn); return; }
      break;
    }
    case 6: rlo = alo | imm; rhi = ahi | (imm >> 31); break;
    default: rlo = alo & imm; rhi = ahi & (imm >> 31); break;
  }
  setRd(x, rd, rlo, rhi);
}

export function execOpImm32(h: Hart, insn: number): void {
  const x = h.x;
  const alo = x[((insn >>> 15) & 31) << 1]!;
  const shamt = (insn >>> 20) & 31;
  let v: number;
  switch ((insn >>> 12) & 7) {
    case 0: v = (alo + (insn >> 20)) | 0; break;
    case 1:
      if ((insn >>> 25) !== 0) { h.raiseIllegal(insn); return; }
      v = alo << shamt; break;
    case 5:
      if ((insn >>> 25) === 0) v = (alo >>> shamt) | 0;
      else if ((insn >>> 25) === 0x20) v = alo >> shamt;
      else { h.raiseIllegal(insn); return; }
      break;
    default: h.raiseIllegal(insn); return;
  }
  setRd(x, (insn >>> 7) & 31, v, v >> 31);
}

export function execOp(h: Hart, insn: number): void {
  const f7 = insn >>> 25;
  if (f7 === 1) { execMulDiv(h, insn); return; }
  const x = h.x;
  const a = ((insn >>> 15) & 31) << 1;
  const b = ((insn >>> 20) & 31) << 1;
  const alo = x[a]!, ahi = x[a + 1]!, blo = x[b]!, bhi = x[b + 1]!;
  const f3 = (insn >>> 12) & 7;
  if (f7 === 0x20) {
    if (f3 === 0) {
      rlo = (alo - blo) | 0;
      rhi = (ahi - bhi - (alo >>> 0 < blo >>> 0 ? 1 : 0)) | 0;
    } else if (f3 === 5) {
      sar64(alo, ahi, blo & 63);
    } else { h.raiseIllegal(insn); return; }
  } else if (f7 === 0) {
    switch (f3) {
      case 0: {
        const sum = (alo >>> 0) + (blo >>> 0);
        rlo = sum | 0;
        rhi = (ahi + bhi + (sum > 0xffffffff ? 1 : 0)) | 0;
        break;
      }
      case 1: shl64(alo, ahi, blo & 63); break;
      case 2: rlo = lt64(alo, ahi, blo, bhi) ? 1 : 0; rhi = 0; break;
      case 3: rlo = ltu64(alo, ahi, blo, bhi) ? 1 : 0; rhi = 0; break;
      case 4: rlo = alo ^ blo; rhi = ahi ^ bhi; break;
      case 5: shr64(alo, ahi, blo & 63); break;
      case 6: rlo = alo | blo; rhi = ahi | bhi; break;
      default: rlo = alo & blo; rhi = ahi & bhi; break;
    }
  } else { h.raiseIllegal(insn); return; }
  setRd(x, (insn >>> 7) & 31, rlo, rhi);
}

export function execOp32(h: Hart, insn: number): void {
  const f7 = insn >>> 25;
  if (f7 === 1) { execMulDiv32(h, insn); return; }
  const x = h.x;
  const alo = x[((insn >>> 15) & 31) << 1]!;
  const blo = x[((insn >>> 20) & 31) << 1]!;
  const f3 = (insn >>> 12) & 7;
  let v: number;
  if (f7 === 0 && f3 === 0) v = (alo + blo) | 0;
  else if (f7 === 0x20 && f3 === 0) v = (alo - blo) | 0;
  else if (f7 === 0 && f3 === 1) v = alo << (blo & 31);
  else if (f7 === 0 && f3 === 5) v = (alo >>> (blo & 31)) | 0;
  else if (f7 === 0x20 && f3 === 5) v = alo >> (blo & 31);
  else { h.raiseIllegal(insn); return; }
  setRd(x, (insn >>> 7) & 31, v, v >> 31);
}
