// The compiled CLI (built by scripts/build-cli.mjs, checked and run by bin/forklab.cjs): a fresh checkout has no
// out/cli, so the first `forklab` builds it; later starts reuse it until a source changes; the
// compiled command behaves as the TypeScript one run through tsx. Each test builds under its own
// name directly inside out/ (the CLI's sources look for resources/ two levels up).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
// @ts-expect-error plain CommonJS module without types
import { cachePath, cliPaths, freshMain, isFresh, loadCompiled } from '../../bin/forklab.cjs';
// @ts-expect-error plain ES module without types
import { buildCli, WRAP_HEAD, WRAP_TAIL } from '../../scripts/build-cli.mjs';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
function outDir(name: string): string {
  const d = join(root, 'out', `cli-test-${name}-${process.pid}`);
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) {
    const prefix = d.split('/').pop()!;
    for (const f of readdirSync(join(root, 'out'))) {
      if (f.startsWith(prefix)) rmSync(join(root, 'out', f), { recursive: true, force: true });
    }
  }
});

function forklab(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin', 'forklab.cjs'), ...args], {
    cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env },
  });
}

test('the first start builds the CLI, later starts reuse the build', () => {
  const dir = outDir('first');
  const { record } = cliPaths(dir);
  expect(isFresh(dir)).toBe(false);
  const first = forklab({ FORKLAB_CLI_OUT: dir }, '--help');
  expect(first.status).toBe(0);
  expect(first.stdout).toContain('usage: forklab <command>');
  const main = freshMain(dir);
  expect(main).not.toBeNull();
  const built = statSync(main).mtimeMs;
  // ASCII only: bin/forklab.cjs reads the bundle as latin1
  expect(readFileSync(main).every((b) => b < 0x80)).toBe(true);
  // Already wrapped in node's module function, so loading it concatenates nothing
  const text = readFileSync(main, 'latin1');
  expect(text.startsWith(WRAP_HEAD)).toBe(true);
  expect(text.trimEnd().endsWith(WRAP_TAIL.trim())).toBe(true);
  // No keepNames helper: it defined a `name` on every closure as it was created
  expect(text).not.toMatch(/"name",\{value:/);
  const inputs = Object.keys(JSON.parse(readFileSync(record, 'utf8')).inputs);
  expect(inputs).toContain('src/cli/main.ts');
  expect(inputs).toContain('src/emulator/hart.ts');
  // npm packages stay imports (Playwright is only loaded by the report command)
  expect(inputs.some((p) => p.includes('node_modules'))).toBe(false);
  const again = forklab({ FORKLAB_CLI_OUT: dir }, '--help');
  expect(again.status).toBe(0);
  expect(freshMain(dir)).toBe(main);
  expect(statSync(main).mtimeMs).toBe(built);
}, 120_000);

test('the toolchain, the report and the bench are parts main.cjs loads only when a command needs them', () => {
  const dir = outDir('parts');
  const c = join(root, 'resources/user/examples/hello.c');
  const first = forklab({ FORKLAB_CLI_OUT: dir }, 'run', c);
  expect(first.status).toBe(0);
  expect(first.stdout).toContain('kinit: shutdown');
  const main = freshMain(dir);
  const build = dirname(main);
  const text = (name: string) => readFileSync(join(build, `${name}.cjs`), 'latin1');
  // The C compiler's messages are in the parts that compile, not in what every start reads.
  const compilerMessage = 'implicit declaration';
  expect(text('main')).not.toContain(compilerMessage);
  expect(text('compile')).toContain(compilerMessage);
  expect(text('cc')).toContain(compilerMessage);
  expect(text('main').length * 2).toBeLessThan(readFileSync(join(build, 'report.cjs')).length + text('compile').length);
  for (const name of ['main', 'compile', 'cc', 'report', 'bench']) {
    expect(text(name).startsWith(WRAP_HEAD)).toBe(true);
    expect(readFileSync(join(build, `${name}.cjs`)).every((b) => b < 0x80)).toBe(true);
  }
  // The part has a code cache of its own for the command, taken as it is the next time.
  const partCache = cachePath(join(build, 'compile.cjs'), 'run');
  const written = statSync(partCache).mtimeMs;
  expect(statSync(partCache).size).toBeGreaterThan(10_000);
  const again = forklab({ FORKLAB_CLI_OUT: dir }, 'run', c);
  expect(again.status).toBe(0);
  expect(again.stdout).toBe(first.stdout);
  expect(statSync(partCache).mtimeMs).toBe(written);
  // A run without C files loads no part.
  const plain = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(plain.status).toBe(0);
  expect(readdirSync(build).filter((f) => f.endsWith('.cache')).sort()).toEqual(
    [cachePath(join(build, 'compile.cjs'), 'run'), cachePath(main, 'run')].map((f) => f.split('/').pop()).sort(),
  );
  // The cc command compiles through its own part.
  const out = join(mkdtempSync(join(tmpdir(), 'forklab-cc-')), 'hello.elf');
  const cc = forklab({ FORKLAB_CLI_OUT: dir }, 'cc', '-o', out, c);
  expect(cc.status).toBe(0);
  expect(readFileSync(out).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  rmSync(dirname(out), { recursive: true, force: true });
  expect(statSync(cachePath(join(build, 'cc.cjs'), 'cc')).size).toBeGreaterThan(10_000);
}, 240_000);

test('the wasm interpreter and the blocks\' entry are kept in the build, used as they are, and made again when damaged', () => {
  const dir = outDir('interp');
  const first = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(first.status).toBe(0);
  const build = dirname(freshMain(dir));
  const stored = readdirSync(build).filter((f) => f.endsWith('.wasm')).sort();
  expect(stored).toHaveLength(2); // the blocks' entry (jit.ts) and the interpreter
  expect(stored[0]).toMatch(/^entry-[0-9]+-(shared|plain)\.wasm$/);
  expect(stored[1]).toMatch(/^interp-[0-9]+-[0-9]+-(shared|plain)\.wasm$/);
  const file = join(build, stored[1]!);
  const entry = statSync(join(build, stored[0]!)).mtimeMs;
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d])); // "\0asm"
  const written = statSync(file).mtimeMs;
  // The next start compiles the stored bytes and leaves the file alone.
  const again = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(again.status).toBe(0);
  expect(again.stdout).toBe(first.stdout);
  expect(statSync(file).mtimeMs).toBe(written);
  expect(statSync(join(build, stored[0]!)).mtimeMs).toBe(entry);
  // Bytes V8 does not compile are emitted again: the run is the same and the file whole again.
  writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
  const damaged = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(damaged.status).toBe(0);
  expect(damaged.stdout).toBe(first.stdout);
  expect(readFileSync(file)).toEqual(bytes);
  // From the sources (tsx) nothing is kept anywhere.
  const tsx = forklab({ FORKLAB_TSX: '1' }, 'run', '--apps', 'fib');
  expect(tsx.stdout).toBe(first.stdout);
  expect(readdirSync(join(root, 'src/cli')).some((f) => f.endsWith('.wasm'))).toBe(false);
}, 240_000);

test('a changed source makes the build stale', async () => {
  const dir = outDir('stale');
  await buildCli(dir);
  expect(isFresh(dir)).toBe(true);
  const { record } = cliPaths(dir);
  const saved = JSON.parse(readFileSync(record, 'utf8'));
  saved.inputs['src/emulator/jit.ts'][1] -= 1000; // as if jit.ts was edited after the build
  writeFileSync(record, JSON.stringify(saved));
  expect(isFresh(dir)).toBe(false);
  // the next start notices and builds again
  const old = JSON.parse(readFileSync(record, 'utf8')).dir;
  const start = forklab({ FORKLAB_CLI_OUT: dir }, '--help');
  expect(start.status).toBe(0);
  expect(start.stdout).toContain('usage: forklab <command>');
  expect(isFresh(dir)).toBe(true);
  expect(JSON.parse(readFileSync(record, 'utf8')).dir).not.toBe(old);
}, 120_000);

test("a start checks main.cjs's sources; a part's are checked, and built again, when a command loads it", async () => {
  const dir = outDir('parts');
  await buildCli(dir);
  const { record } = cliPaths(dir);
  const saved = JSON.parse(readFileSync(record, 'utf8'));
  // main.cjs holds the emulator, not the C compiler; the compile part holds the compiler.
  expect(saved.outputs.main).toContain('src/emulator/hart.ts');
  expect(saved.outputs.main).not.toContain('src/toolchain/cc/lexer.ts');
  expect(saved.outputs.compile).toContain('src/toolchain/cc/lexer.ts');
  expect(saved.outputs.main.length).toBeLessThan(Object.keys(saved.inputs).length * 0.6);
  saved.inputs['src/toolchain/cc/lexer.ts'][1] -= 1000; // as if the lexer was edited after the build
  writeFileSync(record, JSON.stringify(saved));
  expect(isFresh(dir)).toBe(true);
  // A run of the bundled programs never loads the compiler: the build stays.
  const plain = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(plain.status).toBe(0);
  expect(JSON.parse(readFileSync(record, 'utf8')).dir).toBe(saved.dir);
  // A run of C source loads it: built again first, and the program runs.
  const src = join(mkdtempSync(join(tmpdir(), 'forklab-part-')), 'hi.c');
  writeFileSync(src, '#include <stdio.h>\nint main(void) { printf("part ok\\n"); return 0; }\n');
  const compiled = forklab({ FORKLAB_CLI_OUT: dir }, 'run', src);
  rmSync(dirname(src), { recursive: true, force: true });
  expect(compiled.stderr).toBe('');
  expect(compiled.status).toBe(0);
  expect(compiled.stdout).toContain('part ok');
  const now = JSON.parse(readFileSync(record, 'utf8'));
  expect(now.dir).not.toBe(saved.dir);
  expect(now.inputs['src/toolchain/cc/lexer.ts'][1]).toBe(Math.round(statSync(join(root, 'src/toolchain/cc/lexer.ts')).mtimeMs));
}, 240_000);

test('the entry loads none of node\'s heavier modules before main.cjs (child_process, net, streams)', () => {
  // process.moduleLoadList names the builtins loaded so far (undocumented, stable since node 0.x).
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(root, 'bin', 'forklab.cjs'))}); console.log(JSON.stringify(process.moduleLoadList))`], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const loaded: string[] = JSON.parse(r.stdout);
  expect(loaded).toContain('NativeModule vm');
  for (const heavy of ['child_process', 'net', 'stream']) expect(loaded).not.toContain(`NativeModule ${heavy}`);
});

test('the command runs when started through a symlink, as node_modules/.bin does', () => {
  const link = join(mkdtempSync(join(tmpdir(), 'forklab-bin-')), 'forklab');
  symlinkSync(join(root, 'bin', 'forklab.cjs'), link);
  const r = spawnSync(process.execPath, [link, '--help'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  rmSync(dirname(link), { recursive: true, force: true });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('usage: forklab <command>');
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
  expect(freshMain(dir)).not.toBeNull();
  // Bad input is still reported by the compiled command.
  const bad = forklab({ FORKLAB_CLI_OUT: dir }, 'nonsense');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("unknown command 'nonsense'");
}, 240_000);

test('the compiled CLI keeps a code cache per subcommand and rewrites one V8 rejects', () => {
  const dir = outDir('cache');
  const first = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(first.status).toBe(0);
  const main = freshMain(dir);
  const runCache = cachePath(main, 'run');
  const written = statSync(runCache).mtimeMs;
  expect(statSync(runCache).size).toBeGreaterThan(10_000);
  // An accepted cache is left alone, and the command prints the same.
  const again = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(again.status).toBe(0);
  expect(again.stdout).toBe(first.stdout);
  expect(statSync(runCache).mtimeMs).toBe(written);
  // Another subcommand gets its own cache.
  expect(forklab({ FORKLAB_CLI_OUT: dir }, '--help').status).toBe(0);
  expect(statSync(cachePath(main, 'other')).size).toBeGreaterThan(0);
  // A damaged cache is rejected by V8, the command still runs, and the cache is rewritten.
  writeFileSync(runCache, 'not a code cache');
  const damaged = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'fib');
  expect(damaged.status).toBe(0);
  expect(damaged.stdout).toBe(first.stdout);
  expect(statSync(runCache).size).toBeGreaterThan(10_000);
}, 240_000);

test('loadCompiled takes the cache it wrote and the module behaves the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-cache-'));
  const file = join(dir, 'm.cjs');
  writeFileSync(file, 'exports.answer = (x) => x * 6 + require("node:path").basename(__filename).length;\n');
  const a = loadCompiled(file, 'run');
  expect(a.accepted).toBe(false);
  expect(a.exports.answer(7)).toBe(42 + 'm.cjs'.length);
  a.saveCache();
  const b = loadCompiled(file, 'run');
  expect(b.accepted).toBe(true);
  expect(b.exports.answer(7)).toBe(42 + 'm.cjs'.length);
  // A module already wrapped in node's module function (as the build writes main.cjs) is
  // compiled as it is, not wrapped a second time.
  const wrapped = join(dir, 'w.cjs');
  writeFileSync(wrapped, `${WRAP_HEAD}exports.answer = (x) => x * 6 + __filename.length;${WRAP_TAIL}`);
  const w = loadCompiled(wrapped, 'run');
  expect(w.exports.answer(7)).toBe(42 + wrapped.length);
  w.saveCache();
  expect(loadCompiled(wrapped, 'run').accepted).toBe(true);
  // Names outside the subcommand pattern share one cache file.
  expect(cachePath(file, '--help')).toBe(cachePath(file, undefined));
  rmSync(dir, { recursive: true, force: true });
});

test('the entry ends the process with the command status, its output whole through a pipe', () => {
  const dir = outDir('exit');
  // No command: the usage on stdout (process.stdout, a pipe here) and status 2.
  const usage = forklab({ FORKLAB_CLI_OUT: dir });
  expect(usage.status).toBe(2);
  expect(usage.stdout).toMatch(/^usage: forklab <command>[\s\S]*bench\s+run the benchmarks, one JSON line per figure\n$/);
  // A lab run's whole console (fs.writeSync) up to the kernel's last line, status 0.
  const run = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'print');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/PASS print\n[\s\S]*kinit: shutdown\n$/);
  // Stopped before the shutdown: status 1 and the reason on stderr.
  const cut = forklab({ FORKLAB_CLI_OUT: dir }, 'run', '--apps', 'print', '--max-insns', '1000');
  expect(cut.status).toBe(1);
  expect(cut.stderr).toBe('forklab run: stopped after 1000 instructions without a shutdown\n');
}, 120_000);
