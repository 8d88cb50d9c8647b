#!/usr/bin/env node
// `npm run app`: starts ForkLab on its bundled default session. The desktop app needs the
// Electron runtime, which npm 11 does not download at install time (dependency install scripts
// are blocked unless approved, and approving Electron's would break `npm ci` on machines without
// a route to Electron's servers, CI included). So it is fetched here on first start; where that
// is impossible the same app starts as the web edition instead, so the command always works.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = (script, ...args) => spawnSync(process.execPath, [join(root, script), ...args], { stdio: 'inherit', cwd: root });
const bin = (name, ...args) => node(`node_modules/electron-vite/bin/electron-vite.js`, name, ...args);

// FORKLAB_WEB=1 asks for the web edition outright (a machine where Electron cannot run).
if (process.env.FORKLAB_WEB !== '1' && node('scripts/ensure-electron.mjs').status === 0) {
  const built = bin('build');
  if (built.status !== 0) process.exit(built.status ?? 1);
  process.exit(bin('preview').status ?? 1);
}
console.log('\nStarting the web edition: open the address below in a browser.\n');
// Arguments (e.g. `-- --port N`) are the web edition's. The server runs until it is stopped;
// a stop meant for this command (Ctrl+C, a test's SIGTERM) is handed on, so no server outlives it.
const web = spawn(process.execPath, [join(root, 'scripts/web.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
web.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
