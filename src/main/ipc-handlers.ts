// The main process's answers to the renderer's invoke calls. Each handler first checks who is
// asking (isTrustedSender) and what it asks for (argument shapes); anything else is refused
// with an error the renderer sees as a rejected promise. Dialogs and file access are injected,
// so the whole table is tested under Node.

import { basename } from 'node:path';
import {
  IPC_INVOKE,
  MAX_REPORT_CHARS,
  checkWorkspace,
  isSessionFileName,
  type OpenedFile,
  type WorkspaceLoad,
} from '../common/app-api';
import { isTrustedSender, type IpcSender } from './security';
import type { WorkspaceStore } from './workspace-store';

/** Largest C file the open dialog accepts. */
export const MAX_OPEN_BYTES = 1024 * 1024;

export interface IpcDeps {
  readonly store: WorkspaceStore;
  /** The ids of webContents main created. */
  windowIds(): ReadonlySet<number>;
  /** Shows an open dialog for C files or session reports; the chosen path or null. */
  showOpen(kind: FileKind): Promise<string | null>;
  /** Shows a save dialog with a suggested name; the chosen path or null. */
  showSave(suggested: string, kind: FileKind): Promise<string | null>;
  readText(path: string): Promise<string>;
  fileSize(path: string): Promise<number>;
  writeText(path: string, text: string): Promise<void>;
  /** Connects the asking window to the lab host. */
  connectHost(senderId: number): void;
  /** Rebuilds the application menu in the UI's language. */
  setMenuLanguage(lang: 'en' | 'zh-CN'): void;
}

/** What a dialog is for: C sources, or session reports (JSON). */
export type FileKind = 'c' | 'report';

export type IpcHandler = (sender: IpcSender, args: readonly unknown[]) => Promise<unknown>;

export function ipcHandlers(deps: IpcDeps): Record<string, IpcHandler> {
  const guard =
    (fn: (sender: IpcSender, args: readonly unknown[]) => Promise<unknown>): IpcHandler =>
    async (sender, args) => {
      if (!isTrustedSender(sender, deps.windowIds())) throw new Error('ipc: sender is not a ForkLab window');
      return fn(sender, args);
    };

  return {
    [IPC_INVOKE.workspaceLoad]: guard(async (): Promise<WorkspaceLoad> => deps.store.load()),
    [IPC_INVOKE.workspaceSave]: guard(async (_s, [ws]) => {
      const checked = checkWorkspace(ws);
      if (!checked.ok) throw new Error(`ipc: invalid workspace: ${checked.error}`);
      await deps.store.save(checked.workspace);
    }),
    [IPC_INVOKE.fileOpen]: guard(async (): Promise<OpenedFile | null> => {
      const path = await deps.showOpen('c');
      if (path === null) return null;
      const size = await deps.fileSize(path);
      if (size > MAX_OPEN_BYTES) throw new Error(`${basename(path)} is ${size} bytes; ForkLab opens files up to ${MAX_OPEN_BYTES} bytes`);
      const name = sessionNameFor(basename(path));
      return { name, text: await deps.readText(path) };
    }),
    [IPC_INVOKE.fileSave]: guard(async (_s, [name, text]) => {
      if (!isSessionFileName(name)) throw new Error('ipc: bad file name');
      if (typeof text !== 'string' || text.length > MAX_OPEN_BYTES) throw new Error('ipc: file text missing or too large');
      const path = await deps.showSave(name, 'c');
      if (path === null) return null;
      await deps.writeText(path, text);
      return path;
    }),
    // Reports are checked by the lab host when opened (schema, version); main only bounds size.
    [IPC_INVOKE.reportOpen]: guard(async (): Promise<OpenedFile | null> => {
      const path = await deps.showOpen('report');
      if (path === null) return null;
      const size = await deps.fileSize(path);
      if (size > MAX_REPORT_CHARS) throw new Error(`${basename(path)} is ${size} bytes; ForkLab opens session files up to ${MAX_REPORT_CHARS} bytes`);
      return { name: basename(path), text: await deps.readText(path) };
    }),
    [IPC_INVOKE.reportSave]: guard(async (_s, [name, text]) => {
      if (!isSessionFileName(name) || !name.endsWith('.json')) throw new Error('ipc: bad session file name');
      if (typeof text !== 'string' || text.length > MAX_REPORT_CHARS) throw new Error('ipc: session text missing or too large');
      const path = await deps.showSave(name, 'report');
      if (path === null) return null;
      await deps.writeText(path, text);
      return path;
    }),
    [IPC_INVOKE.hostConnect]: guard(async (sender) => {
      deps.connectHost(sender.id);
    }),
    [IPC_INVOKE.setLanguage]: guard(async (_s, [lang]) => {
      if (lang !== 'en' && lang !== 'zh-CN') throw new Error('ipc: unknown language');
      deps.setMenuLanguage(lang);
    }),
  };
}

/** A session file name for a file on disk: unsafe characters become `_`; valid names are kept. */
export function sessionNameFor(base: string): string {
  const name = base.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[.-]+/, '').replace(/\.\.+/g, '.').slice(0, 64);
  return isSessionFileName(name) ? name : 'opened.c';
}
