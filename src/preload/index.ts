// The preload: one typed object, `window.forklab` (ForkLabApi), over an allow-list of channels
// from src/common/app-api.ts. Nothing raw crosses the bridge: no ipcRenderer, no event objects.
// The host MessagePort cannot cross contextBridge, so it is re-posted to the page as a window
// message tagged HOST_PORT_MESSAGE, same-origin only.

import { contextBridge, ipcRenderer } from 'electron';
import {
  HOST_PORT_MESSAGE,
  IPC_EVENT,
  IPC_INVOKE,
  MENU_COMMANDS,
  type FolderFile,
  type ForkLabApi,
  type HostNotice,
  type MenuCommand,
  type Workspace,
} from '../common/app-api';

ipcRenderer.on(IPC_EVENT.hostPort, (event) => {
  window.postMessage(HOST_PORT_MESSAGE, window.location.origin, event.ports);
});

const api: ForkLabApi = {
  platform: process.platform,
  loadWorkspace: () => ipcRenderer.invoke(IPC_INVOKE.workspaceLoad),
  saveWorkspace: (ws: Workspace) => ipcRenderer.invoke(IPC_INVOKE.workspaceSave, ws),
  openFile: () => ipcRenderer.invoke(IPC_INVOKE.fileOpen),
  saveFile: (name: string, text: string) => ipcRenderer.invoke(IPC_INVOKE.fileSave, name, text),
  openReport: () => ipcRenderer.invoke(IPC_INVOKE.reportOpen),
  saveReport: (name: string, text: string) => ipcRenderer.invoke(IPC_INVOKE.reportSave, name, text),
  saveDocument: (name: string, data: string | Uint8Array) => ipcRenderer.invoke(IPC_INVOKE.documentSave, name, data),
  savePdf: (name: string, html: string) => ipcRenderer.invoke(IPC_INVOKE.documentPdf, name, html),
  saveFolder: (files: readonly FolderFile[]) => ipcRenderer.invoke(IPC_INVOKE.documentFolder, files),
  connectHost: () => void ipcRenderer.invoke(IPC_INVOKE.hostConnect),
  setLanguage: (lang: 'en' | 'zh-CN') => void ipcRenderer.invoke(IPC_INVOKE.setLanguage, lang),
  onMenu(listener: (cmd: MenuCommand) => void) {
    const l = (_e: unknown, cmd: unknown) => {
      if (MENU_COMMANDS.includes(cmd as MenuCommand)) listener(cmd as MenuCommand);
    };
    ipcRenderer.on(IPC_EVENT.menu, l);
    return () => void ipcRenderer.off(IPC_EVENT.menu, l);
  },
  onHostNotice(listener: (notice: HostNotice) => void) {
    const l = (_e: unknown, notice: HostNotice) => listener(notice);
    ipcRenderer.on(IPC_EVENT.hostNotice, l);
    return () => void ipcRenderer.off(IPC_EVENT.hostNotice, l);
  },
};

contextBridge.exposeInMainWorld('forklab', api);
