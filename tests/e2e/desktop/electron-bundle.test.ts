// The desktop app as electron-vite builds it, checked without an Electron binary (the project's
// machines cannot download one): the built main bundle, host entry and preload are loaded under
// Node with `electron` replaced by a recording fake (fake-electron.mjs), and drive-main.mjs plays
// Electron's and the renderer's parts. What is checked is what the real app relies on: a
// sandboxed, context-isolated window on app://, a CSP on every page the protocol serves and no
// way out of the renderer folder, IPC answered only for ForkLab's own windows, a utility process
// forked from the built host entry with the resources folder, one port each way, the host entry
// running a C program end to end, and a preload that exposes exactly `window.forklab`.
// The report exports are driven through the built main process too, with a real report of the
// cow test (Chinese, bookmarks at its fork and after its first COW copy) built here: the Markdown
// folder written after a directory dialog, and the PDF, where the fake's printToPDF is real
// headless Chromium loading what main loaded into its print window; the files main wrote are
// checked with pdftoppm, pdftotext and pdffonts. The Electron binary itself never runs here.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPrinter } from '../../../src/cli/chromium';
import { compileSessionPrograms } from '../../../src/lab/build';
import { createReport, parseReport } from '../../../src/lab/report';
import { markdownBundle } from '../../../src/lab/report-bundle';
import { reportContent, sessionFromHtml, toHtml } from '../../../src/lab/report-doc';
import { findEventInstants, replayMoments } from '../../../src/lab/report-replay';
import { cowSource, resources } from '../../lab/host-harness';
import { countPixels, readPng, readPpm } from '../../support/png';
import { tool } from '../../tools';
import { chromiumPath } from '../harness';

const root = join(__dirname, '../../..');
let out: string;
let seen: Record<string, any>;
let reportIn: string;
let reportOut: string;
let html: string;

/** The cow test's report in Chinese, as the renderer builds it: HTML, and the Markdown bundle. */
async function buildReportInput(dir: string): Promise<void> {
  const built = compileSessionPrograms(resources.userFiles, { 'cow.c': cowSource });
  if (!built.ok) throw new Error('cow.c did not compile');
  const options = { kernel: resources.kernel, apps: built.apps, bootargs: 'apps=cow' };
  const found = findEventInstants(options, [{ kind: 'fork', n: 2 }, { kind: 'cow-copy', n: 1 }], 4e9);
  if (!found.ok) throw new Error(found.error);
  const [atFork, atCopy] = found.instants as [number, number];
  const replayed = replayMoments(options, [atFork, atCopy]);
  if (!replayed.ok) throw new Error(replayed.error);
  const last = replayed.moments[1]!;
  const report = createReport({
    title: 'cow', sources: { 'cow.c': cowSource }, bootargs: 'apps=cow', insn: atCopy, console: last.console,
    timeline: found.timeline.filter((e) => e.insn <= atCopy), model: last.model,
    bookmarks: [{ insn: atFork, caption: 'right after fork' }, { insn: atCopy, caption: 'after the first COW copy' }],
  });
  const content = reportContent(report, replayed.moments, 'zh-CN');
  html = toHtml(content);
  writeFileSync(join(dir, 'report.html'), html);
  const printer = await startPrinter();
  try {
    const pngs = [];
    for (const s of content.sections) pngs.push(await printer.png(s.figure.svg, s.figure.width, s.figure.height));
    for (const f of markdownBundle(content, pngs, 'forklab-report-cow')) {
      mkdirSync(dirname(join(dir, 'bundle', f.path)), { recursive: true });
      writeFileSync(join(dir, 'bundle', f.path), f.data);
    }
  } finally {
    await printer.close();
  }
}

beforeAll(async () => {
  // Inside the checkout, so the bundles' bare imports (zod, ...) resolve to its node_modules.
  mkdirSync(join(root, 'test-results'), { recursive: true });
  out = mkdtempSync(join(root, 'test-results', 'electron-out-'));
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--outDir', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  reportIn = join(out, 'report-input');
  reportOut = join(out, 'report-output');
  mkdirSync(join(reportOut, 'md'), { recursive: true }); // the folder the directory dialog picks
  mkdirSync(reportIn, { recursive: true });
  await buildReportInput(reportIn);
  const drive = spawnSync(
    process.execPath,
    [join(__dirname, 'drive-main.mjs'), out, join(root, 'resources'), join(root, 'resources/user/examples/hello.c'), reportIn, reportOut],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, FAKE_ELECTRON_APP_PATH: root, FAKE_ELECTRON_USER_DATA: out, FORKLAB_CHROMIUM_PATH: chromiumPath() },
    },
  );
  if (drive.status !== 0) throw new Error(`the built app failed under the fake Electron:\n${drive.stderr}`);
  seen = JSON.parse(drive.stdout);
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the built desktop app', () => {
  test('opens one sandboxed, context-isolated window on app://forklab with its preload', () => {
    expect(seen.loaded).toEqual(['app://forklab/index.html']);
    expect(seen.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(seen.webPreferences.preload).toBe(join(out, 'preload/index.cjs'));
    expect(seen.preloadExists).toBe(true);
    expect(seen.schemes).toEqual(['app']);
    expect(seen.menus).toBe(1);
    expect(seen.permissionGranted).toBe(false);
  });

  test('serves the renderer over app:// with a CSP that forbids eval, and nothing outside it', () => {
    expect(seen.index.status).toBe(200);
    expect(seen.index.body).toContain('<div id="root"></div>');
    expect(seen.index.csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(seen.index.csp).not.toContain("'unsafe-eval'"); // JS eval; wasm compiles (the emulator's blocks)
    expect(seen.escapeStatus).toBe(404);
  });

  test('answers IPC only for its own window, then forks the built host entry with one port each way', () => {
    expect(seen.strangerError).toBe('ipc: sender is not a ForkLab window');
    expect(seen.strangerForks).toBe(0);
    expect(seen.fork).toEqual({ path: join(out, 'main/host-entry.js'), args: [join(root, 'resources')] });
    expect(seen.portToHost).toEqual([{ message: { type: 'port' }, ports: ['port1'] }]);
    expect(seen.portToRenderer).toEqual([['port2']]);
  });

  test('the built host entry runs a C program on the lab kernel through its port', () => {
    expect(seen.hostErrors).toEqual([]);
    expect(seen.console).toMatch(/^hello from pid 2 \(parent 1\)$/m);
    expect(seen.console).toContain('kinit: shutdown');
  });

  test('the preload exposes exactly window.forklab, over the allow-listed channels', () => {
    expect(seen.preload.exposed).toEqual(['forklab']);
    expect(seen.preload.apiKeys).toEqual([
      'connectHost', 'loadWorkspace', 'onHostNotice', 'onMenu', 'openFile', 'openReport',
      'platform', 'saveDocument', 'saveFile', 'saveFolder', 'savePdf', 'saveReport', 'saveWorkspace', 'setLanguage',
    ]);
    expect(seen.preload.listening).toEqual(['forklab:host-port']);
    expect(seen.preload.invoked).toEqual(['forklab:workspace-save', 'forklab:host-connect']);
  });

  test('exports a PDF report: the built main process prints it in a hidden, script-less window, and a real PDF lands where the dialog said', () => {
    const r = seen.report;
    const pdf = join(reportOut, 'forklab-report-cow.pdf');
    expect(r.pdfPath).toBe(pdf);
    expect(r.printWindow).toMatchObject({ show: false, webPreferences: { sandbox: true, javascript: false, nodeIntegration: false }, destroyed: true });
    // Loaded from a private temporary file (removed after printing), not a data: URL.
    expect(r.printWindow.url).toHaveLength(1);
    expect(r.printWindow.url[0]).toMatch(/^file:\/\/\/.*\/forklab-print-[^/]+\/report\.html$/);
    expect(r.stagedGone).toBe(true);
    expect(r.dialogs.slice(0, 2)).toEqual([
      { kind: 'save', properties: null, defaultPath: 'forklab-report-cow.pdf' },
      { kind: 'save', properties: null, defaultPath: 'big.pdf' },
    ]);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const pages = join(out, 'pdf-pages');
    mkdirSync(pages);
    execFileSync(tool('pdftoppm'), ['-r', '40', pdf, join(pages, 'page')]);
    const rendered = readdirSync(pages).map((f) => readPpm(readFileSync(join(pages, f))));
    expect(rendered.length).toBeGreaterThanOrEqual(3);
    // Each bookmark's figure: pages showing the COW frame fill (#fff1d6).
    const cowFill = (red: number, g: number, b: number) => red > 245 && Math.abs(g - 241) < 8 && Math.abs(b - 214) < 10;
    expect(rendered.filter((p) => countPixels(p, cowFill) > 200).length).toBeGreaterThanOrEqual(2);
    const text = execFileSync(tool('pdftotext'), [pdf, '-'], { encoding: 'utf8' });
    for (const s of ['书签 1', '书签 2', '虚拟内存区域', '源代码', 'right after fork']) expect(text).toContain(s);
    expect(execFileSync(tool('pdffonts'), [pdf], { encoding: 'utf8' })).toMatch(/WenQuanYi|Noto ?Sans ?CJK|NotoSansCJK/);
    // A page over the 2 MB a data: URL may hold prints too, to the same pages.
    expect(r.bigPdf).toBe(join(reportOut, 'big.pdf'));
    expect(execFileSync(tool('pdftotext'), [r.bigPdf, '-'], { encoding: 'utf8' })).toBe(text);
  });

  test('exports Markdown as a folder: report.md with its PNG figures beside it, after a directory dialog', () => {
    const r = seen.report;
    const dir = join(reportOut, 'md');
    expect(r.folder).toBe(dir);
    expect(r.cancelled).toBeNull();
    expect(r.dialogs.slice(2)).toEqual([
      { kind: 'open', properties: ['openDirectory', 'createDirectory'], defaultPath: null },
      { kind: 'open', properties: ['openDirectory', 'createDirectory'], defaultPath: null },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['forklab-report-cow.md', 'forklab-report-cow_files']);
    expect(readdirSync(join(dir, 'forklab-report-cow_files')).sort()).toEqual(['figure-1.png', 'figure-1.svg', 'figure-2.png', 'figure-2.svg', 'session.json']);
    const md = readFileSync(join(dir, 'forklab-report-cow.md'), 'utf8');
    expect(md).toContain('## 书签 1: right after fork');
    for (const n of [1, 2]) {
      expect(md).toContain(`](forklab-report-cow_files/figure-${n}.png)`);
      const png = readPng(readFileSync(join(dir, 'forklab-report-cow_files', `figure-${n}.png`)));
      expect(countPixels(png, (red, g, b) => red > 245 && Math.abs(g - 241) < 8 && Math.abs(b - 214) < 10)).toBeGreaterThan(500);
    }
    const session = parseReport(readFileSync(join(dir, 'forklab-report-cow_files', 'session.json'), 'utf8'));
    expect(session.ok).toBe(true);
    expect(session).toEqual(parseReport(sessionFromHtml(html) ?? ''));
  });
});
