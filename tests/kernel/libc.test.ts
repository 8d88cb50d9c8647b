import { describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { makeWorkDir, removeWorkDir } from '../support/riscv-tools';
import { bootOnQemu, ROOT, USER_BUILD } from './boot';
import { tool } from '../tools';

// The user library is checked against glibc: examples/libctest.c uses only standard C, so the
// same source built by Debian's cross gcc against RISC-V glibc (static, run under qemu-riscv64)
// is the reference for every line it prints. Only tools install-deps.sh provides are needed.
const SOURCE = join(ROOT, 'resources/user/examples/libctest.c');

function glibcReference(): string {
  const dir = makeWorkDir('libctest');
  try {
    const exe = join(dir, 'libctest-glibc');
    execFileSync(tool('riscv64-linux-gnu-gcc'), ['-static', '-w', '-O1', '-o', exe, SOURCE]);
    return execFileSync(tool('qemu-riscv64'), [exe], { encoding: 'utf8' });
  } finally {
    removeWorkDir(dir);
  }
}

describe('the ForkLab user libc', () => {
  const reference = glibcReference();

  test('prints exactly what glibc prints when run under Linux (qemu-riscv64)', () => {
    const r = spawnSync(tool('qemu-riscv64'), [join(USER_BUILD, 'libctest.elf')], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(reference);
  });

  test('prints exactly what glibc prints when run on the lab kernel', () => {
    const run = bootOnQemu('apps=libctest');
    const body = run.console.split('[PID = 2] exec libctest\n')[1]?.split('[PID = 2] exited with status 0\n')[0];
    expect(body).toBe(reference);
  }, 60_000);

  test('prints exactly what glibc prints when compiled by ForkLab\'s own C compiler', () => {
    const dir = makeWorkDir('libctest-forklab');
    try {
      const elf = join(dir, 'libctest.elf');
      const cc = spawnSync(process.execPath, [join(ROOT, 'bin/forklab.cjs'), 'cc', SOURCE, '-o', elf], { encoding: 'utf8', timeout: 120_000 });
      expect(cc.status, cc.stderr).toBe(0);
      const r = spawnSync(tool('qemu-riscv64'), [elf], { encoding: 'utf8', timeout: 20_000 });
      expect(r.stdout).toBe(reference);
    } finally {
      removeWorkDir(dir);
    }
  }, 150_000);

  test('runs every lab test under Linux too, since it uses Linux system call numbers', () => {
    for (const name of ['cow', 'fib', 'mfork', 'print', 'usertests']) {
      const r = spawnSync(tool('qemu-riscv64'), [join(USER_BUILD, `${name}.elf`)], { encoding: 'utf8', timeout: 30_000 });
      expect(r.stdout, name).toMatch(new RegExp(`^PASS ${name}$`, 'm'));
      expect(r.status, name).toBe(0);
    }
  });
});
