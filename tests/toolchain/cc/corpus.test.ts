// Differential corpus: small programs of the kind students and lab handouts write (fork trees,
// pointer and struct work, recursion, strings, printf formats, bit tricks), each built twice --
// by ForkLab's whole toolchain, and by riscv64-linux-gnu-gcc with the flags of
// resources/user/Makefile -- against the same libc sources, run under qemu-riscv64 (Linux
// syscall numbers, like the lab kernel), and compared: output and exit status must match.
// Output lines are compared as sorted lists with PIDs masked, since forked processes
// interleave differently from run to run.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildProgram } from '../../../src/toolchain/index';
import { loadUserLibrary, userRoot } from '../driver/library';
import { tool } from '../../tools';

const corpusDir = join(__dirname, 'corpus');
const library = loadUserLibrary();
const dir = mkdtempSync(join(tmpdir(), 'fcc-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GCC_FLAGS = ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-mcmodel=medany', '-mno-relax', '-ffreestanding', '-fno-builtin',
  '-fno-stack-protector', '-fno-pie', '-nostdinc', '-O0', '-w', '-I', join(userRoot, 'include')];
const LD_FLAGS = ['-nostdlib', '-static', '-no-pie', '-Wl,--no-relax', '-Wl,--build-id=none', '-T', join(userRoot, 'user.ld')];

function run(exe: string): { out: string[]; status: number } {
  const r = spawnSync(tool('qemu-riscv64'), [exe], { encoding: 'utf8', timeout: 20_000, input: '' });
  return { out: (r.stdout + r.stderr).replace(/\d{4,}/g, 'N').split('\n').sort(), status: r.status ?? -1 };
}

describe('differential corpus (ForkLab vs gcc, same libc)', () => {
  for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.c')).sort()) {
    test(`${file} prints the same and exits the same`, () => {
      const src = readFileSync(join(corpusDir, file), 'utf8');
      const built = buildProgram({ [file]: src }, { library });
      expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ours = join(dir, `${file}.ours`);
      writeFileSync(ours, built.elf!);
      chmodSync(ours, 0o755);
      const ref = join(dir, `${file}.gcc`);
      // crt0 from its source: only sources and the committed libc.a are in a fresh checkout
      execFileSync(tool('riscv64-linux-gnu-gcc'), [...GCC_FLAGS, ...LD_FLAGS, '-o', ref, join(userRoot, 'lib/crt0.S'), join(corpusDir, file),
        join(userRoot, 'build/libc.a')], { stdio: 'pipe' });
      const expected = run(ref);
      expect(expected.out.join('').length).toBeGreaterThan(0);
      expect(run(ours)).toEqual(expected);
    });
  }
});
