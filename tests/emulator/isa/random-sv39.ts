// Generates random Sv39 permission programs for differential testing against QEMU.
// Eight 4 KiB pages at SV39_VA(0..7) get random PTE flags (V, R, W, X, U, A, D); then a
// random series of accesses runs, each recorded as (cause, tval) if it traps or (0xff, value)
// if it completes:
//   - loads and stores made from M-mode with MPRV = 1 and MPP = S or U (so U-mode data
//     accesses need no U-mode code), under random SUM and MXR;
//   - instruction fetches from S-mode: each page starts with `ecall`, so a fetch that works
//     ends in an S-mode ecall (cause 9) and one that does not in an instruction page fault.
// At the end the records, the eight PTEs (with the A and D bits the hardware set) and the
// first words of each page are printed on the UART. QEMU and ForkLab must print the same.

import { Rng } from './rng';

const PAGES = 8;
const PTE = { V: 0x01, R: 0x02, W: 0x04, X: 0x08, U: 0x10, A: 0x40, D: 0x80 };

export interface RandomSv39Options {
  readonly seed: number;
  readonly accesses: number;
}

/** The number of 64-bit lines the program prints before its final PASS line. */
export function randomSv39Lines(accesses: number): number {
  return accesses * 2 + PAGES + PAGES * 2;
}

export interface Sv39Access {
  readonly page: number;
  readonly kind: 'load' | 'store' | 'fetch';
  readonly sum: boolean;
  readonly mxr: boolean;
  /** Byte offset in the page: 0 for a fetch (the ecall), 8..32 for data. */
  readonly offset: number;
  /** Loads and stores: the MPP that MPRV applies; fetches run in S. */
  readonly priv: 'S' | 'U';
}

export interface Sv39Plan {
  /** PTE flag byte of each page's leaf (slot p maps frame p). */
  readonly flags: readonly number[];
  readonly accesses: readonly Sv39Access[];
}

/** The random choices of one program, in the order the generator draws them. */
export function randomSv39Plan({ seed, accesses }: RandomSv39Options): Sv39Plan {
  const rng = new Rng(seed, 7n);
  const flags: number[] = [];
  for (let p = 0; p < PAGES; p++) {
    // mostly valid pages, so that the other bits matter
    let f = rng.below(0x100) & (PTE.R | PTE.W | PTE.X | PTE.U | PTE.A | PTE.D);
    if (rng.below(8) !== 0) f |= PTE.V;
    flags.push(f);
  }
  const list: Sv39Access[] = [];
  for (let i = 0; i < accesses; i++) {
    const page = rng.below(PAGES);
    const k = rng.below(5);
    const kind = k < 2 ? 'load' : k < 4 ? 'store' : 'fetch';
    const sum = rng.below(2) === 1;
    const mxr = rng.below(2) === 1;
    const offset = kind === 'fetch' ? 0 : 8 + 8 * rng.below(4);
    const priv = kind === 'fetch' ? 'S' : rng.below(2) === 0 ? 'S' : 'U';
    list.push({ page, kind, sum, mxr, offset, priv });
  }
  return { flags, accesses: list };
}

/**
 * The privileged spec's answer for a plan (4.3.1, 4.3.2): each record as the program prints
 * it (cause, then tval or the loaded value), and each leaf's final flag byte with the A and
 * D bits that successful accesses set.
 */
export function expectedSv39(plan: Sv39Plan): { records: string[]; flags: number[] } {
  const hex = (v: bigint) => v.toString(16).padStart(16, '0');
  const flags = [...plan.flags];
  const memory = new Map<string, bigint>();
  for (let p = 0; p < PAGES; p++) {
    memory.set(`${p}:0`, 0x73n); // the ecall word; the upper half of the doubleword is zero
    memory.set(`${p}:8`, BigInt(0x1000 + p));
  }
  const records: string[] = [];
  plan.accesses.forEach((a, i) => {
    const f = flags[a.page]!;
    const va = BigInt(0x40000000 + a.page * 4096 + a.offset);
    const cause = a.kind === 'load' ? 13n : a.kind === 'store' ? 15n : 12n;
    const valid = (f & PTE.V) !== 0 && !((f & PTE.W) !== 0 && (f & PTE.R) === 0);
    const user = (f & PTE.U) !== 0;
    const privOk = a.priv === 'U' ? user : !user || (a.kind !== 'fetch' && a.sum);
    const permOk =
      a.kind === 'load' ? (f & PTE.R) !== 0 || (a.mxr && (f & PTE.X) !== 0)
        : a.kind === 'store' ? (f & PTE.W) !== 0
          : (f & PTE.X) !== 0;
    if (!valid || !privOk || !permOk) {
      records.push(hex(cause), hex(va));
      return;
    }
    flags[a.page] = f | PTE.A | (a.kind === 'store' ? PTE.D : 0);
    const key = `${a.page}:${a.offset}`;
    if (a.kind === 'load') records.push(hex(0xffn), hex(memory.get(key) ?? 0n));
    else if (a.kind === 'store') {
      memory.set(key, BigInt(0x2000 + i));
      records.push(hex(0xffn), hex(0n));
    } else records.push(hex(9n), hex(0n)); // the page's ecall, from S-mode
  });
  return { records, flags };
}

export function randomSv39Program(options: RandomSv39Options): string {
  const { seed, accesses } = options;
  const plan = randomSv39Plan(options);
  const out: string[] = [
    `// random Sv39 permission program, seed ${seed}`,
    '#include "rvtest.h"',
    '#include "sv39.h"',
    'RVT_BEGIN',
    '  sv39_setup',
  ];
  // each page: ecall at offset 0, a marker at offset 8
  for (let p = 0; p < PAGES; p++) {
    out.push(
      `  la t0, sv39_pages + ${p} * 4096`,
      '  li t1, 0x00000073',
      '  sw t1, 0(t0)',
      `  li t1, ${0x1000 + p}`,
      '  sd t1, 8(t0)',
    );
  }
  out.push('  fence.i');
  plan.flags.forEach((flags, p) => out.push(`  sv39_leaf ${p}, ${p}, ${flags}`));
  out.push('  la s11, records');
  plan.accesses.forEach((a, i) => {
    const { page, sum, mxr } = a;
    const kind = a.kind === 'load' ? 0 : a.kind === 'store' ? 2 : 4;
    const va = `SV39_VA(${page}) + ${a.offset}`;
    out.push(
      `  // access ${i}: ${a.kind} of page ${page}, SUM ${Number(sum)}, MXR ${Number(mxr)}`,
      '  li t0, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPP | MSTATUS_MPRV',
      '  csrc mstatus, t0',
      `  li t0, ${sum ? 'MSTATUS_SUM' : '0'} | ${mxr ? 'MSTATUS_MXR' : '0'}`,
      '  csrs mstatus, t0',
      `  li s1, ${va}`,
      `  resume_mtrap_at .Ltrap${i}`,
    );
    if (kind === 4) {
      out.push(
        '  li t0, (PRV_S << 11)',
        '  csrs mstatus, t0',
        '  csrw mepc, s1',
        '  mret',
      );
    } else {
      out.push(`  li t0, (${a.priv === 'S' ? 'PRV_S' : 'PRV_U'} << 11) | MSTATUS_MPRV`, '  csrs mstatus, t0');
      if (kind < 2) out.push('  ld a1, 0(s1)');
      else out.push(`  li a1, ${0x2000 + i}`, '  sd a1, 0(s1)', '  li a1, 0');
      out.push(
        '  li t0, MSTATUS_MPRV',
        '  csrc mstatus, t0',
        '  la t0, rvt_mlog',
        '  sd zero, RVT_LOG_RESUME(t0)',
        '  li t0, 0xff',
        '  sd t0, 0(s11)',
        '  sd a1, 8(s11)',
        `  j .Lnext${i}`,
      );
    }
    out.push(
      `.Ltrap${i}:`,
      '  la t0, rvt_mlog',
      '  ld t1, RVT_LOG_CAUSE(t0)',
      '  sd t1, 0(s11)',
      '  ld t1, RVT_LOG_TVAL(t0)',
      '  sd t1, 8(s11)',
      `.Lnext${i}:`,
      '  addi s11, s11, 16',
    );
  });
  out.push(
    '  li t0, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV',
    '  csrc mstatus, t0',
    '  csrw satp, zero',
    `  la a5, records`,
    `  li a6, ${accesses * 2}`,
    '  call dump',
    '  la a5, sv39_l0',
    `  li a6, ${PAGES}`,
    '  call dump',
  );
  for (let p = 0; p < PAGES; p++) out.push(`  la a5, sv39_pages + ${p} * 4096`, '  li a6, 2', '  call dump');
  out.push(
    '  j rvt_pass',
    '// dump: print a6 doublewords from a5 in hex, one per line (uses rvt_putc)',
    'dump:',
    '  mv s10, ra',
    '1:',
    '  ld s9, 0(a5)',
    '  li s8, 60',
    '2:',
    '  srl a0, s9, s8',
    '  andi a0, a0, 15',
    '  addi a0, a0, 48',
    '  li t0, 58',
    '  blt a0, t0, 3f',
    '  addi a0, a0, 39',
    '3:',
    '  jal a3, rvt_putc',
    '  addi s8, s8, -4',
    '  bgez s8, 2b',
    '  li a0, 10',
    '  jal a3, rvt_putc',
    '  addi a5, a5, 8',
    '  addi a6, a6, -1',
    '  bnez a6, 1b',
    '  mv ra, s10',
    '  ret',
    'RVT_END',
    'SV39_DATA',
    '  .data',
    '  .align 4',
    `records: .zero ${accesses * 16}`,
    '',
  );
  return out.join('\n');
}
