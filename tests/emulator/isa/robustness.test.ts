// Bad input never escapes as a JS exception or a hang (issue 2: "a non-RISC-V or truncated
// ELF, a segment outside RAM, a guest that jumps into nowhere"). Seeded mutations of a real
// test ELF either load with a clear error or run for a bounded number of instructions and
// return a stop reason; a guest made of random bytes traps in the guest, not in the host.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Machine, type StopReason } from '../../../src/emulator';
import { buildBareElf, makeWorkDir, removeWorkDir } from '../../support/riscv-tools';

const here = import.meta.dirname;
let workDir = '';
let elf: Uint8Array = new Uint8Array();

beforeAll(() => {
  workDir = makeWorkDir('isa-robust');
  elf = buildBareElf(join(here, 'programs', 'rv64i-addsub.S'), workDir, { linkerScript: join(here, 'bare.ld'), includeDirs: [here] }).bytes;
});
afterAll(() => {
  if (workDir !== '') removeWorkDir(workDir);
});

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** Loads and runs without throwing; returns 'error: ...' or the stop kind. */
function loadAndRun(bytes: Uint8Array): string {
  const r = Machine.fromElf(bytes, { bare: true, tohost: true, ramMiB: 16 });
  if (!r.ok) {
    expect(r.error.length).toBeGreaterThan(0);
    return 'error';
  }
  return stopKind(r.machine.run(20_000));
}

/** The stop's kind; an internal error (a host exception the machine caught) fails the test. */
function stopKind(stop: StopReason): string {
  if (stop.kind === 'error') expect(stop.message).not.toMatch(/internal error/);
  return stop.kind;
}

describe('bad ELFs and wild guests', () => {
  test('ELFs with random bytes changed in the ELF and program headers load with an error or run and stop, never throw', () => {
    const next = rng(1234);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const bytes = elf.slice();
      const flips = 1 + Math.floor(next() * 4);
      for (let k = 0; k < flips; k++) {
        // the ELF header (64 bytes) and the program headers that follow it
        const at = Math.floor(next() * 64 + (next() < 0.5 ? 64 * next() * 3 : 0));
        bytes[at] = Math.floor(next() * 256);
      }
      const kind = loadAndRun(bytes);
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    }
    expect(outcomes.get('error') ?? 0).toBeGreaterThan(0); // the mutations do reach the checks
  });

  test('truncating an ELF anywhere gives a load error or a runnable machine, never an exception', () => {
    for (let len = 0; len < elf.length; len += Math.max(1, Math.floor(elf.length / 97))) {
      const kind = loadAndRun(elf.slice(0, len));
      expect(['error', 'tohost', 'limit', 'idle', 'shutdown']).toContain(kind);
    }
  });

  test('random bytes as guest code trap inside the guest and keep the host running', () => {
    const next = rng(99);
    for (let i = 0; i < 20; i++) {
      const bytes = elf.slice();
      // overwrite the program's code (file offset 0x1000 + the reset code) with noise
      for (let k = 0x1000 + 0x200; k < 0x1000 + 0x600 && k < bytes.length; k++) bytes[k] = Math.floor(next() * 256);
      const r = Machine.fromElf(bytes, { bare: true, tohost: true, ramMiB: 16 });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const kind = stopKind(r.machine.run(50_000));
      expect(['tohost', 'limit', 'error', 'idle', 'shutdown']).toContain(kind);
    }
  });
});
