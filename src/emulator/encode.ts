// A minimal RV64 instruction encoder and ELF writer, for programs ForkLab builds without a
// toolchain: the benchmarks (`forklab bench`) and emulator unit tests. Encodings follow the
// unprivileged spec's base formats (R/I/S/B/U/J) and the RVC quadrant tables.

const r = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const i = (imm: number, rs1: number, f3: number, rd: number, op: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number, op: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | op) >>> 0;
const b = (imm: number, rs2: number, rs1: number, f3: number): number =>
  ((((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63) >>> 0;

/** 32-bit instructions. Register arguments are numbers 0-31; offsets are in bytes. */
export const rv = {
  lui: (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x37) >>> 0,
  auipc: (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x17) >>> 0,
  jal: (rd: number, off: number) =>
    ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) |
      (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0,
  jalr: (rd: number, rs1: number, off: number) => i(off, rs1, 0, rd, 0x67),
  beq: (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 0),
  bne: (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 1),
  blt: (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 4),
  ld: (rd: number, rs1: number, off: number) => i(off, rs1, 3, rd, 0x03),
  lw: (rd: number, rs1: number, off: number) => i(off, rs1, 2, rd, 0x03),
  sd: (rs2: number, rs1: number, off: number) => s(off, rs2, rs1, 3, 0x23),
  sw: (rs2: number, rs1: number, off: number) => s(off, rs2, rs1, 2, 0x23),
  addi: (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x13),
  slli: (rd: number, rs1: number, sh: number) => i(sh & 63, rs1, 1, rd, 0x13),
  srli: (rd: number, rs1: number, sh: number) => i(sh & 63, rs1, 5, rd, 0x13),
  xori: (rd: number, rs1: number, imm: number) => i(imm, rs1, 4, rd, 0x13),
  addiw: (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x1b),
  add: (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 0, rd, 0x33),
  sub: (rd: number, rs1: number, rs2: number) => r(0x20, rs2, rs1, 0, rd, 0x33),
  xor: (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 4, rd, 0x33),
  or: (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 6, rd, 0x33),
  and: (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 7, rd, 0x33),
  sltu: (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 3, rd, 0x33),
  mul: (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 0, rd, 0x33),
  csrrw: (rd: number, csr: number, rs1: number) => i(csr, rs1, 1, rd, 0x73),
  csrrs: (rd: number, csr: number, rs1: number) => i(csr, rs1, 2, rd, 0x73),
  ecall: () => 0x00000073,
  ebreak: () => 0x00100073,
  mret: () => 0x30200073,
  sret: () => 0x10200073,
  wfi: () => 0x10500073,
  sfenceVma: () => 0x12000073,
};

/** 16-bit (RVC) instructions; rd/rs registers are full numbers (8-15 for the primed forms). */
export const rvc = {
  addi: (rd: number, imm: number) => (((imm >> 5) & 1) << 12) | (rd << 7) | ((imm & 31) << 2) | 0x1,
  li: (rd: number, imm: number) => (0x2 << 13) | (((imm >> 5) & 1) << 12) | (rd << 7) | ((imm & 31) << 2) | 0x1,
  slli: (rd: number, sh: number) => (((sh >> 5) & 1) << 12) | (rd << 7) | ((sh & 31) << 2) | 0x2,
  mv: (rd: number, rs2: number) => (0x4 << 13) | (rd << 7) | (rs2 << 2) | 0x2,
  add: (rd: number, rs2: number) => (0x4 << 13) | (1 << 12) | (rd << 7) | (rs2 << 2) | 0x2,
  sub: (rd: number, rs2: number) => (0x4 << 13) | (0x3 << 10) | ((rd - 8) << 7) | (0 << 5) | ((rs2 - 8) << 2) | 0x1,
  xor: (rd: number, rs2: number) => (0x4 << 13) | (0x3 << 10) | ((rd - 8) << 7) | (1 << 5) | ((rs2 - 8) << 2) | 0x1,
  or: (rd: number, rs2: number) => (0x4 << 13) | (0x3 << 10) | ((rd - 8) << 7) | (2 << 5) | ((rs2 - 8) << 2) | 0x1,
  and: (rd: number, rs2: number) => (0x4 << 13) | (0x3 << 10) | ((rd - 8) << 7) | (3 << 5) | ((rs2 - 8) << 2) | 0x1,
  /** c.bnez rs1', off (off in bytes, even, -256..254). */
  bnez: (rs1: number, off: number) =>
    (0x7 << 13) | (((off >> 8) & 1) << 12) | (((off >> 3) & 3) << 10) | ((rs1 - 8) << 7) |
    (((off >> 6) & 3) << 5) | (((off >> 1) & 3) << 3) | (((off >> 5) & 1) << 2) | 0x1,
  /** c.j off (off in bytes, even, -2048..2046). */
  j: (off: number) =>
    (0x5 << 13) | (((off >> 11) & 1) << 12) | (((off >> 4) & 1) << 11) | (((off >> 8) & 3) << 9) |
    (((off >> 10) & 1) << 8) | (((off >> 6) & 1) << 7) | (((off >> 7) & 1) << 6) | (((off >> 1) & 7) << 3) |
    (((off >> 5) & 1) << 2) | 0x1,
};

/** Assembles a list of 32-bit words and 16-bit parcels (tagged) into little-endian bytes. */
export class CodeBuffer {
  private bytes: number[] = [];
  constructor(readonly base: bigint) {}
  get pc(): bigint {
    return this.base + BigInt(this.bytes.length);
  }
  get size(): number {
    return this.bytes.length;
  }
  w32(...words: number[]): this {
    for (const w of words) this.bytes.push(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
    return this;
  }
  w16(...parcels: number[]): this {
    for (const h of parcels) this.bytes.push(h & 0xff, (h >>> 8) & 0xff);
    return this;
  }
  /** Load a 32-bit signed constant into rd (lui + addiw). */
  li32(rd: number, v: number): this {
    const lo = (v << 20) >> 20;
    const hi = ((v - lo) >>> 12) & 0xfffff;
    if (hi !== 0) this.w32(rv.lui(rd, hi), rv.addiw(rd, rd, lo));
    else this.w32(rv.addi(rd, 0, lo));
    return this;
  }
  /** Pad with zero bytes to an alignment. */
  align(n: number): this {
    while (this.bytes.length % n !== 0) this.bytes.push(0);
    return this;
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** A minimal ELF64 RISC-V executable: one RWX PT_LOAD segment at `base`, entry at `base`. */
export function makeElf(code: Uint8Array, base: bigint, memsz = code.length): Uint8Array {
  const out = new Uint8Array(64 + 56 + code.length);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  dv.setUint16(16, 2, true);          // ET_EXEC
  dv.setUint16(18, 243, true);        // EM_RISCV
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, base, true);    // e_entry
  dv.setBigUint64(32, 64n, true);     // e_phoff
  dv.setUint16(52, 64, true);         // e_ehsize
  dv.setUint16(54, 56, true);         // e_phentsize
  dv.setUint16(56, 1, true);          // e_phnum
  dv.setUint16(58, 64, true);         // e_shentsize
  const ph = 64;
  dv.setUint32(ph, 1, true);          // PT_LOAD
  dv.setUint32(ph + 4, 7, true);      // RWX
  dv.setBigUint64(ph + 8, 120n, true);
  dv.setBigUint64(ph + 16, base, true);
  dv.setBigUint64(ph + 24, base, true);
  dv.setBigUint64(ph + 32, BigInt(code.length), true);
  dv.setBigUint64(ph + 40, BigInt(Math.max(memsz, code.length)), true);
  dv.setBigUint64(ph + 48, 8n, true);
  out.set(code, 120);
  return out;
}
