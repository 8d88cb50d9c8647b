// Generates random interrupt-routing trials, with the outcome the privileged spec predicts.
// Each trial makes exactly one interrupt pending (SSIP or STIP through mip, MSIP through the
// CLINT, MTIP through mtimecmp = 0), picks random mie, mideleg (the delegable bits 1, 5, 9),
// MIE, SIE and a privilege, and enters that privilege with mret, which also sets MIE from
// MPIE in the same step. The interrupt is then either taken at once into M or S, or not at
// all, in which case the trial's code reaches an ecall. One pending source at a time keeps
// priority out of it (QEMU 7.2 orders priorities differently from the spec: see README.md).
//
// Spec rules (privileged 1.12, 3.1.6.1 and 3.1.9): interrupt i is taken into M if mip[i],
// mie[i], mideleg[i] = 0 and (priv < M or MIE); into S if mideleg[i], mie[i] and (priv < S or
// priv = S and SIE); a delegated interrupt is never taken in M-mode.

import { Rng } from './rng';

const SOURCES = [1, 3, 5, 7] as const; // SSI, MSI, STI, MTI
const PRIV_NAMES = ['U', 'S', '?', 'M'];

export interface InterruptTrial {
  readonly source: number;
  readonly mie: number;
  readonly mideleg: number;
  readonly mieBit: boolean;
  readonly sieBit: boolean;
  readonly priv: 0 | 1 | 3;
}

/** One printed line per trial: "<M|S> <cause hex> <epc offset>" as the program prints it. */
export function expectedOutcome(t: InterruptTrial): string {
  const interrupt = (1n << 63n) | BigInt(t.source);
  const hex = (v: bigint) => v.toString(16).padStart(16, '0');
  const enabled = ((t.mie >> t.source) & 1) === 1;
  const delegated = ((t.mideleg >> t.source) & 1) === 1;
  if (enabled && !delegated && (t.priv < 3 || t.mieBit)) return `M ${hex(interrupt)} 0`;
  if (enabled && delegated && (t.priv < 1 || (t.priv === 1 && t.sieBit))) return `S ${hex(interrupt)} 0`;
  const ecall = t.priv === 0 ? 8n : t.priv === 1 ? 9n : 11n;
  return `M ${hex(ecall)} 8`;
}

export function describeTrial(t: InterruptTrial): string {
  return `source ${t.source}, mie 0x${t.mie.toString(16)}, mideleg 0x${t.mideleg.toString(16)}, ` +
    `MIE ${Number(t.mieBit)}, SIE ${Number(t.sieBit)}, ${PRIV_NAMES[t.priv]}-mode`;
}

export function randomInterruptTrials(seed: number, count: number): InterruptTrial[] {
  const rng = new Rng(seed, 3n);
  const trials: InterruptTrial[] = [];
  for (let i = 0; i < count; i++) {
    const source = SOURCES[rng.below(4)]!;
    // mie: the source's bit half the time, plus random others
    const mie = ((rng.below(2) << source) | (rng.below(2) << 1) | (rng.below(2) << 5) | (rng.below(2) << 3) | (rng.below(2) << 7)) & 0xaa;
    // delegation 3 times in 4, so that S-mode takes a fair share
    const bit = (): number => (rng.below(4) === 0 ? 0 : 1);
    const mideleg = (bit() << 1) | (bit() << 5) | (bit() << 9);
    const priv = ([0, 1, 3] as const)[rng.below(3)]!;
    trials.push({ source, mie, mideleg, mieBit: rng.below(2) === 1, sieBit: rng.below(2) === 1, priv });
  }
  return trials;
}

/** The program: runs the trials and prints one line per trial (see expectedOutcome). */
export function randomInterruptsProgram(trials: readonly InterruptTrial[]): string {
  const out: string[] = ['#include "rvtest.h"', 'RVT_BEGIN'];
  trials.forEach((t, i) => {
    const pend =
      t.source === 1 ? ['  csrsi mip, MIP_SSIP'] :
      t.source === 5 ? ['  li t0, MIP_STIP', '  csrs mip, t0'] :
      t.source === 3 ? ['  li t0, CLINT_MSIP', '  li t1, 1', '  sw t1, 0(t0)'] :
      ['  li t0, CLINT_MTIMECMP', '  sd zero, 0(t0)'];
    out.push(
      `// trial ${i}: ${describeTrial(t)}`,
      '  call quiet',
      `  li t0, ${t.mideleg}`,
      '  csrw mideleg, t0',
      `  li t0, ${t.mie}`,
      '  csrw mie, t0',
      ...pend,
      '  li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_SIE',
      '  csrc mstatus, t0',
      `  li t0, (${t.priv} << 11) | ${t.mieBit ? 'MSTATUS_MPIE' : '0'} | ${t.sieBit ? 'MSTATUS_SIE' : '0'}`,
      '  csrs mstatus, t0',
      `  resume_mtrap_at .Lm${i}`,
      `  resume_strap_at .Ls${i}`,
      `  la t0, .Lt${i}`,
      '  csrw mepc, t0',
      '  mret',
      '  .option push',
      '  .option norvc',
      `.Lt${i}:`,
      '  addi x0, x0, 0',
      '  addi x0, x0, 0',
      '  ecall',
      '  .option pop',
      `.Ls${i}:`,
      `  goto_m .Lsm${i}`,
      `.Lsm${i}:`,
      `  la a0, .Lt${i}`,
      '  la a1, rvt_slog',
      '  li a2, 2',
      `  j .Lr${i}`,
      `.Lm${i}:`,
      `  la a0, .Lt${i}`,
      '  la a1, rvt_mlog',
      '  li a2, 1',
      `.Lr${i}:`,
      '  call report',
    );
  });
  out.push(
    '  call quiet',
    '  csrw mideleg, zero',
    '  csrw mie, zero',
    '  j rvt_pass',
    '// quiet: clear every pending source and disable all interrupts (M-mode)',
    'quiet:',
    '  csrw mie, zero',
    '  csrci mstatus, MSTATUS_MIE',
    '  li t0, MIP_SSIP | MIP_STIP',
    '  csrc mip, t0',
    '  li t0, CLINT_MSIP',
    '  sw zero, 0(t0)',
    '  li t0, CLINT_MTIMECMP',
    '  li t1, -1',
    '  sd t1, 0(t0)',
    '  la t0, rvt_mlog',
    '  sd zero, RVT_LOG_RESUME(t0)',
    '  la t0, rvt_slog',
    '  sd zero, RVT_LOG_RESUME(t0)',
    '  ret',
    '// report: print "<M|S> <cause> <epc - a0>" for the log at a1 (a2 = 1 M, 2 S)',
    'report:',
    '  mv s0, ra',
    '  mv s1, a0',
    '  mv s2, a1',
    '  li a0, \'M\'',
    '  li t0, 2',
    '  bne a2, t0, 1f',
    '  li a0, \'S\'',
    '1:',
    '  jal a3, rvt_putc',
    '  li a0, \' \'',
    '  jal a3, rvt_putc',
    '  ld a0, RVT_LOG_CAUSE(s2)',
    '  call puthex',
    '  li a0, \' \'',
    '  jal a3, rvt_putc',
    '  ld a0, RVT_LOG_EPC(s2)',
    '  sub a0, a0, s1',
    '  addi a0, a0, \'0\'',
    '  jal a3, rvt_putc',
    '  li a0, \'\\n\'',
    '  jal a3, rvt_putc',
    '  mv ra, s0',
    '  ret',
    'puthex:',
    '  mv s3, ra',
    '  mv s4, a0',
    '  li s5, 60',
    '2:',
    '  srl a0, s4, s5',
    '  andi a0, a0, 15',
    '  addi a0, a0, \'0\'',
    '  li t0, \'9\' + 1',
    '  blt a0, t0, 3f',
    '  addi a0, a0, 39',
    '3:',
    '  jal a3, rvt_putc',
    '  addi s5, s5, -4',
    '  bgez s5, 2b',
    '  mv ra, s3',
    '  ret',
    'RVT_END',
    '',
  );
  return out.join('\n');
}
