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

/** LAB calls' register words per chunk of the firmware's log (labRegs). */
const LAB_LOG_WORDS = LAB_REG_WORDS * 1024;

export class SbiFirmware implements Firmware {
  /** The chunk LAB calls' words are copied into, and the next free word in it. */
  private labLog = new Int32Array(LAB_LOG_WORDS);
  private labAt = 0;

  constructor(private readonly host: FirmwareHost) {}

  /**
   * a0..a5 of a LAB call, copied into a view of the log: a view shares the chunk's buffer
   * where h.x.slice() made a typed array with a buffer of its own per call (~290 bytes, kept
   * until the session decodes the call; 1,344 calls per lab run). A full chunk is left to the
   * calls that view it.
   */
  private labRegs(h: Hart): Int32Array {
    if (this.labAt + LAB_REG_WORDS > LAB_LOG_WORDS) {
      this.labLog = new Int32Array(LAB_LOG_WORDS);
      this.labAt = 0;
    }
    const at = this.labAt, log = this.labLog;
    // One native copy: a loop of twelve stores ran in V8's interpreter, ~0.7 us more per call.
    log.set(h.x.subarray(2 * A0, 2 * A0 + LAB_REG_WORDS), at);
    this.labAt = at + LAB_REG_WORDS;
    return log.subarray(at, at + LAB_REG_WORDS);
  }

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
    const board = this.host.board;

    if (eid <= 0x08) {
      switch (eid) {
        case 0x00: board.setSbiTimer(mtimeValue(arg(h, 0))); h.setReg(A0, 0n); return;
        case 0x01: this.host.consoleWrite(new Uint8Array([Number(arg(h, 0) & 0xffn)])); h.setReg(A0, 0n); return;
        case 0x02: h.setReg(A0, BigInt(board.uart.takeByte())); return;
        case 0x03: board.setMip(IRQ_SSI, false); h.setReg(A0, 0n); return;
        case 0x04: board.setMip(IRQ_SSI, true); h.setReg(A0, 0n); return;
        case 0x05: h.setReg(A0, 0n); return;
        case 0x06: case 0x07: h.mmu.flush(); h.setReg(A0, 0n); return;
        case 0x08: h.stop = { kind: 'shutdown', clean: true, code: 0 }; h.setReg(A0, 0n); return;
      }
    }
    switch (eid) {
      case EID_BASE:
        switch (fid) {
          case 0: sbiReturn(h, SBI_SUCCESS, 0x01000000n); return;      // spec version 1.0
          case 1: sbiReturn(h, SBI_SUCCESS, BigInt(FORKLAB_IMPL_ID)); return;
          case 2: sbiReturn(h, SBI_SUCCESS, 1n); return;
          case 3: sbiReturn(h, SBI_SUCCESS, supported(Number(arg(h, 0) & 0xffffffffn)) ? 1n : 0n); return;
          case 4: case 5: case 6: sbiReturn(h, SBI_SUCCESS, 0n); return;
        }
        break;
      case EID_TIME:
        if (fid === 0) { board.setSbiTimer(mtimeValue(arg(h, 0))); sbiReturn(h, SBI_SUCCESS); return; }
        break;
      case EID_IPI:
        if (fid === 0) { board.setMip(IRQ_SSI, true); sbiReturn(h, SBI_SUCCESS); return; }
        break;
      case EID_RFENCE:
        if (fid <= 6) { h.mmu.flush(); sbiReturn(h, SBI_SUCCESS); return; }
        break;
      case EID_SRST:
        if (fid === 0) {
          const type = arg(h, 0), reason = arg(h, 1);
          if (type > 2n) { sbiReturn(h, SBI_ERR_INVALID_PARAM); return; }
          if (reason > 1n && reason < 0xe0000000n) { sbiReturn(h, SBI_ERR_INVALID_PARAM); return; }
          h.stop = { kind: 'shutdown', clean: reason === 0n, code: reason === 0n ? 0 : 1 };
          sbiReturn(h, SBI_SUCCESS);
          return;
        }
        break;
      case EID_DBCN:
        this.debugConsole(h, fid);
        return;
      case EID_HSM:
        if (fid === 2) { // hart_get_status
          if (arg(h, 0) === 0n) sbiReturn(h, SBI_SUCCESS, 0n); // STARTED
          else sbiReturn(h, SBI_ERR_INVALID_PARAM);
          return;
        }
        if (fid === 0) { sbiReturn(h, arg(h, 0) === 0n ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_INVALID_PARAM); return; }
        break;
      case LAB_EID: {
        this.host.trace({ fid, regs: this.labRegs(h), insn: h.instret });
        sbiReturn(h, isKnownLabFid(fid) ? SBI_SUCCESS : SBI_ERR_NOT_SUPPORTED);
        return;
      }
    }
    sbiReturn(h, SBI_ERR_NOT_SUPPORTED);
  }

  /** DBCN: write(num, base_lo, base_hi), read(num, base_lo, base_hi), write_byte(b). */
  private debugConsole(h: Hart, fid: number): void {
    const board = this.host.board;
    if (fid === 2) {
      this.host.consoleWrite(new Uint8Array([Number(arg(h, 0) & 0xffn)]));
      sbiReturn(h, SBI_SUCCESS);
      return;
    }
    if (fid !== 0 && fid !== 1) { sbiReturn(h, SBI_ERR_NOT_SUPPORTED); return; }
    const len = arg(h, 0);
    const base = arg(h, 1) | (arg(h, 2) << 64n);
    const ram = board.ram;
    const start = base - BigInt(ram.base);
    if (start < 0n || start + len > BigInt(ram.size)) { sbiReturn(h, SBI_ERR_INVALID_PARAM); return; }
    const off = Number(start);
    if (fid === 0) {
      this.host.consoleWrite(ram.bytes.slice(off, off + Number(len)));
      sbiReturn(h, SBI_SUCCESS, len);
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
    sbiReturn(h, SBI_SUCCESS, BigInt(n));
  }
}

/**
 * Argument register a_i as the unsigned 64-bit value the SBI takes. Module functions rather
 * than closures made per call: a lab run makes ~1,450 SBI calls, and three closures each were
 * ~400 KB of the garbage that drives its scavenges (docs/perf.md).
 */
function arg(h: Hart, i: number): bigint {
  return BigInt.asUintN(64, h.getReg(A0 + i));
}

/** The SBI's return: error in a0, value in a1. */
function sbiReturn(h: Hart, error: number, value: bigint = 0n): void {
  h.setReg(A0, BigInt(error));
  h.setReg(A1, value);
}

function supported(eid: number): boolean {
  return (eid >= 0 && eid <= 8) || [EID_BASE, EID_TIME, EID_SRST, EID_DBCN, EID_HSM, EID_IPI, EID_RFENCE, LAB_EID].includes(eid);
}

/** An SBI timer value (mtime ticks, unsigned 64-bit) as a number; huge values mean never. */
function mtimeValue(v: bigint): number {
  return v >= 1n << 53n ? Infinity : Number(v);
}
