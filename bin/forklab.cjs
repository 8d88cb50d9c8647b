#!/usr/bin/env -S NODE_EXTRA_CA_CERTS=${FORKLAB_EXTRA_CA_CERTS} node --v8-pool-size=1
// Entry point of the `forklab` command. It runs the CLI (src/cli) compiled into one CommonJS
// file under out/ (scripts/build-cli.mjs, also run by `npm install`), and rebuilds it first
// when it is missing or older than any of its sources, so a fresh clone and an edited checkout
// both just work. When the build cannot be made (no esbuild) or FORKLAB_TSX=1 is set, it
// runs the TypeScript through tsx instead, which costs about 0.4 s more at every start.
//
// CommonJS on purpose: an ES module entry makes node load its ESM loader, and with it
// fs/promises, readline and the stream modules, ~8 ms of every start (docs/perf.md, "Page
// faults and the entry"). The subcommands write their console text with fs.writeSync for the
// same reason (src/cli/stdout.ts).
//
// This file reads the build record itself (scripts/build-cli.mjs writes it) and imports the
// builder only when a build is needed: importing it at every start cost ~10 ms of CPU
// (docs/perf.md, "Starting the command"). Only node:fs, node:module, node:url and node:vm are
// loaded before main.cjs.
//
// The code cache: main.cjs is compiled through vm.Script with V8's cached data, kept beside
// the build, one file per subcommand and V8 version, written when a command has finished
// without an accepted cache (so it holds the bytecode of every function that command ran).
// The parts of the build that main.cjs leaves out (the toolchain, the report, the bench:
// scripts/build-cli.mjs) are compiled the same way when a command first asks for one
// (`loadPart`), each with its own cache per subcommand.
// Later starts skip parsing and compiling those functions: ~15 ms of a `forklab run` start
// (docs/perf.md, "The code cache"). It caches ForkLab's own code, never the guest's: every run
// still executes the whole boot. A cache V8 rejects (other flags) is rewritten; one that
// cannot be written (read-only checkout) is skipped.
//
// --v8-pool-size=1 in the shebang: node's default of four V8 worker threads (TurboFan for the
// translated blocks and the interpreter, GC tasks) contends with the emulator's main thread on
// a two-core machine; with one worker a lab run switches context 179 -> 52 times, migrates
// 13 -> 0 times and ends ~6% sooner (docs/perf.md, "One V8 worker"). It is a node option, not a
// V8 flag, so the code caches stay valid for `node bin/forklab.cjs` (tests) too. Only a start
// through the shebang (npx, an installed bin link, the bench) gets it.
//
// NODE_EXTRA_CA_CERTS=${FORKLAB_EXTRA_CA_CERTS} in the shebang: where NODE_EXTRA_CA_CERTS is
// set (proxies, company and campus networks that inspect TLS set it for npm), node 20 builds
// its whole root certificate store and parses that bundle at every start, before any of this
// file runs: 40-55 ms of a ~200 ms lab run here with a 220 KB bundle (docs/perf.md, "The CA
// bundle"). The command makes no TLS connection, so it starts node with the variable empty
// (node then loads nothing), unless FORKLAB_EXTRA_CA_CERTS names a bundle to load instead.
// env -S expands ${NAME}; npm's cmd-shim writes it as %NAME% into the Windows .cmd file
// (`npx forklab` runs that one on Windows) and leaves it out of the .ps1 file (node then loads
// the bundle: slower, nothing else). Its sh file for Git Bash on Windows puts the assignment
// after `exec`, which sh refuses for any shebang with a variable (a cmd-shim limitation, also
// seen by pnpm): a global install run from Git Bash needs `node bin/forklab.cjs` there.
'use strict';
const { readFileSync, realpathSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { createRequire } = Module;
const { join } = require('node:path');
const { Script } = require('node:vm');

/** The head of node's CommonJS module function, which a built bundle starts with. */
const WRAP_HEAD = Module.wrap('\0').split('\0')[0];

/** The checkout, with a trailing slash (record paths are relative to it). */
const ROOT = join(__dirname, '..') + '/';

/**
 * The build record and the prefix of build directories. FORKLAB_CLI_OUT overrides the default
 * out/cli for tests (same depth: a path directly inside out/).
 */
function cliPaths(base = process.env.FORKLAB_CLI_OUT ?? `${ROOT}out/cli`) {
  return { base, record: `${base}.json` };
}

/** The directory of the build `dir` that the record file `record` names (they sit side by side). */
function buildDir(record, dir) {
  return `${record.slice(0, record.lastIndexOf('/') + 1)}${dir}`;
}

/** The build record this process started from (freshMain), for loadPart's check of a part. */
let startRecord = null;

/** Whether each of `paths` still has the size and mtime recorded in `inputs` (a stat each). */
function unchanged(inputs, paths) {
  for (const path of paths) {
    const [size, mtime] = inputs[path];
    const s = statSync(ROOT + path);
    if (s.size !== size || Math.round(s.mtimeMs) !== mtime) return false;
  }
  return true;
}

/**
 * The current build's main module when it exists and every source main.cjs holds still has
 * its recorded size and mtime, else null. The parts' own sources are checked when a command
 * loads one (loadPart): a start stats ~60 files instead of ~125, ~1 ms (docs/perf.md, "The
 * freshness check per part"). A record without the per-output lists has every input checked.
 */
function freshMain(base) {
  const { record } = cliPaths(base);
  try {
    const parsed = JSON.parse(readFileSync(record, 'utf8'));
    const main = `${buildDir(record, parsed.dir)}/main.cjs`;
    statSync(main);
    if (!unchanged(parsed.inputs, parsed.outputs?.main ?? Object.keys(parsed.inputs))) return null;
    startRecord = parsed;
    return main;
  } catch {
    return null;
  }
}

function isFresh(base) {
  return freshMain(base) !== null;
}

/** The code cache file of `file` for the subcommand `command` (one per V8 version). */
function cachePath(file, command) {
  const name = typeof command === 'string' && /^[a-z]{1,16}$/.test(command) ? command : 'other';
  return `${file}.${name}-${process.versions.v8}.cache`;
}

/**
 * Compiles and evaluates the CommonJS bundle `file` with its code cache for `command`;
 * returns its exports, whether V8 took the cache, and a function that writes the cache when it
 * did not.
 */
function loadCompiled(file, command) {
  const cache = cachePath(file, command);
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  // latin1: the bundle is ASCII (build-cli.mjs: charset 'ascii'), so this is the same string,
  // and reading 400 KB as latin1 skips UTF-8 decoding (~1.5-2 ms of every start). The build
  // writes it already wrapped (build-cli.mjs); any other module is wrapped here.
  const text = readFileSync(file, 'latin1');
  const script = new Script(text.startsWith(WRAP_HEAD) ? text : Module.wrap(text), { filename: file, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, file.slice(0, file.lastIndexOf('/')));
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  const saveCache = () => {
    if (accepted) return;
    try {
      const tmp = `${cache}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cache);
    } catch {
      // A read-only build directory: the command only starts slower.
    }
  };
  return { exports: bundle.exports, accepted, saveCache };
}

/** The subcommand this process runs (the parts' code caches are per command) and the parts' cache writers. */
let runningCommand;
const partCaches = [];

/**
 * A part of the build (scripts/build-cli.mjs: a module main.cjs leaves out, such as the
 * toolchain) from the build directory `dir`, compiled with its own code cache for the running
 * subcommand; the cache is written with main.cjs's when the command has finished.
 */
function loadPart(dir, name) {
  const { exports, saveCache } = loadCompiled(`${freshPartDir(dir, name)}/${name}.cjs`, runningCommand);
  partCaches.push(saveCache);
  return exports;
}

/**
 * The build directory to load part `name` from: `dir` (the running build) while the part's
 * own sources are unchanged, else a new build's, made here by the build script in a child
 * process (a source was edited since this command started its build: the sources main.cjs
 * holds were checked then, so the running main.cjs is still current). A build that fails
 * leaves the old part, with a warning.
 */
function freshPartDir(dir, name) {
  const paths = startRecord?.outputs?.[name];
  try {
    if (paths === undefined || unchanged(startRecord.inputs, paths)) return dir;
  } catch {
    // a source that is gone: build again
  }
  // Required here, not at the top: node:child_process loads net and the streams, ~4 ms.
  const { spawnSync } = require('node:child_process');
  const built = spawnSync(process.execPath, [`${ROOT}scripts/build-cli.mjs`], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const { record } = cliPaths();
    const now = JSON.parse(readFileSync(record, 'utf8'));
    if (built.status === 0 && now.dir !== startRecord.dir) return buildDir(record, now.dir);
  } catch {
    // no record: the old part below
  }
  process.stderr.write(`forklab: the CLI's sources changed and could not be built again; ${name} runs from the previous build\n`);
  return dir;
}

async function loadMain(command) {
  if (process.env.FORKLAB_TSX !== '1') {
    try {
      const main = freshMain() ?? (await (await import('../scripts/build-cli.mjs')).buildCli(cliPaths().base));
      const { exports, saveCache } = loadCompiled(main, command);
      return { main: exports.main, saveCache };
    } catch {
      // Fall through to tsx: the sources still run, only slower to start.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return { main: (await import('../src/cli/main.ts')).main, saveCache: () => {} };
}

/** True when node runs this file (directly or through a symlink such as node_modules/.bin). */
function isEntry() {
  const self = __filename;
  const arg = process.argv[1];
  if (arg === undefined) return false;
  if (arg === self) return true;
  try {
    return realpathSync(arg) === self;
  } catch {
    return false;
  }
}

module.exports = { ROOT, cliPaths, freshMain, isFresh, cachePath, loadCompiled, loadPart };

// Tests require cliPaths and freshMain from here; only a real start runs the command.
if (isEntry()) {
  const args = process.argv.slice(2);
  runningCommand = args[0];
  loadMain(args[0]).then(async ({ main, saveCache }) => {
    const status = await main(args);
    saveCache();
    for (const save of partCaches) save();
    // Ending here skips the isolate's teardown (the heap, the guest's wasm memory, the
    // environment), ~3 ms of every lab run (docs/perf.md). Every command has finished its work
    // when main returns, and on Linux node writes stdout and stderr synchronously to pipes,
    // files and terminals, so nothing written is lost; elsewhere (pipes are asynchronous on
    // macOS and Windows) node ends by itself once the writes are out.
    if (process.platform === 'linux') process.exit(status);
    process.exitCode = status;
  });
}
