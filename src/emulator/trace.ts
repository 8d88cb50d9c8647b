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
  /** a0..a5 as unsigned 64-bit values. */
  readonly args: readonly bigint[];
  /** Retired-instruction count at the ecall. */
  readonly insn: number;
}
