// The compiled CLI (scripts/build-cli.mjs, used by bin/forklab.mjs): a fresh checkout has no
// out/cli, so the first `forklab` builds it; later starts reuse it until a source changes; the
// compiled command behaves as the TypeScript one run through tsx. Each test builds into its own
// directory two levels below the checkout (where the CLI looks for resources/).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
// @ts-expect-error plain ES module without types
import { buildCli, cliPaths, isFresh } from '../../scripts/build-cli.mjs';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
function outDir(name: string): string {
  const d = join(root, 'out', `cli-test-${name}-${process.pid}`);
  dirs.push(d);
  return d;
}
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function forklab(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin', 'forklab.mjs'), ...args], {
    cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env },
  });
}

test('the first start builds the CLI, later starts reuse the build', () => {
  const dir = outDir('first');
  const { main, stamp } = cliPaths(dir);
  const first = forklab({ FORKLAB_CLI_OUT: dir }, '--help');
  expect(first.status).toBe(0);
  expect(first.stdout).toContain('usage: forklab <command>');
  expect(isFresh(dir)).toBe(true);
  const built = statSync(main).mtimeMs;
  const inputs = Object.keys(JSON.parse(readFileSync(stamp, 'utf8')).inputs);
  expect(inputs).toContain('src/cli/main.ts');
  expect(inputs).toContain('src/emulator/hart.ts');
  const again = forklab({ FORKLAB_CLI_OUT: dir }, '--help');
  expect(again.status).toBe(0);
  expect(statSync(main).mtimeMs).toBe(built);
}, 120_000);

test('a changed source makes the build stale', async () => {
  const dir = outDir('stale');
  await buildCli(dir);
  expect(isFresh(dir)).toBe(true);
  const { stamp } = cliPaths(dir);
  const record = JSON.parse(readFileSync(stamp, 'utf8'));
  record.inputs['src/emulator/jit.ts'][1] -= 1000; // as if jit.ts was edited after the build
  writeFileSync(stamp, JSON.stringify(record));
  expect(isFresh(dir)).toBe(false);
}, 120_000);

test('the compiled CLI behaves as the TypeScript sources', () => {
  const dir = outDir('same');
  const args = ['run', '--apps', 'fib', '--json', '/dev/null'];
  const compiled = forklab({ FORKLAB_CLI_OUT: dir }, ...args);
  const tsx = forklab({ FORKLAB_TSX: '1' }, ...args);
  expect(compiled.status).toBe(0);
  expect(tsx.status).toBe(0);
  expect(compiled.stdout).toContain('fib');
  expect(compiled.stdout).toBe(tsx.stdout);
  expect(statSync(cliPaths(dir).main).size).toBeGreaterThan(0);
  // Bad input is still reported by the compiled command.
  const bad = forklab({ FORKLAB_CLI_OUT: dir }, 'nonsense');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("unknown command 'nonsense'");
}, 240_000);
