// Small helpers for the emulator's unit tests: assemble a bare-metal snippet at 0x80000000 with
// GNU as/ld (the reference assembler) and load it into a Machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine, type MachineOptions } from '../../../src/emulator/index';
import { tool } from '../../tools';

/** Assemble and link `source` (GNU as syntax, entry `_start`) at `base`; returns the ELF bytes. */
export function assemble(source: string, base = 0x80000000n): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-emu-unit-'));
  try {
    writeFileSync(join(dir, 'a.S'), `.globl _start\n.section .text\n_start:\n${source}\n`);
    execFileSync(tool('riscv64-linux-gnu-as'), ['-march=rv64imac_zicsr_zifencei', '-o', join(dir, 'a.o'), join(dir, 'a.S')]);
    execFileSync(tool('riscv64-linux-gnu-ld'), ['-N', '-Ttext', '0x' + base.toString(16), '--no-warn-rwx-segments', '-o', join(dir, 'a.elf'), join(dir, 'a.o')]);
    return new Uint8Array(readFileSync(join(dir, 'a.elf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function load(elf: Uint8Array, opts: MachineOptions = { bare: true }): Machine {
  const r = Machine.fromElf(elf, opts);
  if (!r.ok) throw new Error(r.error);
  return r.machine;
}

/** Assemble, load in bare mode and return the machine. */
export function bareMachine(source: string, opts: MachineOptions = { bare: true }): Machine {
  return load(assemble(source), opts);
}

export const hex = (v: bigint): string => '0x' + v.toString(16);

/**
 * What two runs of one program must agree on, instruction for instruction: registers, pc,
 * counters, the block-edge flag, privilege, blocks translated, the last M-mode trap and the
 * supervisor trap CSRs.
 */
export function hartState(m: Machine) {
  return {
    regs: Array.from({ length: 32 }, (_, i) => m.getReg(i)),
    pc: m.pc,
    instret: m.instret,
    cycles: m.hart.cycles,
    edge: m.hart.edge,
    priv: m.hart.priv,
    translated: m.hart.jit?.translated ?? 0,
    mcause: m.readCsr(0x342),
    mepc: m.readCsr(0x341),
    mtval: m.readCsr(0x343),
    // The supervisor trap CSRs, which the wasm interpreter reads and writes itself.
    sscratch: m.readCsr(0x140),
    sepc: m.readCsr(0x141),
    scause: m.readCsr(0x142),
    stval: m.readCsr(0x143),
  };
}
