// The missing-tool path of the test helpers and of scripts/check-deps.sh: with a tool taken off
// PATH, a test asking for it fails with a line that names it and the install script, and the
// dependency check stops on one line naming the package instead of letting tests fail later.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { tool } from './tools';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

describe('tool()', () => {
  test('returns the name of an installed tool', () => {
    expect(tool('qemu-riscv64')).toBe('qemu-riscv64');
    expect(tool('riscv64-linux-gnu-gcc')).toBe('riscv64-linux-gnu-gcc');
  });

  test('a missing tool fails with its package and the install script', () => {
    process.env.PATH = '/nonexistent';
    expect(() => tool('qemu-riscv64')).toThrow('qemu-riscv64 is missing: run `bash scripts/install-deps.sh` (Debian package qemu-user)');
    expect(() => tool('riscv64-linux-gnu-objdump')).toThrow('binutils-riscv64-linux-gnu');
  });
});

describe('scripts/check-deps.sh', () => {
  test('passes on this machine, where install-deps.sh ran', () => {
    const r = spawnSync('bash', ['scripts/check-deps.sh'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 130_000);

  test('stops on one line naming the cross gcc when it is not on PATH', () => {
    // A PATH holding only the shell tools the script itself uses, not the cross toolchain.
    const bin = mkdtempSync(join(tmpdir(), 'forklab-path-'));
    try {
      for (const t of ['bash', 'cat', 'mktemp', 'rm', 'grep', 'head', 'timeout']) {
        const which = spawnSync('bash', ['-c', `command -v ${t}`], { encoding: 'utf8' }).stdout.trim();
        symlinkSync(which, join(bin, t));
      }
      const r = spawnSync(join(bin, 'bash'), ['scripts/check-deps.sh'], { encoding: 'utf8', env: { PATH: bin } });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([
        'check-deps: riscv64-linux-gnu-gcc not found (install it with: bash scripts/install-deps.sh, or apt-get install gcc-riscv64-linux-gnu)',
      ]);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
