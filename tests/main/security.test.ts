import { describe, expect, test } from 'vitest';
import { join, resolve } from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isTrustedSender,
  mimeType,
  resolveAppRequest,
  secureWebPreferences,
} from '../../src/main/security';

const root = resolve('/opt/forklab/renderer');

describe('app protocol', () => {
  test('serves index.html for the bare origin and files under the renderer folder', () => {
    expect(resolveAppRequest(root, 'app://forklab/')).toBe(join(root, 'index.html'));
    expect(resolveAppRequest(root, 'app://forklab/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'));
  });

  test('refuses paths that climb out of the renderer folder, plainly or encoded', () => {
    // The URL parser already folds a literal `..` at the root, so it stays inside the folder.
    expect(resolveAppRequest(root, 'app://forklab/../main/index.js')).toBe(join(root, 'main/index.js'));
    expect(resolveAppRequest(root, 'app://forklab/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveAppRequest(root, 'app://forklab/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppRequest(root, 'app://forklab/a%5c..%5c..%5csecret')).toBeNull();
    expect(resolveAppRequest(root, 'app://forklab/x%00.js')).toBeNull();
  });

  test('never answers with a file outside the renderer folder', () => {
    const hostile = ['/..', '/../..', '/%2e%2e%2f', '/a/..%2F..%2F..%2F', '/%2E%2E/%2E%2E/x', '//etc/passwd', '/.%2e/.%2e/x'];
    for (const p of hostile) {
      const file = resolveAppRequest(root, `app://forklab${p}`);
      if (file !== null) expect(file.startsWith(root + '/')).toBe(true);
    }
  });

  test('refuses other schemes and hosts', () => {
    expect(resolveAppRequest(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppRequest(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppRequest(root, 'not a url')).toBeNull();
  });

  test('gives scripts a JavaScript MIME type so module scripts load', () => {
    expect(mimeType('/x/index-abc.js')).toMatch(/^text\/javascript/);
    expect(mimeType('/x/codicon.ttf')).toBe('font/ttf');
    expect(mimeType('/x/kernel.elf')).toBe('application/octet-stream');
  });
});

describe('window policy', () => {
  test('turns on context isolation and the sandbox and keeps Node out of the page', () => {
    const p = secureWebPreferences('/p/preload.cjs');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true });
  });

  test('allows navigation only to the app origin', () => {
    expect(isAppUrl('app://forklab/index.html')).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///tmp/x.html')).toBe(false);
    expect(isAppUrl('app://forklab.evil/')).toBe(false);
  });

  test('has a CSP that allows no remote scripts, no eval and no plugins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'"); // JS eval; wasm compiles (the emulator's blocks)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('IPC sender check', () => {
  const ids = new Set([7]);
  test('trusts only the window main created, showing the app page', () => {
    expect(isTrustedSender({ id: 7, frameUrl: 'app://forklab/index.html' }, ids)).toBe(true);
    expect(isTrustedSender({ id: 8, frameUrl: 'app://forklab/index.html' }, ids)).toBe(false);
    expect(isTrustedSender({ id: 7, frameUrl: 'https://example.com/' }, ids)).toBe(false);
    expect(isTrustedSender({ id: 7, frameUrl: null }, ids)).toBe(false);
  });
});
