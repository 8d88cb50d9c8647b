// Loads the built desktop app (out/main/index.js, out/main/host-entry.js, out/preload/index.cjs)
// under plain Node with `electron` replaced by fake-electron.mjs, plays the part of Electron and
// of the renderer, and prints one JSON object with what it saw. Used by electron-bundle.test.ts.
// argv: OUT_DIR RESOURCES_DIR HELLO_C [REPORT_INPUT REPORT_OUTPUT]
// With a report input (report.html and a Markdown bundle under bundle/, built by the test), the
// main process's report exports are driven too: the Markdown folder written after a directory
// dialog, and the PDF printed through webContents.printToPDF, which here is real headless
// Chromium ($FORKLAB_CHROMIUM_PATH) loading the URL main loaded into its print window.
import { register } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';

const [outDir, resourcesDir, helloPath, reportInput, reportOutput] = process.argv.slice(2);
register('./resolve-electron.mjs', import.meta.url);
const result = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function poll(what, pred, ms = 30_000) {
  for (let t = 0; t < ms; t += 20) {
    const v = pred();
    if (v) return v;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// --- main process ---
await import(pathToFileURL(join(outDir, 'main/index.js')).href);
const rec = globalThis.__fakeElectron;
const win = await poll('the main window', () => rec.windows[0]);
result.webPreferences = win.options.webPreferences;
result.preloadExists = existsSync(win.options.webPreferences.preload);
result.loaded = win.loaded;
result.schemes = rec.privilegedSchemes.map((s) => s.scheme);
result.menus = rec.menus;
result.permissionGranted = await new Promise((r) => rec.permissionHandler(null, 'media', r));

const serve = rec.protocolHandlers.get('app');
const page = await serve(new Request('app://forklab/index.html'));
result.index = { status: page.status, csp: page.headers.get('content-security-policy'), body: (await page.text()).slice(0, 4000) };
const escape = await serve(new Request('app://forklab/..%2f..%2fpackage.json'));
result.escapeStatus = escape.status;

const connect = rec.ipcHandlers.get('forklab:host-connect');
const frameUrl = win.loaded[0];
let strangerError = null;
try {
  await connect({ sender: { id: 999 }, senderFrame: { url: frameUrl } });
} catch (err) {
  strangerError = String(err.message ?? err);
}
result.strangerForks = rec.forks.length;
result.strangerError = strangerError;
await connect({ sender: { id: win.webContents.id }, senderFrame: { url: frameUrl } });
const fork = await poll('the utility process', () => rec.forks[0]);
result.fork = { path: fork.path, args: fork.args };
result.portToHost = fork.child.messages.map((m) => ({ message: m.message, ports: (m.transfer ?? []).map((p) => p.name) }));
result.portToRenderer = rec.sentToRenderer.filter((m) => m.channel === 'forklab:host-port').map((m) => (m.ports ?? []).map((p) => p.name));

// --- the utility process: the built host entry, with Electron's parentPort played here ---
const parentPort = new EventEmitter();
process.parentPort = parentPort;
process.argv[2] = fork.args[0];
await import(pathToFileURL(fork.path).href);
const fromHost = [];
const port = new EventEmitter();
port.postMessage = (ev) => fromHost.push(ev);
port.start = () => {};
parentPort.emit('message', { data: { type: 'port' }, ports: [port] });
const files = { 'hello.c': readFileSync(helloPath, 'utf8') };
port.emit('message', { data: { type: 'run', id: 1, files, apps: 'hello' } });
const consoleText = () => fromHost.filter((e) => e.type === 'console').map((e) => e.data).join('');
let acked = 0;
await poll('the kernel to shut down after the program', () => {
  const text = consoleText();
  if (text.length > acked) {
    acked = text.length;
    port.emit('message', { data: { type: 'console-ack', chars: acked } });
  }
  return /kinit: shutdown/.test(text) || fromHost.find((e) => e.type === 'error');
}, 120_000);
result.hostErrors = fromHost.filter((e) => e.type === 'error').map((e) => e.message);
result.console = consoleText();

// --- the preload, as the sandbox loads it: CommonJS with `electron` provided ---
const exposed = [];
const invoked = [];
const listening = [];
const fakeElectron = {
  contextBridge: { exposeInMainWorld: (name, api) => exposed.push({ name, api }) },
  ipcRenderer: {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return Promise.resolve(null);
    },
    on: (channel) => listening.push(channel),
    off: () => {},
  },
};
const preloadCode = readFileSync(join(outDir, 'preload/index.cjs'), 'utf8');
const preloadModule = { exports: {} };
const windowStub = { postMessage() {}, location: { origin: 'app://forklab' } };
new Function('require', 'module', 'exports', 'window', 'process', preloadCode)(
  (name) => {
    if (name === 'electron') return fakeElectron;
    throw new Error(`the sandboxed preload may only require electron, not ${name}`);
  },
  preloadModule,
  preloadModule.exports,
  windowStub,
  { platform: 'linux' },
);
result.preload = {
  exposed: exposed.map((e) => e.name),
  apiKeys: exposed.length ? Object.keys(exposed[0].api).sort() : [],
  listening,
};
await exposed[0].api.saveWorkspace({ files: {} });
exposed[0].api.connectHost();
result.preload.invoked = invoked.map((i) => i.channel);

// --- report exports through the main process ---
if (reportInput) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.FORKLAB_CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  rec.printToPDF = async (url, options) => {
    // As main's print window: JavaScript off, the page main loaded, printed with its options.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: options.pageSize, printBackground: options.printBackground, preferCSSPageSize: options.preferCSSPageSize });
    await context.close();
    return new Uint8Array(pdf);
  };
  const event = { sender: { id: win.webContents.id }, senderFrame: { url: frameUrl } };
  const windowsBefore = rec.windows.length;
  rec.dialogAnswers.push({ canceled: false, filePath: join(reportOutput, 'forklab-report-cow.pdf') });
  const html = readFileSync(join(reportInput, 'report.html'), 'utf8');
  const pdfPath = await rec.ipcHandlers.get('forklab:document-pdf')(event, 'forklab-report-cow.pdf', html);
  const printWindow = rec.windows[windowsBefore];
  const stagedGone = !existsSync(new URL(printWindow.loaded[0]));
  // A report larger than the 2 MB Chromium allows a data: URL (a long session embedded).
  rec.dialogAnswers.push({ canceled: false, filePath: join(reportOutput, 'big.pdf') });
  const big = html.replace('</body>', `<div hidden>${'x'.repeat(3 * 1024 * 1024)}</div></body>`);
  const bigPdf = await rec.ipcHandlers.get('forklab:document-pdf')(event, 'big.pdf', big);
  const bundleDir = join(reportInput, 'bundle');
  const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const files = walk(bundleDir).map((f) => ({ path: relative(bundleDir, f), data: new Uint8Array(readFileSync(f)) }));
  rec.dialogAnswers.push({ canceled: false, filePaths: [join(reportOutput, 'md')] });
  const folder = await rec.ipcHandlers.get('forklab:document-folder')(event, files);
  // A cancelled directory dialog writes nothing.
  const cancelled = await rec.ipcHandlers.get('forklab:document-folder')(event, files);
  await browser.close();
  result.report = {
    pdfPath,
    stagedGone,
    bigPdf,
    folder,
    cancelled,
    printWindow: printWindow && { show: printWindow.options.show, webPreferences: printWindow.options.webPreferences, url: printWindow.loaded, destroyed: printWindow.destroyed },
    dialogs: rec.dialogs.map((d) => ({ kind: d.kind, properties: d.options.properties ?? null, defaultPath: d.options.defaultPath ?? null })),
  };
}

process.stdout.write(JSON.stringify(result));
process.exit(0);
