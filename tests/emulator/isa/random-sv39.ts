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

class Rng {
  private state: bigint;
  constructor(seed: number) {
    this.state = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + 7n);
  }
  next(): number {
    let x = this.state;
    x ^= x >> 12n;
    x ^= BigInt.asUintN(64, x << 25n);
    x ^= x >> 27n;
    this.state = x;
    return Number(BigInt.asUintN(64, x * 0x2545f4914f6cdd1dn) >> 33n);
  }
  below(n: number): number {
    return this.next() % n;
  }
}

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

export function randomSv39Program({ seed, accesses }: RandomSv39Options): string {
  const rng = new Rng(seed);
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
  for (let p = 0; p < PAGES; p++) {
    // mostly valid pages, so that the other bits matter
    let flags = rng.below(0x100) & (PTE.R | PTE.W | PTE.X | PTE.U | PTE.A | PTE.D);
    if (rng.below(8) !== 0) flags |= PTE.V;
    out.push(`  sv39_leaf ${p}, ${p}, ${flags}`);
  }
  out.push('  la s11, records');
  for (let i = 0; i < accesses; i++) {
    const page = rng.below(PAGES);
    const kind = rng.below(5); // 0-1 load, 2-3 store, 4 fetch
    const sum = rng.below(2) === 1;
    const mxr = rng.below(2) === 1;
    const va = `SV39_VA(${page}) + ${kind === 4 ? 0 : 8 + 8 * rng.below(4)}`;
    out.push(
      `  // access ${i}: ${['load', 'load', 'store', 'store', 'fetch'][kind]} of page ${page}, SUM ${Number(sum)}, MXR ${Number(mxr)}`,
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
      const priv = rng.below(2) === 0 ? 'PRV_S' : 'PRV_U';
      out.push(`  li t0, (${priv} << 11) | MSTATUS_MPRV`, '  csrs mstatus, t0');
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
  }
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
