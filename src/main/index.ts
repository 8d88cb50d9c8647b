// Electron main process: thin wiring of the Electron API into the tested pieces beside it —
// security.ts (protocol, CSP, navigation, sender checks), ipc-handlers.ts (invoke answers),
// workspace-store.ts (persistence), supervisor.ts (the lab host's utility process) and menu.ts.
// This is the only file that imports `electron`; nothing the tests load does.

import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  protocol,
  session,
  utilityProcess,
  type MenuItemConstructorOptions,
  type MessagePortMain,
} from 'electron';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_EVENT, type MenuCommand } from '../common/app-api';
import { ipcHandlers, type FileKind } from './ipc-handlers';
import { menuTemplate, type MenuItemSpec } from './menu';
import { printHtmlToPdf, PRINT_WEB_PREFERENCES } from './report-pdf';
import {
  APP_ENTRY,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  mimeType,
  resolveAppRequest,
  secureWebPreferences,
} from './security';
import { createSupervisor } from './supervisor';
import { createWorkspaceStore } from './workspace-store';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const hostEntry = join(here, 'host-entry.js');
const resourcesDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;
const windowIds = new Set<number>();

const supervisor = createSupervisor<MessagePortMain>({
  forkUtility: () => utilityProcess.fork(hostEntry, [resourcesDir], { serviceName: 'ForkLab lab host', stdio: 'inherit' }),
  createChannel: () => new MessageChannelMain(),
  sendPort: (port) => mainWindow?.webContents.postMessage(IPC_EVENT.hostPort, null, [port]),
  notify: (notice) => mainWindow?.webContents.send(IPC_EVENT.hostNotice, notice),
  schedule: (fn, ms) => setTimeout(fn, ms),
});

function toElectronMenu(items: readonly MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const out: MenuItemConstructorOptions = {};
    if (item.label) out.label = item.label;
    if (item.type) out.type = item.type;
    if (item.accelerator) out.accelerator = item.accelerator;
    if (item.role) out.role = item.role as MenuItemConstructorOptions['role'];
    if (item.submenu) out.submenu = toElectronMenu(item.submenu);
    const command: MenuCommand | undefined = item.command;
    if (command) out.click = () => mainWindow?.webContents.send(IPC_EVENT.menu, command);
    return out;
  });
}

/** The UI language, as the renderer last said (for the menu and the dialogs' titles). */
let uiLang: 'en' | 'zh-CN' = 'en';

function installMenu(lang: 'en' | 'zh-CN' = app.getLocale().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'): void {
  uiLang = lang;
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(menuTemplate(process.platform, lang))));
}

function installProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(rendererDir, request.url);
    if (file === null) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': mimeType(file), 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

function dialogFilter(kind: FileKind): { name: string; extensions: string[] } {
  switch (kind) {
    case 'report':
      return { name: 'ForkLab session', extensions: ['json'] };
    case 'html':
      return { name: 'HTML report', extensions: ['html'] };
    case 'zip':
      return { name: 'Markdown report (zip)', extensions: ['zip'] };
    case 'pdf':
      return { name: 'PDF report', extensions: ['pdf'] };
    default:
      return { name: 'C', extensions: ['c', 'h'] };
  }
}

function installIpc(): void {
  const handlers = ipcHandlers({
    store: createWorkspaceStore(app.getPath('userData')),
    windowIds: () => windowIds,
    showOpen: async (kind) => {
      if (!mainWindow) return null;
      const r = await dialog.showOpenDialog(mainWindow, { properties: ['openFile'], filters: [dialogFilter(kind)] });
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
    },
    showSave: async (suggested, kind) => {
      if (!mainWindow) return null;
      const r = await dialog.showSaveDialog(mainWindow, { defaultPath: suggested, filters: [dialogFilter(kind)] });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    showFolder: async () => {
      if (!mainWindow) return null;
      const r = await dialog.showOpenDialog(mainWindow, { title: uiLang === 'zh-CN' ? 'Markdown 报告的文件夹' : 'Folder for the Markdown report', properties: ['openDirectory', 'createDirectory'] });
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
    },
    makeDir: async (path) => void (await mkdir(path, { recursive: true })),
    readText: (path) => readFile(path, 'utf8'),
    fileSize: async (path) => (await stat(path)).size,
    writeText: (path, text) => writeFile(path, text, 'utf8'),
    writeBytes: (path, data) => writeFile(path, data),
    printPdf: (html) => printHtmlToPdf(() => new BrowserWindow({ show: false, webPreferences: PRINT_WEB_PREFERENCES }), html),
    connectHost: () => supervisor.connect(),
    setMenuLanguage: (lang) => installMenu(lang),
  });
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      handler({ id: event.sender.id, frameUrl: event.senderFrame?.url ?? null }, args),
    );
  }
}

function lockDownContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'ForkLab',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  mainWindow = win;
  const id = win.webContents.id;
  windowIds.add(id);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    windowIds.delete(id);
    mainWindow = null;
  });
  void win.loadURL(APP_ENTRY);
}

lockDownContents();

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  installProtocol();
  installIpc();
  installMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  supervisor.dispose();
  if (process.platform !== 'darwin') app.quit();
});
