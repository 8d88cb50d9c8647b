// The window's security policy in one place: the custom protocol the renderer is served from,
// the Content-Security-Policy, the webPreferences every window gets, which URLs a window may
// show, and which IPC senders main listens to. Pure functions, so the policy is unit-tested
// without Electron.

import { normalize, relative, resolve, sep } from 'node:path';

/** The renderer is served from app://forklab/ (registered as standard and secure). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'forklab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * No remote anything: scripts and workers only from the app itself (Monaco and the lab host run
 * in blob-free module workers), styles inline because Monaco and React Flow set style
 * attributes, images from data:/blob: for the PNG/SVG export. 'wasm-unsafe-eval' lets the
 * emulator compile its WebAssembly blocks (src/emulator/wasm); it allows no JS eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** webPreferences for the one window (plus the preload path). */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
  } as const;
}

/** True when a window may show `url`: only the app's own pages. Everything else is blocked. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an app:// request to a file under `root`, or null when it is not ours or would escape
 * `root` (`..`, encoded separators, absolute paths). `/` serves index.html.
 */
export function resolveAppRequest(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, normalize(`.${path}`));
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) return null;
  return file;
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  elf: 'application/octet-stream',
};

export function mimeType(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/** What main knows about an IPC message's origin. */
export interface IpcSender {
  /** webContents id of the sender. */
  readonly id: number;
  /** URL of the sending frame; null when the frame is gone. */
  readonly frameUrl: string | null;
}

/** Main listens only to the window it created, and only while it shows the app's own page. */
export function isTrustedSender(sender: IpcSender, windowIds: ReadonlySet<number>): boolean {
  return windowIds.has(sender.id) && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}
