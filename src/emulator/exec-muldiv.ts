// The M extension. 32-bit forms run on numbers (Math.imul, truncating division); the 64-bit
// forms use BigInt through the register file's BigInt64Array view unless both operands are
// small enough for exact double arithmetic. Division by zero and overflow follow the spec's
// table: no traps, x/0 = -1 (all ones), x%0 = x, MIN/-1 = MIN, MIN%-1 = 0.

import type { Hart } from './hart';

const MIN64 = -(1n << 63n);

export function execMulDiv(h: Hart, insn: number): void {
  const rd = (insn >>> 7) & 31;
  const a = h.x64[(insn >>> 15) & 31]!;
  const b = h.x64[(insn >>> 20) & 31]!;
  let r: bigint;
  switch ((insn >>> 12) & 7) {
    case 0: {
      // MUL: exact in doubles when both factors fit in 26 bits (|product| < 2^52).
      const x = h.x;
      const alo = x[((insn >>> 15) & 31) << 1]!, ahi = x[(((insn >>> 15) & 31) << 1) + 1]!;
      const blo = x[((insn >>> 20) & 31) << 1]!, bhi = x[(((insn >>> 20) & 31) << 1) + 1]!;
      if (ahi === alo >> 31 && bhi === blo >> 31 && alo >= -0x2000000 && alo < 0x2000000 && blo >= -0x2000000 && blo < 0x2000000) {
        const p = alo * blo;
        if (rd !== 0) { x[rd << 1] = p | 0; x[(rd << 1) + 1] = Math.floor(p / 4294967296) | 0; }
        return;
      }
      r = a * b;
      break;
    }
    case 1: r = (a * b) >> 64n; break;                              // MULH
    case 2: r = (a * BigInt.asUintN(64, b)) >> 64n; break;          // MULHSU
    case 3: r = (BigInt.asUintN(64, a) * BigInt.asUintN(64, b)) >> 64n; break; // MULHU
    case 4: r = b === 0n ? -1n : a === MIN64 && b === -1n ? MIN64 : a / b; break; // DIV
    case 5: r = b === 0n ? -1n : BigInt.asUintN(64, a) / BigInt.asUintN(64, b); break; // DIVU
    case 6: r = b === 0n ? a : a === MIN64 && b === -1n ? 0n : a % b; break; // REM
    default: r = b === 0n ? a : BigInt.asUintN(64, a) % BigInt.asUintN(64, b); break; // REMU
  }
  if (rd !== 0) h.x64[rd] = BigInt.asIntN(64, r);
}

export function execMulDiv32(h: Hart, insn: number): void {
  const x = h.x;
  const a = x[((insn >>> 15) & 31) << 1]!;
  const b = x[((insn >>> 20) & 31) << 1]!;
  let v: number;
  switch ((insn >>> 12) & 7) {
    case 0: v = Math.imul(a, b); break;                                            // MULW
    case 4: v = b === 0 ? -1 : a === -0x80000000 && b === -1 ? a : Math.trunc(a / b) | 0; break; // DIVW
    case 5: v = b === 0 ? -1 : Math.trunc((a >>> 0) / (b >>> 0)) | 0; break;      // DIVUW
    case 6: v = b === 0 ? a : a === -0x80000000 && b === -1 ? 0 : (a % b) | 0; break; // REMW
    case 7: v = b === 0 ? a : ((a >>> 0) % (b >>> 0)) | 0; break;                 // REMUW
    default: h.raiseIllegal(insn); return;
  }
  const rd = (insn >>> 7) & 31;
  if (rd !== 0) { x[rd << 1] = v; x[(rd << 1) + 1] = v >> 31; }
}
