#!/usr/bin/env node
// Entry point of the `forklab` command. It runs the CLI (src/cli) compiled into ES modules
// under out/ (scripts/build-cli.mjs, also run by `npm install`), and rebuilds them first
// when it is missing or older than any of its sources, so a fresh clone and an edited checkout
// both just work. When the build cannot be made (no esbuild) or FORKLAB_TSX=1 is set, it
// runs the TypeScript through tsx instead, which costs about 0.4 s more at every start.
//
// This file reads the build record itself (scripts/build-cli.mjs writes it) and imports the
// builder only when a build is needed: importing it at every start cost ~10 ms of CPU
// (docs/perf.md, "Starting the command"). Only node:fs and node:url are loaded before main.js.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout, with a trailing slash (record paths are relative to it). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The build record and the prefix of build directories. FORKLAB_CLI_OUT overrides the default
 * out/cli for tests (same depth: a path directly inside out/).
 */
export function cliPaths(base = process.env.FORKLAB_CLI_OUT ?? `${ROOT}out/cli`) {
  return { base, record: `${base}.json` };
}

/**
 * The current build's main module when it exists and every recorded input still has its
 * recorded size and mtime (a stat per input), else null.
 */
export function freshMain(base) {
  const { record } = cliPaths(base);
  try {
    const { dir, inputs } = JSON.parse(readFileSync(record, 'utf8'));
    const main = `${record.slice(0, record.lastIndexOf('/') + 1)}${dir}/main.js`;
    statSync(main);
    for (const path in inputs) {
      const [size, mtime] = inputs[path];
      const s = statSync(ROOT + path);
      if (s.size !== size || Math.round(s.mtimeMs) !== mtime) return null;
    }
    return main;
  } catch {
    return null;
  }
}

export function isFresh(base) {
  return freshMain(base) !== null;
}

async function loadMain() {
  if (process.env.FORKLAB_TSX !== '1') {
    try {
      const main = freshMain() ?? (await (await import('../scripts/build-cli.mjs')).buildCli(cliPaths().base));
      return (await import(pathToFileURL(main).href)).main;
    } catch {
      // Fall through to tsx: the sources still run, only slower to start.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

/** True when node runs this file (directly or through a symlink such as node_modules/.bin). */
function isEntry() {
  const self = fileURLToPath(import.meta.url);
  const arg = process.argv[1];
  if (arg === undefined) return false;
  if (arg === self) return true;
  try {
    return realpathSync(arg) === self;
  } catch {
    return false;
  }
}

// Tests import cliPaths and freshMain from here; only a real start runs the command.
if (isEntry()) {
  const main = await loadMain();
  process.exitCode = await main(process.argv.slice(2));
}
