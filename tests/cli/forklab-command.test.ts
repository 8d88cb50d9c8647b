// The forklab command as the bench starts it (src/cli/forklab-command.ts): through the entry's
// shebang, whose node options are parsed from the real bin/forklab.cjs, accepted by node, and
// present in the process the shebang starts.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { firstLine, forklabCommand, shebangNodeOptions } from '../../src/cli/forklab-command';

const root = join(__dirname, '..', '..');
const entry = join(root, 'bin', 'forklab.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'forklab-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('shebang lines', () => {
  test('node through env, with options only after -S', () => {
    expect(shebangNodeOptions('#!/usr/bin/env node')).toEqual([]);
    expect(shebangNodeOptions('#!/usr/bin/env -S node')).toEqual([]);
    expect(shebangNodeOptions('#!/usr/bin/env -S node --a=1  --b')).toEqual(['--a=1', '--b']);
    // Without -S, Linux passes "node --a=1" to env as one program name.
    expect(shebangNodeOptions('#!/usr/bin/env node --a=1')).toBeNull();
    expect(shebangNodeOptions('#!/bin/sh')).toBeNull();
    expect(shebangNodeOptions('// no shebang')).toBeNull();
  });
});

describe("the entry's shebang", () => {
  const options = shebangNodeOptions(firstLine(entry));

  test('starts node with options node accepts', () => {
    expect(options).not.toBeNull();
    // node exits 9 ("bad option") for an option it does not know.
    const r = spawnSync(process.execPath, [...options!, '-e', '0'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('is what the command line runs (POSIX), and its options reach the process', () => {
    const c = forklabCommand(entry, ['--help']);
    expect(c.file).toBe(entry);
    expect(c.env.PATH!.split(delimiter)[0]).toBe(dirname(process.execPath));
    const r = spawnSync(c.file, c.args, { env: c.env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: forklab /);
    // A script with the entry's shebang, started the same way, sees the options in execArgv.
    const probe = join(scratch, 'probe.cjs');
    writeFileSync(probe, `${firstLine(entry)}\nprocess.stdout.write(JSON.stringify(process.execArgv));\n`);
    chmodSync(probe, 0o755);
    const p = forklabCommand(probe, []);
    const seen = spawnSync(p.file, p.args, { env: p.env, encoding: 'utf8' });
    expect(seen.status).toBe(0);
    expect(JSON.parse(seen.stdout)).toEqual(options);
  });

  test('on Windows, node is started with the options and the entry', () => {
    const c = forklabCommand(entry, ['run', '--apps', 'cow'], { PATH: 'C:\\bin' }, 'win32', 'C:\\node\\node.exe');
    expect(c).toEqual({ file: 'C:\\node\\node.exe', args: [...options!, entry, 'run', '--apps', 'cow'], env: { PATH: 'C:\\bin' } });
  });

  test('an entry without a node shebang is refused', () => {
    const plain = join(scratch, 'plain.cjs');
    writeFileSync(plain, 'console.log(1)\n');
    expect(() => forklabCommand(plain, [])).toThrow(/not a "#!\/usr\/bin\/env node" shebang/);
  });
});
