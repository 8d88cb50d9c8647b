// The contract between the Electron main process and the renderer, seen through the preload.
// The preload exposes exactly one object of type `ForkLabApi` as `window.forklab`; every channel
// it may use is named here, and the main process validates every argument on arrival with the
// checks below, because a compromised renderer must not be able to make it do anything else.
// The lab host itself is not reached through this API: the renderer gets a MessagePort straight
// to it (see protocol.ts), delivered as a window message tagged HOST_PORT_MESSAGE.

/** The editor session kept between launches. */
export interface Workspace {
  readonly version: 1;
  /** Session files: name -> C text. */
  readonly files: Readonly<Record<string, string>>;
  /** Open tab order. */
  readonly open: readonly string[];
  readonly active: string | null;
  readonly language: 'en' | 'zh-CN' | null;
  readonly theme: 'light' | 'dark' | null;
}

export const WORKSPACE_VERSION = 1;

/** Result of loading the workspace: `error` says in words why a stored file was set aside. */
export interface WorkspaceLoad {
  readonly workspace: Workspace | null;
  readonly error: string | null;
}

/** A file chosen in an open dialog. */
export interface OpenedFile {
  readonly name: string;
  readonly text: string;
}

/** Application-menu commands forwarded to the renderer. */
export type MenuCommand =
  | 'open'
  | 'save'
  | 'export-session'
  | 'open-session'
  | 'build'
  | 'run'
  | 'pause'
  | 'step'
  | 'reset'
  | 'export-png'
  | 'export-svg'
  | 'export-report-md'
  | 'export-report-html'
  | 'export-report-pdf'
  | 'lang-en'
  | 'lang-zh-CN'
  | 'theme-light'
  | 'theme-dark';

export const MENU_COMMANDS: readonly MenuCommand[] = [
  'open', 'save', 'export-session', 'open-session', 'build', 'run', 'pause', 'step', 'reset', 'export-png', 'export-svg',
  'export-report-md', 'export-report-html', 'export-report-pdf', 'lang-en', 'lang-zh-CN', 'theme-light', 'theme-dark',
];

/** News about the lab host's process, shown in the window. */
export type HostNotice =
  | { readonly kind: 'started'; readonly generation: number }
  | { readonly kind: 'crashed'; readonly generation: number; readonly reason: string };

/** Invoke channels (renderer -> main, answered). */
export const IPC_INVOKE = {
  workspaceLoad: 'forklab:workspace-load',
  workspaceSave: 'forklab:workspace-save',
  fileOpen: 'forklab:file-open',
  fileSave: 'forklab:file-save',
  hostConnect: 'forklab:host-connect',
  setLanguage: 'forklab:set-language',
  reportOpen: 'forklab:report-open',
  reportSave: 'forklab:report-save',
  documentSave: 'forklab:document-save',
  documentPdf: 'forklab:document-pdf',
  documentFolder: 'forklab:document-folder',
} as const;

/** Event channels (main -> renderer). */
export const IPC_EVENT = {
  menu: 'forklab:menu',
  hostNotice: 'forklab:host-notice',
  hostPort: 'forklab:host-port',
} as const;

/** Tag of the window message the preload posts, carrying the host MessagePort in `ports[0]`. */
export const HOST_PORT_MESSAGE = 'forklab:host-port';

/** What `window.forklab` offers. Every method is safe to call with any argument: main checks. */
export interface ForkLabApi {
  readonly platform: string;
  loadWorkspace(): Promise<WorkspaceLoad>;
  saveWorkspace(ws: Workspace): Promise<void>;
  /** Opens a C file through a dialog; null when cancelled. */
  openFile(): Promise<OpenedFile | null>;
  /** Saves text through a dialog suggesting `name`; the path written, or null when cancelled. */
  saveFile(name: string, text: string): Promise<string | null>;
  /** Opens a session report (JSON) through a dialog; null when cancelled. */
  openReport(): Promise<OpenedFile | null>;
  /** Saves a session report through a dialog suggesting `name`; the path written, or null. */
  saveReport(name: string, text: string): Promise<string | null>;
  /** Saves a report document (HTML text or zip bytes) through a dialog suggesting `name`. */
  saveDocument(name: string, data: string | Uint8Array): Promise<string | null>;
  /**
   * Asks for a folder (a directory dialog), then writes a Markdown report's files into it
   * (`NAME.md`, `NAME_files/figure-N.png` ...); the folder written, or null when cancelled.
   */
  saveFolder(files: readonly FolderFile[]): Promise<string | null>;
  /** Asks where to save `name` (.pdf), then prints the HTML report there on A4 (printToPDF). */
  savePdf(name: string, html: string): Promise<string | null>;
  /** Tells main the UI language so the application menu follows it. */
  setLanguage(lang: 'en' | 'zh-CN'): void;
  /** Asks main for a port to the lab host; it arrives as a HOST_PORT_MESSAGE window message. */
  connectHost(): void;
  onMenu(listener: (cmd: MenuCommand) => void): () => void;
  onHostNotice(listener: (notice: HostNotice) => void): () => void;
}

/** One file of a report written as a folder: a relative path (one optional subfolder) and bytes. */
export interface FolderFile {
  readonly path: string;
  readonly data: Uint8Array;
}

/** Most files one report folder may hold (a .md, two figures per bookmark, the session). */
export const MAX_FOLDER_FILES = 512;

const FOLDER_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?$/;

/** Checks a report folder's file list: safe relative paths, bytes, bounded count and size. */
export function checkFolderFiles(files: unknown): { ok: true; files: FolderFile[] } | { ok: false; error: string } {
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FOLDER_FILES) return { ok: false, error: 'the file list is missing, empty or too long' };
  let total = 0;
  const seen = new Set<string>();
  for (const f of files as unknown[]) {
    const path = (f as { path?: unknown } | null)?.path;
    const data = (f as { data?: unknown } | null)?.data;
    if (typeof path !== 'string' || !FOLDER_PATH.test(path) || path.split('/').some((part) => part.includes('..'))) return { ok: false, error: `bad file path ${JSON.stringify(path)}` };
    if (!(data instanceof Uint8Array)) return { ok: false, error: `${path} is not bytes` };
    if (seen.has(path)) return { ok: false, error: `${path} is listed twice` };
    seen.add(path);
    total += data.length;
  }
  if (total > MAX_DOCUMENT_BYTES) return { ok: false, error: 'the files are too large' };
  return { ok: true, files: files as FolderFile[] };
}

/** Largest session the main process accepts (bytes of text in total). */
export const MAX_WORKSPACE_CHARS = 8 * 1024 * 1024;

/** Largest session report main reads or writes (characters); reports carry console and model. */
export const MAX_REPORT_CHARS = 64 * 1024 * 1024;

/** Largest report document main writes or prints (characters of HTML, bytes of zip). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/** True for a session file name: plain, no path separators, at most 64 characters. */
export function isSessionFileName(name: unknown): name is string {
  return typeof name === 'string' && FILE_NAME.test(name) && !name.includes('..');
}

/**
 * Checks a value claimed to be a Workspace; returns it or a sentence saying what is wrong.
 * Used both for IPC arguments and for the JSON file read at start-up.
 */
export function checkWorkspace(value: unknown): { ok: true; workspace: Workspace } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not an object' };
  const w = value as Record<string, unknown>;
  if (typeof w.version !== 'number') return { ok: false, error: 'missing version' };
  if (w.version > WORKSPACE_VERSION) return { ok: false, error: `version ${w.version} is newer than this ForkLab (${WORKSPACE_VERSION})` };
  if (w.version !== WORKSPACE_VERSION) return { ok: false, error: `unknown version ${w.version}` };
  if (typeof w.files !== 'object' || w.files === null || Array.isArray(w.files)) return { ok: false, error: 'files is not an object' };
  let total = 0;
  for (const [name, text] of Object.entries(w.files)) {
    if (!isSessionFileName(name)) return { ok: false, error: `bad file name ${JSON.stringify(name)}` };
    if (typeof text !== 'string') return { ok: false, error: `file ${name} is not text` };
    total += text.length;
  }
  if (total > MAX_WORKSPACE_CHARS) return { ok: false, error: `session is larger than ${MAX_WORKSPACE_CHARS} characters` };
  const files = w.files as Record<string, string>;
  if (!Array.isArray(w.open) || !w.open.every((n) => typeof n === 'string' && n in files)) {
    return { ok: false, error: 'open tabs name files that do not exist' };
  }
  if (w.active !== null && !(typeof w.active === 'string' && w.active in files)) return { ok: false, error: 'active tab is not a file' };
  if (w.language !== null && w.language !== 'en' && w.language !== 'zh-CN') return { ok: false, error: 'unknown language' };
  if (w.theme !== null && w.theme !== 'light' && w.theme !== 'dark') return { ok: false, error: 'unknown theme' };
  return {
    ok: true,
    workspace: {
      version: 1,
      files: { ...files },
      open: [...(w.open as string[])],
      active: w.active as string | null,
      language: w.language as Workspace['language'],
      theme: w.theme as Workspace['theme'],
    },
  };
}
