import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LabCall } from '../../../src/emulator/index';
import { LAB_REG_WORDS, labArg } from '../../../src/emulator/trace';
import { assemble, load } from './helpers';
import { tool } from '../../tools';

const KERNEL_BASE = 0x80200000n;

/** A kernel stub at 0x80200000 that records a0/a1 and then runs `body`. */
function kernel(body: string, opts: { bootargs?: string; initrd?: Uint8Array } = {}) {
  const m = load(assemble(`
    mv s0, a0
    mv s1, a1
    ${body}
    1: j 1b`, KERNEL_BASE), { ...opts });
  const out: number[] = [];
  m.onConsole = (b) => out.push(...b);
  return { m, text: () => String.fromCharCode(...out) };
}

/**
 * A kernel stub that arms the SBI timer `ticks` after the time it reads (s2 = the deadline),
 * sleeps in wfi with STIE on, and runs `trap` at the timer interrupt.
 */
function sleeper(ticks: number, trap: string) {
  return kernel(`
    la t0, trap
    csrw stvec, t0
    li t0, 0x20
    csrw sie, t0
    csrsi sstatus, 2
    rdtime t1
    li t2, ${ticks}
    add a0, t1, t2
    mv s2, a0
    li a7, 0x54494d45
    li a6, 0
    ecall
    3: wfi
    j 3b
    .align 2
    trap:
    ${trap}`);
}

function dts(dtb: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-fdt-'));
  try {
    writeFileSync(join(dir, 'a.dtb'), dtb);
    return execFileSync(tool('dtc'), ['-I', 'dtb', '-O', 'dts', join(dir, 'a.dtb')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('boot like QEMU virt with firmware', () => {
  test('starts the kernel in S-mode with a0 = 0 and a1 = the FDT at 0x87e00000', () => {
    const { m } = kernel('');
    m.run(10);
    expect(m.getReg(8)).toBe(0n);
    expect(m.getReg(9)).toBe(0x87e00000n);
    expect(m.readCsr(0x303)).toBe(0x222n);
    expect(m.readCsr(0x302)).toBe(0xb109n);
    // An M-mode CSR read from S-mode traps: the kernel really runs in S-mode.
  });

  test('writes a device tree that dtc decodes, with memory, cpu, chosen, initrd and devices', () => {
    const initrd = new Uint8Array(1000).fill(7);
    const { m } = kernel('', { bootargs: 'console=ttyS0 lab=5', initrd });
    m.run(2);
    const fdtAddr = m.getReg(9);
    const header = m.readPhys(fdtAddr, 8);
    const size = new DataView(header.buffer).getUint32(4);
    const text = dts(m.readPhys(fdtAddr, size));
    expect(text).toContain('bootargs = "console=ttyS0 lab=5";');
    expect(text).toContain('linux,initrd-start = <0x00 0x84000000>;');
    expect(text).toContain('linux,initrd-end = <0x00 0x840003e8>;');
    expect(text).toContain('reg = <0x00 0x80000000 0x00 0x8000000>;');
    expect(text).toContain('riscv,isa = "rv64imac_zicsr_zifencei";');
    expect(text).toContain('mmu-type = "riscv,sv39";');
    expect(text).toContain('timebase-frequency = <0x989680>;');
    expect(text).toContain('compatible = "ns16550a";');
    expect(text).toContain('clint@2000000');
    expect(text).toContain('plic@c000000');
    expect(text).toContain('sifive,test0');
    expect([...m.readPhys(0x84000000n, 4)]).toEqual([7, 7, 7, 7]);
  });
});

describe('SBI firmware', () => {
  test('serves legacy putchar and DBCN write_byte/write on the console', () => {
    const { m, text } = kernel(`
      li a7, 1
      li a0, 'h'
      ecall
      li a7, 0x4442434e
      li a6, 2
      li a0, 'i'
      ecall
      la a1, msg
      li a0, 3
      li a2, 0
      li a6, 0
      ecall
      mv s2, a0
      mv s3, a1
      j 2f
      msg: .ascii "!ok"
      .align 2
      2:`);
    m.run(40);
    expect(text()).toBe('hi!ok');
    expect(m.getReg(18)).toBe(0n);
    expect(m.getReg(19)).toBe(3n);
  });

  test('answers BASE queries and returns SBI_ERR_NOT_SUPPORTED for unknown extensions', () => {
    const { m } = kernel(`
      li a7, 0x10
      li a6, 0
      ecall
      mv s2, a0
      mv s3, a1
      li a6, 3
      li a0, 0x4442434e
      ecall
      mv s4, a1
      li a7, 0x12345
      li a6, 0
      ecall
      mv s5, a0`);
    m.run(30);
    expect(m.getReg(18)).toBe(0n);
    expect(m.getReg(19)).toBe(0x01000000n);
    expect(m.getReg(20)).toBe(1n);
    expect(m.getReg(21)).toBe(BigInt.asUintN(64, -2n));
  });

  test('SRST shutdown stops the machine cleanly, system failure not', () => {
    const clean = kernel('li a7, 0x53525354\nli a6, 0\nli a0, 0\nli a1, 0\necall').m;
    expect(clean.run(100)).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    const failed = kernel('li a7, 0x53525354\nli a6, 0\nli a0, 0\nli a1, 1\necall').m;
    expect(failed.run(100)).toEqual({ kind: 'shutdown', clean: false, code: 1 });
  });

  test('set_timer raises STIP at the deadline and wfi sleeps until then', () => {
    const { m } = sleeper(1000, `
      rdtime s3
      csrr s4, scause
      li a7, 8
      ecall`);
    const stop = m.run(100_000);
    expect(stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(m.getReg(19) >= m.getReg(18)).toBe(true);
    expect(m.getReg(19) - m.getReg(18)).toBeLessThan(5n);
    expect(m.getReg(20)).toBe((1n << 63n) | 5n);
    expect(m.instret).toBeLessThan(100);
  });

  test('a sleep past 2^30 cycles keeps time and the instruction count exact', () => {
    // 200 M ticks of 10 cycles: the wait jumps cycles beyond the Smi range (hart.ts keeps the
    // field tagged for it), and counting goes on from there one instruction at a time.
    const { m } = sleeper(200_000_000, `
      rdtime s3
      li t0, 1000
      4: addi t0, t0, -1
      bnez t0, 4b
      rdtime s4
      li a7, 8
      ecall`);
    expect(m.run(100_000)).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    const h = m.hart;
    const [deadline, woke, after] = [m.getReg(18), m.getReg(19), m.getReg(20)];
    expect(woke >= deadline && woke - deadline < 5n).toBe(true);
    // li, 1,000 x (addi, bnez) and the rdtime itself: 2,002 cycles, 200 or 201 ticks.
    expect([200n, 201n]).toContain(after - woke);
    expect(h.cycles - h.instret).toBeGreaterThan(2 ** 30);
    expect(Number.isInteger(h.cycles)).toBe(true);
    // The last rdtime was two instructions (li a7, ecall) before the end.
    expect(BigInt(Math.floor((h.cycles - 2) / 10))).toBe(after);
    expect(h.instret).toBeLessThan(2_100);
  });

  test('hands up a LAB call raw, stamped with the retired-instruction count, and answers -2 to an unknown FID', () => {
    const events: LabCall[] = [];
    const { m } = kernel(`
      li a7, 0x0a4c4142
      li a6, 1
      li a0, 1
      li a1, 2
      li a2, 0x87000000
      ecall
      mv s2, a0
      li a6, 99
      ecall
      mv s3, a0`);
    m.onTrace = (ev) => events.push(ev);
    m.run(30);
    expect(events[0]).toMatchObject({ fid: 1, insn: events[0]!.insn });
    expect([0, 1, 2].map((i) => labArg(events[0]!, i))).toEqual([1n, 2n, 0x87000000n]);
    expect(events[0]!.regs).toHaveLength(LAB_REG_WORDS);
    expect(events[0]!.insn).toBeGreaterThan(5);
    expect(events[1]).toMatchObject({ fid: 99 });
    expect(m.getReg(18)).toBe(0n);
    expect(m.getReg(19)).toBe(BigInt.asUintN(64, -2n));
  });

  test('redirects an illegal instruction in S-mode to stvec as OpenSBI does', () => {
    const { m } = kernel(`
      la t0, trap
      csrw stvec, t0
      csrr t1, mstatus
      li s2, 1
      .align 2
      trap:
      csrr s3, scause
      csrr s4, sepc
      4: j 4b`);
    m.run(20);
    expect(m.getReg(19)).toBe(2n);
    expect(m.getReg(20)).toBe(KERNEL_BASE + 16n); // 2 c.mv + la (8) + csrw (4)
    expect(m.getReg(18)).toBe(0n);
  });
});
