import { describe, expect, test } from 'vitest';
import { IPC_INVOKE, MAX_REPORT_CHARS, type Workspace } from '../../src/common/app-api';
import { ipcHandlers, MAX_OPEN_BYTES, type IpcDeps } from '../../src/main/ipc-handlers';
import type { IpcSender } from '../../src/main/security';

const ws: Workspace = { version: 1, files: { 'a.c': 'x' }, open: ['a.c'], active: 'a.c', language: null, theme: null };
const app: IpcSender = { id: 1, frameUrl: 'app://forklab/index.html' };

function deps(over: Partial<IpcDeps> = {}) {
  const saved: Workspace[] = [];
  const written: [string, string][] = [];
  const connected: number[] = [];
  const languages: string[] = [];
  const bytes: [string, Uint8Array][] = [];
  const printed: string[] = [];
  const dirs: string[] = [];
  const d: IpcDeps = {
    store: { load: async () => ({ workspace: ws, error: null }), save: async (w) => void saved.push(w) },
    windowIds: () => new Set([1]),
    showOpen: async () => '/home/u/my prog.c',
    showSave: async (s) => `/home/u/${s}`,
    readText: async () => 'int main(){}',
    fileSize: async () => 12,
    writeText: async (p, t) => void written.push([p, t]),
    writeBytes: async (p, b) => void bytes.push([p, b]),
    showFolder: async () => '/home/u/lab5',
    makeDir: async (p) => void dirs.push(p),
    printPdf: async (html) => (printed.push(html), new TextEncoder().encode('%PDF-1.4 fake')),
    connectHost: (id) => void connected.push(id),
    setMenuLanguage: (lang) => void languages.push(lang),
    ...over,
  };
  return { handlers: ipcHandlers(d), saved, written, connected, languages, bytes, printed, dirs };
}

describe('main-process IPC handlers', () => {
  test('refuse every channel to a sender that is not the app window', async () => {
    const { handlers } = deps();
    for (const ch of Object.values(IPC_INVOKE)) {
      await expect(handlers[ch]!({ id: 2, frameUrl: 'app://forklab/index.html' }, [])).rejects.toThrow(/not a ForkLab window/);
      await expect(handlers[ch]!({ id: 1, frameUrl: 'https://evil.example/' }, [])).rejects.toThrow(/not a ForkLab window/);
    }
  });

  test('save a valid workspace and reject a malformed one without touching the store', async () => {
    const { handlers, saved } = deps();
    await handlers[IPC_INVOKE.workspaceSave]!(app, [ws]);
    await expect(handlers[IPC_INVOKE.workspaceSave]!(app, [{ ...ws, files: { 'a.c': 42 } }])).rejects.toThrow(/not text/);
    expect(saved).toEqual([ws]);
  });

  test('open a file, turning its name into a safe session file name', async () => {
    const { handlers } = deps();
    expect(await handlers[IPC_INVOKE.fileOpen]!(app, [])).toEqual({ name: 'my_prog.c', text: 'int main(){}' });
  });

  test('refuse to open a file larger than the limit', async () => {
    const { handlers } = deps({ fileSize: async () => MAX_OPEN_BYTES + 1 });
    await expect(handlers[IPC_INVOKE.fileOpen]!(app, [])).rejects.toThrow(/opens files up to/);
  });

  test('save text where the dialog says, and nothing when it is cancelled', async () => {
    const { handlers, written } = deps();
    expect(await handlers[IPC_INVOKE.fileSave]!(app, ['cow.c', 'text'])).toBe('/home/u/cow.c');
    const cancelled = deps({ showSave: async () => null });
    expect(await cancelled.handlers[IPC_INVOKE.fileSave]!(app, ['cow.c', 'text'])).toBeNull();
    expect(cancelled.written).toEqual([]);
    expect(written).toEqual([['/home/u/cow.c', 'text']]);
    await expect(handlers[IPC_INVOKE.fileSave]!(app, ['../../.bashrc', 'x'])).rejects.toThrow(/bad file name/);
  });

  test('open a session report through a JSON dialog, keeping its name, and refuse one past the size limit', async () => {
    const kinds: string[] = [];
    const { handlers } = deps({
      showOpen: async (kind) => (kinds.push(kind), '/home/u/forklab-session-42.json'),
      readText: async () => '{"format":"forklab-session"}',
    });
    expect(await handlers[IPC_INVOKE.reportOpen]!(app, [])).toEqual({ name: 'forklab-session-42.json', text: '{"format":"forklab-session"}' });
    expect(kinds).toEqual(['report']);
    const big = deps({ showOpen: async () => '/home/u/big.json', fileSize: async () => MAX_REPORT_CHARS + 1 });
    await expect(big.handlers[IPC_INVOKE.reportOpen]!(app, [])).rejects.toThrow(/session files up to/);
    const cancelled = deps({ showOpen: async () => null });
    expect(await cancelled.handlers[IPC_INVOKE.reportOpen]!(app, [])).toBeNull();
  });

  test('save a session report only under a plain .json name, through a JSON dialog', async () => {
    const kinds: string[] = [];
    const { handlers, written } = deps({ showSave: async (s, kind) => (kinds.push(kind), `/home/u/${s}`) });
    expect(await handlers[IPC_INVOKE.reportSave]!(app, ['forklab-session-7.json', '{}'])).toBe('/home/u/forklab-session-7.json');
    expect(kinds).toEqual(['report']);
    await expect(handlers[IPC_INVOKE.reportSave]!(app, ['../x.json', '{}'])).rejects.toThrow(/bad session file name/);
    await expect(handlers[IPC_INVOKE.reportSave]!(app, ['notes.c', '{}'])).rejects.toThrow(/bad session file name/);
    await expect(handlers[IPC_INVOKE.reportSave]!(app, ['s.json', 42])).rejects.toThrow(/missing or too large/);
    expect(written).toEqual([['/home/u/forklab-session-7.json', '{}']]);
  });

  test('connect the asking window to the lab host', async () => {
    const { handlers, connected } = deps();
    await handlers[IPC_INVOKE.hostConnect]!(app, []);
    expect(connected).toEqual([1]);
  });

  test('rebuild the menu in a known language and refuse anything else', async () => {
    const { handlers, languages } = deps();
    await handlers[IPC_INVOKE.setLanguage]!(app, ['zh-CN']);
    await expect(handlers[IPC_INVOKE.setLanguage]!(app, ['fr'])).rejects.toThrow(/unknown language/);
    expect(languages).toEqual(['zh-CN']);
  });

  test('save a report document as HTML text or zip bytes under a matching name', async () => {
    const kinds: string[] = [];
    const { handlers, bytes } = deps({ showSave: async (s, kind) => (kinds.push(kind), `/home/u/${s}`) });
    expect(await handlers[IPC_INVOKE.documentSave]!(app, ['forklab-report-cow.html', '<h1>书签</h1>'])).toBe('/home/u/forklab-report-cow.html');
    expect(await handlers[IPC_INVOKE.documentSave]!(app, ['forklab-report-cow.zip', new Uint8Array([0x50, 0x4b])])).toBe('/home/u/forklab-report-cow.zip');
    expect(kinds).toEqual(['html', 'zip']);
    expect(new TextDecoder().decode(bytes[0]![1])).toBe('<h1>书签</h1>');
    expect([...bytes[1]![1]]).toEqual([0x50, 0x4b]);
    await expect(handlers[IPC_INVOKE.documentSave]!(app, ['r.zip', '<html>'])).rejects.toThrow(/wrong kind/);
    await expect(handlers[IPC_INVOKE.documentSave]!(app, ['../r.html', 'x'])).rejects.toThrow(/bad report file name/);
    await expect(handlers[IPC_INVOKE.documentSave]!(app, ['r.exe', 'x'])).rejects.toThrow(/bad report file name/);
    await expect(handlers[IPC_INVOKE.documentSave]!(app, ['r.pdf', 'x'])).rejects.toThrow(/bad report file name/);
  });

  test('print a PDF only after the dialog, and nothing when it is cancelled', async () => {
    const { handlers, bytes, printed } = deps();
    expect(await handlers[IPC_INVOKE.documentPdf]!(app, ['forklab-report-cow.pdf', '<h1>r</h1>'])).toBe('/home/u/forklab-report-cow.pdf');
    expect(printed).toEqual(['<h1>r</h1>']);
    expect(new TextDecoder().decode(bytes[0]![1])).toBe('%PDF-1.4 fake');
    const cancelled = deps({ showSave: async () => null });
    expect(await cancelled.handlers[IPC_INVOKE.documentPdf]!(app, ['r.pdf', '<h1>r</h1>'])).toBeNull();
    expect(cancelled.printed).toEqual([]);
    await expect(handlers[IPC_INVOKE.documentPdf]!(app, ['r.html', '<h1>r</h1>'])).rejects.toThrow(/bad PDF file name/);
    await expect(handlers[IPC_INVOKE.documentPdf]!(app, ['r.pdf', 7])).rejects.toThrow(/missing or too large/);
  });

  test('write a Markdown report as a folder: the .md with its figures beside it, nothing outside', async () => {
    const { handlers, bytes, dirs } = deps();
    const b = (n: number) => new Uint8Array([n]);
    const files = [
      { path: 'cow.md', data: b(1) },
      { path: 'cow_files/figure-1.png', data: b(2) },
      { path: 'cow_files/session.json', data: b(3) },
    ];
    expect(await handlers[IPC_INVOKE.documentFolder]!(app, [files])).toBe('/home/u/lab5');
    expect(dirs).toEqual(['/home/u/lab5/cow_files']);
    expect(bytes.map(([p, d]) => [p, [...d]])).toEqual([
      ['/home/u/lab5/cow.md', [1]],
      ['/home/u/lab5/cow_files/figure-1.png', [2]],
      ['/home/u/lab5/cow_files/session.json', [3]],
    ]);
    const cancelled = deps({ showFolder: async () => null });
    expect(await cancelled.handlers[IPC_INVOKE.documentFolder]!(app, [files])).toBeNull();
    expect(cancelled.bytes).toEqual([]);
    for (const bad of ['../x.md', 'a/../../x', '/etc/passwd', 'a/b/c.png', '.hidden', 'a\\b', '']) {
      await expect(handlers[IPC_INVOKE.documentFolder]!(app, [[{ path: bad, data: b(0) }]])).rejects.toThrow(/bad report folder: bad file path/);
    }
    await expect(handlers[IPC_INVOKE.documentFolder]!(app, [[{ path: 'a.md', data: 'text' }]])).rejects.toThrow(/not bytes/);
    await expect(handlers[IPC_INVOKE.documentFolder]!(app, [[{ path: 'a.md', data: b(0) }, { path: 'a.md', data: b(1) }]])).rejects.toThrow(/listed twice/);
    await expect(handlers[IPC_INVOKE.documentFolder]!(app, [[]])).rejects.toThrow(/missing, empty or too long/);
    expect(bytes).toHaveLength(3);
  });
});
