import { describe, expect, test } from 'vitest';
import { Machine } from '../../../src/emulator/index';
import { assemble, bareMachine } from './helpers';

describe('Machine in bare mode', () => {
  test('starts in M-mode at the ELF entry and runs RV64I arithmetic like the spec says', () => {
    const m = bareMachine(`
      li a0, -1
      srli a1, a0, 1          # 0x7fffffffffffffff
      addi a2, a1, 1          # wraps to 0x8000000000000000
      li a3, 0x123456789
      slli a4, a3, 20
      sraiw a5, a0, 3
      sltu a6, a1, a2
      1: j 1b`);
    expect(m.pc).toBe(0x80000000n);
    expect(m.run(11)).toEqual({ kind: 'limit' });
    expect(m.getReg(11)).toBe(0x7fffffffffffffffn);
    expect(m.getReg(12)).toBe(0x8000000000000000n);
    expect(m.getReg(14)).toBe(0x123456789n << 20n);
    expect(m.getReg(15)).toBe(0xffffffffffffffffn);
    expect(m.getReg(16)).toBe(1n);
  });

  test('takes an illegal-instruction trap to mtvec with mcause 2, mepc and mtval set', () => {
    const m = bareMachine(`
      la t0, handler
      csrw mtvec, t0
      bad: .word 0xffffffff
      handler: j handler`);
    m.run(10);
    expect(m.readCsr(0x342)).toBe(2n);
    expect(m.readCsr(0x343)).toBe(0xffffffffn);
    expect(m.readCsr(0x341)).toBe(0x8000000cn);
  });

  test('stops with an error instead of spinning when mtvec points at nowhere', () => {
    const m = bareMachine(`
      li t0, 0x1000
      csrw mtvec, t0
      jr t0`);
    const stop = m.run(1_000_000);
    expect(stop.kind).toBe('error');
    expect(stop.kind === 'error' && stop.message).toContain('instruction access fault');
  });

  test('stops when tohost is written and reports the value', () => {
    const elf = assemble(`
      li a0, 7
      la t0, tohost
      sd a0, 0(t0)
      1: j 1b
      .data
      .globl tohost
      .align 3
      tohost: .dword 0`);
    const r = Machine.fromElf(elf, { bare: true, tohost: true });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.machine.run(100)).toEqual({ kind: 'tohost', value: 7n });
  });

  test('stops at a breakpoint before executing it, and continues from there', () => {
    const m = bareMachine(`
      .option norvc
      li a0, 1
      li a0, 2
      li a0, 3
      1: j 1b`);
    m.breakpoints.add(0x80000004n);
    expect(m.run(100)).toEqual({ kind: 'breakpoint', pc: 0x80000004n });
    expect(m.getReg(10)).toBe(1n);
    m.breakpoints.clear();
    expect(m.step()).toEqual({ kind: 'limit' });
    expect(m.getReg(10)).toBe(2n);
  });
});

describe('ELF loading errors', () => {
  test('rejects a file that is not ELF', () => {
    const r = Machine.fromElf(new TextEncoder().encode('hello world, not an elf at all....................................'));
    expect(r).toEqual({ ok: false, error: 'not an ELF file (bad magic)' });
  });

  test('rejects a truncated ELF', () => {
    const elf = assemble('nop');
    const r = Machine.fromElf(elf.subarray(0, 100));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/truncated/);
  });

  test('rejects a 32-bit ELF and a non-RISC-V ELF', () => {
    const elf = assemble('nop').slice();
    elf[4] = 1;
    const r32 = Machine.fromElf(elf);
    expect(!r32.ok && r32.error).toMatch(/not a 64-bit/);
    const x86 = assemble('nop').slice();
    x86[18] = 62;
    x86[19] = 0;
    const rx = Machine.fromElf(x86);
    expect(!rx.ok && rx.error).toMatch(/not a RISC-V/);
  });

  test('rejects a segment outside RAM', () => {
    const r = Machine.fromElf(assemble('nop', 0x10000n), { bare: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/outside RAM/);
  });
});

describe('Machine robustness', () => {
  test('an exception thrown by a listener becomes an error stop, not a JS exception', () => {
    const m = bareMachine(`
      li a7, 1
      li t0, 0x10000000
      li t1, 'x'
      sb t1, 0(t0)
      1: j 1b`);
    const bus = m.hart.bus as unknown as { store: (...a: unknown[]) => boolean };
    const original = bus.store.bind(m.hart.bus);
    bus.store = () => { throw new Error('device exploded'); };
    const stop = m.run(100);
    expect(stop.kind).toBe('error');
    expect(stop.kind === 'error' && stop.message).toContain('device exploded');
    expect(m.run(100)).toEqual(stop);
    bus.store = original;
  });

  test('run(0) and a negative count run nothing', () => {
    const m = bareMachine('li a0, 5\n1: j 1b');
    expect(m.run(0)).toEqual({ kind: 'limit' });
    expect(m.run(-3)).toEqual({ kind: 'limit' });
    expect(m.instret).toBe(0);
  });

  test('readPhys outside RAM reads zeros and never throws', () => {
    const m = bareMachine('1: j 1b');
    expect([...m.readPhys(0x1000n, 4)]).toEqual([0, 0, 0, 0]);
    expect([...m.readPhys(0x7ffffffen, 4)]).toEqual([0, 0, 0x01, 0xa0]); // c.j 0 = 0xa001 straddles RAM start
  });
});
