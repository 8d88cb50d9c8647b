import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkDir, removeWorkDir } from '../support/riscv-tools';
import { bootOnQemu, ROOT, writeInitrd } from './boot';
import { bootOnForkLab } from './boot-forklab';

// The product path: the lab tests compiled by ForkLab's own C compiler (with the user libc it
// builds from resources/user), packed into an initrd, run by the lab kernel on both machines.
const PROGRAMS = ['print', 'cow', 'fib', 'mfork', 'usertests'];
const BOOTARGS = 'apps=print*3,cow,fib,mfork,usertests kthread=1';

describe('lab tests built by ForkLab\'s compiler on the lab kernel', () => {
  const dir = makeWorkDir('forklab-built');
  let initrd = '';
  afterAll(() => removeWorkDir(dir));

  test('compile with forklab cc', () => {
    const apps = PROGRAMS.map((name) => {
      const out = join(dir, `${name}.elf`);
      const cc = spawnSync(process.execPath, [join(ROOT, 'bin/forklab.cjs'), 'cc', join(ROOT, `resources/user/tests/${name}.c`), '-o', out], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(cc.status, `${name}: ${cc.stderr}`).toBe(0);
      return { name, elf: new Uint8Array(readFileSync(out)) };
    });
    initrd = writeInitrd(dir, apps);
  }, 300_000);

  test('pass on ForkLab', () => {
    expect(initrd).not.toBe('');
    const run = bootOnForkLab(BOOTARGS, 400_000_000, initrd);
    expect(run.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(run.console.match(/^PASS print$/gm)).toHaveLength(3);
    for (const name of ['cow', 'fib', 'mfork', 'usertests']) expect(run.console).toMatch(new RegExp(`^PASS ${name}$`, 'm'));
    expect(run.console).not.toMatch(/FAIL|PANIC/);
    expect(run.console).toContain('frames in use by them: 0\n');
  }, 120_000);

  test('pass on QEMU', () => {
    expect(initrd).not.toBe('');
    const c = bootOnQemu(BOOTARGS, { initrd }).console;
    expect(c.match(/^PASS print$/gm)).toHaveLength(3);
    for (const name of ['cow', 'fib', 'mfork', 'usertests']) expect(c).toMatch(new RegExp(`^PASS ${name}$`, 'm'));
    expect(c).not.toMatch(/FAIL|PANIC/);
  }, 60_000);
});
