// Bit helpers shared by the emulator. Registers live as pairs of signed 32-bit halves (lo, hi)
// so the hot paths never touch BigInt; these helpers convert between the pair form, JS numbers
// (used for addresses, exact below 2^53) and BigInt (used on slow paths: CSRs, mul/div, traps).

export const TWO32 = 4294967296;

/** The signed 64-bit value of (lo, hi) as a JS number; exact while |value| < 2^53. */
export function pairToNumber(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** Low signed 32-bit half of an integral number (two's complement, modulo 2^32). */
export function numberLo(v: number): number {
  return v | 0;
}

/** High signed 32-bit half of an integral number in the safe range. */
export function numberHi(v: number): number {
  return Math.floor(v / TWO32) | 0;
}

/** Signed 64-bit BigInt of a pair. */
export function pairToBig(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** Signed 64-bit BigInt of a number that may be outside int64 only by mistake. */
export function numberToBig(v: number): bigint {
  return BigInt.asIntN(64, BigInt(v));
}

/** A bigint as a signed number when it is exactly representable, else NaN. */
export function bigToNumber(v: bigint): number {
  const s = BigInt.asIntN(64, v);
  if (s >= -(1n << 53n) && s <= 1n << 53n) return Number(s);
  return NaN;
}

/** Sign-extend the low `bits` bits of a 32-bit value. */
export function sext(v: number, bits: number): number {
  const s = 32 - bits;
  return (v << s) >> s;
}

export const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
export const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** UTF-8 bytes of a string (the pure core does not assume TextEncoder is typed). */
export function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}
