#!/usr/bin/env node
// Entry point of the `forklab` command: runs the TypeScript CLI through tsx so a checkout
// needs no build step. The CLI itself lives in src/cli.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
