// Helpers for the linker's differential tests: build objects with gcc, link with ForkLab or GNU
// ld, and run the executable under qemu-riscv64 (Linux user mode) capturing output and status.

import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '../asm/gnu';
import { tool } from '../../tools';

export interface RunResult {
  stdout: string;
  status: number | null;
}

/** Runs an RV64 Linux executable image under qemu-riscv64. */
export function runElf(elf: Uint8Array): RunResult {
  return withTempDir((dir) => {
    const path = join(dir, 'prog');
    writeFileSync(path, elf);
    chmodSync(path, 0o755);
    const r = spawnSync(tool('qemu-riscv64'), [path], { encoding: 'utf8', timeout: 20_000 });
    return { stdout: r.stdout, status: r.status };
  });
}

/** Compiles one C or assembly source with gcc -c and the given flags; returns the object. */
export function gccObject(source: string, ext: 'c' | 's' | 'S', flags: string[]): Uint8Array {
  return withTempDir((dir) => {
    const src = join(dir, `in.${ext}`);
    writeFileSync(src, source);
    const r = spawnSync(tool('riscv64-linux-gnu-gcc'), [...flags, '-ffreestanding', '-nostdlib', '-c', src, '-o', join(dir, 'out.o')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return new Uint8Array(readFileSync(join(dir, 'out.o')));
  });
}

/** Links objects with GNU ld (no relaxation, static, text at 0x10000 like ForkLab). */
export function gnuLink(objects: Uint8Array[], extra: string[] = []): Uint8Array {
  return withTempDir((dir) => {
    const paths = objects.map((o, i) => {
      const p = join(dir, `in${i}.o`);
      writeFileSync(p, o);
      return p;
    });
    const out = join(dir, 'a.out');
    const r = spawnSync(tool('riscv64-linux-gnu-ld'), ['--no-relax', '-static', '-o', out, ...extra, ...paths], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return new Uint8Array(readFileSync(out));
  });
}
