// The desktop app as electron-vite builds it, checked without an Electron binary (the project's
// machines cannot download one): the built main bundle, host entry and preload are loaded under
// Node with `electron` replaced by a recording fake (fake-electron.mjs), and drive-main.mjs plays
// Electron's and the renderer's parts. What is checked is what the real app relies on: a
// sandboxed, context-isolated window on app://, a CSP on every page the protocol serves and no
// way out of the renderer folder, IPC answered only for ForkLab's own windows, a utility process
// forked from the built host entry with the resources folder, one port each way, the host entry
// running a C program end to end, and a preload that exposes exactly `window.forklab`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = join(__dirname, '../../..');
let out: string;
let seen: Record<string, any>;

beforeAll(() => {
  // Inside the checkout, so the bundles' bare imports (zod, ...) resolve to its node_modules.
  mkdirSync(join(root, 'test-results'), { recursive: true });
  out = mkdtempSync(join(root, 'test-results', 'electron-out-'));
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--outDir', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  const drive = spawnSync(
    process.execPath,
    [join(__dirname, 'drive-main.mjs'), out, join(root, 'resources'), join(root, 'resources/user/examples/hello.c')],
    { cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, FAKE_ELECTRON_APP_PATH: root, FAKE_ELECTRON_USER_DATA: out } },
  );
  if (drive.status !== 0) throw new Error(`the built app failed under the fake Electron:\n${drive.stderr}`);
  seen = JSON.parse(drive.stdout);
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the built desktop app', () => {
  test('opens one sandboxed, context-isolated window on app://forklab with its preload', () => {
    expect(seen.loaded).toEqual(['app://forklab/index.html']);
    expect(seen.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(seen.webPreferences.preload).toBe(join(out, 'preload/index.cjs'));
    expect(seen.preloadExists).toBe(true);
    expect(seen.schemes).toEqual(['app']);
    expect(seen.menus).toBe(1);
    expect(seen.permissionGranted).toBe(false);
  });

  test('serves the renderer over app:// with a CSP that forbids eval, and nothing outside it', () => {
    expect(seen.index.status).toBe(200);
    expect(seen.index.body).toContain('<div id="root"></div>');
    expect(seen.index.csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(seen.index.csp).not.toContain("'unsafe-eval'"); // JS eval; wasm compiles (the emulator's blocks)
    expect(seen.escapeStatus).toBe(404);
  });

  test('answers IPC only for its own window, then forks the built host entry with one port each way', () => {
    expect(seen.strangerError).toBe('ipc: sender is not a ForkLab window');
    expect(seen.strangerForks).toBe(0);
    expect(seen.fork).toEqual({ path: join(out, 'main/host-entry.js'), args: [join(root, 'resources')] });
    expect(seen.portToHost).toEqual([{ message: { type: 'port' }, ports: ['port1'] }]);
    expect(seen.portToRenderer).toEqual([['port2']]);
  });

  test('the built host entry runs a C program on the lab kernel through its port', () => {
    expect(seen.hostErrors).toEqual([]);
    expect(seen.console).toMatch(/^hello from pid 2 \(parent 1\)$/m);
    expect(seen.console).toContain('kinit: shutdown');
  });

  test('the preload exposes exactly window.forklab, over the allow-listed channels', () => {
    expect(seen.preload.exposed).toEqual(['forklab']);
    expect(seen.preload.apiKeys).toEqual([
      'connectHost', 'loadWorkspace', 'onHostNotice', 'onMenu', 'openFile', 'openReport',
      'platform', 'saveDocument', 'saveFile', 'savePdf', 'saveReport', 'saveWorkspace', 'setLanguage',
    ]);
    expect(seen.preload.listening).toEqual(['forklab:host-port']);
    expect(seen.preload.invoked).toEqual(['forklab:workspace-save', 'forklab:host-connect']);
  });
});
