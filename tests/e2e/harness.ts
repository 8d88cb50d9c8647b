// End-to-end harness: builds and serves the web edition with scripts/web.mjs on a free port,
// and launches Chromium through playwright-core. Chromium comes from $FORKLAB_CHROMIUM, else
// Playwright's own browser when installed, else Debian's /usr/bin/chromium.
// Screenshots go to test-results/e2e/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { missingToolMessage } from '../tools';

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'e2e');

export function chromiumPath(): string {
  if (process.env.FORKLAB_CHROMIUM) return process.env.FORKLAB_CHROMIUM;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* Playwright's browser is not installed */
  }
  if (!existsSync('/usr/bin/chromium')) throw new Error(missingToolMessage('chromium'));
  return '/usr/bin/chromium';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface WebEdition {
  url: string;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * Builds and serves the web edition and starts Chromium. `script` is the command that serves it
 * (scripts/app.mjs with FORKLAB_WEB=1 is what `npm run app` does without Electron).
 */
export async function startWebEdition(script = 'scripts/web.mjs', env: Record<string, string> = {}): Promise<WebEdition> {
  const port = await freePort();
  // Each caller builds into its own folder: test files run in parallel, and a shared out/web
  // would be emptied by one build while another file's server is serving it.
  const outDir = join(process.cwd(), 'test-results', `web-${process.pid}-${port}`);
  const server: ChildProcess = spawn(process.execPath, [script, '--port', String(port)], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORKLAB_WEB_OUT: outDir, ...env },
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      log += b.toString();
      if (log.includes('ForkLab web edition:')) resolve();
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    server.once('exit', (code) => reject(new Error(`web server exited with ${code}:\n${log}`)));
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    async stop() {
      await browser.close();
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** The smallest window the layout must work in (issue 13). */
export const SMALL_VIEWPORT = { width: 1280, height: 720 } as const;

/** Opens a fresh page (fresh storage) in a given UI language and window size, collecting page errors. */
export async function openPage(
  web: WebEdition,
  locale = 'en-US',
  viewport: { readonly width: number; readonly height: number } = { width: 1440, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await web.browser.newContext({ locale, viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(web.url);
  await page.getByTestId('run').waitFor();
  return { page, errors };
}

/** Opens the toolbar's File menu (Export/Open session, Export report) unless it is open. */
export async function openFileMenu(page: Page): Promise<void> {
  if ((await page.getByTestId('file-menu').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('file-menu').click();
  await page.getByTestId('file-menu-panel').waitFor();
}

/**
 * The run state as the panes show it. A stop's status is painted before its model arrives
 * (src/renderer/session/controller.ts), so between the two the state reads 'settling': a test
 * that waits for 'paused' or 'halted' then sees the graph, inspector and timeline of that stop.
 */
export async function runState(page: Page): Promise<string | null> {
  const el = page.getByTestId('run-state');
  const state = await el.getAttribute('data-state');
  const settled = await el.getAttribute('data-settled');
  return settled === 'false' && (state === 'paused' || state === 'halted') ? 'settling' : state;
}

/**
 * Scrolls the editor to `line` (Ctrl+G) and clicks the glyph margin left of its number (a
 * breakpoint). A file just opened may not be in the editor yet when Ctrl+G is pressed, and
 * Monaco redraws its lines while it scrolls (a number seen visible can be gone a moment
 * later): it goes again until the line is drawn and measured, for up to 30 s on a busy machine.
 */
export async function clickGutter(page: Page, line: number): Promise<void> {
  const number = page.locator('.monaco-editor .line-numbers', { hasText: new RegExp(`^${line}$`) }).first();
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (await number.isVisible()) {
      const box = await number.boundingBox();
      const margin = await page.locator('.monaco-editor .glyph-margin').first().boundingBox();
      if (box !== null && margin !== null) {
        await page.mouse.click(margin.x + margin.width / 2, box.y + box.height / 2);
        return;
      }
    }
    if (Date.now() > deadline) throw new Error(`clickGutter: line ${line} was never drawn in the editor`);
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+g');
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
    await number.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
  }
}
