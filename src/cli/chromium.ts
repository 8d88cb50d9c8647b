// Headless Chromium for the CLI: PNG figures and PDF reports are drawn by a real browser, the
// same engine the desktop app prints with. The browser comes from $FORKLAB_CHROMIUM, else
// Playwright's own download, else Debian's /usr/bin/chromium.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumExecutable(): string {
  if (process.env.FORKLAB_CHROMIUM) return process.env.FORKLAB_CHROMIUM;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright's browser is not installed
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('no Chromium found: install it (Debian: apt install chromium) or set FORKLAB_CHROMIUM to its path');
}

export interface Printer {
  /** The SVG drawn at twice its size, as PNG bytes. */
  png(svg: string, width: number, height: number): Promise<Uint8Array>;
  /** An HTML page printed on A4, as PDF bytes. */
  pdf(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function startPrinter(): Promise<Printer> {
  const browser: Browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const context = await browser.newContext({ deviceScaleFactor: 2, offline: true });
  return {
    async png(svg, width, height) {
      const page = await context.newPage();
      try {
        await page.setViewportSize({ width, height });
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg.replace(/^<\?xml[^>]*\?>\s*/, '')}</body></html>`);
        return new Uint8Array(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } }));
      } finally {
        await page.close();
      }
    },
    async pdf(html) {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
