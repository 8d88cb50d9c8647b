// End to end in Chromium, issue 10's scenario in one go from a fresh page: run the cow lab test
// at full speed to its end (PASS cow); click its fork in the timeline (the app seeks there:
// frames shared COW with refcount 2); click the first COW copy (the two split frames); then the
// debugger's "step back one source line" returns to the moment before the write: no split, the
// old frame shared with refcount 2 again, and fewer instructions executed. Screenshot at
// 1280x720 in test-results/e2e/.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, SMALL_VIEWPORT, openPage, startWebEdition, type WebEdition, runState } from './harness';

let web: WebEdition;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  web = await startWebEdition();
  ({ page, errors } = await openPage(web, 'en-US', SMALL_VIEWPORT));
}, 180_000);

afterAll(async () => {
  await web?.stop();
});

const state = () => runState(page);
const frames = (attr: string) => page.locator(`[data-testid="frame-node"]${attr}`);
const insn = async () => Number((await page.getByTestId('insn').textContent())!.replace(/,/g, ''));
const syscallS = readFileSync(join(process.cwd(), 'resources/user/lib/syscall.S'), 'utf8').split('\n');
const retLine = syscallS.findIndex((l) => l.trim() === 'ret') + 1;
const refcountOf = (addr: string) => page.locator(`[data-testid="frame-node"][data-addr="${addr}"]`).getAttribute('data-refcount');

describe('time travel and the debugger together (issue 10)', () => {
  test('cow to the end, back to its fork, to its first COW copy, then one source line back to before the write', async () => {
    // 1. Full speed to the end.
    await page.getByTestId('example-cow').click();
    await page.getByTestId('tab-cow.c').waitFor();
    await page.getByTestId('run').click();
    await expect.poll(state, { timeout: 90_000 }).toBe('halted');
    await expect.poll(() => page.getByTestId('console-text').textContent(), { timeout: 30_000 }).toContain('PASS cow');
    const atEnd = await insn();

    // 2. cow's own fork (the first fork in the timeline is kinit starting cow, pid 1).
    await page.locator('.timeline li.ev-fork:not([data-pid="1"])').first().locator('button').click();
    await expect.poll(() => frames('[data-refcount="2"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await frames('[data-split="true"]').count()).toBe(0);
    const atFork = await insn();
    expect(atFork).toBeLessThan(atEnd);

    // 3. The first COW copy: the old frame and its copy, each now refcount 1.
    const copy = page.locator('.timeline li.ev-cow-copy').first();
    const oldFrame = (await copy.getAttribute('data-old-frame'))!;
    const newFrame = (await copy.getAttribute('data-frame'))!;
    const pid = await copy.getAttribute('data-pid');
    await copy.locator('button').click();
    const split = frames('[data-split="true"]');
    await expect.poll(() => split.count(), { timeout: 30_000 }).toBe(2);
    expect(await refcountOf(oldFrame)).toBe('1');
    expect(await refcountOf(newFrame)).toBe('1');
    const atCopy = await insn();
    expect(atCopy).toBeGreaterThan(atFork);

    // 4. One source line back: before the write, the old frame is shared COW again.
    await page.getByTestId('dbg-back').click();
    await expect.poll(insn, { timeout: 60_000 }).toBeLessThan(atCopy);
    await expect.poll(() => split.count(), { timeout: 30_000 }).toBe(0);
    expect(await refcountOf(oldFrame)).toBe('2');
    expect(await page.locator(`[data-testid="frame-node"][data-addr="${newFrame}"]`).count()).toBe(0);
    // The first copy is the parent storing fork's result on its stack, so one line back is
    // __syscall's `ret` with the system call returned: the very instant the fork entry seeks to.
    const atBack = await insn();
    expect(atBack).toBeGreaterThanOrEqual(atFork);
    expect(await page.getByTestId('dbg-where').textContent()).toContain(`Process ${pid} (user) at lib/syscall.S:${retLine}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'tt-debug-back-1280.png') });
    expect(errors).toEqual([]);
  }, 300_000);
});
