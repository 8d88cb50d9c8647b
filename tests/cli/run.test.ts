import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tool } from '../tools';

const root = join(__dirname, '../..');
const forklab = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/forklab.cjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });

describe('forklab run', () => {
  test('boots the bundled kernel with the bundled lab tests and exits 0 when all pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forklab-run-'));
    const json = join(dir, 'run.json');
    const r = forklab('run', '--apps', 'print*3,cow,fib,mfork', '--json', json);
    expect(r.stderr).toBe('');
    for (const name of ['print', 'cow', 'fib', 'mfork']) expect(r.stdout).toContain(`PASS ${name}`);
    expect(r.stdout).not.toMatch(/^FAIL/m);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    // What reached the pipe is the whole console, once and in order.
    expect(r.stdout).toBe(report.console);
    expect(report.end).toMatchObject({ kind: 'halted', clean: true });
    expect(report.events.filter((e: { type: string }) => e.type === 'exec').map((e: { name: string }) => e.name)).toEqual([
      'print', 'print', 'print', 'cow', 'fib', 'mfork',
    ]);
  }, 240_000);

  test('a reader that leaves early does not crash the run, which still reports its end', async () => {
    const child = spawn(process.execPath, [join(root, 'bin/forklab.cjs'), 'run', '--apps', 'print*3'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += String(d); });
    // Like `forklab run | head -c 1`: the reading end closes at the first bytes.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  }, 240_000);

  test('compiles a C file with ForkLab\'s toolchain and exits 1 when it prints FAIL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forklab-run-'));
    const file = join(dir, 'bad.c');
    writeFileSync(file, '#include <stdio.h>\nint main(void) { printf("FAIL bad: on purpose\\n"); return 0; }\n');
    const r = forklab('run', file);
    expect(r.stdout).toContain('FAIL bad: on purpose');
    expect(r.status).toBe(1);
  }, 240_000);

  test('reports a compile error gcc-style and exits 1 without booting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forklab-run-'));
    const file = join(dir, 'broken.c');
    writeFileSync(file, 'int main(void) { return x; }\n');
    const r = forklab('run', file);
    expect(r.stderr).toMatch(/broken\.c:1:\d+: error: .*x/);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
  }, 240_000);

  test('runs a floating-point program and prints what gcc with glibc prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forklab-run-'));
    const file = join(dir, 'growth.c');
    writeFileSync(
      file,
      '#include <stdio.h>\nint main(void) {\n  double x = 1.0; float f = 0.5f;\n' +
        '  for (int i = 0; i < 10; i++) { x = x * 1.5 + 0.25; f = f * 1.25f - 0.125f; }\n' +
        '  printf("x=%.4f f=%.4f int=%d cmp=%d\\n", x, (double)f, (int)(x * 100), x > 85.5);\n  return 0;\n}\n',
    );
    // the reference: the same source built by gcc against glibc, run under Linux user-mode QEMU
    const native = join(dir, 'growth.native');
    const gcc = spawnSync(tool('riscv64-linux-gnu-gcc'), ['-O0', '-static', '-o', native, file], { encoding: 'utf8' });
    expect(gcc.status, gcc.stderr).toBe(0);
    const expected = spawnSync(tool('qemu-riscv64'), [native], { encoding: 'utf8' }).stdout.trim();
    expect(expected).toMatch(/^x=\d+\.\d{4} f=/);
    const r = forklab('run', file);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toContain(expected);
    expect(r.status).toBe(0);
  }, 240_000);
});
