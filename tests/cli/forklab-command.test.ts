// The forklab command as the bench starts it (src/cli/forklab-command.ts): through the entry's
// shebang, whose node options and variables are parsed from the real bin/forklab.cjs, accepted
// by node, and present in the process the shebang starts; on Windows as the .cmd file that
// npm's own cmd-shim writes from the same line.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { entryShebang, expandValue, firstLine, forklabCommand, parseShebang, shebangEnv } from '../../src/cli/forklab-command';

const root = join(__dirname, '..', '..');
const entry = join(root, 'bin', 'forklab.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'forklab-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('shebang lines', () => {
  test('node through env, with options only after -S', () => {
    expect(parseShebang('#!/usr/bin/env node')).toEqual({ assignments: [], options: [] });
    expect(parseShebang('#!/usr/bin/env -S node')).toEqual({ assignments: [], options: [] });
    expect(parseShebang('#!/usr/bin/env -S node --a=1  --b')).toEqual({ assignments: [], options: ['--a=1', '--b'] });
    // Without -S, Linux passes "node --a=1" to env as one program name.
    expect(parseShebang('#!/usr/bin/env node --a=1')).toBeNull();
    expect(parseShebang('#!/bin/sh')).toBeNull();
    expect(parseShebang('// no shebang')).toBeNull();
  });

  test('variables before node, with ${NAME} references', () => {
    expect(parseShebang('#!/usr/bin/env -S A=${B} C=x/y node --o')).toEqual({ assignments: [['A', '${B}'], ['C', 'x/y']], options: ['--o'] });
    expect(parseShebang('#!/usr/bin/env -S A= node')).toEqual({ assignments: [['A', '']], options: [] });
    // Forms env -S and cmd-shim would read differently, or that are not node.
    expect(parseShebang("#!/usr/bin/env -S A='' node")).toBeNull();
    expect(parseShebang('#!/usr/bin/env -S A=$B node')).toBeNull();
    expect(parseShebang('#!/usr/bin/env -S -u A node')).toBeNull();
    expect(parseShebang('#!/usr/bin/env -S A=1 python3')).toBeNull();
  });

  test('values expand from the environment; an empty one removes the variable', () => {
    expect(expandValue('${A}/${B}:${A}', { A: 'a' })).toBe('a/:a');
    const shebang = { assignments: [['X', '${Y}'], ['Z', 'k']] as Array<[string, string]>, options: [] };
    expect(shebangEnv(shebang, { X: '/ca.pem', P: '1' })).toEqual({ P: '1', Z: 'k' });
    expect(shebangEnv(shebang, { X: '/ca.pem', Y: '/mine.pem' })).toEqual({ X: '/mine.pem', Y: '/mine.pem', Z: 'k' });
  });
});

describe("the entry's shebang", () => {
  const shebang = entryShebang(entry);
  const probe = join(scratch, 'probe.cjs');
  writeFileSync(probe, `${firstLine(entry)}\nprocess.stdout.write(JSON.stringify({ argv: process.execArgv, ca: process.env.NODE_EXTRA_CA_CERTS ?? null }));\n`);
  chmodSync(probe, 0o755);
  const runProbe = (env: NodeJS.ProcessEnv) => {
    const p = forklabCommand(probe, [], env);
    return spawnSync(p.file, p.args, { env: p.env, encoding: 'utf8' });
  };

  test('starts node with options node accepts', () => {
    // node exits 9 ("bad option") for an option it does not know.
    const r = spawnSync(process.execPath, [...shebang.options, '-e', '0'], { encoding: 'utf8' });
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
    const seen = runProbe(process.env);
    expect(seen.status).toBe(0);
    expect(JSON.parse(seen.stdout).argv).toEqual(shebang.options);
  });

  test("keeps node from loading NODE_EXTRA_CA_CERTS's bundle unless FORKLAB_EXTRA_CA_CERTS names one", () => {
    // node warns on stderr when the bundle it was told to load cannot be read, so a missing
    // file shows whether node tried.
    const missing = join(scratch, 'no-such-bundle.pem');
    const plainNode = spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, NODE_EXTRA_CA_CERTS: missing }, encoding: 'utf8' });
    expect(plainNode.stderr).toMatch(/Ignoring extra certs from/);
    const dropped = runProbe({ ...process.env, NODE_EXTRA_CA_CERTS: missing });
    expect(dropped.stderr).toBe('');
    expect(JSON.parse(dropped.stdout).ca).toBe('');
    const chosen = runProbe({ ...process.env, NODE_EXTRA_CA_CERTS: '/etc/hosts', FORKLAB_EXTRA_CA_CERTS: missing });
    expect(chosen.stderr).toMatch(/Ignoring extra certs from `.*no-such-bundle\.pem`/);
    expect(JSON.parse(chosen.stdout).ca).toBe(missing);
  });

  test("on Windows, node is started with the options, variables and entry of npm's .cmd shim", async () => {
    const c = forklabCommand(entry, ['run', '--apps', 'cow'], { PATH: 'C:\\bin', NODE_EXTRA_CA_CERTS: 'C:\\ca.pem' }, 'win32', 'C:\\node\\node.exe');
    expect(c).toEqual({ file: 'C:\\node\\node.exe', args: [...shebang.options, entry, 'run', '--apps', 'cow'], env: { PATH: 'C:\\bin' } });
    // npm's cmd-shim (the module npm itself links bins with) turns the same line into the
    // .cmd file Windows runs: the variable is set from %FORKLAB_EXTRA_CA_CERTS% (empty when
    // unset, which removes it) and node gets the same options.
    const cmdShim = createRequire(__filename)('cmd-shim') as (from: string, to: string) => Promise<void>;
    const shim = join(scratch, 'shim', 'forklab');
    await cmdShim(entry, shim);
    const cmd = readFileSync(`${shim}.cmd`, 'utf8');
    expect(cmd).toContain('@SET NODE_EXTRA_CA_CERTS=%FORKLAB_EXTRA_CA_CERTS%\r\n');
    expect(cmd).toMatch(/SET "_prog=node"/);
    expect(cmd).toContain(`"%_prog%" ${shebang.options.join(' ')} "%dp0%\\`);
  });

  test('an entry without a node shebang is refused', () => {
    const plain = join(scratch, 'plain.cjs');
    writeFileSync(plain, 'console.log(1)\n');
    expect(() => forklabCommand(plain, [])).toThrow(/not a "#!\/usr\/bin\/env node" shebang/);
  });
});
