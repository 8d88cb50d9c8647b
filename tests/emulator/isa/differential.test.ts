// Differential tests: random RV64IMAC programs (random-program.ts) run on QEMU and on ForkLab
// must print the same registers and memory. The ISA programs check what the spec says case by
// case; these check the combinations nobody thought to write down.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBareOnQemu } from '../../support/qemu';
import { runForkLabConsole } from '../../support/forklab';
import { buildBareElf, disassemble, makeWorkDir, removeWorkDir } from '../../support/riscv-tools';
import { randomProgram } from './random-program';
import { expectedSv39, randomSv39Lines, randomSv39Plan, randomSv39Program } from './random-sv39';
import { LINES_PER_SLOT, randomEncodingsProgram } from './random-encodings';
import { describeTrial, expectedOutcome, randomInterruptTrials, randomInterruptsProgram } from './random-interrupts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const INSTRUCTIONS = 1000;
let workDir = '';

beforeAll(() => {
  workDir = makeWorkDir('isa-random');
});
afterAll(() => {
  if (workDir !== '') removeWorkDir(workDir);
});

describe('random instruction sequences', () => {
  for (const seed of SEEDS) {
    test(`a random RV64IMAC program (seed ${seed}) leaves the same registers and memory on ForkLab as on QEMU`, () => {
      const source = join(workDir, `random-${seed}.S`);
      writeFileSync(source, randomProgram({ seed, instructions: INSTRUCTIONS }));
      const elf = buildBareElf(source, workDir, { linkerScript: join(import.meta.dirname, 'bare.ld') });
      // the sequence really mixes 16- and 32-bit encodings
      const compressed = disassemble(elf.elfPath).filter((i) => i.encoding.length === 4).length;
      expect(compressed).toBeGreaterThan(INSTRUCTIONS / 20);
      const q = runBareOnQemu(elf.elfPath);
      expect({ status: q.status, lines: q.stdout.split('\n').length }).toEqual({ status: 0, lines: 30 + 256 + 1 });
      const f = runForkLabConsole(elf.bytes, { bare: true });
      expect(f.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
      // translating every block on first use must not change a single byte of the output
      for (const jitBackend of ['wasm', 'js'] as const) {
        const jit = runForkLabConsole(elf.bytes, { bare: true, jitThreshold: 1, jitBackend });
        expect(jit.stop).toEqual(f.stop);
        expect(jit.output === f.output).toBe(true);
      }
      // Line by line, so a difference names the register (lines 1-30) or buffer doubleword.
      const qLines = q.stdout.split('\n');
      const fLines = f.output.split('\n');
      const diffs = qLines
        .map((line, i) => ({ line: i + 1, qemu: line, forklab: fLines[i] }))
        .filter((d) => d.qemu !== d.forklab)
        .map((d) => `${d.line <= 30 ? `x${d.line}` : `buffer[${d.line - 31}]`}: QEMU ${d.qemu}, ForkLab ${d.forklab}`);
      expect(diffs).toEqual([]);
      expect(fLines.length).toBe(qLines.length);
    });
  }
});

const SV39_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const SV39_ACCESSES = 60;

describe('random Sv39 permissions', () => {
  for (const seed of SV39_SEEDS) {
    test(`random page flags and accesses (seed ${seed}) fault, succeed and set A/D as the spec says, the same on ForkLab as on QEMU`, () => {
      const source = join(workDir, `random-sv39-${seed}.S`);
      writeFileSync(source, randomSv39Program({ seed, accesses: SV39_ACCESSES }));
      const here = import.meta.dirname;
      const elf = buildBareElf(source, workDir, { linkerScript: join(here, 'bare.ld'), includeDirs: [here] });
      const q = runBareOnQemu(elf.elfPath);
      const qLines = q.stdout.split('\n');
      expect({ status: q.status, lines: qLines.length }).toEqual({ status: 0, lines: randomSv39Lines(SV39_ACCESSES) + 2 });
      const f = runForkLabConsole(elf.bytes, { bare: true });
      expect(f.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
      // translating every block on first use must not change a single byte of the output
      for (const jitBackend of ['wasm', 'js'] as const) {
        const jit = runForkLabConsole(elf.bytes, { bare: true, jitThreshold: 1, jitBackend });
        expect(jit.stop).toEqual(f.stop);
        expect(jit.output === f.output).toBe(true);
      }
      const fLines = f.output.split('\n');
      const names = (i: number): string =>
        i < SV39_ACCESSES * 2 ? `access ${i >> 1} ${i & 1 ? 'tval/value' : 'cause'}`
          : i < SV39_ACCESSES * 2 + 8 ? `PTE ${i - SV39_ACCESSES * 2}`
            : `page word ${i - SV39_ACCESSES * 2 - 8}`;
      const diffs = qLines
        .map((line, i) => ({ i, qemu: line, forklab: fLines[i] }))
        .filter((d) => d.qemu !== d.forklab)
        .map((d) => `${names(d.i)}: QEMU ${d.qemu}, ForkLab ${d.forklab}`);
      expect(diffs).toEqual([]);
      // and both agree with the spec's answer
      const model = expectedSv39(randomSv39Plan({ seed, accesses: SV39_ACCESSES }));
      const records = qLines.slice(0, SV39_ACCESSES * 2);
      const wrong = model.records
        .map((want, i) => ({ i, want, got: records[i] }))
        .filter((d) => d.want !== d.got)
        .map((d) => `${names(d.i)}: spec ${d.want}, machines ${d.got}`);
      expect(wrong).toEqual([]);
      const flags = qLines.slice(SV39_ACCESSES * 2, SV39_ACCESSES * 2 + 8).map((l) => Number(BigInt('0x' + l) & 0xffn));
      expect(flags).toEqual(model.flags);
    });
  }
});

/**
 * A misaligned load or store to a missing address: QEMU 7.2 splits it into aligned pieces and
 * reports the first piece's aligned address in mtval; the spec (and ForkLab) report the
 * address of the access. Same cause, the QEMU value rounded down by at most 7: accepted.
 */
function qemuAlignsFaultAddress(cause: string, qemuTval: string, forklabTval: string | undefined): boolean {
  if (forklabTval === undefined || !/^0{15}[57]$/.test(cause)) return false;
  const q = BigInt('0x' + qemuTval);
  const f = BigInt('0x' + forklabTval);
  return f > q && f - q < 8n && q % 2n === 0n;
}

const ENCODING_SEEDS = [1, 2, 3, 4];
const ENCODING_SLOTS = 400;

describe('random instruction encodings', () => {
  for (const seed of ENCODING_SEEDS) {
    test(`${ENCODING_SLOTS} random encodings (seed ${seed}) execute or trap the same on ForkLab as on QEMU`, () => {
      const program = randomEncodingsProgram({ seed, slots: ENCODING_SLOTS });
      const source = join(workDir, `random-encodings-${seed}.S`);
      writeFileSync(source, program.source);
      const elf = buildBareElf(source, workDir, { linkerScript: join(import.meta.dirname, 'bare.ld') });
      const q = runBareOnQemu(elf.elfPath);
      const qLines = q.stdout.split('\n');
      expect({ status: q.status, lines: qLines.length }).toEqual({ status: 0, lines: ENCODING_SLOTS * LINES_PER_SLOT + 2 });
      const f = runForkLabConsole(elf.bytes, { bare: true });
      expect(f.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
      // translating every block on first use must not change a single byte of the output
      for (const jitBackend of ['wasm', 'js'] as const) {
        const jit = runForkLabConsole(elf.bytes, { bare: true, jitThreshold: 1, jitBackend });
        expect(jit.stop).toEqual(f.stop);
        expect(jit.output === f.output).toBe(true);
      }
      const fLines = f.output.split('\n');
      const field = ['mcause', 'mtval', 'x1-x31 digest'];
      const diffs: string[] = [];
      for (let i = 0; i < qLines.length; i++) {
        if (qLines[i] === fLines[i]) continue;
        if (i === ENCODING_SLOTS * LINES_PER_SLOT) {
          diffs.push(`buffer digest: QEMU ${qLines[i]}, ForkLab ${fLines[i]}`);
          continue;
        }
        if (i % LINES_PER_SLOT === 1 && qemuAlignsFaultAddress(qLines[i - 1]!, qLines[i]!, fLines[i])) continue;
        const w = program.words[Math.floor(i / LINES_PER_SLOT)]!;
        const word = w.compressed ? `.hword 0x${w.bits.toString(16).padStart(4, '0')}` : `.word 0x${w.bits.toString(16).padStart(8, '0')}`;
        diffs.push(`slot ${Math.floor(i / LINES_PER_SLOT)} (${word}) ${field[i % LINES_PER_SLOT]}: QEMU ${qLines[i]}, ForkLab ${fLines[i]}`);
      }
      expect(diffs.slice(0, 20)).toEqual([]);
    });
  }
});

const INTERRUPT_SEEDS = [1, 2, 3];
const INTERRUPT_TRIALS = 150;

describe('random interrupt routing', () => {
  for (const seed of INTERRUPT_SEEDS) {
    test(`${INTERRUPT_TRIALS} random enable, delegation and privilege settings (seed ${seed}) route one pending interrupt as the spec says, on QEMU and on ForkLab`, () => {
      const trials = randomInterruptTrials(seed, INTERRUPT_TRIALS);
      const source = join(workDir, `random-interrupts-${seed}.S`);
      writeFileSync(source, randomInterruptsProgram(trials));
      const here = import.meta.dirname;
      const elf = buildBareElf(source, workDir, { linkerScript: join(here, 'bare.ld'), includeDirs: [here] });
      const expected = trials.map(expectedOutcome);
      const compare = (machine: string, lines: string[]): string[] =>
        trials
          .map((t, i) => ({ i, t, want: expected[i], got: lines[i] }))
          .filter((d) => d.want !== d.got)
          .map((d) => `${machine} trial ${d.i} (${describeTrial(d.t)}): expected ${d.want}, got ${d.got}`);
      const q = runBareOnQemu(elf.elfPath);
      expect(q.status).toBe(0);
      expect(compare('QEMU', q.stdout.split('\n')).slice(0, 10)).toEqual([]);
      const f = runForkLabConsole(elf.bytes, { bare: true });
      expect(f.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
      // translating every block on first use must not change a single byte of the output
      for (const jitBackend of ['wasm', 'js'] as const) {
        const jit = runForkLabConsole(elf.bytes, { bare: true, jitThreshold: 1, jitBackend });
        expect(jit.stop).toEqual(f.stop);
        expect(jit.output === f.output).toBe(true);
      }
      expect(compare('ForkLab', f.output.split('\n')).slice(0, 10)).toEqual([]);
    });
  }
});
