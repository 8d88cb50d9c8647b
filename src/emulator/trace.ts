// Lab trace calls (docs/abi.md section 2): the kernel reports what it does through SBI extension
// 0x0A4C4142 ("LAB"), the event's FID in a6 and its arguments in a0..a5. The firmware does not
// interpret them: it hands each call up raw, stamped with the retired-instruction count at the
// ecall, and the lab layer decodes it once (src/lab/events.ts) by the table in
// src/common/lab-abi.ts. The firmware only needs to know which FIDs exist, to answer -2 to others.

export { LAB_EID, isKnownLabFid } from '../common/lab-abi';

/** One LAB call as the kernel made it. */
export interface LabCall {
  /** The event kind (a6). */
  readonly fid: number;
  /**
   * a0..a5 as LAB_REG_WORDS 32-bit words, low word first: register a_i is
   * `regs[2i] >>> 0 | regs[2i + 1] << 32`. Words, not BigInts: the firmware copies them straight
   * out of the register file and the decoder turns them into numbers without a BigInt per
   * argument, ~10 us per call cold (docs/perf.md, "LAB calls without BigInts"). labArg gives
   * the 64-bit value where one is wanted.
   */
  readonly regs: Int32Array;
  /** Retired-instruction count at the ecall. */
  readonly insn: number;
}

/** How many 32-bit words LabCall.regs holds (a0..a5). */
export const LAB_REG_WORDS = 12;

/** Argument register a_i of a LAB call as an unsigned 64-bit value (0 past a5). */
export function labArg(call: LabCall, i: number): bigint {
  const lo = call.regs[2 * i] ?? 0, hi = call.regs[2 * i + 1] ?? 0;
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
