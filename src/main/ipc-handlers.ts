// The main process's answers to the renderer's invoke calls. Each handler first checks who is
// asking (isTrustedSender) and what it asks for (argument shapes); anything else is refused
// with an error the renderer sees as a rejected promise. Dialogs and file access are injected,
// so the whole table is tested under Node.

import { basename, join } from 'node:path';
import {
  IPC_INVOKE,
  MAX_DOCUMENT_BYTES,
  MAX_REPORT_CHARS,
  checkFolderFiles,
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
  writeBytes(path: string, data: Uint8Array): Promise<void>;
  /** Shows a directory dialog (creating folders allowed); the chosen folder or null. */
  showFolder(): Promise<string | null>;
  /** Creates a folder and its parents (no error when it exists). */
  makeDir(path: string): Promise<void>;
  /** Prints an HTML page on A4 (Electron's printToPDF in a hidden window); the PDF bytes. */
  printPdf(html: string): Promise<Uint8Array>;
  /** Connects the asking window to the lab host. */
  connectHost(senderId: number): void;
  /** Rebuilds the application menu in the UI's language. */
  setMenuLanguage(lang: 'en' | 'zh-CN'): void;
}

/** What a dialog is for: C sources, session reports (JSON), or report documents. */
export type FileKind = 'c' | 'report' | 'html' | 'zip' | 'pdf';

/** The document kind a report file name asks for, or null for any other name. */
export function documentKind(name: unknown): 'html' | 'zip' | 'pdf' | null {
  if (!isSessionFileName(name)) return null;
  const ext = /\.(html|zip|pdf)$/.exec(name)?.[1];
  return (ext as 'html' | 'zip' | 'pdf' | undefined) ?? null;
}

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
    // Report documents the renderer built: HTML text or a zip of Markdown and figures.
    [IPC_INVOKE.documentSave]: guard(async (_s, [name, data]) => {
      const kind = documentKind(name);
      if (kind === null || kind === 'pdf') throw new Error('ipc: bad report file name');
      const bytes = kind === 'html' && typeof data === 'string' ? new TextEncoder().encode(data) : kind === 'zip' && data instanceof Uint8Array ? data : null;
      if (bytes === null || bytes.length > MAX_DOCUMENT_BYTES) throw new Error('ipc: report data missing, of the wrong kind or too large');
      const path = await deps.showSave(name as string, kind);
      if (path === null) return null;
      await deps.writeBytes(path, bytes);
      return path;
    }),
    // The HTML report printed to PDF; the dialog comes first so a cancel prints nothing.
    [IPC_INVOKE.documentPdf]: guard(async (_s, [name, html]) => {
      if (documentKind(name) !== 'pdf') throw new Error('ipc: bad PDF file name');
      if (typeof html !== 'string' || html.length > MAX_DOCUMENT_BYTES) throw new Error('ipc: report HTML missing or too large');
      const path = await deps.showSave(name as string, 'pdf');
      if (path === null) return null;
      await deps.writeBytes(path, await deps.printPdf(html));
      return path;
    }),
    // A Markdown report as a folder: the renderer sends the files (checked names, one level of
    // subfolder, bounded), main writes them under the folder the student chose.
    [IPC_INVOKE.documentFolder]: guard(async (_s, [files]) => {
      const checked = checkFolderFiles(files);
      if (!checked.ok) throw new Error(`ipc: bad report folder: ${checked.error}`);
      const dir = await deps.showFolder();
      if (dir === null) return null;
      const made = new Set<string>();
      for (const f of checked.files) {
        const sub = f.path.includes('/') ? join(dir, f.path.slice(0, f.path.indexOf('/'))) : null;
        if (sub !== null && !made.has(sub)) {
          await deps.makeDir(sub);
          made.add(sub);
        }
        await deps.writeBytes(join(dir, f.path), f.data);
      }
      return dir;
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
