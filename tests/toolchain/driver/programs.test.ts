// Differential test of the whole toolchain: the lab tests and examples of resources/user are
// built by ForkLab (buildProgram: cpp, cc, as, ld and a libc compiled by them) and by gcc
// (the same driver with GNU stages), run under qemu-riscv64, and must print the same output
// and exit with the same status. Process ids differ between runs and forked processes finish
// in any order, so pids are masked and lines compared as sorted multisets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildProgramWith } from '../../../src/toolchain/driver';
import { buildProgram } from '../../../src/toolchain/index';
import { cachedLibrary } from '../../../src/toolchain/libc';
import { gnuStages, runElf } from './gnu-stages';
import { loadUserLibrary, userRoot } from './library';

const library = loadUserLibrary();
const programs = [
  'tests/print.c',
  'tests/fib.c',
  'tests/cow.c',
  'tests/mfork.c',
  'examples/hello.c',
  'examples/libctest.c',
  'examples/bigarray.c',
  'examples/shared.c',
  'examples/badptr.c',
  'examples/nullptr.c',
];

function normalize(stdout: string): string[] {
  return stdout
    .replace(/\b(PID = |pid |parent )\d+/g, '$1N')
    .split('\n')
    .sort();
}

describe('programs built by ForkLab behave as built by gcc', () => {
  for (const path of programs) {
    test(`${path} prints the same and exits the same`, () => {
      const name = path.split('/')[1]!;
      const files = { [name]: readFileSync(join(userRoot, path), 'utf8') };
      const ours = buildProgram(files, { library });
      expect(ours.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const gcc = buildProgramWith(gnuStages, files, { library }, (lib) => cachedLibrary(gnuStages, lib));
      expect(gcc.elf).toBeDefined();
      const a = runElf(ours.elf!);
      const b = runElf(gcc.elf!);
      expect(a.status).toBe(b.status);
      expect(normalize(a.stdout)).toEqual(normalize(b.stdout));
      expect(a.stdout.length).toBeGreaterThan(0);
    });
  }
});
