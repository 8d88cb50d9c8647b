// The block translator must be invisible: a machine with it and one without (hart.jit = null)
// agree on every register, counter and byte of output at every point, with blocks translated
// to WebAssembly and to JS.
import { beforeEach, describe, expect, test } from 'vitest';
import type { Machine } from '../../../src/emulator/index';
import { aluLoop, compressedLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { CodeBuffer, makeElf, rv } from '../../../src/emulator/encode';
import { assemble, load } from './helpers';

/** The backend the tests of the current describe.each block translate to. */
let current: 'wasm' | 'js' = 'wasm';

function pair(elf: Uint8Array, opts = { bare: true }) {
  const a = load(elf, opts);
  const b = load(elf, opts);
  a.hart.jit!.hotThreshold = 2;
  a.hart.jit!.backend = current;
  b.hart.jit = null;
  const outs = ['', ''];
  a.onConsole = (bytes) => { outs[0] += String.fromCharCode(...bytes); };
  b.onConsole = (bytes) => { outs[1] += String.fromCharCode(...bytes); };
  return { a, b, outs };
}

function state(m: Machine) {
  return {
    regs: Array.from({ length: 32 }, (_, i) => m.getReg(i)),
    pc: m.pc,
    instret: m.instret,
    mcause: m.readCsr(0x342),
    mepc: m.readCsr(0x341),
  };
}

function expectSame(elf: Uint8Array, slices: number[], opts = { bare: true }) {
  const { a, b, outs } = pair(elf, opts);
  for (const n of slices) {
    const sa = a.run(n);
    const sb = b.run(n);
    expect(sa).toEqual(sb);
    expect(state(a)).toEqual(state(b));
  }
  expect(outs[0]).toBe(outs[1]);
  expect(a.hart.jit!.translated).toBeGreaterThan(0);
  return a;
}

describe.each(['wasm', 'js'] as const)('%s blocks', (backend) => {
  beforeEach(() => { current = backend; });

  describe('block translation', () => {
    test('agrees with the interpreter on the benchmark loops', () => {
      for (const elf of [aluLoop(), compressedLoop(), loadStoreSv39User()]) {
        const a = expectSame(elf, [1000, 12_345, 100_000, 7]);
        expect(a.hart.jit!.translated).toBeGreaterThan(0);
      }
    });

    test('a load that faults in the middle of a block traps with the right mepc and instret', () => {
      expectSame(assemble(`
        la t0, handler
        csrw mtvec, t0
        li s0, 0
        li s2, 0x80100000
      loop:
        addi s0, s0, 1
        ld a0, 0(s2)
        addi s1, s0, 3
        li t1, 200
        blt s0, t1, loop
        li t2, 0x40000000      # a hole in the physical map: load access fault
        addi s3, s0, 1
        ld a1, 0(t2)
        addi s4, s0, 2
      1: j 1b
        .align 2
      handler:
        csrr s5, mepc
        addi s5, s5, 4
        csrw mepc, s5
        mret`), [50, 999, 5000]);
    });

    test('code that rewrites itself runs the new instructions', () => {
      const a = expectSame(assemble(`
        .option norvc
        li s0, 0
        li s1, 0
        la s2, patch
        li s3, 0x00148493        # addi s1, s1, 1
      loop:
        addi s0, s0, 1
      patch:
        addi s1, s1, 0
        li t0, 100
        bne s0, t0, 2f
        sw s3, 0(s2)
      2:
        li t0, 300
        blt s0, t0, loop
      1: j 1b`), [2000, 5000]);
      expect(a.getReg(9)).toBe(200n);
    });

    test('a UART write inside a hot loop reaches the console in order and a test-device write stops at once', () => {
      expectSame(assemble(`
        li t0, 0x10000000
        li s0, 0
      loop:
        addi s0, s0, 1
        andi t1, s0, 15
        addi t1, t1, 'a'
        sb t1, 0(t0)
        li t2, 500
        blt s0, t2, loop
        li t0, 0x100000
        li t1, 0x5555
        sw t1, 0(t0)
        addi s0, s0, 1000
      1: j 1b`), [300, 3000, 10]);
    });
  });

  describe('block translation on random programs', () => {
    // Random ALU, load/store, lui/auipc and short forward branches over registers pointing into
    // RAM and elsewhere, looped; a trap handler skips faulting instructions. The interpreter
    // (checked against QEMU by the ISA suite) is the reference.
    let seed = 2026;
    const rnd = (): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };

    function randomProgram(): Uint8Array {
      const c = new CodeBuffer(0x80000000n);
      c.w32(rv.auipc(5, 0), rv.addi(5, 5, 0x7fc), rv.csrrw(0, 0x305, 5)); // mtvec = handler
      for (let r = 1; r < 32; r++) {
        if (r === 5) continue;
        if (r >= 8 && r <= 15) c.w32(rv.lui(r, 0x80010), rv.addi(r, r, (rnd() % 2000) & ~7), rv.slli(r, r, 32), rv.srli(r, r, 32));
        else c.li32(r, rnd() | (rnd() << 16));
      }
      const loop = c.size;
      const ops = [0x13, 0x1b, 0x33, 0x3b, 0x03, 0x23, 0x37, 0x17, 0x63];
      for (let i = 0; i < 120; i++) {
        const op = ops[rnd() % ops.length]!;
        let w = ((rnd() << 7) | op) & 0x7fffffff | ((rnd() & 1) << 31);
        if (op === 0x63) w = (w & 0x01fff07f) | (((rnd() % 6) + 1) << 8);            // short forward branch
        if (op === 0x03 || op === 0x23) w = (w & 0x00007fff & ~(31 << 15)) | ((8 + (rnd() % 8)) << 15) | ((rnd() % 64) << 23) | (w & 0x7000);
        if (op === 0x33 || op === 0x3b) w = (w & 0x01ffffff) | ([0, 0x20, 1][rnd() % 3]! << 25);
        if (((w >>> 7) & 31) === 5) w &= ~(31 << 7);                                // x5 counts loops
        c.w32(w >>> 0);
      }
      c.w32(rv.addi(5, 5, 1), rv.jal(0, loop - c.size - 4));
      while (c.size < 0x800) c.w32(rv.addi(0, 0, 0));
      c.w32(rv.csrrs(6, 0x341, 0), rv.addi(6, 6, 4), rv.csrrw(0, 0x341, 6), rv.mret()); // skip it
      return makeElf(c.toBytes(), 0x80000000n, 0x20000);
    }

    test('agree with the interpreter on registers, memory, traps and counts', () => {
      for (let t = 0; t < 12; t++) {
        const { a, b } = pair(randomProgram());
        for (const n of [500, 3000, 20_000]) {
          expect(a.run(n)).toEqual(b.run(n));
          expect(state(a)).toEqual(state(b));
          expect(a.readPhys(0x80010000n, 4096)).toEqual(b.readPhys(0x80010000n, 4096));
        }
        expect(a.hart.jit!.translated).toBeGreaterThan(0);
      }
    });
  });

  describe('block translation and timers', () => {
    test('a CLINT mtimecmp write inside a hot block takes the timer interrupt at the same instruction', () => {
      // Each iteration pulls mtimecmp to "now + 3" and then runs straight-line code: the
      // interrupt lands inside the block's remaining instructions.
      expectSame(assemble(`
        la t0, handler
        csrw mtvec, t0
        li t0, 0x80
        csrw mie, t0
        csrsi mstatus, 8
        li s1, 0x2004000       # mtimecmp
        li s2, 0x200bff8       # mtime
      loop:
        ld t1, 0(s2)
        addi t1, t1, 3
        sd t1, 0(s1)
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        addi s3, s3, 1
        j loop
        .align 2
      handler:
        csrr s4, mepc
        add s5, s5, s4
        li t2, -1
        sd t2, 0(s1)           # mtimecmp = never
        mret`), [1000, 4000, 20_000]);
    });

    test('blocks go on into blocks of other pages and modules, through calls and returns, up to each timer interrupt', () => {
      // A loop calls a function in the next page and one through a pointer two pages on; every
      // 64 iterations it sets a timer 50 ticks ahead, so interrupts land anywhere in the chain.
      const elf = assemble(`
        la t0, handler
        csrw mtvec, t0
        li t0, 0x80
        csrw mie, t0
        csrsi mstatus, 8
        li s1, 0x2004000       # mtimecmp
        li s2, 0x200bff8       # mtime
        la s6, far2
      loop:
        addi s0, s0, 1
        call far1
        jalr ra, 0(s6)
        andi t1, s0, 63
        bnez t1, loop
        ld t1, 0(s2)
        addi t1, t1, 50
        sd t1, 0(s1)
        j loop
        .align 2
      handler:
        csrr s4, mepc
        add s5, s5, s4
        li t2, -1
        sd t2, 0(s1)           # mtimecmp = never
        mret
        .balign 4096
      far1:
        addi s3, s3, 3
        xor s7, s7, s3
        ret
        .balign 4096
      far2:
        addi s8, s8, 1
        ret`);
      const { a, b, outs } = pair(elf);
      // Count the blocks the run loop itself enters: chained blocks never come back to it.
      const jit = a.hart.jit!;
      let entries = 0;
      const lookup = jit.lookup.bind(jit);
      jit.lookup = (off) => { const fn = lookup(off); if (fn !== null) entries++; return fn; };
      for (const n of [1000, 4000, 20_000, 100_000, 333]) {
        expect(a.run(n)).toEqual(b.run(n));
        expect(state(a)).toEqual(state(b));
      }
      expect(outs[0]).toBe(outs[1]);
      expect(b.getReg(21)).not.toBe(0n); // timer interrupts were taken
      const iterations = Number(a.getReg(8));
      expect(iterations).toBeGreaterThan(5000);
      // Each iteration runs 5 blocks (loop, far1, far2, the test, and its return path).
      if (current === 'wasm') expect(entries).toBeLessThan(iterations / 4);
      else expect(entries).toBeGreaterThan(iterations * 3);
    });
  });
});
