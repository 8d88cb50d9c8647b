// The MOS part of the web edition's end-to-end story (issue 9), called from web.test.ts so the
// web edition is built and served once: open the IPC ping-pong, run to the first IPC and see
// the edge and the receiver still in ipc_recv; open the LIBRARY test and run until one frame is
// shared by three processes. Screenshots at 1280x720 in English and Chinese.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, runState } from './harness';

/** Clicks "Run to IPC" until `done()` holds, waiting for the machine to stop each time. */
export async function runToIpcUntil(page: Page, done: () => Promise<boolean>, tries = 40): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return;
    await page.getByTestId('until-ipc').click();
    await expect.poll(() => runState(page), { timeout: 30_000 }).toMatch(/paused|halted/);
    if ((await runState(page)) === 'halted') break;
  }
  expect(await done()).toBe(true);
}

export async function openExample(page: Page, name: string): Promise<void> {
  await page.getByTestId(`example-${name}`).click();
  await page.getByTestId(`tab-${name}.c`).waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // the graph's fit animation
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}

export async function setLanguage(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language').selectOption(lang);
  await expect.poll(() => page.getByTestId('run').textContent()).toContain(lang === 'en' ? 'Run' : '运行');
}
