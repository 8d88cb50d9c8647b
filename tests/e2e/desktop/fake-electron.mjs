// A stand-in for the `electron` module, for loading the BUILT desktop bundles (out/main,
// out/preload) under plain Node: the Electron binary cannot be downloaded on the project's
// machines. Every API the main process calls is recorded on globalThis.__fakeElectron, so the
// driver can check what main did (the window's preferences, the URL it loads, the protocol
// handler, the IPC handlers, the utility process it forks) and then play the renderer's part.
// Dialogs answer from `rec.dialogAnswers` (cancelled when empty) and record their options.
// `webContents.printToPDF` is no fake: it calls `rec.printToPDF(url, options)`, which the driver
// backs with real headless Chromium loading the same URL main loaded into the print window.
const rec = {
  windows: [],
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  forks: [],
  menus: 0,
  permissionHandler: null,
  appListeners: new Map(),
  sentToRenderer: [],
  dialogs: [],
  dialogAnswers: [],
  printToPDF: null,
};
globalThis.__fakeElectron = rec;

let nextContentsId = 1;
const readyListeners = [];
let ready = false;

export const app = {
  isPackaged: false,
  getAppPath: () => process.env.FAKE_ELECTRON_APP_PATH ?? process.cwd(),
  getPath: (name) => `${process.env.FAKE_ELECTRON_USER_DATA ?? '/tmp'}/${name === 'userData' ? '' : name}`,
  getLocale: () => 'en-US',
  on(event, listener) {
    rec.appListeners.set(event, listener);
    return app;
  },
  whenReady() {
    return new Promise((resolve) => {
      if (ready) resolve();
      else readyListeners.push(resolve);
    });
  },
  quit() {},
};
// Electron turns ready once the module graph has loaded; a timer stands for that.
setTimeout(() => {
  ready = true;
  for (const l of readyListeners.splice(0)) l();
}, 0);

class EventSource {
  constructor() {
    this.listeners = new Map();
  }
  on(event, listener) {
    this.listeners.set(event, listener);
    return this;
  }
  once(event, listener) {
    return this.on(event, listener);
  }
}

export class BrowserWindow extends EventSource {
  constructor(options) {
    super();
    this.options = options;
    this.loaded = [];
    this.webContents = {
      id: nextContentsId++,
      postMessage: (channel, message, ports) => rec.sentToRenderer.push({ channel, message, ports }),
      send: (channel, ...args) => rec.sentToRenderer.push({ channel, args }),
      printToPDF: async (options) => {
        if (!rec.printToPDF) throw new Error('fake electron: no printer installed');
        return rec.printToPDF(this.loaded.at(-1), options);
      },
    };
    this.destroyed = false;
    rec.windows.push(this);
  }
  loadURL(url) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show() {}
  destroy() {
    this.destroyed = true;
  }
  static getAllWindows() {
    return rec.windows;
  }
}

export const dialog = {
  showOpenDialog: async (_win, options) => {
    rec.dialogs.push({ kind: 'open', options });
    return rec.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
  showSaveDialog: async (_win, options) => {
    rec.dialogs.push({ kind: 'save', options });
    return rec.dialogAnswers.shift() ?? { canceled: true };
  },
};

export const ipcMain = {
  handle(channel, handler) {
    rec.ipcHandlers.set(channel, handler);
  },
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: () => {
    rec.menus += 1;
  },
};

export class MessageChannelMain {
  constructor() {
    this.port1 = { name: 'port1' };
    this.port2 = { name: 'port2' };
  }
}

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => rec.privilegedSchemes.push(...schemes),
  handle: (scheme, handler) => rec.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => {
      rec.permissionHandler = h;
    },
  },
};

export const utilityProcess = {
  fork(path, args, options) {
    const child = new EventSource();
    child.messages = [];
    child.postMessage = (message, transfer) => child.messages.push({ message, transfer });
    child.kill = () => true;
    rec.forks.push({ path, args, options, child });
    return child;
  },
};

export const contextBridge = {};
export const ipcRenderer = {};
export default { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, session, utilityProcess };
