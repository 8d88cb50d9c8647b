// Generates random straight-line RV64IMAC programs for differential testing against QEMU.
// A program sets x1-x29 to random and edge-case values, runs a random sequence of integer,
// multiply/divide, load/store (aligned and misaligned) and AMO instructions, then prints
// x1-x30 and its 2 KiB data buffer in hex on the UART and powers off through the test device.
// Whatever the instructions compute, QEMU and ForkLab must print the same text.
//
// Register roles, fixed for the whole program: x31 = buffer base (offsets 0..2040), x30 =
// buffer + 256 for AMOs, x15 = buffer + 512 and x2 (sp) = buffer + 1024 as bases with small
// aligned offsets, so the assembler turns those accesses into c.lw/c.ld/c.sw/c.sd and their
// sp-relative forms. Every other register, x0 included, is a random source and destination.
// With rv64imac the assembler also compresses eligible ALU forms (c.add, c.addi, c.li, ...).
// The generator is a pure function of its seed (xorshift64*), so a failure is reproducible.

import { Rng } from './rng';

const R_TYPE = [
  'add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and',
  'addw', 'subw', 'sllw', 'srlw', 'sraw',
  'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu',
  'mulw', 'divw', 'divuw', 'remw', 'remuw',
];
const I_TYPE = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'];
const SHIFT_IMM = ['slli', 'srli', 'srai'];
const SHIFT_IMM_W = ['slliw', 'srliw', 'sraiw'];
const LOADS = ['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwu', 'ld'];
const STORES = ['sb', 'sh', 'sw', 'sd'];
const AMOS = ['amoswap', 'amoadd', 'amoand', 'amoor', 'amoxor', 'amomin', 'amomax', 'amominu', 'amomaxu'];

const EDGE_VALUES = [
  0n, 1n, -1n, 2n, -2n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x7fffffffn, -0x80000000n,
  0x80000000n, 0xffffffffn, 0x100000000n, 31n, 32n, 63n, 64n,
];

const reg = (n: number) => `x${n}`;

export interface RandomProgramOptions {
  readonly seed: number;
  readonly instructions: number;
}

/** The assembly text (for bare.ld, no #include needed) of one random program. */
export function randomProgram({ seed, instructions }: RandomProgramOptions): string {
  const rng = new Rng(seed, 1n);
  const free = Array.from({ length: 30 }, (_, k) => k).filter((k) => k !== 2 && k !== 15);
  const src = (): string => reg(rng.pick(free));
  const dst = (): string => reg(rng.pick(free));
  const widthOf = (op: string): number => ({ b: 1, h: 2, w: 4, d: 8 })[op[1] as 'b' | 'h' | 'w' | 'd'];
  // base register and offset for a load or store of the given width
  const address = (width: number): string => {
    const base = rng.below(3);
    if (base === 0) return `${rng.below(2041)}(x31)`;
    return `${rng.below(32) * width}(${base === 1 ? 'x15' : 'x2'})`;
  };
  const lines: string[] = [
    `# random RV64IMAC program, seed ${seed}, ${instructions} instructions`,
    '  .section .text.init, "ax"',
    '  .globl _start',
    '_start:',
    '  la x31, buffer',
    '  addi x30, x31, 256',
    '  addi x15, x31, 512',
    '  addi x2, x31, 1024',
  ];
  for (const r of free.filter((k) => k !== 0)) {
    const v = rng.below(3) === 0 ? rng.pick(EDGE_VALUES) : BigInt.asIntN(64, rng.next64());
    lines.push(`  li ${reg(r)}, ${v}`);
  }
  for (let i = 0; i < instructions; i++) {
    const kind = rng.below(20);
    if (kind < 8) {
      lines.push(`  ${rng.pick(R_TYPE)} ${dst()}, ${src()}, ${src()}`);
    } else if (kind < 11) {
      lines.push(`  ${rng.pick(I_TYPE)} ${dst()}, ${src()}, ${rng.below(4096) - 2048}`);
    } else if (kind < 12) {
      lines.push(`  ${rng.pick(SHIFT_IMM)} ${dst()}, ${src()}, ${rng.below(64)}`);
    } else if (kind < 13) {
      lines.push(`  ${rng.pick(SHIFT_IMM_W)} ${dst()}, ${src()}, ${rng.below(32)}`);
    } else if (kind < 14) {
      lines.push(`  lui ${dst()}, ${rng.below(1 << 20)}`);
    } else if (kind < 16) {
      const op = rng.pick(LOADS);
      lines.push(`  ${op} ${dst()}, ${address(widthOf(op))}`);
    } else if (kind < 18) {
      const op = rng.pick(STORES);
      lines.push(`  ${op} ${src()}, ${address(widthOf(op))}`);
    } else if (kind < 19) {
      lines.push(`  ${rng.pick(AMOS)}.${rng.below(2) === 0 ? 'w' : 'd'} ${dst()}, ${src()}, (x30)`);
    } else {
      // a short forward branch, taken or not depending on the data
      const op = rng.pick(['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu']);
      lines.push(`  ${op} ${src()}, ${src()}, 1f`, `  xori ${dst()}, ${src()}, ${rng.below(2048)}`, '1:');
    }
  }
  lines.push(
    '  la x31, saved',
    ...Array.from({ length: 30 }, (_, k) => `  sd x${k + 1}, ${8 * (k + 1)}(x31)`),
    '  la a0, saved + 8',
    '  li a1, 30',
    '  call dump',
    '  la a0, buffer',
    '  li a1, 256',
    '  call dump',
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
    '# dump: print a1 doublewords from a0 as 16 hex digits each, one per line',
    'dump:',
    '  li t0, 0x10000000',
    '3:',
    '  ld t1, 0(a0)',
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
    '  addi a0, a0, 8',
    '  addi a1, a1, -1',
    '  bnez a1, 3b',
    '  ret',
    '# putc: wait for the 16550 transmitter (LSR.THRE), then send t4; QEMU drops bytes otherwise',
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
  // The buffer starts with random contents so loads see more than zeros.
  for (let i = 0; i < 256; i++) lines.push(`  .dword ${rng.next64()}`);
  lines.push('saved: .zero 256', '');
  return lines.join('\n');
}
