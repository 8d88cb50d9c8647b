// End-to-end test of MOS's user-level copy-on-write in the web edition (issue 9): open the
// fork tree (mos_forktree, whose fork() is MOS's user-level fork: exofork, duppage, and a COW
// handler in user space), run until the first copy made by the user handler, and check what
// the student sees in the graph: the two frames of the split drawn and highlighted, one owner
// each; then seek back to the handler's fault (the timeline entry just before the copy) and
// check that the page was still one frame shared copy-on-write by two processes.
// Its own file, like debugger.test.ts: it builds and serves its own web edition.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, SMALL_VIEWPORT, startWebEdition, type WebEdition, runState as shownRunState } from './harness';
import { openExample, shot } from './mos-flow';

let web: WebEdition;
let page: Page;
let errors: string[];
beforeAll(async () => {
  web = await startWebEdition();
  ({ page, errors } = await openPage(web, 'en-US', SMALL_VIEWPORT));
}, 180_000);
afterAll(async () => {
  await web?.stop();
});

const runState = () => shownRunState(page);
const frameNode = (addr: string) => page.locator(`[data-testid="frame-node"][data-addr="${addr}"]`);

describe('MOS user-level COW in the web edition', () => {
  test('the fork tree: the user handler copy splits a shared frame in two in the graph', async () => {
    await openExample(page, 'mos_forktree');
    await page.getByTestId('run').click();
    const copies = page.locator('.timeline .ev-user-cow-copy');
    // "Run until fault" stops at each page fault; the user handler's copy follows its fault.
    for (let i = 0; i < 40 && (await copies.count()) === 0; i++) {
      await page.getByTestId('until-fault').click();
      await expect.poll(runState, { timeout: 30_000 }).toMatch(/paused|halted/);
      if ((await runState()) === 'halted') break;
    }
    expect(await copies.count()).toBeGreaterThan(0);
    const copy = copies.first();
    await copy.locator('button').click(); // seek exactly to the copy
    await expect.poll(() => copy.getAttribute('data-when')).toBe('current');
    const pid = await copy.getAttribute('data-pid');
    const oldFrame = (await copy.getAttribute('data-old-frame')) ?? '';
    const newFrame = (await copy.getAttribute('data-frame')) ?? '';
    expect(oldFrame).toMatch(/^0x[0-9a-f]+$/);
    expect(newFrame).toMatch(/^0x[0-9a-f]+$/);
    expect(newFrame).not.toBe(oldFrame);

    // Both halves of the split are drawn and highlighted. At this instant the handler has just
    // mapped its copy over the faulting page and still has it at its scratch address too, so the
    // new frame has two mappings and the old one is left to the other process alone.
    const splitNodes = page.locator('[data-testid="frame-node"][data-split="true"]');
    await expect.poll(() => splitNodes.count()).toBe(2);
    const split = async () => Object.fromEntries(await Promise.all((await splitNodes.all()).map(async (n) => [await n.getAttribute('data-addr'), await n.getAttribute('data-refcount')])));
    expect(await split()).toEqual({ [oldFrame]: '1', [newFrame]: '2' });
    // The handler's next call unmaps the scratch address: one owner each, still highlighted.
    const unmap = copy.locator('xpath=following-sibling::li[1]');
    expect(await unmap.getAttribute('data-kind')).toBe('mem-unmap');
    expect(await unmap.getAttribute('data-pid')).toBe(pid);
    await unmap.locator('button').click();
    await expect.poll(() => unmap.getAttribute('data-when')).toBe('current');
    await expect.poll(split).toEqual({ [oldFrame]: '1', [newFrame]: '1' });
    await shot(page, 'mos-cow-split.png');

    // Just before: the handler's fault on the same page, the frame shared COW by two processes.
    const fault = page.locator(`.timeline .ev-user-fault[data-pid="${pid}"][data-frame="${oldFrame}"]`).last();
    expect(Number(await fault.getAttribute('data-insn'))).toBeLessThan(Number(await copy.getAttribute('data-insn')));
    await fault.locator('button').click();
    await expect.poll(() => fault.getAttribute('data-when')).toBe('current');
    await expect.poll(() => frameNode(oldFrame).getAttribute('data-refcount')).toBe('2');
    expect(await frameNode(newFrame).count()).toBe(0);
    // Clicking the entry selected the frame: the inspector lists its two mappings, one per process.
    await expect.poll(() => page.getByTestId('inspector-frame').textContent()).toMatch(/Reference count: 2.*copy-on-write/);
    expect(await page.getByTestId('inspector-frame').locator('tbody tr').count()).toBe(2);
    await shot(page, 'mos-cow-shared.png');
    expect(errors).toEqual([]);
  }, 120_000);
});
