// Smoke test of the desktop app through Playwright's `_electron`: the window opens on the app
// protocol, the preload exposes exactly `window.forklab`, Node stays out of the page, and the
// renderer reaches the lab host through the utility process. It needs an Electron binary; the
// project's machines cannot download one, so there it is reported as skipped, with the reason
// in its name. The binary is looked up without importing `electron` (which would try to
// download it): $ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/path.txt.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron } from 'playwright-core';

function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const bin = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(bin) ? bin : null;
  }
  const pathFile = join('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const binary = electronBinary();

describe('desktop app', () => {
  test.skipIf(binary === null)(
    `opens a sandboxed window on app:// whose renderer reaches the lab host${binary === null ? ' (skipped: no Electron binary on this machine)' : ''}`,
    async () => {
      const built = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
      expect(built.status).toBe(0);
      const app = await _electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, NODE_ENV: 'production' } });
      try {
        const win = await app.firstWindow();
        await win.getByTestId('run').waitFor();
        expect(win.url()).toBe('app://forklab/index.html');
        expect(await win.evaluate(() => typeof (globalThis as { forklab?: unknown }).forklab)).toBe('object');
        expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
        expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
        await win.getByTestId('example-hello').click();
        await win.getByTestId('run').click();
        await expect.poll(() => win.getByTestId('console-text').textContent(), { timeout: 60_000 }).toContain('hello from pid');
      } finally {
        await app.close();
      }
    },
    180_000,
  );
});
