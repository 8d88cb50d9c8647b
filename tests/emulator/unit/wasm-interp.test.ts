// The wasm interpreter for plain instructions (src/emulator/wasm/interp.ts) must be invisible:
// a machine running it and one that takes every instruction through Hart.step (hart.stepwise,
// the reference the ISA suite checks against QEMU) agree on every register, counter, trap,
// byte of memory, console byte and watched store at every slice boundary. With blocks on, it
// must also make the same translation decisions as the run loop with step(): it counts block
// starts and calls translated blocks itself, so the runs counted (MEM_HOT), the pages marked
// as code and the blocks translated must be equal; with blocks disabled it stops at each
// control transfer, so the run loop looks blocks up at exactly the same pcs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Machine } from '../../../src/emulator/index';
import { aluLoop, compressedLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { buildBareElf, makeWorkDir, removeWorkDir } from '../../support/riscv-tools';
import { randomProgram as randomIsaProgram } from '../isa/random-program';
import { randomSv39Program } from '../isa/random-sv39';
import { assemble, hartState, load } from './helpers';
import { SELF_MODIFYING_LOOP, TIMER_LOOP } from './interp-programs';
import { expandCompressed } from '../../../src/emulator/rvc';
import { HOT_ENTRY, HOT_GONE, HOT_SIZE, MEM_HOT } from '../../../src/emulator/layout';
import { dropRuns } from '../../../src/emulator/jit';
import { randomProgram } from './random-plain';

/** 'none': hart.jit = null; 'disabled': Jit.disabled; 'on': blocks translated (threshold). */
type Blocks = 'none' | 'disabled' | 'on';

interface Pair {
  fast: Machine;
  ref: Machine;
  outs: [string, string];
  blocks: Blocks;
  /** Per machine: the pcs the run loop looked blocks up at (folded into a hash) and how many. */
  lookups: Array<{ hash: number; count: number }>;
  stores: [string[], string[]];
}

/** Bare machines: 16 MiB of RAM keeps making and hashing them cheap. */
const BARE = { bare: true, ramMiB: 16 };

function pair(elf: Uint8Array, blocks: Blocks, opts: Parameters<typeof load>[1] = BARE, threshold = 3, watch = false): Pair {
  const fast = load(elf, opts);
  const ref = load(elf, opts);
  ref.hart.stepwise = true;
  expect(fast.hart.wasmInterp).not.toBeNull();
  const outs: [string, string] = ['', ''];
  const lookups = [{ hash: 0, count: 0 }, { hash: 0, count: 0 }];
  const stores: [string[], string[]] = [[], []];
  [fast, ref].forEach((m, i) => {
    m.onConsole = (bytes) => { outs[i] += String.fromCharCode(...bytes); };
    if (blocks === 'none') m.hart.jit = null;
    else if (blocks === 'disabled') m.hart.jit!.disabled = true;
    else {
      const jit = m.hart.jit!;
      jit.hotThreshold = threshold;
      const lookup = jit.lookup.bind(jit);
      const rec = lookups[i]!;
      jit.lookup = (off) => {
        rec.hash = (Math.imul(rec.hash ^ (m.hart.pc % 0x7fffffff), 0x01000193) + off) | 0;
        rec.count++;
        return lookup(off);
      };
    }
    if (watch) m.hart.storeWatch = (pa, size) => { stores[i]!.push(`${pa.toString(16)}:${size}@${m.hart.instret}`); };
  });
  return { fast, ref, outs, blocks, lookups, stores };
}

/**
 * What decides which blocks are translated, and when: the run counts, the code-page marks
 * and the number translated.
 */
function decisions(m: Machine): string {
  const ram = m.hart.bus.ram;
  const hot = new Uint8Array(ram.layout.buffer, MEM_HOT, HOT_SIZE * HOT_ENTRY);
  return `${digest(hot)} ${digest(ram.codePages)} ${m.hart.jit?.translated ?? 0}`;
}

/** The lookups with blocks disabled (the pcs), else the translation decisions. */
function expectSameBlocks(p: Pair): void {
  if (p.blocks === 'on') expect(decisions(p.fast)).toBe(decisions(p.ref));
  else expect(p.lookups[0]).toEqual(p.lookups[1]);
}

/** FNV-1a of the bytes (toEqual on 128 KiB arrays costs ~0.1 s a call). */
function digest(b: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return (h >>> 0).toString(16);
}

function expectSame(p: Pair, slices: number[]): void {
  const { fast, ref, outs } = p;
  for (const n of slices) {
    expect(fast.run(n)).toEqual(ref.run(n));
    expect(hartState(fast)).toEqual(hartState(ref));
    // the programs' code and data (hashing all of RAM at every slice costs seconds)
    expect(digest(fast.readPhys(0x80000000n, 0x20000))).toBe(digest(ref.readPhys(0x80000000n, 0x20000)));
    expectSameBlocks(p);
  }
  expect(fast.stateHash()).toBe(ref.stateHash());
  expect(outs[0]).toBe(outs[1]);
  expect(p.stores[0]).toEqual(p.stores[1]);
}

/**
 * After satp is written: flush, enter S-mode at `scode`, and leave an M-mode handler `mtrap`
 * that skips the instruction that trapped (4 bytes).
 */
const ENTER_S = `
  sfence.vma
  li t1, 0x1800
  csrc mstatus, t1
  li t1, 0x800
  csrs mstatus, t1       # MPP = S
  la t1, scode
  csrw mepc, t1
  mret
mtrap:
  csrr t6, mepc
  addi t6, t6, 4
  csrw mepc, t6
  mret
scode:`;

const ALL: readonly Blocks[] = ['none', 'disabled', 'on'];

/**
 * Sv39 tables at labels root, l1 and l0 (the program's, page-aligned): VA 2-3 GiB is RAM (a
 * gigapage), VA 1 GiB is 4 KiB pages through l1 and l0, whose entries the program fills.
 */
const SV39_TABLES = `
      la t0, root
      li t1, 0x200000cf      # VA 2-3 GiB -> RAM at 0x80000000: D A X W R V
      sd t1, 16(t0)
      la t1, l1              # VA 1 GiB: 4 KiB pages through two more levels
      srli t1, t1, 2
      ori t1, t1, 1
      sd t1, 8(t0)
      la t0, l1
      la t1, l0
      srli t1, t1, 2
      ori t1, t1, 1
      sd t1, 0(t0)
`;

/** satp = Sv39 with root as the root table. */
const SATP_SV39 = `
      la t0, root
      srli t1, t0, 12
      li t2, 8
      slli t2, t2, 60
      or t1, t1, t2
      csrw satp, t1
`;

/**
 * A program that runs `body` `rounds` times in M-mode, then as many in S-mode, then `afterS`
 * (still in S), then `ucode` in a U-mode loop; M's handler `mskip` runs `handler` and skips
 * the instruction that trapped (mtvec needs 4-byte alignment). `init` sets registers first.
 */
function modesProgram(o: { init: string; body: string; rounds: number; afterS?: string; ucode: string; handler?: string }): Uint8Array {
  return assemble(`
      la t0, mskip
      csrw mtvec, t0
      ${o.init}
      li s3, ${o.rounds}
    mloop:
      ${o.body}
      addi s3, s3, -1
      bnez s3, mloop
      ${ENTER_S}
      li s3, ${o.rounds}
    sloop:
      ${o.body}
      addi s3, s3, -1
      bnez s3, sloop
      ${o.afterS ?? ''}
      li t1, 0x100
      csrc sstatus, t1         # SPP = U
      la t1, ucode
      csrw sepc, t1
      sret
    ucode:
      ${o.ucode}
      addi s2, s2, 1
      j ucode
      .align 2
    mskip:
      ${o.handler ?? ''}
      csrr t6, mepc
      addi t6, t6, 4
      csrw mepc, t6
      mret`);
}

/** Count the instructions Hart.step executes on `m` (what the interpreter left to it). */
function countSteps(m: Machine): { n: number } {
  const c = { n: 0 };
  const step = m.hart.step.bind(m.hart);
  m.hart.step = () => { c.n++; step(); };
  return c;
}

describe('the wasm interpreter agrees with step-by-step execution', () => {
  test('runs the plain instructions itself (step() sees only what it leaves)', () => {
    for (const blocks of ALL) {
      for (const elf of [aluLoop(), compressedLoop(), loadStoreSv39User()]) {
        // threshold: never translate, so everything is cold code
        const { fast } = pair(elf, blocks, BARE, 1e9);
        const steps = countSteps(fast);
        expect(fast.run(100_000)).toEqual({ kind: 'limit' });
        expect(fast.instret).toBe(100_000);
        expect(steps.n).toBeLessThan(100); // setup, TLB misses: step-by-step would be 100 000
      }
    }
  });

  test('on the benchmark loops, with blocks off, disabled and on', () => {
    for (const blocks of ALL) {
      for (const elf of [aluLoop(), compressedLoop(), loadStoreSv39User()]) {
        expectSame(pair(elf, blocks), [1000, 12_345, 100_000, 7, 3]);
      }
    }
  });

  test('on random plain-instruction programs: registers, memory, traps and counts', () => {
    for (let t = 0; t < 8; t++) {
      const elf = randomProgram(1000 + t);
      for (const blocks of ALL) expectSame(pair(elf, blocks), [1, 500, 3000, 20_000]);
    }
  });

  test('code that rewrites itself runs the new instructions', () => {
    const elf = assemble(SELF_MODIFYING_LOOP);
    for (const blocks of ALL) expectSame(pair(elf, blocks, BARE, 2), [50, 500, 3000]);
  });

  test('a timer interrupt lands on the same instruction', () => {
    const elf = assemble(TIMER_LOOP);
    for (const blocks of ALL) expectSame(pair(elf, blocks), [100, 1000, 5000, 33, 20_000]);
  });

  test('the Zicsr instructions on the supervisor trap CSRs, in M and S mode; U-mode and other CSRs stay with step()', () => {
    // Every form (csrrw/s/c and the immediates), rd and rs1 x0 or not, sepc written odd, then
    // the same from S-mode, then U-mode, where each access is illegal (M's handler skips it).
    const body = `
      csrw sscratch, s0
      csrrw t0, sscratch, s1
      csrrs t1, sscratch, x0
      csrrs t2, sscratch, s0
      csrrc t3, sscratch, s1
      csrrwi t4, sscratch, 21
      csrrsi t5, sscratch, 0
      csrrci a0, sscratch, 5
      csrw sepc, s1
      csrr a1, sepc
      csrrsi a2, sepc, 1
      csrrw a3, scause, s0
      csrrc a4, scause, s1
      csrw stval, s1
      csrrw x0, stval, s0
      csrr a5, stval
      csrr a6, sstatus
      csrrw sp, sscratch, sp
      csrrw sp, sscratch, sp
      add s0, s0, t0
      xor s1, s1, a1
      add s1, s1, a4
      addi s2, s2, 1`;
    const elf = modesProgram({
      init: 'li s0, 0x1234\n      li s1, -7', body, rounds: 40,
      ucode: 'csrr t0, sscratch\n      csrw sepc, s0\n      csrrwi x0, stval, 3',
    });
    for (const blocks of ALL) {
      const p = pair(elf, blocks, BARE, 1e9);
      const steps = countSteps(p.fast);
      // M and S: 80 rounds of 18 accesses to the four CSRs and 1 to sstatus.
      expectSame(p, [1, 50, 777]);
      expect(p.fast.instret).toBe(828);
      expect(steps.n).toBeLessThan(120);
      expectSame(p, [1000, 5000, 333]);
      expect(p.fast.getReg(18)).toBeGreaterThan(300n); // s2: 80 rounds in M and S, then U's
      expect(p.fast.readCsr(0x342)).toBe(2n); // mcause: U's accesses are illegal instructions
      // a1 and a2: sepc read back after `csrw sepc, s1` and `csrrsi a2, sepc, 1`, bit 0 clear.
      expect(p.fast.getReg(11) & 1n).toBe(0n);
      expect(p.fast.getReg(12)).toBe(p.fast.getReg(11));
    }
  });

  test('writes to x0 never stick, whatever writes them', () => {
    const elf = assemble(`
      la s0, data
    loop:
      lui x0, 0x12345
      auipc x0, 0x1
      addi x0, x0, 7
      slli x0, s0, 3
      add x0, s0, s0
      sub x0, x0, s0
      addiw x0, s0, 1
      addw x0, s0, s0
      mul x0, s0, s0
      div x0, s0, s0
      remuw x0, s0, s0
      ld x0, 0(s0)
      lbu x0, 1(s0)
      jal x0, 1f
    1: la t0, 2f
      jalr x0, 0(t0)
    2: add s1, x0, x0
      addi s2, x0, 0
      addi s3, s3, 1
      j loop
      .balign 8
    data: .dword 0x8877665544332211`);
    for (const blocks of ALL) {
      const p = pair(elf, blocks);
      expectSame(p, [5, 100, 1000, 10_000]);
      expect(p.fast.getReg(0)).toBe(0n);
      expect(p.fast.getReg(1) + p.fast.getReg(18)).toBe(0n);
      expect(p.fast.getReg(19)).toBeGreaterThan(100n);
    }
  });

  test('stores watched for time travel are reported one by one, in order', () => {
    const elf = assemble(`
      la s0, data
      li s1, 0x10000000
      li s4, 2048
      add s4, s4, s0
    loop:
      sd s2, 0(s0)
      sw s2, 12(s0)
      sh s2, 2045(s4)        # crosses into the next page
      sb s2, 0(s1)           # the UART
      addi s2, s2, 1
      andi s2, s2, 63
      ori s3, s2, 0x40
      sb s3, 0(s1)
      j loop
      .balign 4096
    data: .fill 8192, 1, 0`);
    for (const blocks of ALL) {
      const p = pair(elf, blocks, BARE, 3, true);
      expectSame(p, [10, 1000, 5000, 777]);
      expect(p.stores[0].length).toBeGreaterThan(2000);
    }
  });

  test('a new machine starts with every compressed parcel the process has expanded, and nothing else', () => {
    const first = load(compressedLoop(), BARE);
    first.hart.wasmInterp!.rvc.fill(0);
    first.run(50_000);
    const seen = first.hart.wasmInterp!.rvc;
    const table = load(compressedLoop(), BARE).hart.wasmInterp!.rvc;
    const wrong: number[] = [];
    let filled = 0;
    for (let h = 0; h < 65536; h++) {
      if (seen[h] !== 0 && table[h] !== seen[h]) wrong.push(h);
      if (table[h] !== 0) { filled++; if (table[h] !== expandCompressed(h)) wrong.push(h); }
    }
    expect(wrong).toEqual([]);
    expect(filled).toBeGreaterThan(3);
  });

  test('compressed parcels: the expansion table fills in as step() expands, and stays exact', () => {
    for (const blocks of ALL) {
      const p = pair(compressedLoop(), blocks, BARE, 1e9);
      const table = p.fast.hart.wasmInterp!.rvc;
      table.fill(0); // as in a process that has expanded nothing yet
      const steps = countSteps(p.fast);
      expectSame(p, [10, 1000, 50_000]);
      const filled = table.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0);
      expect(filled).toBeGreaterThan(3);
      // each parcel left to step() once at most (plus the setup), not once per execution
      expect(steps.n).toBeLessThan(filled + 40);
    }
  });
});

describe('sstatus and sfence.vma in the interpreter', () => {
  test('every sstatus form in M and S mode; SUM and MXR changes, TVM and U-mode stay with step()', () => {
    // Reads, writes of every form (rd and rs1 x0 or not, bits outside sstatus), SPP/SPIE
    // toggled, SUM and MXR flipped (step()'s), then the same in S-mode; then U-mode, where
    // each access and sfence.vma is illegal, as is sfence.vma in S-mode under TVM (the
    // handler skips them).
    const body = `
      csrr t0, sstatus
      li t1, 0x120
      csrs sstatus, t1
      csrrc t2, sstatus, t1
      csrrs t3, sstatus, x0
      csrrw t4, sstatus, s0
      csrrsi t5, sstatus, 0
      csrrci t6, sstatus, 2
      csrrwi a0, sstatus, 0
      csrrw x0, sstatus, t0
      li t1, 0x40000
      csrs sstatus, t1         # SUM on
      csrr a1, sstatus
      csrc sstatus, t1         # and off
      li t1, 0x80000
      csrrs a2, sstatus, t1    # MXR
      csrrc a3, sstatus, t1
      sfence.vma
      sfence.vma s0, s1
      add s1, s1, t0
      xor s1, s1, t4
      add s1, s1, a1
      add s1, s1, a2
      addi s2, s2, 1`;
    const elf = modesProgram({
      init: 'li s0, -1', body, rounds: 30,
      afterS: `ecall                    # to M: TVM on, then back to S
      sfence.vma
      addi s4, s4, 1`,
      ucode: 'csrr t0, sstatus\n      csrs sstatus, t1\n      sfence.vma',
      // An ecall from S also sets TVM.
      handler: `csrr t6, mcause
      li t5, 9
      bne t6, t5, 1f
      li t5, 0x100000
      csrs mstatus, t5
    1:`,
    });
    for (const blocks of ALL) {
      const p = pair(elf, blocks, BARE, 1e9);
      const steps = countSteps(p.fast);
      expectSame(p, [1, 50, 777]);
      // The first 828 instructions: ~30 M-mode rounds, whose 15 sstatus accesses and 2
      // sfence.vma leave only the seven that change SUM or MXR to step() (the four named, and
      // csrrw of s0 = -1, of 0 and of t0 after it), not 17.
      expect(steps.n).toBeLessThan(30 * 7 + 20);
      expectSame(p, [1000, 5000, 333]);
      expect(p.fast.getReg(18)).toBeGreaterThan(100n); // s2: 60 rounds, then U's
      expect(p.fast.getReg(20)).toBe(1n); // s4: S went on once past the sfence.vma under TVM
      expect(p.fast.readCsr(0x342)).toBe(2n); // mcause: U's accesses are illegal instructions
    }
  });

  test('setting SIE takes a pending interrupt before the next instruction, as step() does', () => {
    // A supervisor software interrupt pending and enabled in sie, delegated, with SIE clear:
    // csrsi sstatus, SIE makes it deliverable, and the handler must see sepc after the csrsi.
    const elf = assemble(`
      li t0, 2
      csrw mideleg, t0
      csrw mie, t0
      ${ENTER_S}
      la t0, shandler
      csrw stvec, t0
      li s3, 200
    loop:
      csrsi sip, 2             # SSIP pending (delegated: sip's SSIP is writable)
      addi s1, s1, 1
      csrsi sstatus, 2         # SIE: the interrupt is taken here
      addi s1, s1, 7           # ... before this instruction
      csrci sstatus, 2
      addi s3, s3, -1
      bnez s3, loop
    done:
      j done
      .align 2
    shandler:
      csrci sip, 2
      csrr t1, sepc
      add s2, s2, t1
      addi s4, s4, 1
      csrci sstatus, 2         # return with SIE clear (SPIE set: sret would set it again)
      li t2, 0x20
      csrc sstatus, t2
      sret`);
    for (const blocks of ALL) {
      const p = pair(elf, blocks, BARE, 1e9);
      expectSame(p, [1, 7, 100, 2000, 5000]);
      expect(p.fast.getReg(20)).toBe(200n); // s4: one interrupt per round
    }
  });

  test('sfence.vma in S-mode drops translations the interpreter holds: a remapped page reads its new frame; SUM opens a user page', () => {
    // VA 0x40000000 maps frame A, then frame B; after each remap and sfence.vma the loads
    // must see the new frame's bytes, as they do with step() (a stale TLB would not). VA
    // 0x40001000 is a user page: S-mode reads it only with SUM set (else M's handler skips
    // the load), so the SUM write must reach the translation (step()'s, Mmu.modeChanged).
    const elf = assemble(`
      la t0, mtrap
      csrw mtvec, t0
      ${SV39_TABLES}
      ${SATP_SV39}      ${ENTER_S}
      li s0, 0x40000000
      la s5, l0
      la t1, fa
      srli t1, t1, 2
      ori s6, t1, 0xc7       # PTE of frame A
      la t1, fb
      srli t1, t1, 2
      ori s7, t1, 0xc7       # PTE of frame B
      la t1, fu
      srli t1, t1, 2
      ori t1, t1, 0xd7       # frame U: D A U W R V
      sd t1, 8(s5)
      li s8, 0x40001000
      li s9, 0x40000         # SUM
      li s3, 300
    loop:
      andi t1, s3, 1
      beqz t1, 1f
      csrs sstatus, s9
    1:
      li t0, 0
      ld t0, 0(s8)           # faults (skipped) with SUM clear
      add s10, s10, t0
      csrc sstatus, s9
      sd s6, 0(s5)
      sfence.vma
      ld t0, 0(s0)
      add s1, s1, t0
      sd s7, 0(s5)
      sfence.vma s0, x0
      ld t0, 0(s0)
      add s1, s1, t0
      addi s3, s3, -1
      bnez s3, loop
    done:
      j done
      .balign 4096
    root: .fill 512, 8, 0
    l1: .fill 512, 8, 0
    l0: .fill 512, 8, 0
    fa: .fill 4096, 1, 0x11
    fb: .fill 4096, 1, 0x22
    fu: .fill 4096, 1, 0x01`);
    for (const blocks of ALL) {
      const p = pair(elf, blocks, BARE, 1e9);
      expectSame(p, [1, 30, 500, 3000, 9000]);
      // 300 rounds of 0x1111111111111111 + 0x2222222222222222.
      expect(BigInt.asUintN(64, p.fast.getReg(9))).toBe(BigInt.asUintN(64, 300n * 0x3333333333333333n));
      // 150 rounds with SUM set read the user page.
      expect(p.fast.getReg(26)).toBe(150n * 0x0101010101010101n);
    }
  });
});

describe('the run counts of a written page', () => {
  test('are dropped by the interpreter exactly as jit.ts dropRuns does, other pages\' entries kept', () => {
    const m = load(aluLoop(), BARE);
    const hot = new Int32Array(m.hart.bus.ram.layout.buffer, MEM_HOT, HOT_SIZE * HOT_ENTRY / 4);
    const words = HOT_ENTRY / 4;
    // Pages 5 and 5 + 16 share hot-table entries (HOT_SIZE entries cover 16 pages).
    const page = 5, alias = page + HOT_SIZE / 2048;
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let e = 0; e < HOT_SIZE; e++) {
      const r = next() % 6;
      const inPage = (p: number): number => p * 4096 + (next() % 4096) + 1;
      hot[e * words] = [0, HOT_GONE, inPage(page), inPage(alias), page * 4096, page * 4096 + 4096][r]!;
      hot[e * words + 1] = next() & 0xffff;
      hot[e * words + 2] = next() & 0xffff;
    }
    const expected = hot.slice();
    dropRuns(expected, page);
    expect(expected).not.toEqual(hot); // something of the page's to drop
    m.hart.wasmInterp!.dropRuns(page);
    expect(hot).toEqual(expected);
    // The offsets just outside the page (tags page * 4096 and page * 4096 + 4097) stayed.
    expect(hot.some((t, i) => i % words === 0 && t === page * 4096)).toBe(true);
  });
});

describe('loads, stores and fetches off the fast path', () => {
  let dir = '';
  beforeAll(() => { dir = makeWorkDir('wasm-interp'); });
  afterAll(() => { if (dir !== '') removeWorkDir(dir); });

  test('page-crossing and device accesses, bare and through Sv39 (superpages, 4 KiB pages on unrelated frames, one frame of code at two pcs) from S-mode', () => {
    const body = (sv39: boolean): string => `
      li s0, 0x80010ffa
      li s3, 0x40000ffa      # Sv39: two 4 KiB pages mapped to RAM frames in the other order
      li s1, 0x10000000
    loop:
      ld t0, 0(s0)           # crosses into 0x80011000
      addi t0, t0, 1
      sd t0, 0(s0)
      lw t1, 4(s0)
      sh t1, 5(s0)           # crosses at 0x80010fff
      lhu t2, 6(s0)          # the next page, aligned
      c.ld a4, 0(s0)
      c.sw a4, 8(s0)
      lbu t3, 5(s1)          # UART line status
      andi t4, s2, 31
      addi t4, t4, 64
      sb t4, 0(s1)
      ${sv39 ? `ld t5, 0(s3)           # crosses from one frame into an unrelated one
      addi t5, t5, 3
      sd t5, 0(s3)
      lw t6, 4(s3)
      sw t6, 8(s3)
      li s5, 0x40002000      # one frame of code at two pcs: two blocks of one RAM offset
      jalr s5
      li s5, 0x40003000
      jalr s5
      jalr s5` : ''}
      addi s2, s2, 1
      j loop
    `;
    const bare = assemble(body(false));
    const sv39 = assemble(`
      la t0, mtrap
      csrw mtvec, t0
      ${SV39_TABLES}
      la t0, root
      li t1, 0xc7            # VA 0-1 GiB -> devices: D A W R V
      sd t1, 0(t0)
      la t0, l0
      la t1, frames + 8192   # page 0 -> the higher frame, page 1 -> the lower one
      srli t1, t1, 2
      ori t1, t1, 0xc7
      sd t1, 0(t0)
      la t1, frames
      srli t1, t1, 2
      ori t1, t1, 0xc7
      sd t1, 8(t0)
      la t1, twice           # pages 2 and 3 -> the same frame of code
      srli t1, t1, 2
      ori t1, t1, 0xcf
      sd t1, 16(t0)
      sd t1, 24(t0)
      ${SATP_SV39}      ${ENTER_S}
    ${body(true)}
      .balign 4096
    root: .fill 512, 8, 0
    l1: .fill 512, 8, 0
    l0: .fill 512, 8, 0
    frames: .fill 3 * 4096, 1, 0x5a
      .balign 4096
    twice:
      addi a0, a0, 1
      andi t0, a0, 3
      beqz t0, 1f
      addi a1, a1, 1
    1: ret`);
    for (const elf of [bare, sv39]) {
      for (const blocks of ALL) {
        const p = pair(elf, blocks, BARE, 3, blocks === 'on');
        expectSame(p, [1, 40, 1000, 12_345, 30_000]);
        expect(p.outs[0].length).toBeGreaterThan(500);
        if (elf === sv39) {
          expect(p.fast.hart.priv).toBe(1); // still in S-mode: nothing faulted into a loop
          expect(p.fast.getReg(10)).toBeGreaterThan(1000n); // a0: calls through both pcs
        }
      }
    }
  });

  test('random RV64IMAC programs and random Sv39 permission programs of the ISA suite', () => {
    const here = join(import.meta.dirname, '../isa');
    const sources = [
      ...[1, 2, 3].map((seed) => ({ name: `r${seed}`, text: randomIsaProgram({ seed, instructions: 1000 }) })),
      ...[1, 2, 3].map((seed) => ({ name: `s${seed}`, text: randomSv39Program({ seed, accesses: 60 }) })),
    ];
    for (const s of sources) {
      const path = join(dir, `${s.name}.S`);
      writeFileSync(path, s.text);
      const elf = buildBareElf(path, dir, { linkerScript: join(here, 'bare.ld'), includeDirs: [here] }).bytes;
      for (const blocks of ALL) {
        const p = pair(elf, blocks, BARE, 1);
        expectSame(p, [100, 3000, 50_000, 1_000_000]);
        expect(p.fast.finalStop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
      }
    }
  });
});

describe('TLB misses walked in wasm', () => {
  // S-mode code flushes the TLB every iteration (sfence.vma) and touches six 4 KiB data pages
  // whose PTEs have A and D clear, a device page mapped through a 4 KiB PTE of another table
  // and a misaligned megapage (a page fault, which the M-mode handler skips). Tables at fixed
  // addresses, so the test can clear the PTEs' A/D bits between slices from outside the CPU.
  const L0 = 0x8000a000, L0_DEVICE = 0x80012000;
  const program = `
    .option norvc
    la t0, mtrap
    csrw mtvec, t0
    li t0, 0x80008000
    li t1, 0x200000cf      # root[2]: VA 2-3 GiB -> RAM at 0x80000000, D A X W R V
    sd t1, 16(t0)
    li t1, (0x80009000 >> 2) | 1
    sd t1, 8(t0)           # root[1] -> l1
    li t0, 0x80009000
    li t1, (0x8000a000 >> 2) | 1
    sd t1, 0(t0)           # l1[0] -> l0
    li t1, (0x80001000 >> 2) | 0xc7
    sd t1, 8(t0)           # l1[1]: a megapage on a frame not 2 MiB aligned
    li t1, (0x80012000 >> 2) | 1
    sd t1, 16(t0)          # l1[2] -> l0b
    li t0, 0x8000a000
    li t1, (0x8000b000 >> 2) | 7
    li t2, 0x400
    li t3, 6
  1:
    sd t1, 0(t0)           # l0[0..5] -> six frames, W R V without A and D
    add t1, t1, t2
    addi t0, t0, 8
    addi t3, t3, -1
    bnez t3, 1b
    li t0, 0x80012000
    li t1, (0x10000000 >> 2) | 7
    sd t1, 0(t0)           # l0b[0] -> the UART
    li t1, (8 << 60) | (0x80008000 >> 12)
    csrw satp, t1
    ${ENTER_S}
    li s0, 0x40000000
    li t2, 4096
    add s1, s0, t2
    add s2, s1, t2
    add s3, s2, t2
    add s4, s3, t2
    add s5, s4, t2
    li s8, 0x40400000
    li s6, 0x40200000
  loop:
    sfence.vma
    ld t0, 8(s0)
    addi t0, t0, 1
    sd t0, 8(s0)
    lw t1, 0(s1)
    sd t1, 0(s2)
    ld t3, 16(s3)
    sd t3, 24(s4)
    sw t0, 0(s5)
    lbu t4, 5(s8)          # the UART's line status, through Sv39
    ld t5, 0(s6)           # the misaligned megapage: a page fault
    addi s7, s7, 1
    j loop
    .org 0x8000
    .fill 0xb000, 1, 0
  `;

  function tlb(m: Machine): string {
    const mmu = m.hart.mmu;
    return [...mmu.tag, ...mmu.off].map((a) => digest(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))).join(',');
  }

  /** Clear the PTEs' A and D bits from outside the CPU and start a dirty-tracking interval. */
  function clearAccessed(m: Machine): number[] {
    const ram = m.hart.bus.ram;
    for (let i = 0; i < 6; i++) ram.bytes[L0 - 0x80000000 + i * 8]! &= ~0xc0;
    ram.bytes[L0_DEVICE - 0x80000000]! &= ~0xc0;
    ram.noteWrite(L0 - 0x80000000, 48);
    ram.noteWrite(L0_DEVICE - 0x80000000, 8);
    return ram.takeDirty();
  }

  /** Count Mmu.walk, the JS walk step() uses. */
  function countWalks(m: Machine): { n: number } {
    const c = { n: 0 };
    const mmu = m.hart.mmu as unknown as { walk(va: number, kind: number): number };
    const walk = mmu.walk.bind(mmu);
    mmu.walk = (va, kind) => { c.n++; return walk(va, kind); };
    return c;
  }

  test('fill the TLB, set A and D, note dirty PTE pages and fault exactly as step-by-step, without step()', () => {
    const elf = assemble(program);
    for (const blocks of ALL) {
      // Stores not watched: watched ones leave to step() whatever the TLB holds.
      const p = pair(elf, blocks, BARE, 3);
      const { fast, ref } = p;
      const walks = [countWalks(fast), countWalks(ref)];
      for (const n of [1, 40, 1000, 5000, 20_000, 20_000]) {
        expect(clearAccessed(fast)).toEqual(clearAccessed(ref));
        expect(fast.run(n)).toEqual(ref.run(n));
        expect(hartState(fast)).toEqual(hartState(ref));
        expect(tlb(fast)).toBe(tlb(ref));
        expect(fast.hart.bus.ram.peekDirty()).toEqual(ref.hart.bus.ram.peekDirty());
        expect(digest(fast.readPhys(0x80000000n, 0x13000))).toBe(digest(ref.readPhys(0x80000000n, 0x13000)));
      }
      expect(fast.stateHash()).toBe(ref.stateHash());
      const iterations = Number(fast.getReg(23)); // s7
      expect(iterations).toBeGreaterThan(1000);
      expect(fast.hart.bus.ram.peekDirty()).toContain((L0 - 0x80000000) >>> 12); // D set by a walk
      // Step-by-step walks every miss in JS: 7 data pages and the code page after each flush.
      expect(walks[1]!.n).toBeGreaterThan(8 * iterations);
      // The wasm interpreter leaves JS only the device page and the fault (and, in each
      // interval, the first A/D write to the watched table page).
      expect(walks[0]!.n).toBeLessThan(3 * iterations);
    }
  });
});

describe('the wasm interpreter on the lab kernel', () => {
  const root = join(__dirname, '../../..');
  const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
  const initrd = new Uint8Array(readFileSync(join(root, 'resources/user/build/initrd.img')));

  for (const [blocks, threshold] of [['none', 0], ['on', 256], ['on', 3]] as const) {
    test(`boots to the same state hash, console, count and translation decisions as step-by-step (blocks ${blocks}${threshold > 0 ? `, threshold ${threshold}` : ''})`, () => {
      const p = pair(kernel, blocks, { initrd, bootargs: 'apps=cow,fib' }, threshold);
      const { fast, ref, outs } = p;
      for (let slice = 0; slice < 400; slice++) {
        const sf = fast.run(100_000);
        const sr = ref.run(100_000);
        expect(sf).toEqual(sr);
        if (slice % 20 === 0) {
          expect(fast.stateHash()).toBe(ref.stateHash());
          expectSameBlocks(p);
        }
        if (sf.kind !== 'limit') break;
      }
      expect(fast.finalStop?.kind).toBe('shutdown');
      expect(hartState(fast)).toEqual(hartState(ref));
      expectSameBlocks(p);
      expect(outs[0]).toBe(outs[1]);
      expect(outs[0].length).toBeGreaterThan(100);
      if (blocks === 'on') {
        expect(fast.hart.jit!.translated).toBeGreaterThan(10);
        // It counts cold block starts and calls translated blocks itself, also the starts
        // after step() (system instructions, traps): the run loop looks up only what it hands
        // back (a count at its limit, an entry of another start). At threshold 256, 114
        // lookups against 74 k with step(); 2.6 k while the run loop looked up every start
        // after a step() itself.
        if (threshold === 256) expect(p.lookups[0]!.count * 100).toBeLessThan(p.lookups[1]!.count);
      }
    }, 60_000);
  }
});
