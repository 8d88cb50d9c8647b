#!/usr/bin/env node
// Builds the headless CLI (src/cli/main.ts and the sources it imports) with esbuild into ES
// modules, so `forklab` starts without transpiling TypeScript at every start (tsx costs about
// 0.4 s per start). Run by `npm install`/`npm ci` (the `prepare` script) and by bin/forklab.mjs
// whenever the build is missing or older than its sources.
//
// Layout: each build is a directory out/cli-<id>/ (main.js plus one chunk per subcommand, so
// `forklab run` never loads the report command's Playwright; npm packages stay imports, resolved
// from node_modules at run time). out/cli.json names the current build and records every input
// source with its size and mtime; `isFresh` compares them with the files on disk (a stat per
// source, ~1 ms), so editing any source rebuilds on the next start. The record is written to a
// temporary name and renamed into place, so CLI processes started in parallel (tests do) never
// see half a build. A build directory sits two levels below the checkout, where the CLI's
// sources expect to find resources/ (../.. from themselves).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = 'scripts/build-cli.mjs';
/** Old build directories are removed once they are this old (a running CLI may still use one). */
const STALE_MS = 10 * 60 * 1000;

/**
 * The build record and the prefix of build directories. FORKLAB_CLI_OUT overrides the default
 * out/cli for tests (same depth: a path directly inside out/).
 */
export function cliPaths(base = process.env.FORKLAB_CLI_OUT ?? join(ROOT, 'out/cli')) {
  return { base, record: `${base}.json` };
}

function fileStamp(path) {
  const s = statSync(join(ROOT, path));
  return [s.size, Math.round(s.mtimeMs)];
}

/** The current build's main module when it exists and every recorded input is unchanged, else null. */
export function freshMain(base) {
  const { record } = cliPaths(base);
  try {
    const { dir, inputs } = JSON.parse(readFileSync(record, 'utf8'));
    const main = join(dirname(record), dir, 'main.js');
    statSync(main);
    for (const [path, [size, mtime]] of Object.entries(inputs)) {
      const [s, m] = fileStamp(path);
      if (s !== size || m !== mtime) return null;
    }
    return main;
  } catch {
    return null;
  }
}

export function isFresh(base) {
  return freshMain(base) !== null;
}

/** Bundle the CLI; returns the new main module. Throws when esbuild is missing or the sources do not build. */
export async function buildCli(base) {
  const { build } = await import('esbuild');
  const paths = cliPaths(base);
  const parent = dirname(paths.record);
  mkdirSync(parent, { recursive: true });
  const dir = `${basename(paths.base)}-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(parent, dir);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts' },
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    metafile: true,
    minify: true,
    keepNames: true,
    logLevel: 'silent',
  });
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), SELF, 'package-lock.json']) inputs[path] = fileStamp(path);
  const tmp = `${paths.record}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  renameSync(tmp, paths.record);
  removeOldBuilds(parent, basename(paths.base), dir);
  return join(outdir, 'main.js');
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
    const main = await buildCli();
    console.log(`build-cli: wrote ${main}`);
  } catch (e) {
    // Not fatal for `npm install`: bin/forklab.mjs builds again at its next start, or falls
    // back to tsx (an install without esbuild), and reports real source errors there.
    console.error(`build-cli: not built: ${e instanceof Error ? e.message : String(e)}`);
  }
}
