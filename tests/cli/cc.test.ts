// `forklab cc` as a user runs it: files on disk, gcc-style diagnostics on stderr, exit status.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main';
import { tool } from '../tools';

let dir = '';
let stderr = '';
let stdout = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'forklab-cc-'));
  stderr = stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('forklab cc', () => {
  test('-E writes preprocessed text with line markers and applies -D and -I', async () => {
    const inc = join(dir, 'inc');
    await import('node:fs').then((fs) => fs.mkdirSync(inc));
    writeFileSync(join(inc, 'v.h'), '#define W (V + 1)\n');
    const src = file('m.c', '#include <v.h>\nint x = W;\n');
    expect(await main(['cc', '-E', `-I${inc}`, '-D', 'V=41', '-DF(a)=a*2', '-U__FORKLAB__', src, file('n.c', 'F(3) __FORKLAB__ __riscv\n')])).toBe(0);
    expect(stdout).toContain(`# 1 "${inc}/v.h" 1`);
    expect(stdout).toContain('int x = (41 + 1);');
    expect(stdout.replace(/ +/g, ' ')).toContain('3*2 __FORKLAB__ 1');
  });

  test('-E finds the ForkLab headers', async () => {
    const src = file('m.c', '#include <stddef.h>\nsize_t n = sizeof(int);\n');
    expect(await main(['cc', '-E', src])).toBe(0);
    expect(stdout).toContain('# 1 "/forklab/include/stddef.h" 1');
  });

  test('exits 1 with a gcc-style diagnostic, source line and caret', async () => {
    const src = file('bad.c', 'int main(void) {\n#if 1 +\n#endif\n  return 0;\n}\n');
    expect(await main(['cc', '-E', src])).toBe(1);
    expect(stderr).toBe(`${src}:2:8: error: operator '+' has no right operand\n    2 | #if 1 +\n      |        ^\n`);
  });

  test('-S writes assembly for a C file, ignoring gcc habits like -O2 -Wall -g', async () => {
    const src = file('f.c', 'int twice(int x) { return 2 * x; }\n');
    const out = join(dir, 'f.s');
    expect(await main(['cc', '-O2', '-Wall', '-g', '-std=c11', '-S', src, '-o', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^twice:/m);
  });

  test('-c writes an ELF64 relocatable RISC-V object', async () => {
    const src = file('f.c', 'int twice(int x) { return 2 * x; }\n');
    const out = join(dir, 'f.o');
    expect(await main(['cc', '-c', src, '-o', out])).toBe(0);
    const o = readFileSync(out);
    expect([...o.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(o.readUInt16LE(16)).toBe(1); // ET_REL
    expect(o.readUInt16LE(18)).toBe(243); // EM_RISCV
  });

  test('compiles and links a program with libc that runs under qemu-riscv64', async () => {
    const prog = file('main.c', '#include <stdio.h>\n#include "sq.h"\nint main(void) { printf("sq=%d\\n", sq(9)); return 5; }\n');
    file('sq.h', 'int sq(int x);\n');
    const lib = file('sq.c', '#include "sq.h"\nint sq(int x) { return x * x; }\n');
    const out = join(dir, 'prog.elf');
    expect(await main(['cc', prog, lib, '-o', out])).toBe(0);
    const run = spawnSync(tool('qemu-riscv64'), [out], { encoding: 'utf8' });
    expect({ stdout: run.stdout, status: run.status }).toEqual({ stdout: 'sq=81\n', status: 5 });
  });

  test('reports a missing input file and unknown options', async () => {
    expect(await main(['cc', join(dir, 'none.c')])).toBe(1);
    expect(stderr).toContain('none.c: No such file or directory');
    expect(await main(['cc', '-frobnicate', join(dir, 'none.c')])).toBe(2);
    expect(stderr).toContain("unrecognized command-line option '-frobnicate'");
    expect(existsSync(join(dir, 'a.out'))).toBe(false);
  });
});
