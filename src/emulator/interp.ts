// The interpreter's fast loop: runs a stretch of ordinary instructions (ALU, M, loads and
// stores that hit RAM through the TLB, branches and jumps) in one function, with the pc, the
// step count and the current fetch page in locals, so the run loop's checks, the fetch TLB
// lookup and the hart's field traffic are paid once per stretch instead of per instruction.
//
// Exactness by construction: Hart.step stays the reference. Anything the loop does not do
// inline (system instructions, atomics, fences, CSRs, TLB misses, devices, page-crossing or
// watched accesses, stores into pages with translations or dirty-tracking marks, illegal
// encodings, fetches at a page end) is not started here: the loop writes its state back and
// leaves that instruction to step(), then returns, so the run loop sees every interrupt,
// timer, stop and wfi change exactly where step-by-step execution would. The inline cases
// have no side effects before they are sure to complete, so bailing out needs no undo.
//
// The caller guarantees what the run loop checks before each step: no breakpoints, no timer
// deadline within `budget` steps (budget <= timerCycle - cycles, at least 1), no pending
// interrupt check and not waiting. It runs only where no block gets translated (hart.jit null
// or disabled, e.g. a host without WebAssembly and eval): with translation on, the kernel's
// cold code between blocks is ~4% of a boot's instructions (557 k of 14.7 M, 4.6 per call),
// and TurboFan compiling this function 5 times cost more (a cold boot 0.57 s vs 0.40 s).

import type { Hart } from './hart';
import * as rvc from './rvc';
import * as muldiv from './exec-muldiv';

// Local copies of imported bindings (getters under tsx, see decode.ts); values as in mmu.ts.
const expandCompressed = rvc.expandCompressed;
const execMulDiv = muldiv.execMulDiv, execMulDiv32 = muldiv.execMulDiv32;
const ACCESS_FETCH = 0, ACCESS_LOAD = 1, ACCESS_STORE = 2;
const TLB_MASK = 255;
const TWO32 = 4294967296;
/** Steps per call at most (see interpret). */
const MAX_STRETCH = 4096;
/** Address arithmetic stays exact in doubles while the high half is in this range. */
const SAFE_HI = 0x200000;

/**
 * Run up to `budget` steps from h.pc; returns how many ran (each retired one instruction,
 * except a last one handed to step(), which may have taken a trap instead).
 */
export function interpret(h: Hart, budget: number): number {
  // Short calls: the exit path runs (and gets type feedback) before V8 optimizes the loop,
  // and V8 then optimizes the function whole instead of on-stack-replacing a loop that never
  // left; an exit without feedback deoptimized it at the end of every slice.
  if (budget > MAX_STRETCH) budget = MAX_STRETCH;
  const x = h.x;
  const mmu = h.mmu;
  const ram = h.bus.ram;
  // i32 and u16 are host-endian views: like the fetch path (hart.ts), they assume a
  // little-endian host, which every host ForkLab runs on is.
  const u16 = ram.u16, i32 = ram.i32, dv = ram.dv, codePages = ram.codePages;
  const ramBase = mmu.ramBase, ramSize = mmu.ramSize;
  const fetchVirt = mmu.fetchVirt, fetchSlot = mmu.fetchSlot;
  const fetchTag = mmu.tag[ACCESS_FETCH]!, fetchOff = mmu.off[ACCESS_FETCH]!;
  const dataVirt = mmu.dataVirt, dataSlot = mmu.dataSlot;
  const loadTag = mmu.tag[ACCESS_LOAD]!, loadOff = mmu.off[ACCESS_LOAD]!;
  const storeTag = mmu.tag[ACCESS_STORE]!, storeOff = mmu.off[ACCESS_STORE]!;
  const watched = h.storeWatch !== null;
  // The int32 bare-address check below needs RAM within the low 4 GiB.
  if (!(ramBase >= 0 && ramBase + ramSize <= TWO32)) { h.step(); return 1; }
  const ramBaseLo = ramBase | 0;

  // Fetch window: the pc is winVa + d, and while d is in [0, winLim] the instruction is at
  // RAM offset winOff + d. Straight-line code and branches only move d (int32 arithmetic);
  // the pc as a number is made when an instruction needs it (auipc, links, exits).
  let winVa = h.pc, winOff = 0, winLim = -1;
  let d = 0;
  let n = 0;
  let edge = false;
  let slow = false;

  loop: for (;;) {
    if ((d >>> 0) > winLim) {
      const pc = winVa + d;
      let va: number, off: number, lim: number;
      if (!fetchVirt) {
        va = ramBase; off = 0; lim = ramSize - 4;
      } else {
        const vpn = Math.floor(pc / 4096);
        const i = (vpn & TLB_MASK) + fetchSlot;
        if (fetchTag[i] !== vpn) { slow = true; break; }
        // 4092: a 32-bit instruction in the last halfword crosses the page (step does it).
        va = vpn * 4096; off = fetchOff[i]!; lim = 4092;
      }
      const nd = pc - va;
      if (!(nd >= 0 && nd <= lim)) { slow = true; break; }
      winVa = va; winOff = off; winLim = lim; d = nd | 0;
    }
    const k = (winOff + d) >>> 1;
    let insn = u16[k]! | (u16[k + 1]! << 16);
    let len = 4;
    if ((insn & 3) !== 3) {
      insn = expandCompressed(insn & 0xffff);
      if (insn === 0) { slow = true; break; }
      len = 2;
    }
    const rd = (insn >>> 7) & 31;
    const dst = rd === 0 ? 64 : rd << 1;
    const a = ((insn >>> 15) & 31) << 1;
    const f3 = (insn >>> 12) & 7;
    switch (insn & 0x7f) {
      case 0x13: { // OP-IMM
        const alo = x[a]!, ahi = x[a + 1]!;
        const imm = insn >> 20;
        switch (f3) {
          case 0: {
            const sum = (alo + imm) | 0;
            x[dst + 1] = ahi + (imm >> 31) + ((sum >>> 0) < (alo >>> 0) ? 1 : 0);
            x[dst] = sum;
            break;
          }
          case 1: {
            if ((insn >>> 26) !== 0) { slow = true; break loop; }
            const s = (insn >>> 20) & 63;
            if (s === 0) { x[dst] = alo; x[dst + 1] = ahi; }
            else if (s < 32) { x[dst + 1] = (ahi << s) | (alo >>> (32 - s)); x[dst] = alo << s; }
            else { x[dst + 1] = alo << (s - 32); x[dst] = 0; }
            break;
          }
          case 2: x[dst] = lt64(alo, ahi, imm, imm >> 31) ? 1 : 0; x[dst + 1] = 0; break;
          case 3: x[dst] = ltu64(alo, ahi, imm, imm >> 31) ? 1 : 0; x[dst + 1] = 0; break;
          case 4: x[dst] = alo ^ imm; x[dst + 1] = ahi ^ (imm >> 31); break;
          case 5: {
            const f6 = insn >>> 26;
            const s = (insn >>> 20) & 63;
            if (f6 === 0) {
              if (s === 0) { x[dst] = alo; x[dst + 1] = ahi; }
              else if (s < 32) { x[dst] = (alo >>> s) | (ahi << (32 - s)); x[dst + 1] = ahi >>> s; }
              else { x[dst] = ahi >>> (s - 32); x[dst + 1] = 0; }
            } else if (f6 === 0x10) {
              if (s === 0) { x[dst] = alo; x[dst + 1] = ahi; }
              else if (s < 32) { x[dst] = (alo >>> s) | (ahi << (32 - s)); x[dst + 1] = ahi >> s; }
              else { x[dst] = ahi >> (s - 32); x[dst + 1] = ahi >> 31; }
            } else { slow = true; break loop; }
            break;
          }
          case 6: x[dst] = alo | imm; x[dst + 1] = ahi | (imm >> 31); break;
          default: x[dst] = alo & imm; x[dst + 1] = ahi & (imm >> 31); break;
        }
        d += len;
        break;
      }
      case 0x33: { // OP
        const f7 = insn >>> 25;
        const b = ((insn >>> 20) & 31) << 1;
        const alo = x[a]!, ahi = x[a + 1]!, blo = x[b]!, bhi = x[b + 1]!;
        if (f7 === 0) {
          switch (f3) {
            case 0: {
              const sum = (alo + blo) | 0;
              x[dst + 1] = ahi + bhi + ((sum >>> 0) < (alo >>> 0) ? 1 : 0);
              x[dst] = sum;
              break;
            }
            case 1: {
              const s = blo & 63;
              if (s === 0) { x[dst] = alo; x[dst + 1] = ahi; }
              else if (s < 32) { x[dst + 1] = (ahi << s) | (alo >>> (32 - s)); x[dst] = alo << s; }
              else { x[dst + 1] = alo << (s - 32); x[dst] = 0; }
              break;
            }
            case 2: x[dst] = lt64(alo, ahi, blo, bhi) ? 1 : 0; x[dst + 1] = 0; break;
            case 3: x[dst] = ltu64(alo, ahi, blo, bhi) ? 1 : 0; x[dst + 1] = 0; break;
            case 4: x[dst] = alo ^ blo; x[dst + 1] = ahi ^ bhi; break;
            case 5: {
              const s = blo & 63;
              if (s === 0) { x[dst] = alo; x[dst + 1] = ahi; }
              else if (s < 32) { x[dst] = (alo >>> s) | (ahi << (32 - s)); x[dst + 1] = ahi >>> s; }
              else { x[dst] = ahi >>> (s - 32); x[dst + 1] = 0; }
              break;
            }
            case 6: x[dst] = alo | blo; x[dst + 1] = ahi | bhi; break;
            default: x[dst] = alo & blo; x[dst + 1] = ahi & bhi; break;
          }
        } else if (f7 === 0x20 && f3 === 0) {
          x[dst + 1] = ahi - bhi - (alo >>> 0 < blo >>> 0 ? 1 : 0);
          x[dst] = alo - blo;
        } else if (f7 === 0x20 && f3 === 5) {
          const s = blo & 63;
          if (s === 0) { x[dst] = alo; x[dst + 1] = ahi; }
          else if (s < 32) { x[dst] = (alo >>> s) | (ahi << (32 - s)); x[dst + 1] = ahi >> s; }
          else { x[dst] = ahi >> (s - 32); x[dst + 1] = ahi >> 31; }
        } else if (f7 === 1) {
          execMulDiv(h, insn); // every funct3 is defined, none can fault
        } else { slow = true; break loop; }
        d += len;
        break;
      }
      case 0x1b: { // OP-IMM-32
        const alo = x[a]!;
        const s = (insn >>> 20) & 31;
        const f7 = insn >>> 25;
        let v: number;
        if (f3 === 0) v = (alo + (insn >> 20)) | 0;
        else if (f3 === 1 && f7 === 0) v = alo << s;
        else if (f3 === 5 && f7 === 0) v = (alo >>> s) | 0;
        else if (f3 === 5 && f7 === 0x20) v = alo >> s;
        else { slow = true; break loop; }
        x[dst] = v; x[dst + 1] = v >> 31;
        d += len;
        break;
      }
      case 0x3b: { // OP-32
        const f7 = insn >>> 25;
        if (f7 === 1) {
          if (f3 >= 1 && f3 <= 3) { slow = true; break loop; }
          execMulDiv32(h, insn);
          d += len;
          break;
        }
        const alo = x[a]!, blo = x[((insn >>> 20) & 31) << 1]!;
        let v: number;
        if (f7 === 0 && f3 === 0) v = (alo + blo) | 0;
        else if (f7 === 0x20 && f3 === 0) v = (alo - blo) | 0;
        else if (f7 === 0 && f3 === 1) v = alo << (blo & 31);
        else if (f7 === 0 && f3 === 5) v = (alo >>> (blo & 31)) | 0;
        else if (f7 === 0x20 && f3 === 5) v = alo >> (blo & 31);
        else { slow = true; break loop; }
        x[dst] = v; x[dst + 1] = v >> 31;
        d += len;
        break;
      }
      case 0x37: { // LUI
        const imm = insn & 0xfffff000;
        x[dst] = imm; x[dst + 1] = imm >> 31;
        d += len;
        break;
      }
      case 0x17: { // AUIPC
        const v = winVa + d + (insn & 0xfffff000);
        x[dst] = v; x[dst + 1] = Math.floor(v / TWO32);
        d += len;
        break;
      }
      case 0x03: { // LOAD
        if (f3 === 7) { slow = true; break loop; }
        const size = 1 << (f3 & 3);
        const imm = insn >> 20;
        const lo = x[a]!;
        const sum = (lo + imm) | 0;
        const hi = (x[a + 1]! + (imm >> 31) + ((sum >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
        let off: number;
        if (!dataVirt) {
          off = (sum - ramBaseLo) >>> 0;
          if (hi !== 0 || off > ramSize - size) { slow = true; break loop; }
        } else {
          // Sv39 addresses have hi in [-64, 64); others fault (step does that).
          if ((hi + 64) >>> 0 >= 128 || (sum & 0xfff) > 4096 - size) { slow = true; break loop; }
          const vpn = (hi << 20) | (sum >>> 12);
          const i = (vpn & TLB_MASK) + dataSlot;
          if (loadTag[i] !== vpn) { slow = true; break loop; }
          off = loadOff[i]! + (sum & 0xfff);
        }
        switch (f3) {
          case 0: { const v = dv.getInt8(off); x[dst] = v; x[dst + 1] = v >> 31; break; }
          case 1: { const v = dv.getInt16(off, true); x[dst] = v; x[dst + 1] = v >> 31; break; }
          case 2: { const v = (off & 3) === 0 ? i32[off >>> 2]! : dv.getInt32(off, true); x[dst] = v; x[dst + 1] = v >> 31; break; }
          case 3:
            if ((off & 3) === 0) { const w = off >>> 2; x[dst] = i32[w]!; x[dst + 1] = i32[w + 1]!; }
            else { x[dst] = dv.getInt32(off, true); x[dst + 1] = dv.getInt32(off + 4, true); }
            break;
          case 4: x[dst] = dv.getUint8(off); x[dst + 1] = 0; break;
          case 5: x[dst] = dv.getUint16(off, true); x[dst + 1] = 0; break;
          default: x[dst] = dv.getInt32(off, true); x[dst + 1] = 0; break;
        }
        d += len;
        break;
      }
      case 0x23: { // STORE
        if (f3 > 3 || watched) { slow = true; break loop; }
        const size = 1 << f3;
        const imm = ((insn >> 25) << 5) | rd;
        const lo = x[a]!;
        const sum = (lo + imm) | 0;
        const hi = (x[a + 1]! + (imm >> 31) + ((sum >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
        let off: number;
        if (!dataVirt) {
          off = (sum - ramBaseLo) >>> 0;
          if (hi !== 0 || off > ramSize - size) { slow = true; break loop; }
        } else {
          // Sv39 addresses have hi in [-64, 64); others fault (step does that).
          if ((hi + 64) >>> 0 >= 128 || (sum & 0xfff) > 4096 - size) { slow = true; break loop; }
          const vpn = (hi << 20) | (sum >>> 12);
          const i = (vpn & TLB_MASK) + dataSlot;
          if (storeTag[i] !== vpn) { slow = true; break loop; }
          off = storeOff[i]! + (sum & 0xfff);
        }
        // Pages with translations or dirty-tracking marks need noteWrite: step's store does it.
        if (codePages[off >>> 12] !== 0 || codePages[(off + size - 1) >>> 12] !== 0) { slow = true; break loop; }
        const s = ((insn >>> 20) & 31) << 1;
        switch (f3) {
          case 0: dv.setInt8(off, x[s]!); break;
          case 1: dv.setInt16(off, x[s]!, true); break;
          case 2: if ((off & 3) === 0) i32[off >>> 2] = x[s]!; else dv.setInt32(off, x[s]!, true); break;
          default:
            if ((off & 3) === 0) { const w = off >>> 2; i32[w] = x[s]!; i32[w + 1] = x[s + 1]!; }
            else { dv.setInt32(off, x[s]!, true); dv.setInt32(off + 4, x[s + 1]!, true); }
            break;
        }
        d += len;
        break;
      }
      case 0x63: { // BRANCH
        const b = ((insn >>> 20) & 31) << 1;
        const alo = x[a]!, ahi = x[a + 1]!, blo = x[b]!, bhi = x[b + 1]!;
        let taken: boolean;
        switch (f3) {
          case 0: taken = alo === blo && ahi === bhi; break;
          case 1: taken = alo !== blo || ahi !== bhi; break;
          case 4: taken = lt64(alo, ahi, blo, bhi); break;
          case 5: taken = !lt64(alo, ahi, blo, bhi); break;
          case 6: taken = ltu64(alo, ahi, blo, bhi); break;
          case 7: taken = !ltu64(alo, ahi, blo, bhi); break;
          default: slow = true; break loop;
        }
        d += taken
          ? ((insn >> 31) << 12) | ((rd & 1) << 11) | (((insn >>> 25) & 0x3f) << 5) | (rd & 0x1e)
          : len;
        edge = true;
        break;
      }
      case 0x6f: { // JAL
        const link = winVa + d + len;
        x[dst] = link; x[dst + 1] = Math.floor(link / TWO32);
        d += ((insn >> 31) << 20) | (insn & 0xff000) | (((insn >>> 20) & 1) << 11) | (((insn >>> 21) & 0x3ff) << 1);
        edge = true;
        break;
      }
      case 0x67: { // JALR
        if (f3 !== 0) { slow = true; break loop; }
        const imm = insn >> 20;
        const lo = x[a]!;
        const sum = (lo + imm) | 0;
        const thi = (x[a + 1]! + (imm >> 31) + ((sum >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
        if (!(thi >= -SAFE_HI && thi < SAFE_HI)) { slow = true; break loop; }
        const link = winVa + d + len;
        x[dst] = link; x[dst + 1] = Math.floor(link / TWO32);
        winVa = thi * TWO32 + ((sum & ~1) >>> 0); d = 0; winLim = -1; // a new window at the target
        edge = true;
        break;
      }
      default:
        slow = true;
        break loop;
    }
    if (++n >= budget) break;
  }

  h.pc = winVa + d;
  h.instret += n;
  h.cycles += n;
  if (edge) h.edge = true;
  if (!slow) return n;
  h.step();
  return n + 1;
}

function lt64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0);
}

function ltu64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi >>> 0 < bhi >>> 0 || (ahi === bhi && alo >>> 0 < blo >>> 0);
}
