// ForkLab's ISA test suite: every program in programs/ is a bare-metal RISC-V program written
// from the unprivileged and privileged specifications, following the `tohost` convention of
// rvtest.h. Each is built with Debian's cross gcc, run on QEMU first (it must pass there,
// which proves the program right), then on ForkLab's emulator, which must agree: as it runs
// by default, with every block translated to JS on first use, and interpreting only.
//
// A program's leading `//` lines describe it:
//   // test: <sentence>          what it checks (becomes the test name)
//   // expect-fail: N            the program deliberately fails check N (a harness test)
//   // forklab-only: <reason>    QEMU cannot run it as the spec says (the reason names the difference)
//   // input: <text>             bytes for the UART receiver (QEMU's stdin, ForkLab's sendInput)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBareElf, disassemble, findSymbol, makeWorkDir, removeWorkDir, type BareBuild } from '../../support/riscv-tools';
import { runBareOnQemu } from '../../support/qemu';
import { runBareOnForkLab } from '../../support/forklab';

const here = import.meta.dirname;
const programDir = join(here, 'programs');

interface ProgramSpec {
  readonly file: string;
  readonly sentence: string;
  readonly failingCheck: number | undefined;
  readonly forklabOnly: string | undefined;
  readonly input: string | undefined;
}

function readSpec(file: string): ProgramSpec {
  const head = readFileSync(join(programDir, file), 'utf8').split('\n').filter((l) => l.startsWith('//'));
  const field = (name: string): string | undefined =>
    head.map((l) => new RegExp(`^//\\s*${name}:\\s*(.*)$`).exec(l)?.[1]?.trim()).find((v) => v !== undefined);
  const sentence = field('test');
  if (sentence === undefined) throw new Error(`${file}: missing '// test:' line`);
  const fail = field('expect-fail');
  return { file, sentence, failingCheck: fail === undefined ? undefined : Number(fail), forklabOnly: field('forklab-only'), input: field('input') };
}

const programs = readdirSync(programDir).filter((f) => f.endsWith('.S')).sort().map(readSpec);
let workDir = '';

beforeAll(() => {
  workDir = makeWorkDir('isa');
});
afterAll(() => {
  if (workDir !== '') removeWorkDir(workDir);
});

const built = new Map<string, BareBuild>();

/** Builds a program once per run; every ELF must start at 0x80000000 and define tohost. */
function build(spec: ProgramSpec): BareBuild {
  const cached = built.get(spec.file);
  if (cached !== undefined) return cached;
  const elf = buildBareElf(join(programDir, spec.file), workDir, { linkerScript: join(here, 'bare.ld'), includeDirs: [here] });
  expect(findSymbol(elf.elfPath, '_start')).toBe(0x80000000n);
  expect(findSymbol(elf.elfPath, 'tohost')).toBeDefined();
  built.set(spec.file, elf);
  return elf;
}

/** Programs whose loops run past the translator's default threshold and batch wait. */
const HOT_BY_DEFAULT = new Set(['trap-precise.S', 'rv64i-smc-hot.S']);

describe('ISA test programs', () => {
  for (const spec of programs) {
    const name = spec.file.replace(/\.S$/, '');
    const where = spec.forklabOnly === undefined ? 'on QEMU and on ForkLab' : 'on ForkLab';
    const verdict = spec.failingCheck === undefined ? 'passes' : `fails check ${spec.failingCheck}`;
    test(`${name} ${verdict} ${where}: ${spec.sentence}`, () => {
      const elf = build(spec);
      const expectedTohost = spec.failingCheck === undefined ? 1n : (BigInt(spec.failingCheck) << 1n) | 1n;
      if (spec.forklabOnly === undefined) {
        const q = runBareOnQemu(elf.elfPath, spec.input === undefined ? {} : { input: spec.input });
        expect(q.timedOut, `QEMU timed out; output: ${q.stdout}`).toBe(false);
        expect({ status: q.status, output: q.stdout.trim() }).toEqual({
          status: spec.failingCheck ?? 0,
          output: spec.failingCheck === undefined ? 'PASS' : `FAIL ${String(spec.failingCheck).padStart(3, '0')}`,
        });
      }
      const input = spec.input === undefined ? {} : { input: spec.input };
      const f = runBareOnForkLab(elf.bytes, input);
      expect(f.stop, `ForkLab: ${f.where}`).toEqual({ kind: 'tohost', value: expectedTohost });
      // The programs written to run hot loops past the default threshold do get translated.
      if (HOT_BY_DEFAULT.has(spec.file)) expect(f.translatedBlocks, 'blocks translated with the default threshold').toBeGreaterThan(0);
      // again with every block translated on its first run (to wasm, and to JS), and with no
      // translation at all, by each interpreter
      for (const jitBackend of ['wasm', 'js'] as const) {
        const jit = runBareOnForkLab(elf.bytes, { ...input, jitThreshold: 1, jitBackend });
        expect(jit.stop, `ForkLab, all code translated to ${jitBackend}: ${jit.where}`).toEqual({ kind: 'tohost', value: expectedTohost });
        expect(jit.translatedBlocks).toBeGreaterThan(0);
      }
      for (const interpreter of ['wasm', 'js'] as const) {
        const interp = runBareOnForkLab(elf.bytes, { ...input, noJit: true, interpreter });
        expect(interp.stop, `ForkLab, ${interpreter} interpreter only: ${interp.where}`).toEqual({ kind: 'tohost', value: expectedTohost });
      }
    });
  }
});

// The RV64C instructions of the RV64IMAC ISA (C.FLD/C.FSD and friends belong to F/D).
const rv64cMnemonics = [
  'c.addi4spn', 'c.ld', 'c.lw', 'c.sd', 'c.sw', 'c.nop', 'c.addi', 'c.addiw', 'c.li', 'c.addi16sp',
  'c.lui', 'c.srli', 'c.srai', 'c.andi', 'c.sub', 'c.xor', 'c.or', 'c.and', 'c.subw', 'c.addw', 'c.j',
  'c.beqz', 'c.bnez', 'c.slli', 'c.ldsp', 'c.lwsp', 'c.jr', 'c.mv', 'c.ebreak', 'c.jalr', 'c.add',
  'c.sdsp', 'c.swsp',
];

describe('RV64C coverage', () => {
  test('the rv64c-all program contains every RV64C instruction as a 16-bit encoding', () => {
    const spec = programs.find((p) => p.file === 'rv64c-all.S');
    expect(spec).toBeDefined();
    const insns = disassemble(build(spec!).elfPath);
    // objdump -M no-aliases prints c.nop (0x0001) as its expansion c.addi zero,0
    const compressed = new Set(
      insns.filter((i) => i.encoding.length === 4).map((i) => (i.encoding === '0001' ? 'c.nop' : i.mnemonic)),
    );
    expect(rv64cMnemonics.filter((m) => !compressed.has(m))).toEqual([]);
  });
});
