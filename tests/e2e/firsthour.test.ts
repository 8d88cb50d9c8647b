// The first hour in a small window (issue 13), end to end in the web edition: the graph view
// follows what a student is looking at. After a stop, the frames of the latest COW split are
// brought into view even in a narrow graph pane, and a view the student panned by hand is left
// where they put it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openPage, SCREENSHOTS, SMALL_VIEWPORT, startWebEdition, type WebEdition, runState as state } from './harness';

let web: WebEdition;
beforeAll(async () => {
  web = await startWebEdition();
}, 180_000);
afterAll(async () => {
  await web?.stop();
});


/** Clicks a run control and waits for the machine to stop again. */
async function stopAt(p: Page, button: string): Promise<void> {
  const before = await p.getByTestId('run-state').textContent();
  await p.getByTestId(button).click();
  await expect.poll(() => p.getByTestId('run-state').textContent(), { timeout: 60_000 }).not.toBe(before);
  await expect.poll(() => state(p), { timeout: 60_000 }).toMatch(/paused|halted/);
}

/** Whether every node is wholly inside the graph pane's box on screen. */
async function allInside(p: Page, nodes: Locator): Promise<boolean> {
  const host = (await p.getByTestId('graph').boundingBox())!;
  for (const n of await nodes.all()) {
    const b = (await n.boundingBox())!;
    if (b.x < host.x || b.y < host.y || b.x + b.width > host.x + host.width || b.y + b.height > host.y + host.height) return false;
  }
  return true;
}

const viewport = (p: Page) => p.locator('.react-flow__viewport').getAttribute('style');

describe('the graph view follows a stop', () => {
  test('brings a COW split into view in a narrow graph pane, and leaves a hand-panned view alone', async () => {
    const { page: p, errors } = await openPage(web, 'en-US', SMALL_VIEWPORT);
    // The narrowest graph the splitters allow: the editor column at its widest.
    await p.evaluate(`localStorage.setItem('forklab.panes', '{"sidebar":184,"center":0.75,"editor":0.62,"graph":0.58,"inspector":0.5}')`);
    await p.reload();
    await p.getByTestId('example-cow').click();
    await stopAt(p, 'until-fork');
    const split = p.locator('[data-testid="frame-node"][data-split="true"]');
    for (let i = 0; i < 10 && (await split.count()) === 0; i++) await stopAt(p, 'until-fault');
    await expect.poll(() => split.count()).toBe(2);
    await p.waitForTimeout(800);
    await p.screenshot({ path: join(SCREENSHOTS, 'firsthour-split-in-view.png') });
    // Both frames of the split when they fit side by side, else the new copy (the writer's).
    const copy = await p.locator('.timeline [data-kind="cow-copy"]').last().getAttribute('data-frame');
    await expect.poll(async () => (await allInside(p, split)) || (await allInside(p, p.locator(`[data-testid="frame-node"][data-addr="${copy}"]`))), { timeout: 5000 }).toBe(true);

    // The student drags the graph away: further stops do not move the view back.
    const host = (await p.getByTestId('graph').boundingBox())!;
    // (from an empty spot near the top-left corner, clear of nodes, controls and minimap)
    await p.mouse.move(host.x + 8, host.y + 8);
    await p.mouse.down();
    await p.mouse.move(host.x + 128, host.y + 158, { steps: 8 });
    await p.mouse.up();
    await p.waitForTimeout(400);
    const panned = await viewport(p);
    await stopAt(p, 'until-fault');
    await p.waitForTimeout(600);
    expect(await viewport(p)).toBe(panned);
    // The fit button hands the view back to the graph.
    await p.getByTestId('fit-view').click();
    await p.waitForTimeout(400);
    expect(await viewport(p)).not.toBe(panned);
    expect(errors).toEqual([]);
    await p.context().close();
  }, 240_000);
});
