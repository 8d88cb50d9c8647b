// The real user library: resources/user's libc and programs, compiled to assembly by gcc with
// the Makefile's flags, assembled and linked by ForkLab, must run under qemu-riscv64 exactly
// like the same sources built by gcc -c and GNU ld with user.ld (built here, not taken from
// resources/user/build, so a library change in progress cannot make the two disagree).
// Process ids differ from run to run, so they are masked before comparing. (oom is left out: it runs for a minute
// under qemu-user, which has no memory limit to hit.)

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { link } from '../../../src/toolchain/link';
import { withTempDir } from '../asm/gnu';
import { runElf } from './qemu';
import { tool } from '../../tools';

const USER = join(__dirname, '..', '..', '..', 'resources', 'user');
const CFLAGS = ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-mcmodel=medany', '-mno-relax', '-ffreestanding',
  '-fno-builtin', '-fno-stack-protector', '-fno-pie', '-nostdinc', '-fno-asynchronous-unwind-tables',
  '-fno-unwind-tables', '-fno-ident', '-fno-tree-loop-distribute-patterns', '-O2', '-I', join(USER, 'include')];

/** gcc -S (or -E for .S) then ForkLab's assembler. */
function forklabObject(path: string, extra: string[] = []): { name: string; bytes: Uint8Array } {
  const asm = withTempDir((dir) => {
    const out = join(dir, 'out.s');
    const mode = path.endsWith('.S') ? ['-E', '-P'] : ['-S'];
    execFileSync(tool('riscv64-linux-gnu-gcc'), [...CFLAGS, ...extra, ...mode, path, '-o', out], { stdio: 'pipe' });
    return readFileSync(out, 'utf8');
  });
  const name = path.split('/').pop()!;
  const r = assemble(asm, name);
  expect(r.diagnostics, name).toEqual([]);
  return { name: name.replace(/\.[cS]$/, '.o'), bytes: r.object };
}

/** gcc -c with the same flags, linked by GNU ld with resources/user/user.ld. */
function gnuProgram(sources: string[], extra: string[]): Uint8Array {
  return withTempDir((dir) => {
    const objs = sources.map((src, i) => {
      const out = join(dir, `${i}.o`);
      execFileSync(tool('riscv64-linux-gnu-gcc'), [...CFLAGS, ...extra, '-c', src, '-o', out], { stdio: 'pipe' });
      return out;
    });
    const exe = join(dir, 'a.out');
    execFileSync(tool('riscv64-linux-gnu-ld'), ['--no-relax', '-static', '-T', join(USER, 'user.ld'), '-o', exe, ...objs], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(exe));
  });
}

const mask = (s: string): string => s.replace(/(PID = |pid |parent )\d+/g, '$1N');

function runMasked(elf: Uint8Array): { stdout: string; status: number | null } {
  const r = runElf(elf);
  return { stdout: mask(r.stdout), status: r.status };
}

const PROGRAMS: [string, string][] = [
  ['examples', 'libctest'], ['examples', 'hello'], ['examples', 'bigarray'], ['examples', 'shared'],
  ['examples', 'badptr'], ['tests', 'print'],
];

describe('the user library built by ForkLab', () => {
  const available = (() => {
    try {
      return readdirSync(join(USER, 'lib')).length > 0;
    } catch {
      return false;
    }
  })();

  // The Makefile's flags for every program; then unoptimized PIC code (gcc writes `call f@plt`,
  // `la` through the GOT) for two of them.
  const VARIANTS: [string, string[], [string, string][]][] = [
    ['the Makefile flags', [], PROGRAMS],
    ['-O0 -fPIC', ['-O0', '-fPIC'], [['examples', 'libctest'], ['examples', 'hello']]],
  ];
  for (const [label, extra, programs] of VARIANTS) {
    test.runIf(available)(`libc and programs built with ${label} behave like the GNU-built ones`, () => {
      const libSources = readdirSync(join(USER, 'lib')).filter((f) => /\.[cS]$/.test(f) && f !== 'crt0.S').sort()
        .map((f) => join(USER, 'lib', f));
      const lib = libSources.map((f) => forklabObject(f, extra));
      const crt0 = forklabObject(join(USER, 'lib', 'crt0.S'), extra);
      for (const [dir, prog] of programs) {
        const mainSource = join(USER, dir, `${prog}.c`);
        const linked = link([crt0, forklabObject(mainSource, extra)], { library: lib });
        expect(linked.diagnostics, prog).toEqual([]);
        const reference = runMasked(gnuProgram([join(USER, 'lib', 'crt0.S'), mainSource, ...libSources], extra));
        expect(runMasked(linked.elf), prog).toEqual(reference);
      }
    }, 120_000);
  }
});

