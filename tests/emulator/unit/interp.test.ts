// The interpreter's fast loop (interp.ts) must be invisible: a machine running it and one that
// takes every instruction through Hart.step (hart.stepwise, the reference the ISA suite checks
// against QEMU) agree on every register, counter, trap and byte of memory and output at every
// slice boundary, with no translator and with a disabled one (a host without wasm and eval).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Machine } from '../../../src/emulator/index';
import { aluLoop, compressedLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { CodeBuffer, makeElf, rv } from '../../../src/emulator/encode';
import { assemble, load } from './helpers';

/** 'none': hart.jit = null; 'disabled': a translator that never translates (Jit.disabled). */
type Translator = 'none' | 'disabled';

function pair(elf: Uint8Array, jit: Translator, opts: Parameters<typeof load>[1] = { bare: true }) {
  const fast = load(elf, opts);
  const ref = load(elf, opts);
  ref.hart.stepwise = true;
  for (const m of [fast, ref]) {
    if (jit === 'none') m.hart.jit = null;
    else m.hart.jit!.disabled = true;
  }
  const outs = ['', ''];
  fast.onConsole = (bytes) => { outs[0] += String.fromCharCode(...bytes); };
  ref.onConsole = (bytes) => { outs[1] += String.fromCharCode(...bytes); };
  return { fast, ref, outs };
}

function state(m: Machine) {
  return {
    regs: Array.from({ length: 32 }, (_, i) => m.getReg(i)),
    pc: m.pc,
    instret: m.instret,
    cycles: m.hart.cycles,
    edge: m.hart.edge,
    mcause: m.readCsr(0x342),
    mepc: m.readCsr(0x341),
    mtval: m.readCsr(0x343),
    priv: m.hart.priv,
  };
}

function expectSame(elf: Uint8Array, slices: number[], jit: Translator = 'none'): void {
  const { fast, ref, outs } = pair(elf, jit);
  for (const n of slices) {
    expect(fast.run(n)).toEqual(ref.run(n));
    expect(state(fast)).toEqual(state(ref));
    expect(fast.readPhys(0x80010000n, 4096)).toEqual(ref.readPhys(0x80010000n, 4096));
  }
  expect(outs[0]).toBe(outs[1]);
}

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

function randomProgram(): Uint8Array {
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

describe('the fast interpreter loop agrees with step-by-step execution', () => {
  test('on the benchmark loops, with no translator and a disabled one', () => {
    for (const elf of [aluLoop(), compressedLoop(), loadStoreSv39User()]) {
      expectSame(elf, [1000, 12_345, 100_000, 7]);
      expectSame(elf, [1000, 12_345, 100_000, 7], 'disabled');
    }
  });

  test('really runs the loops (step() sees only what they leave to it)', () => {
    for (const jit of ['none', 'disabled'] as const) {
      for (const elf of [aluLoop(), compressedLoop(), loadStoreSv39User()]) {
        const { fast } = pair(elf, jit);
        let steps = 0;
        const step = fast.hart.step.bind(fast.hart);
        fast.hart.step = () => { steps++; step(); };
        expect(fast.run(100_000)).toEqual({ kind: 'limit' });
        expect(fast.instret).toBe(100_000);
        expect(steps).toBeLessThan(100); // setup, TLB misses: step-by-step would be 100 000
      }
    }
  });

  test('on random programs: registers, memory, traps and counts', () => {
    for (let t = 0; t < 16; t++) {
      const elf = randomProgram();
      expectSame(elf, [1, 500, 3000, 20_000]);
      expectSame(elf, [700, 20_000], 'disabled');
    }
  });

  test('code that rewrites itself runs the new instructions', () => {
    // The loop stores a new immediate into the addi it runs next time round.
    expectSame(assemble(`
      li s0, 0
      li s1, 0
      la t0, patch
    loop:
    patch:
      addi s1, s1, 1
      lw t1, 0(t0)
      li t2, 0x00100000
      add t1, t1, t2
      sw t1, 0(t0)
      addi s0, s0, 1
      li t2, 100
      blt s0, t2, loop
    1: j 1b`), [50, 500, 3000]);
  });

  test('a timer interrupt lands on the same instruction', () => {
    expectSame(assemble(`
      la t0, handler
      csrw mtvec, t0
      li t0, 0x80
      csrw mie, t0
      csrsi mstatus, 8
      li s1, 0x2004000       # mtimecmp
      li s2, 0x200bff8       # mtime
      ld t1, 0(s2)
      addi t1, t1, 37
      sd t1, 0(s1)
    loop:
      addi s3, s3, 1
      xor s4, s4, s3
      j loop
    handler:
      addi s5, s5, 1
      ld t1, 0(s2)
      addi t1, t1, 41
      sd t1, 0(s1)
      mret`), [100, 1000, 5000, 33, 20_000]);
  });
});

describe('the fast interpreter loop on the lab kernel', () => {
  const root = join(__dirname, '../../..');
  const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
  const initrd = new Uint8Array(readFileSync(join(root, 'resources/user/build/initrd.img')));

  for (const jit of ['none', 'disabled'] as const) {
    test(`boots to the same state hash, console and count as step-by-step (translator: ${jit})`, () => {
      const { fast, ref, outs } = pair(kernel, jit, { initrd, bootargs: 'apps=cow,fib' });
      for (let slice = 0; slice < 400; slice++) {
        const sf = fast.run(100_000);
        const sr = ref.run(100_000);
        expect(sf).toEqual(sr);
        if (slice % 20 === 0) expect(fast.stateHash()).toBe(ref.stateHash());
        if (sf.kind !== 'limit') break;
      }
      expect(fast.finalStop?.kind).toBe('shutdown');
      expect(fast.stateHash()).toBe(ref.stateHash());
      expect(fast.instret).toBe(ref.instret);
      expect(outs[0]).toBe(outs[1]);
      expect(outs[0].length).toBeGreaterThan(100);
    });
  }
});
