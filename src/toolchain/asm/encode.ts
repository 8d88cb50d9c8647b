// RV64 instruction formats (unprivileged spec, "Base Instruction Formats"): packing register
// numbers and immediates into 32-bit words, and the immediate scatter patterns used both when
// an immediate is known at once and when a fixup fills it in at the end of assembly.

export const rType = (opcode: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode) >>> 0;

export const iType = (opcode: number, f3: number, rd: number, rs1: number, imm: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode) >>> 0;

export const sType = (opcode: number, f3: number, rs1: number, rs2: number, imm: number): number =>
  (sImm(imm) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | opcode) >>> 0;

export const bType = (opcode: number, f3: number, rs1: number, rs2: number): number =>
  ((rs2 << 20) | (rs1 << 15) | (f3 << 12) | opcode) >>> 0;

export const uType = (opcode: number, rd: number, imm20: number): number =>
  (((imm20 & 0xfffff) << 12) | (rd << 7) | opcode) >>> 0;

/** I-type immediate bits [31:20]. */
export const iImm = (imm: number): number => ((imm & 0xfff) << 20) >>> 0;

/** S-type immediate: imm[11:5] -> [31:25], imm[4:0] -> [11:7]. */
export const sImm = (imm: number): number => ((((imm >> 5) & 0x7f) << 25) | ((imm & 0x1f) << 7)) >>> 0;

/** B-type immediate (offset in bytes, even): imm[12|10:5] -> [31:25], imm[4:1|11] -> [11:7]. */
export const bImm = (off: number): number =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7)) >>> 0;

/** J-type immediate: imm[20|10:1|11|19:12] -> [31:12]. */
export const jImm = (off: number): number =>
  ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12)) >>> 0;

/** U-type immediate: 20 bits at [31:12]. */
export const uImm = (imm20: number): number => ((imm20 & 0xfffff) << 12) >>> 0;

/** Splits a 32-bit PC-relative or absolute value into the %hi20 / %lo12 pair (lo sign-extended). */
export function hiLo(v: bigint): { hi: number; lo: number } {
  const lo = Number(BigInt.asIntN(12, v));
  const hi = Number(BigInt.asUintN(20, (v - BigInt(lo)) >> 12n));
  return { hi, lo };
}

export const fitsSigned = (v: bigint, bits: number): boolean =>
  v >= -(1n << BigInt(bits - 1)) && v < 1n << BigInt(bits - 1);

/** CB-format branch offset: off[8|4:3] -> 12:10, off[7:6|2:1|5] -> 6:2. */
export const rvcBranchBits = (o: number): number =>
  (((o >> 8) & 1) << 12) | (((o >> 3) & 3) << 10) | (((o >> 6) & 3) << 5) | (((o >> 1) & 3) << 3) | (((o >> 5) & 1) << 2);

/** CJ-format jump offset: off[11|4|9:8|10|6|7|3:1|5] -> 12:2. */
export const rvcJumpBits = (o: number): number =>
  (((o >> 11) & 1) << 12) | (((o >> 4) & 1) << 11) | (((o >> 8) & 3) << 9) | (((o >> 10) & 1) << 8)
  | (((o >> 6) & 1) << 7) | (((o >> 7) & 1) << 6) | (((o >> 1) & 7) << 3) | (((o >> 5) & 1) << 2);

export const NOP = 0x00000013;
