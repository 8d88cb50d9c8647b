// The block translator must be invisible: a machine with it and one without (hart.jit = null)
// agree on every register, counter and byte of output at every point.
import { describe, expect, test } from 'vitest';
import type { Machine } from '../../../src/emulator/index';
import { aluLoop, compressedLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { assemble, load } from './helpers';

function pair(elf: Uint8Array, opts = { bare: true }) {
  const a = load(elf, opts);
  const b = load(elf, opts);
  a.hart.jit!.hotThreshold = 2;
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
