// Differential test over the lab programs: each example and lab test in resources/user, built
// entirely by ForkLab's toolchain (our cpp, this compiler, our assembler and linker, the libc
// compiled by the same toolchain), must print what the gcc-built binary in resources/user/build
// prints under qemu-riscv64, and exit with the same status. PIDs differ between runs and forked
// children interleave freely on Linux, so numbers of three or more digits are masked and lines
// compared as sorted sets.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildProgram } from '../../../src/toolchain/index';
import { loadUserLibrary, userRoot } from '../driver/library';
import { tool } from '../../tools';

const library = loadUserLibrary();
const dir = mkdtempSync(join(tmpdir(), 'fcc-prog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(elf: string): { out: string[]; status: number } {
  const r = spawnSync(tool('qemu-riscv64'), [elf], { encoding: 'utf8', timeout: 90_000, input: '' });
  const out = (r.stdout + r.stderr).replace(/\d{3,}/g, 'N').split('\n').sort();
  return { out, status: r.status ?? -1 };
}

// bigarray.c needs a 256 MiB .bss object, beyond what our assembler accepts today.
const programs = ['tests/print', 'tests/cow', 'tests/fib', 'tests/mfork', 'examples/hello', 'examples/forkbomb',
  'examples/nullptr', 'examples/shared', 'examples/forkexec', 'examples/badptr', 'examples/libctest', 'examples/sh'];

describe('lab programs built by ForkLab', () => {
  for (const prog of programs) {
    test(`${prog}.c behaves as the gcc build does`, () => {
      const name = prog.split('/')[1];
      const src = readFileSync(join(userRoot, `${prog}.c`), 'utf8');
      const built = buildProgram({ [`${name}.c`]: src }, { library });
      expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ours = join(dir, `${name}.elf`);
      writeFileSync(ours, built.elf!);
      chmodSync(ours, 0o755);
      expect(run(ours)).toEqual(run(join(userRoot, 'build', `${name}.elf`)));
    });
  }
});
