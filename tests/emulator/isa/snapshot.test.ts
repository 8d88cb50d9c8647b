// Snapshot and restore, checked with the ISA programs: each program runs once straight through
// on ForkLab, then again from a snapshot taken at a third and at two thirds of the way (every
// CSR, TLB, reservation, device and timer state the program depends on must survive), and
// must end exactly the same: the same tohost value after the same number of instructions,
// with the same trap CSRs. Programs fed UART input get it before the first instruction, so it
// is part of the snapshotted state.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Machine } from '../../../src/emulator';
import { buildBareElf, makeWorkDir, removeWorkDir } from '../../support/riscv-tools';

const here = import.meta.dirname;
const programDir = join(here, 'programs');
const programs = readdirSync(programDir).filter((f) => f.endsWith('.S')).sort();
const LIMIT = 50_000_000;
let workDir = '';

beforeAll(() => {
  workDir = makeWorkDir('isa-snapshot');
});
afterAll(() => {
  if (workDir !== '') removeWorkDir(workDir);
});

function inputOf(file: string): string | undefined {
  const line = readFileSync(join(programDir, file), 'utf8').split('\n').find((l) => l.startsWith('// input:'));
  return line?.replace(/^\/\/ input:\s*/, '').trim();
}

function start(elf: Uint8Array, input: string | undefined): Machine {
  // 32 MiB: the programs use the first 8 MiB, and a snapshot scans all of RAM
  const r = Machine.fromElf(elf, { bare: true, tohost: true, ramMiB: 32 });
  if (!r.ok) throw new Error(r.error);
  if (input !== undefined) r.machine.sendInput(new TextEncoder().encode(input));
  return r.machine;
}

/** What a finished run looks like: how it stopped, when, and the last M-mode trap. */
function ending(m: Machine, stop: unknown) {
  return { stop, instret: m.instret, pc: m.pc, mepc: m.readCsr(0x341), mcause: m.readCsr(0x342), mtval: m.readCsr(0x343), gp: m.getReg(3) };
}

describe('snapshot and restore mid-program', () => {
  for (const file of programs) {
    test(`${file.replace(/\.S$/, '')} ends the same when restored from snapshots at 1/3 and 2/3 of its run`, () => {
      const elf = buildBareElf(join(programDir, file), workDir, { linkerScript: join(here, 'bare.ld'), includeDirs: [here] }).bytes;
      const input = inputOf(file);
      const reference = start(elf, input);
      const expected = ending(reference, reference.run(LIMIT));
      expect((expected.stop as { kind: string }).kind).toBe('tohost');
      for (const fraction of [1 / 3, 2 / 3]) {
        const m = start(elf, input);
        const first = m.run(Math.max(1, Math.floor(expected.instret * fraction)));
        expect(first).toEqual({ kind: 'limit' });
        const restored = Machine.restore(m.snapshot());
        if (!restored.ok) throw new Error(restored.error);
        expect(restored.machine.instret).toBe(m.instret);
        const r = restored.machine;
        expect(ending(r, r.run(LIMIT))).toEqual(expected);
      }
    });
  }
});
