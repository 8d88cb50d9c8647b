// The web edition's shell, without running a program: it loads with no page errors, follows
// the system language and switches language, lists the gallery, opens an example in the
// editor, and toggles the theme.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { openPage, SCREENSHOTS, startWebEdition, type WebEdition } from './harness';

let web: WebEdition;
beforeAll(async () => {
  web = await startWebEdition();
}, 180_000);
afterAll(async () => {
  await web?.stop();
});

describe('web edition shell', () => {
  test('loads without page errors and lists every example program from resources/user', async () => {
    const { page, errors } = await openPage(web);
    const entries = await page.locator('[data-testid^="example-"]').all();
    const names = await Promise.all(entries.map((e) => e.getAttribute('data-testid')));
    expect(names).toContain('example-hello');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('follows a Chinese system language and switches to English and back', async () => {
    const { page } = await openPage(web, 'zh-CN');
    await expect.poll(() => page.getByTestId('run').textContent()).toContain('运行');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('run').textContent()).toContain('Run');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.locator('.inspector-pane .pane-title').textContent()).toBe('检查器');
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-zh-CN.png') });
    await page.close();
  });

  test('opens an example from the gallery into an editor tab with its source', async () => {
    const { page } = await openPage(web);
    await page.getByTestId('example-hello').click();
    await page.getByTestId('tab-hello.c').waitFor();
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent()).toContain('main');
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-editor.png') });
    await page.close();
  });

  test('switches to the dark theme', async () => {
    const { page } = await openPage(web);
    const before = await page.locator('html').getAttribute('data-theme');
    await page.getByTestId('theme').click();
    const after = await page.locator('html').getAttribute('data-theme');
    expect(after).not.toBe(before);
    expect(['light', 'dark']).toContain(after);
    await page.close();
  });
});
