// Nothing clipped in the panes' chrome (issue 13), end to end in the web edition: at 1280x720
// and 1920x1080, in English and Chinese, with cow stopped at its own fork, a process in the
// inspector and the debugger open, and again with the splitters at their narrowest. Checked by
// the boxes themselves: no text wider than its box where the box cuts it (scrollWidth >
// clientWidth), the page table as wide as the inspector at most, the time controls and the
// graph's title buttons on one row inside their pane. And Run to IPC is disabled, with a
// reason, for a program that never sends one.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, SCREENSHOTS, startWebEdition, type WebEdition, runState as state, clickGutter } from './harness';

let web: WebEdition;
beforeAll(async () => {
  web = await startWebEdition();
}, 180_000);
afterAll(async () => {
  await web?.stop();
});

const cowLines = readFileSync(join(process.cwd(), 'resources/user/tests/cow.c'), 'utf8').split('\n');
const lineOf = (text: string) => cowLines.findIndex((l) => l.includes(text)) + 1;

/**
 * What is cut or out of place in the chrome of the panes: elements that clip text wider than
 * themselves (not the scroll boxes: code, console, maps, the timeline's list, the debugger's
 * body), a /proc/pid/maps name outside the maps box, a page table wider than the inspector, time controls or graph title buttons not on one
 * row inside their pane.
 */
function faults(p: Page): Promise<string[]> {
  return p.evaluate<string[]>(`(() => {
    const out = [];
    const name = (e) => (e.dataset.testid || String(e.className) || e.tagName) + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
    const scrollBoxes = '.monaco-editor, .xterm, .console-host, .console-text, .react-flow, .maps, ol.timeline, .dbg-body, .tabs, .sidebar';
    for (const e of document.querySelectorAll('.toolbar *, .pane *, .status-bar *')) {
      if (!(e instanceof HTMLElement) || e.offsetParent === null || e.closest(scrollBoxes)) continue;
      const s = getComputedStyle(e);
      const cuts = s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis';
      if (cuts && e.scrollWidth > e.clientWidth + 1) out.push('cut ' + name(e) + ' ' + e.scrollWidth + '>' + e.clientWidth);
    }
    const body = document.querySelector('.inspector-pane .pane-body');
    if (body && body.scrollWidth > body.clientWidth + 1) out.push('inspector scrolls sideways ' + body.scrollWidth + '>' + body.clientWidth);
    // The names of /proc/pid/maps ([heap], [stack]) are in sight without scrolling the box.
    for (const m of document.querySelectorAll('.maps')) {
      const r = m.getBoundingClientRect();
      for (const n of m.querySelectorAll('.maps-name')) {
        const b = n.getBoundingClientRect();
        if (b.right > r.right + 1 || b.left < r.left - 1) out.push('maps name out of sight: ' + name(n));
      }
    }
    // One row: some horizontal line crosses every control (their heights differ).
    const boxes = [...document.querySelectorAll('.timeline-pane .time-controls > *')].map((e) => e.getBoundingClientRect());
    if (boxes.length > 0 && Math.max(...boxes.map((b) => b.top)) >= Math.min(...boxes.map((b) => b.bottom))) out.push('time controls on more than one row');
    const title = document.querySelector('.graph-pane .pane-title').getBoundingClientRect();
    for (const b of document.querySelectorAll('.graph-pane .pane-title > *')) {
      const r = b.getBoundingClientRect();
      if (r.right > title.right + 1 || r.bottom > title.bottom + 1) out.push('graph title: ' + name(b) + ' outside its row');
    }
    for (const pane of document.querySelectorAll('.pane')) {
      const r = pane.getBoundingClientRect();
      for (const c of pane.querySelectorAll('.pane-title *, .time-controls *, .scrub *, .dbg-toolbar *, .dbg-tabs *, .pte-table')) {
        const b = c.getBoundingClientRect();
        if (b.width > 0 && b.right > r.right + 1) out.push('out of its pane: ' + name(c));
      }
    }
    return out;
  })()`);
}

async function checkStopped(p: Page, shot: string): Promise<void> {
  await p.getByTestId('example-cow').click();
  await p.getByTestId('tab-cow.c').waitFor();
  // Run to IPC: cow never sends one, so the button says why it cannot act.
  const ipc = p.getByTestId('until-ipc');
  expect(await ipc.isDisabled()).toBe(true);
  expect(await ipc.getAttribute('title')).toMatch(/ipc_send/);
  await clickGutter(p, lineOf('global = 2;'));
  await expect.poll(() => p.locator('.dbg-bp').count()).toBe(1);
  await p.getByTestId('run').click();
  await expect.poll(() => p.getByTestId('dbg-where').textContent().catch(() => ''), { timeout: 120_000 }).toContain('cow.c:');
  await p.getByTestId('process-node').last().dispatchEvent('click');
  await p.getByTestId('inspector-process').waitFor();
  await p.waitForTimeout(500);
  await p.screenshot({ path: join(SCREENSHOTS, `${shot}.png`) });
  expect(await faults(p)).toEqual([]);
}

describe('nothing is clipped', () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    for (const locale of ['en-US', 'zh-CN']) {
      test(`at ${width}x${height} in ${locale}, cow stopped in the debugger with a process inspected`, async () => {
        const { page: p, errors } = await openPage(web, locale, { width, height });
        await checkStopped(p, `layout-${locale}-${width}`);
        expect(await state(p)).toBe('paused');
        expect(errors).toEqual([]);
        await p.context().close();
      }, 300_000);
    }
  }

  for (const locale of ['en-US', 'zh-CN']) {
    test(`at 1280x720 in ${locale} with every splitter at its limit`, async () => {
      const { page: p, errors } = await openPage(web, locale, { width: 1280, height: 720 });
      await p.evaluate(`localStorage.setItem('forklab.panes', '{"sidebar":9999,"center":0.99,"editor":0.99,"graph":0.01,"inspector":0.99}')`);
      await p.reload();
      await p.getByTestId('run').waitFor();
      await checkStopped(p, `layout-${locale}-1280-narrowest`);
      expect(errors).toEqual([]);
      await p.context().close();
    }, 300_000);
  }

  test('Run to IPC acts for a MOS program that sends', async () => {
    const { page: p } = await openPage(web, 'en-US', { width: 1280, height: 720 });
    await p.getByTestId('example-mos_ipc').click();
    await p.getByTestId('tab-mos_ipc.c').waitFor();
    expect(await p.getByTestId('until-ipc').isDisabled()).toBe(false);
    await p.context().close();
  }, 120_000);
});
