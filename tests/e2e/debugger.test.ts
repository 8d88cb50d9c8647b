// End to end in Chromium: the source-level debugger on the cow lab test. A breakpoint set in
// the editor gutter stops the run on the child's `global = 2;` with the line highlighted, the
// call stack and the registers shown; a step over moves to the next line with the changed
// registers marked; the memory view reads the child's page of `global`; a kernel breakpoint in
// do_page_fault (mm/fault.c, shown read-only) stops in the kernel with the stack through the
// trap. Screenshots at 1280x720 in English and Chinese go to test-results/e2e/.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, SMALL_VIEWPORT, openPage, startWebEdition, type WebEdition, clickGutter } from './harness';

let web: WebEdition;
let page: Page;
let errors: string[] = [];
const cow = readFileSync(join(process.cwd(), 'resources/user/tests/cow.c'), 'utf8').split('\n');
const lineOf = (text: string) => cow.findIndex((l) => l.includes(text)) + 1;

beforeAll(async () => {
  web = await startWebEdition();
  ({ page, errors } = await openPage(web, 'en-US', SMALL_VIEWPORT));
}, 180_000);

afterAll(async () => {
  await web?.stop();
});

const where = () => page.getByTestId('dbg-where').textContent();

describe('the debugger on cow', () => {
  test('a gutter breakpoint stops the child on `global = 2;`, highlighted, with stack and registers', async () => {
    await page.getByTestId('example-cow').click();
    await page.getByTestId('tab-cow.c').waitFor();
    const line = lineOf('global = 2;');
    await clickGutter(page, line);
    await expect.poll(() => page.locator('.dbg-bp').count()).toBe(1);
    await page.getByTestId('run').click();
    await expect.poll(where, { timeout: 60_000 }).toContain(`cow.c:${line}`);
    await expect.poll(() => page.locator('.dbg-current-line').count()).toBe(1);
    const stack = await page.getByTestId('dbg-stack').locator('.fn').allTextContents();
    expect(stack.slice(0, 2)).toEqual(['child', 'main']);
    await page.screenshot({ path: join(SCREENSHOTS, 'debugger-1-breakpoint.png') });

    await page.getByTestId('dbg-over').click();
    await expect.poll(where, { timeout: 30_000 }).toContain(`cow.c:${line + 1}`);
    await page.getByTestId('dbg-tab-registers').click();
    expect(await page.locator('.dbg-registers .reg.changed[data-reg="pc"]').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'debugger-2-registers.png') });
  }, 120_000);

  test('the memory view shows the child\'s pages and marks unmapped ones', async () => {
    await page.getByTestId('dbg-tab-memory').click();
    await page.getByTestId('dbg-mem-addr').fill('0x0');
    await page.getByTestId('dbg-memory').getByRole('button').click();
    await expect.poll(() => page.getByTestId('dbg-unmapped').count()).toBeGreaterThan(0);
    await page.getByTestId('dbg-mem-addr').fill('0x10000');
    await page.getByTestId('dbg-memory').getByRole('button').click();
    // The text page of cow starts with its ELF code: mapped, readable and executable by the user.
    await expect.poll(() => page.locator('.dbg-page .head').first().textContent()).toMatch(/page 0x10000 → frame 0x[0-9a-f]+ \(r-xu\)/);
    await page.screenshot({ path: join(SCREENSHOTS, 'debugger-3-memory.png') });
  }, 60_000);

  test('a kernel breakpoint in do_page_fault stops in the kernel source, read-only', async () => {
    await page.getByTestId('dbg-tab-breakpoints').click();
    await page.getByTestId('dbg-breakpoints').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Kernel sources').click();
    await page.getByRole('button', { name: 'mm/fault.c' }).click();
    const fault = readFileSync(join(process.cwd(), 'resources/kernel/mm/fault.c'), 'utf8').split('\n');
    await clickGutter(page, fault.findIndex((l) => l.startsWith('void do_page_fault(')) + 1);
    await page.getByTestId('dbg-continue').click();
    await expect.poll(where, { timeout: 60_000 }).toContain('kernel/mm/fault.c');
    await page.getByTestId('dbg-tab-stack').click();
    const stack = await page.getByTestId('dbg-stack').locator('.fn').allTextContents();
    expect(stack[0]).toBe('do_page_fault');
    expect(await page.locator('.dbg-trap').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'debugger-4-kernel.png') });
  }, 120_000);

  test('speaks Chinese', async () => {
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('dbg-over').textContent()).toContain('单步跳过');
    await page.screenshot({ path: join(SCREENSHOTS, 'debugger-5-zh-CN.png') });
    expect(errors).toEqual([]);
  }, 30_000);
});
