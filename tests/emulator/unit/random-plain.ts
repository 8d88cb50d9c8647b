// Random programs of the plain instructions the fast interpreters do inline (interp.ts and
// wasm/interp.ts), shared by their differential tests against step-by-step execution.
import { CodeBuffer, makeElf, rv } from '../../../src/emulator/encode';

// Random instructions of every kind the loop does inline, mixed 16- and 32-bit, with registers
// pointing into RAM, the program itself, devices and nowhere; a trap handler skips whatever
// faults (illegal encodings, misaligned or unmapped accesses), so each program runs through.
let seed = 12;
const iType = (imm: number, rs1: number, f3: number, rd: number, op: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
/** xorshift32 (the low bits of an LCG repeat too soon for `% n`), 31 bits. */
const rnd = (): number => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 1; };

/** Compressed jumps and branches (they would leave the loop for anywhere) and F/D loads and stores. */
const unwantedParcel = (h: number): boolean =>
  ((h & 3) === 1 && (h >>> 13) >= 5) || ((h & 3) === 2 && (h >>> 13) === 4 && ((h >>> 2) & 31) === 0) ||
  ((h & 3) !== 1 && ((h >>> 13) === 1 || (h >>> 13) === 5));

/** A random program; `from` restarts the generator at that seed (else it goes on). */
export function randomProgram(from?: number): Uint8Array {
  if (from !== undefined) seed = from;
  const c = new CodeBuffer(0x80000000n);
  const address = (r: number, hi20: number, lo12: number): void => {
    c.w32(rv.lui(r, hi20), rv.addi(r, r, lo12), rv.slli(r, r, 32), rv.srli(r, r, 32));
  };
  address(5, 0x80001, 0);
  c.w32(rv.csrrw(0, 0x305, 5)); // mtvec = handler
  for (let r = 1; r < 32; r++) {
    if (r === 2 || (r >= 8 && r <= 13)) address(r, 0x80010, (rnd() % 2000) & ~7); // data (sp too)
    else if (r === 14) address(r, 0x80000, 0x200); // the random code, for jalr
    else if (r === 15) c.li32(r, 0x10000000); // the UART
    else if (r !== 5) c.li32(r, rnd() | (rnd() << 16));
  }
  c.w32(rv.addi(5, 0, 0));
  while (c.size < 0x200) c.w32(rv.addi(0, 0, 0));
  const loop = c.size;
  const ops = [0x13, 0x1b, 0x33, 0x3b, 0x03, 0x23, 0x37, 0x17, 0x63, 0x6f, 0x67];
  for (let i = 0; i < 160; i++) {
    if (rnd() % 8 === 0) {
      // a random compressed parcel (quadrants 0-2), then a c.nop to keep 4-byte alignment
      let h = 0;
      do h = rnd() % 3 | ((rnd() & 0x3fff) << 2); while (unwantedParcel(h));
      c.w16(h, 0x0001);
      continue;
    }
    const op = ops[rnd() % ops.length]!;
    let w = ((rnd() << 7) | op) & 0x7fffffff | ((rnd() & 1) << 31);
    const f3 = (w >>> 12) & 7;
    if (op === 0x13 && (f3 === 1 || f3 === 5)) w = (w & 0x03ffffff) | ((f3 === 5 && (rnd() & 1) !== 0 ? 0x10 : 0) << 26);
    if (op === 0x1b) w = (w & 0x01ff8fff) | ([0, 1, 5][rnd() % 3]! << 12) | ((rnd() & 1) << 30);
    if (op === 0x63) w = (w & 0x01ff807f) | ([0, 1, 4, 5, 6, 7][rnd() % 6]! << 12) | (((rnd() % 6) + 1) << 8); // short forward branch
    if (op === 0x6f) w = (w & 0xfff) | (((rnd() % 4) + 1) << 22);                // short forward jal
    if (op === 0x67) w = (w & 0x00000f80) | op | (14 << 15) | ((c.size - loop + 4 * ((rnd() % 4) + 1)) << 20); // short forward jalr
    // loads from data, the code and the UART; stores to data and the UART
    if (op === 0x03) w = (w & 0x00000fff) | ((8 + (rnd() % 8)) << 15) | ((rnd() % 64) << 23) | ((rnd() % 7) << 12);
    if (op === 0x23) w = (w & 0x00000fff) | ([8, 9, 10, 11, 12, 13, 15][rnd() % 7]! << 15) | ((rnd() % 64) << 23) | ((rnd() % 4) << 12);
    if (op === 0x33) w = (w & 0x01ffffff) | ([0, 0x20, 1][rnd() % 3]! << 25);
    if (op === 0x3b) w = (w & 0x01ffffff) | ([0, 0x20, 1][rnd() % 3]! << 25);
    // x5 counts loops; the pointers (x2, x8-x15) stay pointers, so accesses mostly hit
    const rd = (w >>> 7) & 31;
    if (op !== 0x23 && op !== 0x63 && (rd === 2 || rd === 5 || (rd >= 8 && rd <= 15))) w = (w & ~(31 << 7)) | ((16 + (rd % 16)) << 7);
    c.w32(w >>> 0);
  }
  if (c.size !== 0x480) throw new Error('randomProgram: layout changed');
  c.w32(rv.addi(5, 5, 1));
  // Whatever jumps past the end goes round again.
  while (c.size < 0x1000) c.w32(rv.jal(0, loop - c.size));
  // handler: a fetch fault restarts the loop, anything else skips the instruction (2 or 4 bytes)
  c.w32(rv.csrrs(6, 0x342, 0), rv.addi(7, 0, 1), rv.bne(6, 7, 28));
  address(6, 0x80000, 0x200);
  c.w32(rv.csrrw(0, 0x341, 6), rv.mret());
  c.w32(rv.csrrs(6, 0x341, 0), iType(0, 6, 5, 7, 0x03), iType(3, 7, 7, 7, 0x13), rv.addi(30, 0, 3), rv.addi(6, 6, 2)); // lhu, andi
  c.w32(rv.bne(7, 30, 8), rv.addi(6, 6, 2), rv.csrrw(0, 0x341, 6), rv.mret());
  return makeElf(c.toBytes(), 0x80000000n, 0x20000);
}
