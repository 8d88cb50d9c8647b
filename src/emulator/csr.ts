// Control and status registers: numbers, access rules and the WARL behaviour of each register.
// csrRead/csrWrite return null/false for an access that must raise an illegal-instruction
// exception: unknown CSR, insufficient privilege, write to a read-only CSR, a counter hidden by
// mcounteren/scounteren, satp under mstatus.TVM. sstatus, sie and sip are views of the M
// registers, as in the privileged spec.

import type { Hart } from './hart';
import {
  PRIV_M, PRIV_S, PRIV_U, MSTATUS_TVM, MSTATUS_MPP, MSTATUS_MPP_SHIFT,
} from './trap';

export const CSR = {
  cycle: 0xc00, time: 0xc01, instret: 0xc02,
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, senvcfg: 0x10a,
  sscratch: 0x140, sepc: 0x141, scause: 0x142, stval: 0x143, sip: 0x144, satp: 0x180,
  mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14, mconfigptr: 0xf15,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305,
  mcounteren: 0x306, menvcfg: 0x30a, mcountinhibit: 0x320,
  mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344,
  mcycle: 0xb00, minstret: 0xb02,
  tselect: 0x7a0, tdata1: 0x7a1, tdata2: 0x7a2, tdata3: 0x7a3,
} as const;

/** misa: RV64 with A, C, I, M, S, U. */
export const MISA = (2n << 62n) | (1n << 0n) | (1n << 2n) | (1n << 8n) | (1n << 12n) | (1n << 18n) | (1n << 20n);

// mstatus: the bits software may write, and the constant UXL = SXL = 2 (64-bit) in the high word.
const MSTATUS_WRITABLE = 0x7e19aa; // SIE MIE SPIE MPIE SPP MPP MPRV SUM MXR TVM TW TSR
const MSTATUS_HIGH = 0xa00000000n;
/** sstatus: the bits of mstatus it shows and writes, and its constant high word (UXL = 2). */
export const SSTATUS_MASK = 0x000c0122; // SIE SPIE SPP SUM MXR (+ UXL in the high word)
export const SSTATUS_HIGH = 0x200000000n;
const MIP_WRITABLE = 0x222; // SSIP STIP SEIP; MSIP/MTIP/MEIP come from the CLINT and PLIC
const MIDELEG_WRITABLE = 0x222;
const MEDELEG_WRITABLE = 0xb3ff; // every exception except ecall from M and the reserved ones

export function readMstatus(h: Hart): bigint {
  return MSTATUS_HIGH | BigInt(h.mstatus >>> 0);
}

/**
 * Read CSR `n` at privilege h.priv; null when the access is illegal.
 */
export function csrRead(h: Hart, n: number): bigint | null {
  if (((n >>> 8) & 3) > h.priv) return null;
  switch (n) {
    case CSR.cycle: case CSR.time: case CSR.instret:
      if (!counterAllowed(h, n - CSR.cycle)) return null;
      return n === CSR.cycle ? BigInt(h.cycles + h.cycleOffset) : n === CSR.time ? BigInt(h.mtime()) : BigInt(h.instret + h.instretOffset);
    case CSR.sstatus: return (readMstatus(h) & (BigInt(SSTATUS_MASK) | SSTATUS_HIGH));
    case CSR.sie: return BigInt(h.mie & h.mideleg);
    case CSR.stvec: return h.stvec;
    case CSR.scounteren: return BigInt(h.scounteren >>> 0);
    case CSR.senvcfg: return 0n;
    case CSR.sscratch: return h.sscratch;
    case CSR.sepc: return h.sepc;
    case CSR.scause: return h.scause;
    case CSR.stval: return h.stval;
    case CSR.sip: return BigInt(h.mip & h.mideleg);
    case CSR.satp:
      if (h.priv === PRIV_S && (h.mstatus & MSTATUS_TVM) !== 0) return null;
      return h.satp;
    case CSR.mvendorid: case CSR.marchid: case CSR.mimpid: case CSR.mhartid: case CSR.mconfigptr:
      return 0n;
    case CSR.mstatus: return readMstatus(h);
    case CSR.misa: return MISA;
    case CSR.medeleg: return BigInt(h.medeleg);
    case CSR.mideleg: return BigInt(h.mideleg);
    case CSR.mie: return BigInt(h.mie);
    case CSR.mtvec: return h.mtvec;
    case CSR.mcounteren: return BigInt(h.mcounteren >>> 0);
    case CSR.menvcfg: return 0n;
    case CSR.mcountinhibit: return BigInt(h.mcountinhibit >>> 0);
    case CSR.mscratch: return h.mscratch;
    case CSR.mepc: return h.mepc;
    case CSR.mcause: return h.mcause;
    case CSR.mtval: return h.mtval;
    case CSR.mip: return BigInt(h.mip);
    case CSR.mcycle: return BigInt(h.cycles + h.cycleOffset);
    case CSR.minstret: return BigInt(h.instret + h.instretOffset);
    case CSR.tselect: case CSR.tdata1: case CSR.tdata2: case CSR.tdata3: return 0n;
  }
  if (n >= 0xc03 && n <= 0xc1f) return counterAllowed(h, n - CSR.cycle) ? 0n : null; // hpmcounterN
  if (n >= 0xb03 && n <= 0xb1f) return 0n; // mhpmcounterN
  if (n >= 0x323 && n <= 0x33f) return 0n; // mhpmeventN
  if (n >= 0x3a0 && n <= 0x3af) return (n & 1) === 0 ? h.pmpcfg[(n - 0x3a0) >> 1]! : null;
  if (n >= 0x3b0 && n <= 0x3ef) return h.pmpaddr[n - 0x3b0]!;
  return null;
}

function counterAllowed(h: Hart, bit: number): boolean {
  if (h.priv === PRIV_M) return true;
  if (((h.mcounteren >>> bit) & 1) === 0) return false;
  if (h.priv === PRIV_U && ((h.scounteren >>> bit) & 1) === 0) return false;
  return true;
}

/**
 * Write `v` to CSR `n` at privilege h.priv; false when the access is illegal (the caller has
 * already checked readability where the instruction reads). Side effects on translation and
 * interrupts are signalled to the hart.
 */
export function csrWrite(h: Hart, n: number, v: bigint): boolean {
  if (((n >>> 8) & 3) > h.priv || ((n >>> 10) & 3) === 3) return false;
  const lo = Number(BigInt.asUintN(32, v)) | 0;
  switch (n) {
    case CSR.sstatus:
      writeMstatus(h, (h.mstatus & ~SSTATUS_MASK) | (lo & SSTATUS_MASK));
      return true;
    case CSR.sie:
      h.mie = (h.mie & ~h.mideleg) | (lo & h.mideleg);
      h.irqDirty = true;
      return true;
    case CSR.stvec: h.stvec = legalTvec(h.stvec, v); return true;
    case CSR.scounteren: h.scounteren = lo; return true;
    case CSR.senvcfg: return true;
    case CSR.sscratch: h.sscratch = BigInt.asUintN(64, v); return true;
    case CSR.sepc: h.sepc = BigInt.asUintN(64, v) & ~1n; return true;
    case CSR.scause: h.scause = BigInt.asUintN(64, v); return true;
    case CSR.stval: h.stval = BigInt.asUintN(64, v); return true;
    case CSR.sip: {
      const mask = 0x2 & h.mideleg; // only SSIP is writable through sip
      h.mip = (h.mip & ~mask) | (lo & mask);
      h.irqDirty = true;
      return true;
    }
    case CSR.satp: {
      if (h.priv === PRIV_S && (h.mstatus & MSTATUS_TVM) !== 0) return false;
      const mode = BigInt.asUintN(64, v) >> 60n;
      // An unsupported mode makes the whole write have no effect (privileged spec, satp).
      if (mode !== 0n && mode !== 8n) return true;
      h.satp = BigInt.asUintN(64, v) & ((0xfn << 60n) | (0xffffn << 44n) | ((1n << 44n) - 1n));
      h.mmu.modeChanged(true);
      return true;
    }
    case CSR.mstatus: writeMstatus(h, lo); return true;
    case CSR.misa: return true; // read-only in effect (WARL, nothing can be turned off)
    case CSR.medeleg: h.medeleg = lo & MEDELEG_WRITABLE; return true;
    case CSR.mideleg: h.mideleg = lo & MIDELEG_WRITABLE; h.irqDirty = true; return true;
    case CSR.mie: h.mie = lo & 0xaaa; h.irqDirty = true; return true;
    case CSR.mtvec: h.mtvec = legalTvec(h.mtvec, v); return true;
    case CSR.mcounteren: h.mcounteren = lo; return true;
    case CSR.menvcfg: return true;
    case CSR.mcountinhibit: h.mcountinhibit = lo & ~2; return true;
    case CSR.mscratch: h.mscratch = BigInt.asUintN(64, v); return true;
    case CSR.mepc: h.mepc = BigInt.asUintN(64, v) & ~1n; return true;
    case CSR.mcause: h.mcause = BigInt.asUintN(64, v); return true;
    case CSR.mtval: h.mtval = BigInt.asUintN(64, v); return true;
    case CSR.mip:
      h.mip = (h.mip & ~MIP_WRITABLE) | (lo & MIP_WRITABLE);
      h.irqDirty = true;
      return true;
    case CSR.mcycle: h.cycleOffset = Number(BigInt.asIntN(64, v)) - h.cycles; return true;
    case CSR.minstret:
      // The write happens before this instruction retires, which then increments minstret.
      h.instretOffset = Number(BigInt.asIntN(64, v)) - h.instret - 1;
      return true;
    case CSR.tselect: case CSR.tdata1: case CSR.tdata2: case CSR.tdata3: return true;
  }
  if (n >= 0xb03 && n <= 0xb1f) return true;
  if (n >= 0x323 && n <= 0x33f) return true;
  if (n >= 0x3a0 && n <= 0x3af) {
    if ((n & 1) !== 0) return false;
    h.pmpcfg[(n - 0x3a0) >> 1] = BigInt.asUintN(64, v);
    return true;
  }
  if (n >= 0x3b0 && n <= 0x3ef) {
    h.pmpaddr[n - 0x3b0] = BigInt.asUintN(64, v) & ((1n << 54n) - 1n);
    return true;
  }
  return false;
}

function writeMstatus(h: Hart, value: number): void {
  let v = (h.mstatus & ~MSTATUS_WRITABLE) | (value & MSTATUS_WRITABLE);
  // MPP is WARL: the reserved encoding 2 reads back as U.
  if (((v & MSTATUS_MPP) >>> MSTATUS_MPP_SHIFT) === 2) v &= ~MSTATUS_MPP;
  const changed = (h.mstatus ^ v) & ((1 << 17) | (1 << 18) | (1 << 19) | MSTATUS_MPP);
  h.mstatus = v;
  h.irqDirty = true;
  if (changed !== 0) h.mmu.modeChanged();
}

function legalTvec(old: bigint, v: bigint): bigint {
  const u = BigInt.asUintN(64, v);
  const mode = u & 3n;
  if (mode >= 2n) return old; // reserved modes: keep the previous value
  return mode === 1n ? (u & ~3n) | 1n : u & ~3n;
}

