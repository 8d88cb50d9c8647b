// The desktop app's PDF printing, with a fake BrowserWindow: the report is loaded as a data: URL
// (never from disk or app://), printed on A4 with backgrounds, and the window always destroyed.
import { describe, expect, test } from 'vitest';
import { printHtmlToPdf, PRINT_WEB_PREFERENCES, type PdfWindow } from '../../src/main/report-pdf';

function fakeWindow(print: () => Promise<Uint8Array>) {
  const log: string[] = [];
  const win: PdfWindow = {
    loadURL: async (url) => void log.push(`load ${decodeURIComponent(url)}`),
    webContents: { printToPDF: async (o) => (log.push(`print ${JSON.stringify(o)}`), print()) },
    destroy: () => void log.push('destroy'),
  };
  return { win, log };
}

describe('printing a report to PDF in the desktop app', () => {
  test('loads the HTML as a data: URL and prints it on A4', async () => {
    const { win, log } = fakeWindow(async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]));
    const pdf = await printHtmlToPdf(() => win, '<h1>书签 1</h1>');
    expect([...pdf]).toEqual([0x25, 0x50, 0x44, 0x46]);
    expect(log).toEqual(['load data:text/html;charset=utf-8,<h1>书签 1</h1>', 'print {"pageSize":"A4","printBackground":true,"preferCSSPageSize":true}', 'destroy']);
  });

  test('destroys the window when printing fails or takes too long', async () => {
    const failing = fakeWindow(async () => Promise.reject(new Error('printing failed')));
    await expect(printHtmlToPdf(() => failing.win, 'x')).rejects.toThrow('printing failed');
    expect(failing.log.at(-1)).toBe('destroy');
    const stuck = fakeWindow(() => new Promise(() => {}));
    await expect(printHtmlToPdf(() => stuck.win, 'x', 20)).rejects.toThrow(/longer than/);
    expect(stuck.log.at(-1)).toBe('destroy');
  });

  test('the print window runs no script', () => {
    expect(PRINT_WEB_PREFERENCES).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false, contextIsolation: true });
  });
});
