// Test harness for the C compiler: preprocesses a C file with riscv64-linux-gnu-cpp (until our
// own preprocessor lands), compiles it with ForkLab's compiler, assembles and links the output
// with the GNU tools against helpers built by gcc (c/common.c), runs it under qemu-riscv64, and
// builds the same source with gcc for the differential comparison.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileToAsm } from '../../../src/toolchain/cc';
import type { Diagnostic } from '../../../src/toolchain/diagnostics';
import { tool } from '../../tools';

export const C_DIR = join(__dirname, 'c');

export interface RunResult {
  stdout: string;
  status: number;
}

/** gcc -E output for a test source (line markers kept, so diagnostics carry file and line). */
export function preprocess(source: string, fileName = 'test.c'): string {
  const dir = mkdtempSync(join(tmpdir(), 'fcc-'));
  try {
    const path = join(dir, fileName);
    writeFileSync(path, source);
    return execFileSync(tool('riscv64-linux-gnu-cpp'), ['-nostdinc', '-I', C_DIR, path], { encoding: 'utf8' })
      .replaceAll(path, fileName);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function compile(source: string, fileName = 'test.c'): { asm: string; diagnostics: Diagnostic[] } {
  return compileToAsm(preprocess(source, fileName), fileName);
}

function run(exe: string): RunResult {
  const r = spawnSync(tool('qemu-riscv64'), [exe], { encoding: 'utf8', timeout: 20_000 });
  return { stdout: r.stdout ?? '', status: r.status ?? -1 };
}

/** Builds `source` with ForkLab's compiler and runs it; throws with the diagnostics on a compile error. */
export function runOurs(source: string, fileName = 'test.c'): RunResult {
  const { asm, diagnostics } = compile(source, fileName);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'fcc-'));
  try {
    writeFileSync(join(dir, 'prog.s'), asm);
    execFileSync(tool('riscv64-linux-gnu-gcc'), ['-static', '-o', join(dir, 'prog'), join(dir, 'prog.s'), join(C_DIR, 'common.c'), ...softFloat()], { stdio: 'pipe' });
    return run(join(dir, 'prog'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same program built by gcc: the reference for differential tests. */
export function runGcc(source: string, fileName = 'test.c', extraFlags: string[] = []): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'fcc-'));
  try {
    const path = join(dir, fileName);
    writeFileSync(path, source);
    execFileSync(tool('riscv64-linux-gnu-gcc'), ['-static', '-w', '-O0', '-fno-builtin', ...extraFlags, '-I', C_DIR, '-o', join(dir, 'prog'), path, join(C_DIR, 'common.c')], { stdio: 'pipe' });
    return run(join(dir, 'prog'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let softFloatAsm: string[] | undefined;
/**
 * The soft-float runtime (resources/user/lib/softfloat.c) compiled by ForkLab's compiler:
 * the test executables link glibc, whose lp64d libgcc has no soft-float routines.
 */
function softFloat(): string[] {
  if (softFloatAsm) return softFloatAsm;
  const src = readFileSync(join(__dirname, '../../../resources/user/lib/softfloat.c'), 'utf8');
  const { asm, diagnostics } = compile(src, 'softfloat.c');
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`softfloat.c: ${diagnostics.map((d) => d.message).join('; ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'fcc-sf-'));
  writeFileSync(join(dir, 'softfloat.s'), asm);
  softFloatAsm = [join(dir, 'softfloat.s')];
  return softFloatAsm;
}

export function readC(name: string): string {
  return readFileSync(join(C_DIR, name), 'utf8');
}
