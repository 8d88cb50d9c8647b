// Trap causes and trap entry. Exceptions and interrupts both enter through takeTrap(), which
// applies medeleg/mideleg delegation, saves xEPC/xCAUSE/xTVAL, pushes the interrupt-enable
// stack in mstatus and jumps to xtvec (vectored mode for interrupts). When ForkLab's firmware is
// present it sees every trap that would enter M-mode first (SBI calls and redirection).

import type { Hart } from './hart';
import { bigToNumber } from './bits';

export const CAUSE_MISALIGNED_FETCH = 0;
export const CAUSE_FETCH_ACCESS = 1;
export const CAUSE_ILLEGAL_INSN = 2;
export const CAUSE_BREAKPOINT = 3;
export const CAUSE_MISALIGNED_LOAD = 4;
export const CAUSE_LOAD_ACCESS = 5;
export const CAUSE_MISALIGNED_STORE = 6;
export const CAUSE_STORE_ACCESS = 7;
export const CAUSE_ECALL_U = 8;
export const CAUSE_ECALL_S = 9;
export const CAUSE_ECALL_M = 11;
export const CAUSE_FETCH_PAGE = 12;
export const CAUSE_LOAD_PAGE = 13;
export const CAUSE_STORE_PAGE = 15;

// Interrupt numbers (bit positions in mip/mie).
export const IRQ_SSI = 1;
export const IRQ_MSI = 3;
export const IRQ_STI = 5;
export const IRQ_MTI = 7;
export const IRQ_SEI = 9;
export const IRQ_MEI = 11;

export const PRIV_U = 0;
export const PRIV_S = 1;
export const PRIV_M = 3;

// mstatus bits (low word).
export const MSTATUS_SIE = 1 << 1;
export const MSTATUS_MIE = 1 << 3;
export const MSTATUS_SPIE = 1 << 5;
export const MSTATUS_MPIE = 1 << 7;
export const MSTATUS_SPP = 1 << 8;
export const MSTATUS_MPP_SHIFT = 11;
export const MSTATUS_MPP = 3 << 11;
export const MSTATUS_MPRV = 1 << 17;
export const MSTATUS_SUM = 1 << 18;
export const MSTATUS_MXR = 1 << 19;
export const MSTATUS_TVM = 1 << 20;
export const MSTATUS_TW = 1 << 21;
export const MSTATUS_TSR = 1 << 22;

/** Interrupt priority order of the privileged spec: MEI, MSI, MTI, SEI, SSI, STI. */
const IRQ_PRIORITY = [IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI];

/**
 * Enter the trap handler for `cause` (an interrupt when `interrupt`), with xEPC = `epc` and
 * xTVAL = `tval`. Sets the hart's pc; the instruction that trapped does not retire.
 */
export function takeTrap(h: Hart, cause: number, interrupt: boolean, tval: bigint, epc: bigint): void {
  const deleg = interrupt ? h.mideleg : h.medeleg;
  const toS = h.priv <= PRIV_S && ((deleg >>> cause) & 1) === 1;
  if (!toS && h.firmware !== null && h.firmware.handleTrap(h, cause, interrupt, tval, epc)) return;
  const causeBig = (interrupt ? 1n << 63n : 0n) | BigInt(cause);
  if (toS) {
    h.sepc = epc;
    h.scause = causeBig;
    h.stval = tval;
    let s = h.mstatus;
    s = (s & MSTATUS_SIE) !== 0 ? s | MSTATUS_SPIE : s & ~MSTATUS_SPIE;
    s &= ~MSTATUS_SIE;
    s = h.priv === PRIV_S ? s | MSTATUS_SPP : s & ~MSTATUS_SPP;
    h.mstatus = s;
    h.setPriv(PRIV_S);
    jumpToVector(h, h.stvec, cause, interrupt);
  } else {
    h.mepc = epc;
    h.mcause = causeBig;
    h.mtval = tval;
    let s = h.mstatus;
    s = (s & MSTATUS_MIE) !== 0 ? s | MSTATUS_MPIE : s & ~MSTATUS_MPIE;
    s &= ~MSTATUS_MIE;
    s = (s & ~MSTATUS_MPP) | (h.priv << MSTATUS_MPP_SHIFT);
    h.mstatus = s;
    h.setPriv(PRIV_M);
    jumpToVector(h, h.mtvec, cause, interrupt);
  }
}

/** Redirect a trap into S-mode as OpenSBI's sbi_trap_redirect does (used by the firmware). */
export function redirectToS(h: Hart, cause: number, tval: bigint, epc: bigint): void {
  h.sepc = epc;
  h.scause = BigInt(cause);
  h.stval = tval;
  let s = h.mstatus;
  s = (s & MSTATUS_SIE) !== 0 ? s | MSTATUS_SPIE : s & ~MSTATUS_SPIE;
  s &= ~MSTATUS_SIE;
  s = h.priv === PRIV_S ? s | MSTATUS_SPP : s & ~MSTATUS_SPP;
  h.mstatus = s;
  h.setPriv(PRIV_S);
  jumpToVector(h, h.stvec, cause, false);
}

function jumpToVector(h: Hart, tvec: bigint, cause: number, interrupt: boolean): void {
  let target = tvec & ~3n;
  if ((tvec & 3n) === 1n && interrupt) target += BigInt(4 * cause);
  const n = bigToNumber(target);
  h.irqDirty = true;
  // A trap vector nobody can represent as a number is nowhere: fetching there faults again,
  // which the fault-loop detector turns into a stop.
  h.pc = n;
  h.pcExact = Number.isNaN(n) ? target : null;
}

/**
 * The highest-priority interrupt that is pending, enabled in mie and globally enabled for the
 * current privilege, or -1.
 */
export function pendingInterrupt(h: Hart): number {
  const pending = h.mip & h.mie;
  if (pending === 0) return -1;
  const mEnabled = h.priv < PRIV_M || (h.mstatus & MSTATUS_MIE) !== 0;
  const sEnabled = h.priv < PRIV_S || (h.priv === PRIV_S && (h.mstatus & MSTATUS_SIE) !== 0);
  for (const irq of IRQ_PRIORITY) {
    if (((pending >>> irq) & 1) === 0) continue;
    const delegated = ((h.mideleg >>> irq) & 1) === 1;
    if (delegated ? sEnabled && h.priv <= PRIV_S : mEnabled) return irq;
  }
  return -1;
}
