// The desktop app's PDF printing, with a fake BrowserWindow: the report is written to a private
// temporary file (a data: URL over 2 MB is refused by Chromium), loaded, printed on A4 with
// backgrounds, and the window and the file are always removed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { printHtmlToPdf, PRINT_WEB_PREFERENCES, stageInTempFile, type PdfWindow } from '../../src/main/report-pdf';

function fakeWindow(print: () => Promise<Uint8Array>) {
  const log: string[] = [];
  const seen: { path: string; text: string; mode: number }[] = [];
  const win: PdfWindow = {
    loadURL: async (url) => {
      const path = fileURLToPath(url);
      seen.push({ path, text: readFileSync(path, 'utf8'), mode: statSync(path).mode & 0o777 });
      log.push('load');
    },
    webContents: { printToPDF: async (o) => (log.push(`print ${JSON.stringify(o)}`), print()) },
    destroy: () => void log.push('destroy'),
  };
  return { win, log, seen };
}

describe('printing a report to PDF in the desktop app', () => {
  test('loads the HTML from a private file, prints it on A4, then removes window and file', async () => {
    const { win, log, seen } = fakeWindow(async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]));
    // Larger than the 2 MB a data: URL may hold.
    const html = `<h1>书签 1</h1><pre>${'x'.repeat(3 * 1024 * 1024)}</pre>`;
    const pdf = await printHtmlToPdf(() => win, html);
    expect([...pdf]).toEqual([0x25, 0x50, 0x44, 0x46]);
    expect(log).toEqual(['load', 'print {"pageSize":"A4","printBackground":true,"preferCSSPageSize":true}', 'destroy']);
    expect(seen[0]!.text).toBe(html);
    expect(seen[0]!.mode).toBe(0o600);
    expect(existsSync(seen[0]!.path)).toBe(false);
  });

  test('destroys the window and removes the file when printing fails or takes too long', async () => {
    const failing = fakeWindow(async () => Promise.reject(new Error('printing failed')));
    await expect(printHtmlToPdf(() => failing.win, 'x')).rejects.toThrow('printing failed');
    expect(failing.log.at(-1)).toBe('destroy');
    expect(existsSync(failing.seen[0]!.path)).toBe(false);
    const stuck = fakeWindow(() => new Promise(() => {}));
    await expect(printHtmlToPdf(() => stuck.win, 'x', 20)).rejects.toThrow(/longer than/);
    expect(stuck.log.at(-1)).toBe('destroy');
    expect(existsSync(stuck.seen[0]!.path)).toBe(false);
  });

  test('stages pages as file: URLs and the print window runs no script', async () => {
    const page = await stageInTempFile('<p>a</p>');
    expect(page.url).toMatch(/^file:\/\/\/.*\/forklab-print-[^/]+\/report\.html$/);
    await page.dispose();
    expect(existsSync(fileURLToPath(page.url))).toBe(false);
    expect(PRINT_WEB_PREFERENCES).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false, contextIsolation: true });
  });
});
