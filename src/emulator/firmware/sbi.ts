// ForkLab's firmware: the SBI that OpenSBI provides on QEMU, written in TypeScript. It sees
// every trap that would enter M-mode. S-mode `ecall` is an SBI call (EID in a7, FID in a6,
// arguments a0..a5; error in a0, value in a1); any other trap is redirected to S-mode as
// OpenSBI's sbi_trap_redirect does. See docs/abi.md section 1 for the list of extensions.

import type { Firmware, Hart } from '../hart';
import type { Board } from '../board';
import { CAUSE_ECALL_S, IRQ_SSI, PRIV_M, redirectToS } from '../trap';
import { isKnownLabFid, LAB_EID, LAB_REG_WORDS, type LabCall } from '../trace';

export const SBI_SUCCESS = 0;
export const SBI_ERR_NOT_SUPPORTED = -2;
export const SBI_ERR_INVALID_PARAM = -3;
export const SBI_ERR_ALREADY_AVAILABLE = -6;

export const EID_BASE = 0x10;
export const EID_TIME = 0x54494d45;
export const EID_SRST = 0x53525354;
export const EID_DBCN = 0x4442434e;
export const EID_HSM = 0x48534d;
export const EID_IPI = 0x735049;
export const EID_RFENCE = 0x52464e43;

/** SBI implementation ID reported by BASE get_impl_id ("FL"; not a registered ID). */
export const FORKLAB_IMPL_ID = 0x464c;

const A0 = 10, A1 = 11, A6 = 16, A7 = 17;

export interface FirmwareHost {
  readonly board: Board;
  consoleWrite(bytes: Uint8Array): void;
  /** A LAB call, raw: the lab layer decodes it (src/lab/events.ts). */
  trace(call: LabCall): void;
}

export class SbiFirmware implements Firmware {
  constructor(private readonly host: FirmwareHost) {}

  handleTrap(h: Hart, cause: number, interrupt: boolean, tval: bigint, epc: bigint): boolean {
    if (h.priv === PRIV_M || interrupt) return false;
    if (cause === CAUSE_ECALL_S) {
      this.call(h);
      // The ecall completes from the kernel's point of view: it retires and execution resumes
      // after it.
      h.pc = Number(BigInt.asIntN(64, epc)) + 4;
      h.instret++;
      h.cycles++;
      return true;
    }
    redirectToS(h, cause, tval, epc);
    return true;
  }

  private call(h: Hart): void {
    // The low words of a7 and a6 (the spec takes EID and FID as 32-bit values).
    const eid = h.x[2 * A7]! >>> 0;
    const fid = h.x[2 * A6]! >>> 0;
    const a = (i: number): bigint => BigInt.asUintN(64, h.getReg(A0 + i));
    const ret = (error: number, value: bigint = 0n): void => {
      h.setReg(A0, BigInt(error));
      h.setReg(A1, value);
    };
    const legacy = (value: bigint): void => h.setReg(A0, value);
    const board = this.host.board;

    if (eid <= 0x08) {
      switch (eid) {
        case 0x00: board.setSbiTimer(mtimeValue(a(0))); legacy(0n); return;
        case 0x01: this.host.consoleWrite(new Uint8Array([Number(a(0) & 0xffn)])); legacy(0n); return;
        case 0x02: legacy(BigInt(board.uart.takeByte())); return;
        case 0x03: board.setMip(IRQ_SSI, false); legacy(0n); return;
        case 0x04: board.setMip(IRQ_SSI, true); legacy(0n); return;
        case 0x05: legacy(0n); return;
        case 0x06: case 0x07: h.mmu.flush(); legacy(0n); return;
        case 0x08: h.stop = { kind: 'shutdown', clean: true, code: 0 }; legacy(0n); return;
      }
    }
    switch (eid) {
      case EID_BASE:
        switch (fid) {
          case 0: ret(SBI_SUCCESS, 0x01000000n); return;      // spec version 1.0
          case 1: ret(SBI_SUCCESS, BigInt(FORKLAB_IMPL_ID)); return;
          case 2: ret(SBI_SUCCESS, 1n); return;
          case 3: ret(SBI_SUCCESS, supported(Number(a(0) & 0xffffffffn)) ? 1n : 0n); return;
          case 4: case 5: case 6: ret(SBI_SUCCESS, 0n); return;
        }
        break;
      case EID_TIME:
        if (fid === 0) { board.setSbiTimer(mtimeValue(a(0))); ret(SBI_SUCCESS); return; }
        break;
      case EID_IPI:
        if (fid === 0) { board.setMip(IRQ_SSI, true); ret(SBI_SUCCESS); return; }
        break;
      case EID_RFENCE:
        if (fid <= 6) { h.mmu.flush(); ret(SBI_SUCCESS); return; }
        break;
      case EID_SRST:
        if (fid === 0) {
          const type = a(0), reason = a(1);
          if (type > 2n) { ret(SBI_ERR_INVALID_PARAM); return; }
          if (reason > 1n && reason < 0xe0000000n) { ret(SBI_ERR_INVALID_PARAM); return; }
          h.stop = { kind: 'shutdown', clean: reason === 0n, code: reason === 0n ? 0 : 1 };
          ret(SBI_SUCCESS);
          return;
        }
        break;
      case EID_DBCN:
        this.debugConsole(fid, a, ret);
        return;
      case EID_HSM:
        if (fid === 2) { // hart_get_status
          if (a(0) === 0n) ret(SBI_SUCCESS, 0n); // STARTED
          else ret(SBI_ERR_INVALID_PARAM);
          return;
        }
        if (fid === 0) { ret(a(0) === 0n ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_INVALID_PARAM); return; }
        break;
      case LAB_EID: {
        this.host.trace({ fid, regs: h.x.slice(2 * A0, 2 * A0 + LAB_REG_WORDS), insn: h.instret });
        ret(isKnownLabFid(fid) ? SBI_SUCCESS : SBI_ERR_NOT_SUPPORTED);
        return;
      }
    }
    ret(SBI_ERR_NOT_SUPPORTED);
  }

  /** DBCN: write(num, base_lo, base_hi), read(num, base_lo, base_hi), write_byte(b). */
  private debugConsole(fid: number, a: (i: number) => bigint, ret: (e: number, v?: bigint) => void): void {
    const board = this.host.board;
    if (fid === 2) {
      this.host.consoleWrite(new Uint8Array([Number(a(0) & 0xffn)]));
      ret(SBI_SUCCESS);
      return;
    }
    if (fid !== 0 && fid !== 1) { ret(SBI_ERR_NOT_SUPPORTED); return; }
    const len = a(0);
    const base = a(1) | (a(2) << 64n);
    const ram = board.ram;
    const start = base - BigInt(ram.base);
    if (start < 0n || start + len > BigInt(ram.size)) { ret(SBI_ERR_INVALID_PARAM); return; }
    const off = Number(start);
    if (fid === 0) {
      this.host.consoleWrite(ram.bytes.slice(off, off + Number(len)));
      ret(SBI_SUCCESS, len);
      return;
    }
    let n = 0;
    while (n < Number(len)) {
      const b = board.uart.takeByte();
      if (b < 0) break;
      ram.bytes[off + n] = b;
      n++;
    }
    if (n > 0) ram.noteWrite(off, n);
    ret(SBI_SUCCESS, BigInt(n));
  }
}

function supported(eid: number): boolean {
  return (eid >= 0 && eid <= 8) || [EID_BASE, EID_TIME, EID_SRST, EID_DBCN, EID_HSM, EID_IPI, EID_RFENCE, LAB_EID].includes(eid);
}

/** An SBI timer value (mtime ticks, unsigned 64-bit) as a number; huge values mean never. */
function mtimeValue(v: bigint): number {
  return v >= 1n << 53n ? Infinity : Number(v);
}
