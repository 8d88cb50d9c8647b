#!/usr/bin/env node
// Builds the headless CLI (src/cli/main.ts and everything it imports) into one ES module,
// out/cli/main.js, with esbuild, so `forklab` starts without transpiling TypeScript at every
// start (tsx costs about 0.4 s per start). Run by `npm install`/`npm ci` (the `prepare`
// script) and by bin/forklab.mjs whenever the build is missing or older than its sources.
//
// Next to the bundle, out/cli/inputs.json records every input file with its size and mtime;
// `isFresh` compares them with the files on disk (about a hundred stat calls, ~1 ms), so
// editing any source rebuilds on the next start. Both files are written to a temporary name and
// renamed into place, so CLI processes started in parallel (tests do) never see half a build.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = 'scripts/build-cli.mjs';

/**
 * Paths of the bundle and its stamp. The directory must sit two levels below the checkout
 * (the CLI finds resources/ at ../.. from itself); FORKLAB_CLI_OUT overrides it for tests.
 */
export function cliPaths(outDir = process.env.FORKLAB_CLI_OUT ?? join(ROOT, 'out/cli')) {
  return { outDir, main: join(outDir, 'main.js'), stamp: join(outDir, 'inputs.json') };
}

function fileStamp(path) {
  const s = statSync(join(ROOT, path));
  return [s.size, Math.round(s.mtimeMs)];
}

/** True when the bundle exists and every recorded input is unchanged. */
export function isFresh(outDir) {
  const { main, stamp } = cliPaths(outDir);
  try {
    statSync(main);
    const inputs = JSON.parse(readFileSync(stamp, 'utf8')).inputs;
    for (const [path, [size, mtime]] of Object.entries(inputs)) {
      const [s, m] = fileStamp(path);
      if (s !== size || m !== mtime) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Bundle the CLI into outDir; throws when esbuild is missing or the sources do not build. */
export async function buildCli(outDir) {
  const { build } = await import('esbuild');
  const paths = cliPaths(outDir);
  mkdirSync(paths.outDir, { recursive: true });
  const tmp = `${paths.main}.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    metafile: true,
    minify: true,
    keepNames: true,
    logLevel: 'silent',
  });
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), SELF]) inputs[path] = fileStamp(path);
  renameSync(tmp, paths.main);
  const stampTmp = `${paths.stamp}.${process.pid}.tmp`;
  writeFileSync(stampTmp, JSON.stringify({ inputs }));
  renameSync(stampTmp, paths.stamp);
  return paths.main;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const main = await buildCli();
    console.log(`build-cli: wrote ${main}`);
  } catch (e) {
    // Without esbuild (an install without dev dependencies) bin/forklab.mjs falls back to tsx.
    console.error(`build-cli: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
