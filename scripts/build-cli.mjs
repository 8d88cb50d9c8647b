#!/usr/bin/env node
// Builds the headless CLI (src/cli/main.ts and the sources it imports) with esbuild into one
// CommonJS file, so `forklab` starts without transpiling TypeScript at every start (tsx costs
// about 0.4 s per start), and bin/forklab.cjs can compile it through vm.Script with V8's code
// cache (CommonJS because Node 20 has no code cache for ES modules: docs/perf.md, "The code
// cache"). Run by `npm install`/`npm ci` (the `prepare` script) and by bin/forklab.cjs
// whenever the build is missing or older than its sources.
//
// Layout: each build is a directory out/cli-<id>/ holding main.cjs (the dispatcher, `run` and
// `emu`: each subcommand's modules are only evaluated when it runs; npm packages stay
// requires, resolved from node_modules at run time), the parts main.cjs loads on demand
// (PARTS below: the toolchain twice, for `cc` and for `run FILE.c`, the report and the bench)
// and, once a command has run, bin/forklab.cjs's code caches beside them. out/cli.json names the current
// build, records every input source with its size and mtime and lists which of them each output
// file holds; bin/forklab.cjs compares main.cjs's with the files on disk at every start
// (`freshMain`, a stat per source) and a part's when a command loads that part (`loadPart`), so
// editing any source rebuilds before the code built from it runs. The record is written to a temporary name and renamed into
// place, so CLI processes started in parallel (tests do) never see half a build. A build
// directory sits two levels below the checkout, where the CLI's sources expect to find
// resources/ (../.. from themselves).
//
// main.cjs is written already wrapped in node's CommonJS module function (Module.wrap's own
// head and tail): bin/forklab.cjs compiles the file's text as it is, where wrapping it at every
// start concatenated 400 KB, which V8 then flattened into a third copy of the source (~100 page
// faults, 1-3 ms: docs/perf.md, "Names and the wrapper").
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = 'scripts/build-cli.mjs';
/** Node's CommonJS module function around a module's text (see the top of this file). */
export const [WRAP_HEAD, WRAP_TAIL] = Module.wrap('\0').split('\0');
/** Old build directories are removed once they are this old (a running CLI may still use one). */
const STALE_MS = 10 * 60 * 1000;

/**
 * Modules that become parts of their own: main.cjs loads each, at the dynamic import that
 * asks for it, through bin/forklab.cjs (`loadPart`: the part's own code cache, per command).
 * What `forklab run` never evaluates stays out of main.cjs, which V8 reads, hashes and
 * deserializes at every start: 400 KB with them, 130 KB without (a lab run ~5-7 ms shorter:
 * docs/perf.md, "Parts of the bundle"). Each part is bundled whole, so a module both need
 * has a copy in each (the parts hand plain data back and forth, never classes).
 */
const PARTS = {
  'src/cli/report.ts': 'report',
  'src/cli/bench.ts': 'bench',
  'src/cli/cc.ts': 'cc',
  'src/cli/compile-programs.ts': 'compile',
};

/**
 * A dynamic import of a part, from any other module, becomes a call of bin/forklab.cjs's
 * loadPart: the build directory sits two levels below the checkout, as src/cli does.
 */
const partsPlugin = {
  name: 'forklab-parts',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      for (const ext of ['.ts', '']) {
        const path = relative(ROOT, resolve(args.resolveDir, args.path + ext)).split(sep).join('/');
        if (path in PARTS) return { path: PARTS[path], namespace: 'forklab-part' };
      }
      return undefined;
    });
    // Left a require: resolved at run time from the build directory.
    b.onResolve({ filter: /bin\/forklab\.cjs$/, namespace: 'forklab-part' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'forklab-part' }, (args) => ({
      contents: `module.exports = require("../../bin/forklab.cjs").loadPart(__dirname, ${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

function fileStamp(path) {
  const s = statSync(join(ROOT, path));
  return [s.size, Math.round(s.mtimeMs)];
}

/**
 * Bundles the CLI into a new directory next to `base` and records it in `${base}.json`
 * (bin/forklab.cjs's cliPaths gives the default base); returns the new main module. Throws
 * when esbuild is missing or the sources do not build.
 */
export async function buildCli(base) {
  const { build } = await import('esbuild');
  const paths = { base, record: `${base}.json` };
  const parent = dirname(paths.record);
  mkdirSync(parent, { recursive: true });
  const dir = `${basename(paths.base)}-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(parent, dir);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts', ...Object.fromEntries(Object.entries(PARTS).map(([src, name]) => [name, src])) },
    plugins: [partsPlugin],
    outExtension: { '.js': '.cjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    // The sources find resources/ from their own URL; in CommonJS that is the bundle's file.
    define: { 'import.meta.url': '__forklabModuleUrl' },
    banner: { js: `${WRAP_HEAD}const __forklabModuleUrl = require("node:url").pathToFileURL(__filename).href;` },
    footer: { js: WRAP_TAIL },
    target: 'node20',
    outdir,
    metafile: true,
    minify: true,
    // No keepNames: it wraps every function and closure in a helper that defines its `name`
    // when the closure is created, in hot paths too (the SBI call's closures, the run loop's
    // callbacks); nothing reads function names. Without it a lab run is ~5 ms shorter
    // (docs/perf.md, "Names and the wrapper").
    keepNames: false,
    // Non-ASCII characters escaped: bin/forklab.cjs reads the bundle as latin1.
    charset: 'ascii',
    logLevel: 'silent',
  });
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), SELF, 'package-lock.json']) {
    if (!path.startsWith('forklab-part:')) inputs[path] = fileStamp(path);
  }
  // The sources of each output file (main and the parts, by name): bin/forklab.cjs checks
  // main.cjs's at every start and a part's only when a command loads it, so a `forklab run`
  // stats ~60 files instead of ~125 (~1 ms: docs/perf.md, "The freshness check per part").
  const outputs = {};
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.cjs')) continue;
    const own = Object.keys(out.inputs).filter((path) => !path.startsWith('forklab-part:'));
    outputs[basename(file, '.cjs')] = [...own, SELF, 'package-lock.json'];
  }
  const tmp = `${paths.record}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ dir, inputs, outputs }));
  renameSync(tmp, paths.record);
  removeOldBuilds(parent, basename(paths.base), dir);
  return join(outdir, 'main.cjs');
}

function removeOldBuilds(parent, prefix, keep) {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-z]+-[0-9]+$`);
  for (const name of readdirSync(parent)) {
    if (name === keep || !pattern.test(name)) continue;
    try {
      if (Date.now() - statSync(join(parent, name)).mtimeMs > STALE_MS) rmSync(join(parent, name), { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    // Not imported at the top: bin/forklab.cjs imports this file while it runs.
    const { cliPaths } = await import('../bin/forklab.cjs');
    const main = await buildCli(cliPaths().base);
    console.log(`build-cli: wrote ${main}`);
  } catch (e) {
    // Not fatal for `npm install`: bin/forklab.cjs builds again at its next start, or falls
    // back to tsx (an install without esbuild), and reports real source errors there.
    console.error(`build-cli: not built: ${e instanceof Error ? e.message : String(e)}`);
  }
}
