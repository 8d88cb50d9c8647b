#!/usr/bin/env node
// Makes sure the Electron binary is present before `npm run app` starts the desktop app.
// npm 11 skips dependencies' install scripts unless package.json approves them, and approving
// Electron's would make every `npm ci` (CI included, which has no route to Electron's download
// server) fail. So the download happens here, on first start, on the machine that runs the app.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const installed = () => existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

if (!installed()) {
  console.log('Downloading the Electron runtime (first start only)...');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (r.status !== 0 || !installed()) {
    console.error('Could not download Electron (no network?).');
    process.exit(1);
  }
}
