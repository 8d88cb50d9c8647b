#!/usr/bin/env node
// Entry point of the `forklab` command. It runs the CLI (src/cli) compiled into ES modules
// under out/ (scripts/build-cli.mjs, also run by `npm install`), and rebuilds them first
// when it is missing or older than any of its sources, so a fresh clone and an edited checkout
// both just work. When the build cannot be made (no esbuild) or FORKLAB_TSX=1 is set, it
// runs the TypeScript through tsx instead, which costs about 0.4 s more at every start.
import { pathToFileURL } from 'node:url';
import { buildCli, freshMain } from '../scripts/build-cli.mjs';

async function loadMain() {
  if (process.env.FORKLAB_TSX !== '1') {
    try {
      const main = freshMain() ?? (await buildCli());
      return (await import(pathToFileURL(main).href)).main;
    } catch {
      // Fall through to tsx: the sources still run, only slower to start.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
