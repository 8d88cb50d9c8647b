// Generates programs of random instruction encodings for differential testing of the decoder
// against QEMU (run as an RV64IMAC CPU, see tests/support/qemu.ts).
//
// Each slot restores x1-x31 from a template, executes one random 32- or 16-bit word, and
// records x1-x31 plus the trap it raised (mcause, mtval; -1 when none). The words come from
// every major opcode except control transfer and SYSTEM (they would leave the slot), so most
// are legal loads, stores, ALU, M and A operations, and many are reserved encodings that must
// raise an illegal-instruction exception on both machines. The trap handler skips the word.
//
// Template: even registers point into a 16 KiB buffer (8-aligned, 2 KiB or more from either
// end, so any 12-bit offset stays inside); odd registers hold values of 2^62 or more, which
// are never memory, so a load or store through them is an access fault on both machines.
// AMOs always use a pointer register (QEMU 7.2 reports the wrong cause for a faulting AMO:
// see README.md); LR/SC are left out (their success after other stores is implementation
// defined). At the end each slot prints three lines on the UART, in hex: mcause, mtval and a
// digest of x1-x31; a last line is a digest of the buffer.

import { Rng } from './rng';

export const RECORD_WORDS = 33; // mcause, mtval, x1-x31 in memory
export const LINES_PER_SLOT = 3; // printed: mcause, mtval, digest of x1-x31
export const BUFFER_WORDS = 2048;

const POINTER_REGS = Array.from({ length: 15 }, (_, k) => 2 * (k + 1)); // x2, x4, ..., x30
const COMMON_OPCODES = [0x03, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x2f, 0x33, 0x37, 0x3b];
// Every other 32-bit major opcode except BRANCH 0x63, JALR 0x67, JAL 0x6f, SYSTEM 0x73 and
// the longer-instruction prefixes (bits 4:2 = 111).
const OTHER_OPCODES = Array.from({ length: 32 }, (_, k) => (k << 2) | 3).filter(
  (op) => ![0x63, 0x67, 0x6f, 0x73].includes(op) && !COMMON_OPCODES.includes(op) && ((op >> 2) & 7) !== 7,
);
const AMO_FUNCT5 = [0x00, 0x01, 0x04, 0x08, 0x0c, 0x10, 0x14, 0x18, 0x1c]; // swap add xor or and min max minu maxu

function random32(rng: Rng): number {
  const roll = rng.below(16);
  const op = roll < 14 ? rng.pick(COMMON_OPCODES) : rng.pick(OTHER_OPCODES);
  const rd = rng.below(32);
  let rs1 = rng.below(32);
  const rs2 = rng.below(32);
  let funct3 = rng.below(8);
  // funct7: mostly the defined values, sometimes anything
  let funct7 = rng.below(4) === 0 ? rng.bits(7) : rng.pick([0x00, 0x20, 0x01]);
  if (op === 0x2f) {
    rs1 = rng.pick(POINTER_REGS);
    if (rng.below(8) !== 0) funct3 = rng.pick([2, 3]);
    const funct5 = rng.below(8) === 0 ? rng.pick([0x05, 0x06, 0x07, 0x09, 0x1f]) : rng.pick(AMO_FUNCT5);
    funct7 = (funct5 << 2) | rng.below(4);
  }
  if (op === 0x13 || op === 0x1b) {
    // shifts keep a defined funct6/funct7 most of the time; other I-type ops use a random imm
    if (funct3 === 1 || funct3 === 5) funct7 = rng.below(4) === 0 ? rng.bits(7) : rng.pick([0x00, 0x20, 0x01, 0x21]);
    else funct7 = rng.bits(7);
  }
  return ((funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | op) >>> 0;
}

function random16(rng: Rng): number {
  for (;;) {
    const h = rng.bits(16);
    const quadrant = h & 3;
    if (quadrant === 3) continue;
    const funct3 = h >> 13;
    if (quadrant === 1 && funct3 >= 5) continue; // c.j, c.beqz, c.bnez
    if (quadrant === 2 && funct3 === 4 && ((h >> 2) & 31) === 0) continue; // c.jr, c.jalr, c.ebreak
    return h;
  }
}

export interface RandomEncodingsOptions {
  readonly seed: number;
  readonly slots: number;
}

export interface RandomEncodings {
  readonly source: string;
  /** The word each slot executes, for failure messages. */
  readonly words: readonly { readonly bits: number; readonly compressed: boolean }[];
}

export function randomEncodingsProgram({ seed, slots }: RandomEncodingsOptions): RandomEncodings {
  const rng = new Rng(seed, 11n);
  const words: { bits: number; compressed: boolean }[] = [];
  const template: bigint[] = [0n];
  for (let r = 1; r < 32; r++) {
    if (r % 2 === 0) template.push(BigInt(6144 + 64 * rng.below(16) + 8 * rng.below(8))); // buffer offset
    else template.push(rng.next64() | 0x4000000000000000n);
  }
  const lines: string[] = [
    `# random encodings, seed ${seed}, ${slots} slots`,
    '  .section .text.init, "ax"',
    '  .globl _start',
    '_start:',
    '  la t0, handler',
    '  csrw mtvec, t0',
    // turn buffer offsets into addresses
    '  la t0, template',
    '  la t1, buffer',
    ...POINTER_REGS.flatMap((r) => [`  ld t2, ${8 * r}(t0)`, '  add t2, t2, t1', `  sd t2, ${8 * r}(t0)`]),
  ];
  for (let i = 0; i < slots; i++) {
    const compressed = rng.below(3) === 0;
    const bits = compressed ? random16(rng) : random32(rng);
    words.push({ bits, compressed });
    lines.push(
      `# slot ${i}`,
      '  la x31, trap_info',
      '  li x30, -1',
      '  sd x30, 0(x31)',
      '  sd x30, 8(x31)',
      '  la x31, template',
      ...Array.from({ length: 30 }, (_, k) => `  ld x${k + 1}, ${8 * (k + 1)}(x31)`),
      '  ld x31, 248(x31)',
      compressed ? `  .hword 0x${bits.toString(16)}` : `  .word 0x${bits.toString(16)}`,
      '  csrw mscratch, x31',
      `  la x31, records + ${i * RECORD_WORDS * 8}`,
      ...Array.from({ length: 30 }, (_, k) => `  sd x${k + 1}, ${8 * (k + 3)}(x31)`),
      '  csrr x1, mscratch',
      `  sd x1, ${8 * 33 - 8}(x31)`,
      '  la x30, trap_info',
      '  ld x1, 0(x30)',
      '  sd x1, 0(x31)',
      '  ld x1, 8(x30)',
      '  sd x1, 8(x31)',
    );
  }
  lines.push(
    '  la a0, records',
    `  li a1, ${slots}`,
    '1:',
    '  ld t1, 0(a0)',
    '  call puthex',
    '  ld t1, 8(a0)',
    '  call puthex',
    '  addi a3, a0, 16',
    '  li a4, 31',
    '  call hash',
    '  call puthex',
    `  addi a0, a0, ${RECORD_WORDS * 8}`,
    '  addi a1, a1, -1',
    '  bnez a1, 1b',
    '  la a3, buffer',
    `  li a4, ${BUFFER_WORDS}`,
    '  call hash',
    '  call puthex',
    '  li t0, 0x10000000',
    '6:',
    '  lbu t1, 5(t0)',
    '  andi t1, t1, 0x40',                // LSR.TEMT: everything sent before powering off
    '  beqz t1, 6b',
    '  li t0, 0x100000',
    '  li t1, 0x5555',
    '  sw t1, 0(t0)',
    '2:',
    '  j 2b',
    '# hash: t1 = a digest of the a4 doublewords at a3 (rotate left 7, xor, multiply)',
    'hash:',
    '  li t1, 0',
    '  li t5, 0x9e3779b97f4a7c15',
    '3:',
    '  ld t2, 0(a3)',
    '  slli t3, t1, 7',
    '  srli t1, t1, 57',
    '  or t1, t1, t3',
    '  xor t1, t1, t2',
    '  mul t1, t1, t5',
    '  addi a3, a3, 8',
    '  addi a4, a4, -1',
    '  bnez a4, 3b',
    '  ret',
    '# handler: note mcause and mtval, skip the 2- or 4-byte instruction at mepc',
    '  .align 2',
    'handler:',
    '  csrw mscratch, x31',
    '  la x31, trap_info',
    '  sd x30, 16(x31)',
    '  csrr x30, mcause',
    '  sd x30, 0(x31)',
    '  csrr x30, mtval',
    '  sd x30, 8(x31)',
    '  csrr x30, mepc',
    '  lhu x30, 0(x30)',
    '  andi x30, x30, 3',
    '  addi x30, x30, -3',
    '  csrr x31, mepc',
    '  addi x31, x31, 2',
    '  bnez x30, 2f',
    '  addi x31, x31, 2',
    '2:',
    '  csrw mepc, x31',
    '  la x31, trap_info',
    '  ld x30, 16(x31)',
    '  csrr x31, mscratch',
    '  mret',
    '# puthex: t1 as 16 hex digits and a newline (polls LSR.THRE)',
    'puthex:',
    '  li t0, 0x10000000',
    '  li t2, 60',
    '4:',
    '  srl t3, t1, t2',
    '  andi t3, t3, 15',
    '  addi t4, t3, 48',
    '  li t5, 10',
    '  blt t3, t5, 5f',
    '  addi t4, t3, 87',
    '5:',
    '  jal a2, putc',
    '  addi t2, t2, -4',
    '  bgez t2, 4b',
    '  li t4, 10',
    '  jal a2, putc',
    '  ret',
    'putc:',
    '  lbu t6, 5(t0)',
    '  andi t6, t6, 0x20',
    '  beqz t6, putc',
    '  sb t4, 0(t0)',
    '  jr a2',
    '  .section .tohost, "aw"',
    '  .globl tohost',
    'tohost: .dword 0',
    '  .data',
    '  .align 12',
    'buffer:',
  );
  for (let i = 0; i < BUFFER_WORDS; i++) lines.push(`  .dword ${rng.next64()}`);
  lines.push('template:', ...template.map((v) => `  .dword ${v}`));
  lines.push('trap_info: .dword 0, 0, 0', `records: .zero ${slots * RECORD_WORDS * 8}`, '');
  return { source: lines.join('\n'), words };
}
