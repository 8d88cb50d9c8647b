// The lab's story end to end in the web edition, on the real kernel and toolchain: open the
// cow lab test, run it slowly, stop at its fork and see parent and child share frames, stop
// at the first copy-on-write fault and see a frame split in two, let it finish and read
// `PASS cow` in the console; then a compile error as an editor marker, the Chinese UI, and
// the graph exported as PNG and SVG.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, SCREENSHOTS, startWebEdition, type WebEdition } from './harness';

let web: WebEdition;
let page: Page;
let errors: string[];

beforeAll(async () => {
  web = await startWebEdition();
  ({ page, errors } = await openPage(web, 'en-US'));
}, 180_000);
afterAll(async () => {
  await web?.stop();
});

async function runState(): Promise<string | null> {
  return page.getByTestId('run-state').getAttribute('data-state');
}

/** Clicks a run-until button until `done()` holds, waiting for the machine to stop each time. */
async function runUntil(button: 'until-fork' | 'until-fault', done: () => Promise<boolean>, tries = 40): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return;
    await page.getByTestId(button).click();
    await expect.poll(runState, { timeout: 30_000 }).toMatch(/paused|halted/);
    if ((await runState()) === 'halted') break;
  }
  expect(await done()).toBe(true);
}

const refcounts = async () =>
  Promise.all((await page.getByTestId('frame-node').all()).map(async (n) => Number(await n.getAttribute('data-refcount'))));

describe('the cow lab test in the web edition', () => {
  test('stops at the fork with parent and child sharing frames', async () => {
    await page.getByTestId('example-cow').click();
    await page.getByTestId('tab-cow.c').waitFor();
    await page.getByTestId('speed').selectOption('1000000');
    await page.getByTestId('run').click();
    // The first fork is kinit starting the program; the second is cow's own fork().
    await runUntil('until-fork', async () => (await page.locator('[data-testid="process-node"]').count()) >= 3);
    const pids = await Promise.all((await page.getByTestId('process-node').all()).map((n) => n.getAttribute('data-pid')));
    expect(pids.length).toBeGreaterThanOrEqual(3);
    const shared = (await refcounts()).filter((r) => r >= 2);
    expect(shared.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'cow-1-fork-shared.png') });
  }, 120_000);

  test('shows a frame splitting when the first write after fork copies it', async () => {
    await runUntil('until-fault', async () => (await page.locator('.timeline .ev-cow-copy').count()) > 0);
    const copy = page.locator('.timeline .ev-cow-copy').first();
    const oldFrame = await copy.getAttribute('data-old-frame');
    const newFrame = await copy.getAttribute('data-frame');
    expect(oldFrame).toMatch(/^0x[0-9a-f]+$/);
    expect(newFrame).toMatch(/^0x[0-9a-f]+$/);
    expect(newFrame).not.toBe(oldFrame);
    // Both halves of the split are drawn, highlighted, each now owned by one process.
    const splitNodes = page.locator('[data-testid="frame-node"][data-split="true"]');
    await expect.poll(() => splitNodes.count()).toBe(2);
    const split = await Promise.all((await splitNodes.all()).map(async (n) => [await n.getAttribute('data-addr'), await n.getAttribute('data-refcount')]));
    expect(split.map((f) => f[0]).sort()).toEqual([oldFrame, newFrame].sort());
    expect(split.map((f) => f[1])).toEqual(['1', '1']);
    // The pages the child has not written yet are still shared.
    expect((await refcounts()).some((r) => r >= 2)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'cow-2-split.png') });
  }, 120_000);

  test('runs to the end and prints PASS cow', async () => {
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('pause').click(); // shows "Resume" while paused
    await expect.poll(() => page.getByTestId('console-text').textContent(), { timeout: 60_000 }).toContain('PASS cow');
    expect(await page.getByTestId('console-text').textContent()).not.toContain('FAIL');
    await page.screenshot({ path: join(SCREENSHOTS, 'cow-3-pass.png') });
  }, 120_000);

  test('exports the graph as PNG and SVG', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toBe('forklab-graph.png');
    const pngPath = join(SCREENSHOTS, 'export.png');
    await png.saveAs(pngPath);
    const bytes = await readFile(pngPath);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const svgPath = join(SCREENSHOTS, 'export.svg');
    await svg.saveAs(svgPath);
    const text = await readFile(svgPath, 'utf8');
    expect(text).toMatch(/<svg[\s>]/);
    expect(text).toContain('process-node');
  }, 60_000);

  test('switches the whole UI to Chinese with the standard terms', async () => {
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('run').textContent()).toContain('运行');
    expect(await page.locator('.timeline').textContent()).toContain('写时复制');
    await page.screenshot({ path: join(SCREENSHOTS, 'cow-4-zh-CN.png') });
    await page.getByTestId('language').selectOption('en');
  }, 30_000);

  test('marks a compile error in the editor while typing', async () => {
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nint broken(void) { return undeclared_name; }\n');
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('build-errors').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'cow-5-marker.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
