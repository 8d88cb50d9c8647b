// SYSTEM and MISC-MEM: ecall/ebreak, mret/sret, wfi, sfence.vma, the Zicsr instructions, fence
// and fence.i. Privilege rules (TSR, TW, TVM, U-mode wfi) raise illegal-instruction here; the
// per-CSR rules live in csr.ts.

import type { Hart } from './hart';
import { csrRead, csrWrite } from './csr';
import {
  PRIV_M, PRIV_S, PRIV_U, CAUSE_BREAKPOINT, CAUSE_ECALL_U, CAUSE_ECALL_S, CAUSE_ECALL_M,
  MSTATUS_MIE, MSTATUS_MPIE, MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_MPRV, MSTATUS_SIE,
  MSTATUS_SPIE, MSTATUS_SPP, MSTATUS_TSR, MSTATUS_TVM, MSTATUS_TW,
} from './trap';

const ECALL = 0x00000073;
const EBREAK = 0x00100073;
const MRET = 0x30200073;
const SRET = 0x10200073;
const WFI = 0x10500073;

export function execSystem(h: Hart, insn: number): void {
  const f3 = (insn >>> 12) & 7;
  if (f3 === 0) { execPrivileged(h, insn); return; }
  if (f3 === 4) { h.raiseIllegal(insn); return; }
  const rd = (insn >>> 7) & 31;
  const rs1 = (insn >>> 15) & 31;
  const csr = insn >>> 20;
  const operand = f3 >= 5 ? BigInt(rs1) : h.x64[rs1]!;
  const op = f3 & 3; // 1 = write, 2 = set, 3 = clear
  const writes = op === 1 || rs1 !== 0;
  let old = 0n;
  if (op !== 1 || rd !== 0) {
    const v = csrRead(h, csr);
    if (v === null) { h.raiseIllegal(insn); return; }
    old = v;
  }
  if (writes) {
    const next = op === 1 ? operand : op === 2 ? old | operand : old & ~operand;
    if (!csrWrite(h, csr, next)) { h.raiseIllegal(insn); return; }
  }
  if (rd !== 0) h.x64[rd] = BigInt.asIntN(64, old);
}

function execPrivileged(h: Hart, insn: number): void {
  switch (insn) {
    case ECALL:
      h.raise(h.priv === PRIV_U ? CAUSE_ECALL_U : h.priv === PRIV_S ? CAUSE_ECALL_S : CAUSE_ECALL_M, 0n);
      return;
    case EBREAK:
      h.raise(CAUSE_BREAKPOINT, BigInt.asUintN(64, BigInt(h.pc)));
      return;
    case MRET: {
      if (h.priv !== PRIV_M) { h.raiseIllegal(insn); return; }
      let s = h.mstatus;
      const mpp = (s & MSTATUS_MPP) >>> MSTATUS_MPP_SHIFT;
      s = (s & MSTATUS_MPIE) !== 0 ? s | MSTATUS_MIE : s & ~MSTATUS_MIE;
      s |= MSTATUS_MPIE;
      s &= ~MSTATUS_MPP;
      if (mpp !== PRIV_M) s &= ~MSTATUS_MPRV;
      h.mstatus = s;
      h.jumpBig(h.mepc);
      h.setPriv(mpp);
      return;
    }
    case SRET: {
      if (h.priv === PRIV_U || (h.priv === PRIV_S && (h.mstatus & MSTATUS_TSR) !== 0)) { h.raiseIllegal(insn); return; }
      let s = h.mstatus;
      const spp = (s & MSTATUS_SPP) !== 0 ? PRIV_S : PRIV_U;
      s = (s & MSTATUS_SPIE) !== 0 ? s | MSTATUS_SIE : s & ~MSTATUS_SIE;
      s |= MSTATUS_SPIE;
      s &= ~MSTATUS_SPP;
      s &= ~MSTATUS_MPRV;
      h.mstatus = s;
      h.jumpBig(h.sepc);
      h.setPriv(spp);
      return;
    }
    case WFI:
      if (h.priv === PRIV_U || (h.priv === PRIV_S && (h.mstatus & MSTATUS_TW) !== 0)) { h.raiseIllegal(insn); return; }
      h.waiting = true;
      return;
  }
  // SFENCE.VMA rs1, rs2: funct7 0001001, rd = 0.
  if ((insn >>> 25) === 0x09 && ((insn >>> 7) & 31) === 0) {
    if (h.priv === PRIV_U || (h.priv === PRIV_S && (h.mstatus & MSTATUS_TVM) !== 0)) { h.raiseIllegal(insn); return; }
    h.mmu.flush();
    return;
  }
  h.raiseIllegal(insn);
}

export function execMiscMem(h: Hart, insn: number): void {
  const f3 = (insn >>> 12) & 7;
  if (f3 === 0 || f3 === 1) return; // FENCE, FENCE.I: a single in-order hart needs nothing
  h.raiseIllegal(insn);
}
