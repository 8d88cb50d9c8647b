import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';
import { tool } from '../../tools';

describe('floating point', () => {
  test('float and double arithmetic, comparisons and conversions match gcc bit for bit', () => {
    const src = readC('float.c');
    const ours = runOurs(src, 'float.c');
    expect(ours.stdout).toContain('OK');
    const ref = runGcc(src, 'float.c');
    // compare line by line first for a readable failure
    const a = ours.stdout.split('\n');
    const b = ref.stdout.split('\n');
    for (let i = 0; i < b.length; i++) expect(a[i]).toBe(b[i]);
    expect(ours.status).toBe(ref.status);
  });
});

describe('floating point through the whole ForkLab toolchain', () => {
  test('a program using doubles links the runtime from the library and prints what gcc computes', async () => {
    const { spawnSync } = await import('node:child_process');
    const { chmodSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { buildProgram } = await import('../../../src/toolchain/index');
    const { loadUserLibrary } = await import('../driver/library');
    // the lab libc's printf has no %f, so the program prints scaled integers
    const src = `#include <stdio.h>
double area(double r) { return 3.141592653589793 * r * r; }
int main(void) {
  double s = 0;
  for (int i = 1; i <= 10; i++) s += 1.0 / i;
  float f = 2.5f;
  printf("%ld %ld %d %d\\n", (long)(area(2.0) * 1e6), (long)(s * 1e9), (int)(f * f * 100), 0.1 + 0.2 > 0.3);
  return 0;
}
`;
    const built = buildProgram({ 'circle.c': src }, { library: loadUserLibrary() });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'fcc-float-'));
    try {
      const exe = join(dir, 'circle.elf');
      writeFileSync(exe, built.elf!);
      chmodSync(exe, 0o755);
      const r = spawnSync(tool('qemu-riscv64'), [exe], { encoding: 'utf8', timeout: 20_000 });
      // values computed by gcc (hardware double) for the same expressions
      expect(r.stdout).toBe('12566370 2928968253 625 1\n');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
