// Printing a report to PDF in the desktop app: the self-contained HTML report is loaded into a
// hidden, sandboxed window with JavaScript off and printed on A4 with Electron's printToPDF.
// The Electron API is injected (index.ts passes a BrowserWindow factory), so this runs in tests.

export interface PdfWindow {
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array>;
  };
  destroy(): void;
}

/** Longest time a report may take to load and print before the attempt is given up. */
export const PRINT_TIMEOUT_MS = 60_000;

export async function printHtmlToPdf(createWindow: () => PdfWindow, html: string, timeoutMs = PRINT_TIMEOUT_MS): Promise<Uint8Array> {
  const win = createWindow();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`printing the report took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    // A data: URL keeps the report off the disk and away from the app:// protocol.
    const print = (async () => {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    })();
    return await Promise.race([print, timeout]);
  } finally {
    clearTimeout(timer);
    win.destroy();
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
