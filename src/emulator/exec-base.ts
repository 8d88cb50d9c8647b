// RV64I base integer instructions on register pairs (see hart.ts): 64-bit add, compare and
// shift done with 32-bit operations on numbers. Results are written straight into the
// Int32Array register file (module-level temporaries holding non-Smi numbers would allocate
// a heap number per write). A destination of x0 goes to the scratch slot 32 (dest()).
// Loads and stores try the RAM fast path (bare physical, or a TLB hit) inline and fall back
// to the MMU's slow path for everything else.

import type { Hart } from './hart';
import { pairToBig } from './bits';
import * as muldiv from './exec-muldiv';

// Local copies of imported constants and functions (see decode.ts: imported bindings are
// getters under tsx). The values must match mmu.ts.
const ACCESS_LOAD = 1;
const ACCESS_STORE = 2;
const TLB_MASK = 255;
const execMulDiv = muldiv.execMulDiv, execMulDiv32 = muldiv.execMulDiv32;

/** Index of rd's low half in the register file; x0 maps to the scratch slot. */
function dest(insn: number): number {
  const rd = (insn >>> 7) & 31;
  return rd === 0 ? 64 : rd << 1;
}

/** x[d] = (lo, hi) + sign-extended 32-bit imm. */
function add64i(x: Int32Array, d: number, lo: number, hi: number, imm: number): void {
  const sum = (lo >>> 0) + (imm >>> 0);
  x[d + 1] = hi + (imm >> 31) + (sum > 0xffffffff ? 1 : 0);
  x[d] = sum;
}

function shl64(x: Int32Array, d: number, lo: number, hi: number, s: number): void {
  if (s === 0) { x[d] = lo; x[d + 1] = hi; }
  else if (s < 32) { x[d + 1] = (hi << s) | (lo >>> (32 - s)); x[d] = lo << s; }
  else { x[d + 1] = lo << (s - 32); x[d] = 0; }
}

function shr64(x: Int32Array, d: number, lo: number, hi: number, s: number): void {
  if (s === 0) { x[d] = lo; x[d + 1] = hi; }
  else if (s < 32) { x[d] = (lo >>> s) | (hi << (32 - s)); x[d + 1] = hi >>> s; }
  else { x[d] = hi >>> (s - 32); x[d + 1] = 0; }
}

function sar64(x: Int32Array, d: number, lo: number, hi: number, s: number): void {
  if (s === 0) { x[d] = lo; x[d + 1] = hi; }
  else if (s < 32) { x[d] = (lo >>> s) | (hi << (32 - s)); x[d + 1] = hi >> s; }
  else { x[d] = hi >> (s - 32); x[d + 1] = hi >> 31; }
}

function lt64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0);
}

function ltu64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 < blo >>> 0);
}

/** x[d] = a signed integral number (|v| < 2^53). */
function setNumber(x: Int32Array, d: number, v: number): void {
  x[d] = v;
  x[d + 1] = Math.floor(v / 4294967296);
}

export function execLui(h: Hart, insn: number): void {
  const x = h.x;
  const d = dest(insn);
  const imm = insn & 0xfffff000;
  x[d] = imm;
  x[d + 1] = imm >> 31;
}

export function execAuipc(h: Hart, insn: number): void {
  setNumber(h.x, dest(insn), h.pc + (insn & 0xfffff000));
}

export function execJal(h: Hart, insn: number): void {
  const imm = ((insn >> 31) << 20) | (insn & 0xff000) | (((insn >>> 20) & 1) << 11) | (((insn >>> 21) & 0x3ff) << 1);
  setNumber(h.x, dest(insn), h.npc);
  h.npc = h.pc + imm;
}

export function execJalr(h: Hart, insn: number): void {
  if (((insn >>> 12) & 7) !== 0) { h.raiseIllegal(insn); return; }
  const x = h.x;
  const b = ((insn >>> 15) & 31) << 1;
  const imm = insn >> 20;
  const lo = x[b]!;
  const sum = (lo >>> 0) + (imm >>> 0);
  const thi = (x[b + 1]! + (imm >> 31) + (sum > 0xffffffff ? 1 : 0)) | 0;
  const tlo = sum & ~1;
  setNumber(x, dest(insn), h.npc);
  if (thi >= -0x200000 && thi < 0x200000) h.npc = thi * 4294967296 + (tlo >>> 0);
  else h.jumpBig(pairToBig(tlo, thi));
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
  const lo = x[base << 1]!;
  const sum = (lo >>> 0) + (imm >>> 0);
  const hi = (x[(base << 1) + 1]! + (imm >> 31) + (sum > 0xffffffff ? 1 : 0)) | 0;
  if (hi >= -0x200000 && hi < 0x200000) return hi * 4294967296 + (sum >>> 0);
  h.vaExact = BigInt.asUintN(64, pairToBig(sum | 0, hi));
  return hi * 4294967296 + (sum >>> 0);
}

/** RAM offset for a data access that hits the fast path, else -1. */
export function dataOffset(h: Hart, va: number, size: number, kind: number): number {
  const mmu = h.mmu;
  if (!mmu.dataVirt) {
    const off = va - mmu.ramBase;
    return off >= 0 && off <= mmu.ramSize - size ? off : -1;
  }
  if ((va & 0xfff) > 4096 - size) return -1;
  const vpn = Math.floor(va / 4096);
  const i = (vpn & TLB_MASK) + mmu.dataSlot;
  return mmu.tag[kind]![i] === vpn ? mmu.off[kind]![i]! + (va & 0xfff) : -1;
}

const LOAD_SIZE = [1, 2, 4, 8, 1, 2, 4, 0];

export function execLoad(h: Hart, insn: number): void {
  const f3 = (insn >>> 12) & 7;
  const size = LOAD_SIZE[f3]!;
  if (size === 0) { h.raiseIllegal(insn); return; }
  const va = effectiveAddress(h, (insn >>> 15) & 31, insn >> 20);
  const off = dataOffset(h, va, size, ACCESS_LOAD);
  const x = h.x;
  const d = dest(insn);
  if (off >= 0) {
    const dv = h.bus.ram.dv;
    switch (f3) {
      case 0: { const v = dv.getInt8(off); x[d] = v; x[d + 1] = v >> 31; return; }
      case 1: { const v = dv.getInt16(off, true); x[d] = v; x[d + 1] = v >> 31; return; }
      case 2: { const v = dv.getInt32(off, true); x[d] = v; x[d + 1] = v >> 31; return; }
      case 3: x[d] = dv.getInt32(off, true); x[d + 1] = dv.getInt32(off + 4, true); return;
      case 4: x[d] = dv.getUint8(off); x[d + 1] = 0; return;
      case 5: x[d] = dv.getUint16(off, true); x[d + 1] = 0; return;
      default: x[d] = dv.getInt32(off, true); x[d + 1] = 0; return;
    }
  }
  const mmu = h.mmu;
  if (!mmu.load(va, size)) return;
  const lo = mmu.lo;
  switch (f3) {
    case 0: { const v = (lo << 24) >> 24; x[d] = v; x[d + 1] = v >> 31; return; }
    case 1: { const v = (lo << 16) >> 16; x[d] = v; x[d + 1] = v >> 31; return; }
    case 2: x[d] = lo; x[d + 1] = lo >> 31; return;
    case 3: x[d] = lo; x[d + 1] = mmu.hi; return;
    default: x[d] = lo; x[d + 1] = 0; return;
  }
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
    const ram = h.bus.ram;
    if (ram.codePages[off >>> 12] !== 0 || ram.codePages[(off + size - 1) >>> 12] !== 0) ram.noteWrite(off, size);
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
  const d = dest(insn);
  switch ((insn >>> 12) & 7) {
    case 0: add64i(x, d, alo, ahi, imm); return;
    case 1:
      if ((insn >>> 26) !== 0) { h.raiseIllegal(insn); return; }
      shl64(x, d, alo, ahi, (insn >>> 20) & 63); return;
    case 2: x[d] = lt64(alo, ahi, imm, imm >> 31) ? 1 : 0; x[d + 1] = 0; return;
    case 3: x[d] = ltu64(alo, ahi, imm, imm >> 31) ? 1 : 0; x[d + 1] = 0; return;
    case 4: x[d] = alo ^ imm; x[d + 1] = ahi ^ (imm >> 31); return;
    case 5: {
      const f6 = insn >>> 26;
      if (f6 === 0) shr64(x, d, alo, ahi, (insn >>> 20) & 63);
      else if (f6 === 0x10) sar64(x, d, alo, ahi, (insn >>> 20) & 63);
      else h.raiseIllegal(insn);
      return;
    }
    case 6: x[d] = alo | imm; x[d + 1] = ahi | (imm >> 31); return;
    default: x[d] = alo & imm; x[d + 1] = ahi & (imm >> 31); return;
  }
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
  const d = dest(insn);
  x[d] = v;
  x[d + 1] = v >> 31;
}

export function execOp(h: Hart, insn: number): void {
  const f7 = insn >>> 25;
  if (f7 === 1) { execMulDiv(h, insn); return; }
  const x = h.x;
  const a = ((insn >>> 15) & 31) << 1;
  const b = ((insn >>> 20) & 31) << 1;
  const alo = x[a]!, ahi = x[a + 1]!, blo = x[b]!, bhi = x[b + 1]!;
  const f3 = (insn >>> 12) & 7;
  const d = dest(insn);
  if (f7 === 0) {
    switch (f3) {
      case 0: {
        const sum = (alo >>> 0) + (blo >>> 0);
        x[d + 1] = ahi + bhi + (sum > 0xffffffff ? 1 : 0);
        x[d] = sum;
        return;
      }
      case 1: shl64(x, d, alo, ahi, blo & 63); return;
      case 2: x[d] = lt64(alo, ahi, blo, bhi) ? 1 : 0; x[d + 1] = 0; return;
      case 3: x[d] = ltu64(alo, ahi, blo, bhi) ? 1 : 0; x[d + 1] = 0; return;
      case 4: x[d] = alo ^ blo; x[d + 1] = ahi ^ bhi; return;
      case 5: shr64(x, d, alo, ahi, blo & 63); return;
      case 6: x[d] = alo | blo; x[d + 1] = ahi | bhi; return;
      default: x[d] = alo & blo; x[d + 1] = ahi & bhi; return;
    }
  }
  if (f7 === 0x20 && f3 === 0) {
    x[d + 1] = ahi - bhi - (alo >>> 0 < blo >>> 0 ? 1 : 0);
    x[d] = alo - blo;
    return;
  }
  if (f7 === 0x20 && f3 === 5) { sar64(x, d, alo, ahi, blo & 63); return; }
  h.raiseIllegal(insn);
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
  const d = dest(insn);
  x[d] = v;
  x[d + 1] = v >> 31;
}
