import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSessionPrograms } from '../../src/lab/build';
import { loadUserFiles } from '../../src/cli/resources';
import { makeWorkDir, removeWorkDir } from '../support/riscv-tools';
import { bootOnQemu, ROOT, writeInitrd } from './boot';
import { bootOnForkLab } from './boot-forklab';
import { CGETC_INPUT, CGETC_LINES, EXPECTED_CALLS, EXPECTED_MEM, MOS_INTERACTIVE, MOS_PROGRAMS, checkLines } from './mos-expect';

// The in-app build path for MOS programs: each resources/user/mos/*.c opened as a session file
// and compiled the way the Run button does (src/lab/build.ts, ForkLab's own toolchain, the user
// library from resources/user with no extra flag: <lib.h> is all a program needs), packed into
// an initrd and run by the lab kernel on ForkLab and on QEMU.

describe('MOS programs built by ForkLab\'s toolchain (the Run path)', () => {
  const dir = makeWorkDir('mos-built');
  let initrd = '';
  afterAll(() => removeWorkDir(dir));
  const bootargs = `apps=${MOS_PROGRAMS.join(',')}`;

  test('compile as session files with no extra flag', () => {
    const userFiles = loadUserFiles();
    const files = Object.fromEntries([...MOS_PROGRAMS, MOS_INTERACTIVE].map((n) => [`${n}.c`, readFileSync(join(ROOT, `resources/user/mos/${n}.c`), 'utf8')]));
    const built = compileSessionPrograms(userFiles, files);
    expect(built.text).toEqual([]);
    expect(built.ok).toBe(true);
    expect(built.apps.map((a) => a.name).sort()).toEqual([...MOS_PROGRAMS, MOS_INTERACTIVE].sort());
    initrd = writeInitrd(dir, built.apps);
  }, 300_000);

  test('pass on ForkLab', () => {
    expect(initrd).not.toBe('');
    const run = bootOnForkLab(bootargs, 1_500_000_000, initrd);
    expect(run.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    for (const name of MOS_PROGRAMS) expect(run.console).toMatch(new RegExp(`^PASS ${name}$`, 'm'));
    expect(run.console).not.toMatch(/FAIL|PANIC|panic at/);
    expect(checkLines(run.console, EXPECTED_MEM)).toEqual([]);
    expect(checkLines(run.console, EXPECTED_CALLS)).toEqual([]);
    expect(run.console).toContain('frames in use by them: 0\n');
    const typed = bootOnForkLab(`apps=${MOS_INTERACTIVE}`, 200_000_000, initrd, [CGETC_INPUT]);
    for (const line of CGETC_LINES) expect(typed.console.split('\n')).toContain(line);
  }, 300_000);

  test('pass on QEMU', () => {
    expect(initrd).not.toBe('');
    const c = bootOnQemu(bootargs, { initrd, timeoutMs: 120_000 }).console;
    for (const name of MOS_PROGRAMS) expect(c).toMatch(new RegExp(`^PASS ${name}$`, 'm'));
    expect(c).not.toMatch(/FAIL|PANIC|panic at/);
    expect(checkLines(c, EXPECTED_MEM)).toEqual([]);
    expect(checkLines(c, EXPECTED_CALLS)).toEqual([]);
    expect(c).toContain('frames in use by them: 0\n');
    const typed = bootOnQemu(`apps=${MOS_INTERACTIVE}`, { initrd, input: '\n'.repeat(32) + CGETC_INPUT + '\n' }).console;
    for (const line of CGETC_LINES) expect(typed.split('\n')).toContain(line);
  }, 180_000);
});
