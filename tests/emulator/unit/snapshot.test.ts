import { describe, expect, test } from 'vitest';
import { Machine } from '../../../src/emulator/index';
import { assemble, load } from './helpers';

// A kernel stub that takes SBI timer interrupts every 300 ticks, counts them in s2, mixes a
// value in s3 and prints a letter per tick on the UART: state everywhere (regs, CSRs, RAM,
// devices, timers).
const program = assemble(`
  la t0, trap
  csrw stvec, t0
  li t0, 0x20
  csrw sie, t0
  csrsi sstatus, 2
  call arm
  li s3, 1
  la s4, buf
1:
  addi s3, s3, 7
  slli t1, s3, 3
  xor s3, s3, t1
  sd s3, 0(s4)
  wfi
  j 1b
arm:
  rdtime a0
  addi a0, a0, 300
  li a7, 0x54494d45
  li a6, 0
  ecall
  ret
.align 2
trap:
  addi s2, s2, 1
  li t0, 0x10000000
  andi t1, s2, 15
  addi t1, t1, 'a'
  sb t1, 0(t0)
  mv s5, ra
  call arm
  mv ra, s5
  sret
.data
.align 3
buf: .dword 0
`, 0x80200000n);

function boot() {
  const m = load(program, {});
  let out = '';
  m.onConsole = (b) => { out += String.fromCharCode(...b); };
  return { m, out: () => out };
}

function regs(m: Machine): bigint[] {
  return Array.from({ length: 32 }, (_, i) => m.getReg(i));
}

describe('snapshot and restore', () => {
  test('a restored machine continues exactly like the original', () => {
    const a = boot();
    a.m.run(12_345);
    const snap = a.m.snapshot();
    const r = Machine.restore(snap);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const b = r.machine;
    let outB = '';
    b.onConsole = (bytes) => { outB += String.fromCharCode(...bytes); };
    const before = a.out().length;
    a.m.run(50_000);
    b.run(50_000);
    expect(outB).toBe(a.out().slice(before));
    expect(outB.length).toBeGreaterThan(10);
    expect(regs(b)).toEqual(regs(a.m));
    expect(b.pc).toBe(a.m.pc);
    expect(b.instret).toBe(a.m.instret);
    expect(b.readCsr(0xc01)).toBe(a.m.readCsr(0xc01));
    expect(b.readPhys(0x80200000n, 4096)).toEqual(a.m.readPhys(0x80200000n, 4096));
  });

  test('stores only nonzero RAM pages, so a fresh 128 MiB machine snapshots small', () => {
    const snap = boot().m.snapshot();
    expect(snap.length).toBeLessThan(64 * 1024);
  });

  test('rejects bytes that are not a snapshot, and a truncated one', () => {
    expect(Machine.restore(new Uint8Array(10)).ok).toBe(false);
    const snap = boot().m.snapshot();
    const r = Machine.restore(snap.subarray(0, snap.length - 100));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/truncated/);
  });
});

describe('determinism', () => {
  test('the same image gives the same console output and state on every run', () => {
    const a = boot();
    const b = boot();
    a.m.run(80_000);
    b.m.run(80_000);
    expect(a.out()).toBe(b.out());
    expect(a.out().length).toBeGreaterThan(20);
    expect(regs(a.m)).toEqual(regs(b.m));
  });
});
