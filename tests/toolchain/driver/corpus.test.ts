// Differential corpus: small programs written for ForkLab (fork trees, pointer and struct work,
// recursion, strings, printf formats, bit tricks, ...) in tests/toolchain/driver/corpus, each
// built by ForkLab's toolchain and by gcc through the same driver and run under qemu-riscv64.
// Output (pids masked, lines sorted since forked processes interleave) and exit status must
// agree, and no program may be empty of output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildProgramWith } from '../../../src/toolchain/driver';
import { buildProgram } from '../../../src/toolchain/index';
import { cachedLibrary } from '../../../src/toolchain/libc';
import { gnuStages, runElf } from './gnu-stages';
import { loadUserLibrary } from './library';

const library = loadUserLibrary();
const dir = join(__dirname, 'corpus');
const programs = readdirSync(dir)
  .filter((f) => f.endsWith('.c'))
  .sort();

function normalize(stdout: string): string[] {
  return stdout
    .replace(/\b(PID = |pid |parent )\d+/g, '$1N')
    .split('\n')
    .sort();
}

describe('corpus programs built by ForkLab behave as built by gcc', () => {
  test('the corpus is there', () => {
    expect(programs.length).toBeGreaterThanOrEqual(100);
  });
  for (const name of programs) {
    test(`${name} prints the same and exits the same`, () => {
      const files = { [name]: readFileSync(join(dir, name), 'utf8') };
      const gcc = buildProgramWith(gnuStages, files, { library }, (lib) => cachedLibrary(gnuStages, lib));
      expect(gcc.diagnostics).toEqual([]);
      const ours = buildProgram(files, { library });
      expect(ours.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const a = runElf(ours.elf!);
      const b = runElf(gcc.elf!);
      expect(b.stdout.length).toBeGreaterThan(0);
      expect({ status: a.status, out: normalize(a.stdout) }).toEqual({ status: b.status, out: normalize(b.stdout) });
    });
  }
});
