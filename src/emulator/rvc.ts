// The C extension as expansion: every 16-bit instruction maps to the 32-bit instruction it
// stands for (RISC-V unprivileged spec, chapter "Compressed Instructions", RVC instruction
// set listings), so execution has a single implementation. A 64 Ki table caches expansions,
// each filled on first use; 0 marks an illegal or reserved encoding (and encodings of the F/D
// forms this machine does not have).

const OP_IMM = 0x13, OP_IMM32 = 0x1b, OP = 0x33, OP32 = 0x3b, LUI = 0x37, LOAD = 0x03, STORE = 0x23;
const JAL = 0x6f, JALR = 0x67, BRANCH = 0x63, SYSTEM = 0x73;

const iType = (imm: number, rs1: number, f3: number, rd: number, op: number): number =>
  ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
const sType = (imm: number, rs2: number, rs1: number, f3: number, op: number): number =>
  (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | op;
const rType = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number): number =>
  (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
const bType = (imm: number, rs2: number, rs1: number, f3: number): number =>
  (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
  (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | BRANCH;
const jType = (imm: number, rd: number): number =>
  (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20) |
  (((imm >> 12) & 0xff) << 12) | (rd << 7) | JAL;

const bit = (h: number, n: number): number => (h >> n) & 1;
const bits = (h: number, hi: number, lo: number): number => (h >> lo) & ((1 << (hi - lo + 1)) - 1);
const sx = (v: number, width: number): number => (v << (32 - width)) >> (32 - width);

/** The 32-bit equivalent of compressed instruction `h`, or 0 when it is illegal/reserved. */
export function expand(h: number): number {
  const rdp = bits(h, 4, 2) + 8;   // rd' / rs2'
  const rs1p = bits(h, 9, 7) + 8;  // rs1' / rd'
  const rd = bits(h, 11, 7);
  const rs2 = bits(h, 6, 2);
  const f3 = bits(h, 15, 13);
  const imm6 = sx((bit(h, 12) << 5) | bits(h, 6, 2), 6);
  const shamt = (bit(h, 12) << 5) | bits(h, 6, 2);
  switch (h & 3) {
    case 0:
      switch (f3) {
        case 0: { // C.ADDI4SPN
          const imm = (bits(h, 12, 11) << 4) | (bits(h, 10, 7) << 6) | (bit(h, 6) << 2) | (bit(h, 5) << 3);
          return imm === 0 ? 0 : iType(imm, 2, 0, rdp, OP_IMM);
        }
        case 2: { // C.LW
          const imm = (bits(h, 12, 10) << 3) | (bit(h, 6) << 2) | (bit(h, 5) << 6);
          return iType(imm, rs1p, 2, rdp, LOAD);
        }
        case 3: { // C.LD
          const imm = (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6);
          return iType(imm, rs1p, 3, rdp, LOAD);
        }
        case 6: { // C.SW
          const imm = (bits(h, 12, 10) << 3) | (bit(h, 6) << 2) | (bit(h, 5) << 6);
          return sType(imm, rdp, rs1p, 2, STORE);
        }
        case 7: { // C.SD
          const imm = (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6);
          return sType(imm, rdp, rs1p, 3, STORE);
        }
        default: return 0; // C.FLD, C.FSD, reserved
      }
    case 1:
      switch (f3) {
        case 0: return iType(imm6, rd, 0, rd, OP_IMM);                 // C.ADDI (C.NOP)
        case 1: return rd === 0 ? 0 : iType(imm6, rd, 0, rd, OP_IMM32); // C.ADDIW
        case 2: return iType(imm6, 0, 0, rd, OP_IMM);                  // C.LI
        case 3: {
          if (rd === 2) { // C.ADDI16SP
            const imm = sx((bit(h, 12) << 9) | (bit(h, 6) << 4) | (bit(h, 5) << 6) | (bits(h, 4, 3) << 7) | (bit(h, 2) << 5), 10);
            return imm === 0 ? 0 : iType(imm, 2, 0, 2, OP_IMM);
          }
          // C.LUI
          const imm = sx((bit(h, 12) << 17) | (bits(h, 6, 2) << 12), 18);
          return imm === 0 ? 0 : (imm & 0xfffff000) | (rd << 7) | LUI;
        }
        case 4:
          switch (bits(h, 11, 10)) {
            case 0: return iType(shamt, rs1p, 5, rs1p, OP_IMM);           // C.SRLI
            case 1: return iType(shamt | 0x400, rs1p, 5, rs1p, OP_IMM);   // C.SRAI
            case 2: return iType(imm6, rs1p, 7, rs1p, OP_IMM);            // C.ANDI
            default: {
              const sel = bits(h, 6, 5);
              if (bit(h, 12) === 0) {
                if (sel === 0) return rType(0x20, rdp, rs1p, 0, rs1p, OP);  // C.SUB
                if (sel === 1) return rType(0, rdp, rs1p, 4, rs1p, OP);     // C.XOR
                if (sel === 2) return rType(0, rdp, rs1p, 6, rs1p, OP);     // C.OR
                return rType(0, rdp, rs1p, 7, rs1p, OP);                    // C.AND
              }
              if (sel === 0) return rType(0x20, rdp, rs1p, 0, rs1p, OP32);  // C.SUBW
              if (sel === 1) return rType(0, rdp, rs1p, 0, rs1p, OP32);     // C.ADDW
              return 0;
            }
          }
        case 5: { // C.J
          const imm = sx((bit(h, 12) << 11) | (bit(h, 11) << 4) | (bits(h, 10, 9) << 8) | (bit(h, 8) << 10) |
            (bit(h, 7) << 6) | (bit(h, 6) << 7) | (bits(h, 5, 3) << 1) | (bit(h, 2) << 5), 12);
          return jType(imm, 0);
        }
        default: { // C.BEQZ / C.BNEZ
          const imm = sx((bit(h, 12) << 8) | (bits(h, 11, 10) << 3) | (bits(h, 6, 5) << 6) | (bits(h, 4, 3) << 1) | (bit(h, 2) << 5), 9);
          return bType(imm, 0, rs1p, f3 === 6 ? 0 : 1);
        }
      }
    case 2:
      switch (f3) {
        case 0: return iType(shamt, rd, 1, rd, OP_IMM); // C.SLLI
        case 2: { // C.LWSP
          const imm = (bit(h, 12) << 5) | (bits(h, 6, 4) << 2) | (bits(h, 3, 2) << 6);
          return rd === 0 ? 0 : iType(imm, 2, 2, rd, LOAD);
        }
        case 3: { // C.LDSP
          const imm = (bit(h, 12) << 5) | (bits(h, 6, 5) << 3) | (bits(h, 4, 2) << 6);
          return rd === 0 ? 0 : iType(imm, 2, 3, rd, LOAD);
        }
        case 4:
          if (bit(h, 12) === 0) {
            if (rs2 === 0) return rd === 0 ? 0 : iType(0, rd, 0, 0, JALR); // C.JR
            return rType(0, rs2, 0, 0, rd, OP);                             // C.MV
          }
          if (rs2 === 0) {
            if (rd === 0) return 0x00100000 | SYSTEM;                       // C.EBREAK
            return iType(0, rd, 0, 1, JALR);                                // C.JALR
          }
          return rType(0, rs2, rd, 0, rd, OP);                              // C.ADD
        case 6: { // C.SWSP
          const imm = (bits(h, 12, 9) << 2) | (bits(h, 8, 7) << 6);
          return sType(imm, rs2, 2, 2, STORE);
        }
        case 7: { // C.SDSP
          const imm = (bits(h, 12, 10) << 3) | (bits(h, 9, 7) << 6);
          return sType(imm, rs2, 2, 3, STORE);
        }
        default: return 0; // C.FLDSP, C.FSDSP
      }
    default:
      return 0; // not a compressed instruction
  }
}

/**
 * Each parcel's expansion XOR 1, 0 while not expanded yet: an expansion ends in binary 11 and
 * an illegal parcel's is 0, so no stored value is 0, and the table needs no fill. Filling it
 * with an "unset" mark touched all 64 of its pages at every start (~0.8 ms on these VMs, whose
 * first touch of a page costs ~13 us: docs/perf.md).
 */
const table = new Int32Array(65536);
/** The parcels expanded so far, in order: what copyExpansions copies. */
const expanded: number[] = [];

/**
 * Table-driven expand(), filled on first use of each parcel (expanding all 48 Ki parcels up
 * front cost ~30 ms of every cold start); `h` must be a 16-bit parcel whose low two bits are
 * not 11.
 */
export function expandCompressed(h: number): number {
  const v = table[h]!;
  if (v !== 0) return v ^ 1;
  expanded.push(h);
  const x = h === 0 ? 0 : expand(h);
  table[h] = x ^ 1;
  return x;
}

/**
 * Copy the expansions made so far into `dst`, one Int32 per parcel, which must be all 0 (a new
 * machine's memory): a new machine's wasm interpreter starts with what this process already
 * expanded (wasm/interp.ts). Only the expanded parcels are written: going over all 64 Ki, and
 * touching every page of the 256 KiB table, cost the first machine of a process ~2 ms.
 */
export function copyExpansions(dst: Int32Array): void {
  for (let i = 0; i < expanded.length; i++) {
    const h = expanded[i]!;
    dst[h] = table[h]! ^ 1;
  }
}
