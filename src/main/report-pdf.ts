// Printing a report to PDF in the desktop app: the self-contained HTML report is loaded into a
// hidden, sandboxed window with JavaScript off and printed on A4 with Electron's printToPDF.
// The page goes through a file in a private temporary folder, removed after printing: Chromium
// refuses to navigate to a data: URL over 2 MB, and a report with a long console or a big
// session (the embedded session file) is larger than that.
// The Electron API and the staging are injected (index.ts passes a BrowserWindow factory), so
// this runs in tests.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array>;
  };
  destroy(): void;
}

/** A page put where the print window can load it, and taken away again. */
export interface StagedPage {
  readonly url: string;
  dispose(): Promise<void>;
}

/** Longest time a report may take to load and print before the attempt is given up. */
export const PRINT_TIMEOUT_MS = 60_000;

/** Writes the page into a fresh folder only this user can read; dispose removes the folder. */
export async function stageInTempFile(html: string): Promise<StagedPage> {
  const dir = await mkdtemp(join(tmpdir(), 'forklab-print-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  return { url: pathToFileURL(file).href, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export async function printHtmlToPdf(
  createWindow: () => PdfWindow,
  html: string,
  timeoutMs = PRINT_TIMEOUT_MS,
  stage: (html: string) => Promise<StagedPage> = stageInTempFile,
): Promise<Uint8Array> {
  const page = await stage(html);
  const win = createWindow();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`printing the report took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const print = (async () => {
      await win.loadURL(page.url);
      return win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    })();
    return await Promise.race([print, timeout]);
  } finally {
    clearTimeout(timer);
    win.destroy();
    await page.dispose();
  }
}

/** webPreferences of the print window: nothing runs in it, it only lays the page out. */
export const PRINT_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  javascript: false,
  webSecurity: true,
} as const;
