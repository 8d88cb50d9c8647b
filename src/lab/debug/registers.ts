// The register pane's data: the 31 integer registers by ABI name, the pc, the privilege mode and
// the supervisor CSRs a student reads while debugging traps. Values are hex strings so the set
// crosses the MessagePort unchanged and compares by ===.

import type { Machine } from '../../emulator';

export const ABI_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
] as const;

/** The CSRs shown, by name and number. */
export const SHOWN_CSRS: readonly (readonly [string, number])[] = [
  ['sstatus', 0x100],
  ['stvec', 0x105],
  ['sscratch', 0x140],
  ['sepc', 0x141],
  ['scause', 0x142],
  ['stval', 0x143],
  ['satp', 0x180],
];

export interface RegisterSet {
  /** Register name -> value as 0x-prefixed 16-digit hex; keys in display order. */
  readonly values: Readonly<Record<string, string>>;
  /** 'U', 'S' or 'M'. */
  readonly mode: string;
}

export function hex64(v: bigint): string {
  return `0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')}`;
}

export function readRegisters(m: Machine): RegisterSet {
  const values: Record<string, string> = { pc: hex64(m.pc) };
  for (let i = 1; i < 32; i++) values[ABI_NAMES[i]!] = hex64(m.getReg(i));
  for (const [name, n] of SHOWN_CSRS) values[name] = hex64(m.readCsr(n));
  const priv = m.hart.priv;
  return { values, mode: priv === 0 ? 'U' : priv === 1 ? 'S' : 'M' };
}
