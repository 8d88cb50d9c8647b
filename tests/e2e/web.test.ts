// End-to-end tests of the web edition in headless Chromium, on the real kernel, toolchain and
// lab host. One file, so the web edition is built and served once for all these stories (each
// e2e file builds its own copy into its own folder, see harness.ts).
//
// 1. The shell without running anything: page errors, languages, gallery, editor, theme.
// 2. The lab's story with the cow lab test: open it, run it slowly, stop at its fork and see
//    parent and child share frames, stop at the first copy-on-write fault and see a frame
//    split in two, inspect, let it finish and read `PASS cow`; export the graph as PNG and
//    SVG, the Chinese UI, and a compile error as an editor marker.
// 3. Keyboard input reaching the guest through the terminal (the sh example).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { messages } from '../../src/renderer/i18n/messages';
import { tool } from '../tools';
import { openFileMenu, openPage, SCREENSHOTS, SMALL_VIEWPORT, startWebEdition, type WebEdition, runState as shownRunState } from './harness';
import { countPixels, readPng } from '../support/png';
import { openExample, runToIpcUntil, setLanguage, shot } from './mos-flow';

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

  test('opens a kernel source read-only', async () => {
    const { page } = await openPage(web);
    await page.locator('.sidebar details summary').first().click();
    const entry = page.locator('.sidebar details .source-list button', { hasText: /\.c$/ }).first();
    const name = (await entry.textContent()) ?? '';
    expect(name).toMatch(/\.c$/);
    await entry.click();
    await expect.poll(() => page.locator('.tab.readonly').textContent()).toContain(name);
    await page.locator('.monaco-editor .view-lines').click();
    const before = await page.locator('.monaco-editor .view-lines').textContent();
    await page.keyboard.type('typed into a read-only file');
    expect(await page.locator('.monaco-editor .view-lines').textContent()).toBe(before);
    await page.close();
  });

  test('keeps the session across a reload', async () => {
    const { page } = await openPage(web);
    await page.getByTestId('example-hello').click();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// kept across reloads\n');
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('tab-hello.c').waitFor();
    // Monaco draws spaces as no-break spaces.
    const text = async () => ((await page.locator('.monaco-editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
    await expect.poll(text).toContain('kept across reloads');
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

let page: Page;
let errors: string[];

/** The smallest on-screen size (CSS px) of any text in a process node: font size times zoom. */
async function smallestNodeTextPx(p: Page): Promise<number> {
  // A string: this file is compiled without the DOM's types; the function runs in the page.
  return p.evaluate<number>(`(() => {
    const vp = document.querySelector('.react-flow__viewport') ;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(vp).transform).a;
    let min = Infinity;
    for (const node of document.querySelectorAll('[data-testid="process-node"]')) {
      for (const el of node.querySelectorAll('*')) {
        if (!el.textContent?.trim() || el.children.length > 0) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * zoom);
      }
    }
    return min;
  })()`);
}

const runState = () => shownRunState(page);

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
  beforeAll(async () => {
    ({ page, errors } = await openPage(web, 'en-US'));
  }, 60_000);

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

  test('inspects the child: its VMAs as /proc/pid/maps and a shared frame with every mapping', async () => {
    // The stop at the COW copy centred the split frames; the fit brings the tree back in view.
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(300);
    await page.locator('[data-testid="process-node"][data-pid="3"]').click();
    const maps = (await page.getByTestId('maps').textContent()) ?? '';
    expect(maps).toMatch(/^[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} 00:00 0/m);
    expect(maps).toContain('[stack]');
    await page.locator('[data-testid="frame-node"][data-refcount="2"]').first().click();
    const rows = page.locator('[data-testid="inspector-frame"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const text = (await page.getByTestId('inspector-frame').textContent()) ?? '';
    expect(text).toMatch(/2[^0-9].*3|3[^0-9].*2/s);
    await page.screenshot({ path: join(SCREENSHOTS, 'cow-2b-inspector.png') });
  }, 60_000);

  test('exports the graph as a clean figure: PNG without black label bars, a plain SVG', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toBe('forklab-graph.png');
    const pngPath = join(SCREENSHOTS, 'export.png');
    await png.saveAs(pngPath);
    const pixels = readPng(await readFile(pngPath));
    const all = pixels.width * pixels.height;
    // Light background, COW-filled frame boxes (#fff1d6) and only thin dark text and lines:
    // label boxes drawn as solid black bars would blow the dark share up.
    expect(countPixels(pixels, (r, g, b) => r > 250 && g > 250 && b > 250) / all).toBeGreaterThan(0.4);
    expect(countPixels(pixels, (r, g, b) => r > 245 && Math.abs(g - 241) < 8 && Math.abs(b - 214) < 10) / all).toBeGreaterThan(0.02);
    expect(countPixels(pixels, (r, g, b, a) => a > 200 && r < 40 && g < 40 && b < 40) / all).toBeLessThan(0.05);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    const svgPath = join(SCREENSHOTS, 'export.svg');
    await svg.saveAs(svgPath);
    const text = await readFile(svgPath, 'utf8');
    expect(text).toMatch(/^<\?xml[^>]*\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).not.toMatch(/foreignObject|<img|click to|class=/);
    expect(text.length).toBeLessThan(200_000);
    // Title with program and instruction count, the legend, and every shared frame on screen.
    expect(text).toMatch(/>cow — instruction [0-9,]+<\/text>/);
    expect(text).toContain('>copy-on-write (shared read-only)<');
    const shared = page.locator('[data-testid="frame-node"][data-refcount="2"]');
    expect(await shared.count()).toBeGreaterThan(0);
    for (const node of await shared.all()) expect(text).toContain(`>${await node.getAttribute('data-addr')}<`);
  }, 60_000);

  test('runs to the end and prints PASS cow', async () => {
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('pause').click(); // shows "Resume" while paused
    await expect.poll(() => page.getByTestId('console-text').textContent(), { timeout: 60_000 }).toContain('PASS cow');
    expect(await page.getByTestId('console-text').textContent()).not.toContain('FAIL');
    await page.screenshot({ path: join(SCREENSHOTS, 'cow-3-pass.png') });
  }, 120_000);

  test('switches the whole UI to Chinese with the standard terms', async () => {
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('run').textContent()).toContain('运行');
    expect(await page.locator('.timeline').textContent()).toContain('写时复制');
    // The host's English stop reason is said in Chinese too.
    expect(await page.getByTestId('run-state').textContent()).toBe('已停机 — 内核已关闭机器');
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

describe('session reports', () => {
  test('exports a cow session at its fork and reopens it in a fresh page with the same processes and shared frames', async () => {
    const first = await openPage(web);
    const p1 = first.page;
    await p1.getByTestId('example-cow').click();
    await p1.getByTestId('speed').selectOption('1000000');
    await p1.getByTestId('run').click();
    // kinit's fork of cow, then cow's own fork. Each stop names its instruction, so a new
    // stop shows as a new status text.
    for (let i = 0; i < 10 && (await p1.getByTestId('process-node').count()) < 3; i++) {
      const before = await p1.getByTestId('run-state').textContent();
      await p1.getByTestId('until-fork').click();
      await expect.poll(() => p1.getByTestId('run-state').textContent(), { timeout: 30_000 }).not.toBe(before);
      await expect.poll(() => shownRunState(p1), { timeout: 30_000 }).toBe('paused');
    }
    const picture = async (p: Page) => ({
      pids: (await Promise.all((await p.getByTestId('process-node').all()).map((n) => n.getAttribute('data-pid')))).sort(),
      shared: (
        await Promise.all(
          (await p.locator('[data-testid="frame-node"][data-refcount="2"]').all()).map((n) => n.getAttribute('data-addr')),
        )
      ).sort(),
      insn: await p.getByTestId('insn').textContent(),
    });
    const exported = await picture(p1);
    expect(exported.pids.length).toBeGreaterThanOrEqual(3);
    expect(exported.shared.length).toBeGreaterThan(0);
    await openFileMenu(p1);
    const [download] = await Promise.all([p1.waitForEvent('download'), p1.getByTestId('export-session').click()]);
    expect(download.suggestedFilename()).toMatch(/^forklab-session-\d+\.json$/);
    const file = join(SCREENSHOTS, 'session.json');
    await download.saveAs(file);
    const report = JSON.parse(await readFile(file, 'utf8')) as { format: string; sources: Record<string, string> };
    expect(report.format).toBe('forklab-session');
    expect(Object.keys(report.sources)).toEqual(['cow.c']);
    await p1.context().close();

    // A fresh page (fresh storage: no cow.c saved in it) gets everything from the file.
    const { page: p2, errors } = await openPage(web);
    expect(await p2.getByTestId('tab-cow.c').count()).toBe(0);
    await openFileMenu(p2);
    const [chooser] = await Promise.all([p2.waitForEvent('filechooser'), p2.getByTestId('open-session').click()]);
    await chooser.setFiles(file);
    await expect.poll(() => p2.getByTestId('run-state').textContent(), { timeout: 60_000 }).toMatch(/replayed/);
    expect(await shownRunState(p2)).toBe('paused');
    await p2.getByTestId('tab-cow.c').waitFor();
    await expect.poll(() => picture(p2)).toEqual(exported);
    // The speed the session was exported at (1M/s) comes back with it; a fresh page is at full speed.
    expect(await p2.getByTestId('speed').inputValue()).toBe('1000000');
    expect(await p2.getByTestId('notice').count()).toBe(0);
    await p2.screenshot({ path: join(SCREENSHOTS, 'session-reopened.png') });

    // A file that is not a report gets a clear message, and the page keeps working.
    const bad = join(SCREENSHOTS, 'not-a-session.json');
    await writeFile(bad, '{"hello": 1}');
    await openFileMenu(p2);
    const [chooser2] = await Promise.all([p2.waitForEvent('filechooser'), p2.getByTestId('open-session').click()]);
    await chooser2.setFiles(bad);
    await expect.poll(() => p2.getByTestId('notice').textContent()).toMatch(/not a ForkLab session file/);

    // A report whose stored picture the replay does not reproduce (as after a kernel change)
    // still opens, with a notice saying so.
    const altered = JSON.parse(await readFile(file, 'utf8')) as { model: { warnings: string[] } };
    altered.model.warnings = ['from an older kernel'];
    const alteredFile = join(SCREENSHOTS, 'session-altered.json');
    await writeFile(alteredFile, JSON.stringify(altered));
    await p2.locator('[data-testid="notice"] button').click();
    await openFileMenu(p2);
    const [chooser3] = await Promise.all([p2.waitForEvent('filechooser'), p2.getByTestId('open-session').click()]);
    await chooser3.setFiles(alteredFile);
    await expect.poll(() => p2.getByTestId('notice').textContent(), { timeout: 60_000 }).toMatch(/differs from the exported one/);
    await p2.getByTestId('tab-cow.c').waitFor();
    expect(errors).toEqual([]);
    await p2.context().close();
  }, 240_000);
});

describe('a fork bomb', () => {
  test('runs the fork bomb, which fills the process table, to the kernel shutdown while the page keeps responding', async () => {
    const { page: p, errors } = await openPage(web);
    await p.getByTestId('example-forkbomb').click();
    await p.getByTestId('tab-forkbomb.c').waitFor();
    await p.getByTestId('run').click();
    const transcript = () => p.getByTestId('console-text').textContent().then((t) => t ?? '');
    // While the bomb goes off the graph grows as models arrive (the renderer paces them so
    // drawing never takes the whole main thread) and a click on a process still gets answered.
    // Each process is drawn or counted in the group its siblings fold into (many processes).
    const folded = async () => (await Promise.all((await p.getByTestId('group-node').all()).map(async (n) => Number(await n.getAttribute('data-count') ?? 0)))).reduce((a, b) => a + b, 0);
    await expect.poll(async () => (await p.getByTestId('process-node').count()) + (await folded()), { timeout: 120_000 }).toBeGreaterThan(10);
    // The tree is re-laid out as processes appear, so a click can land where the node just was:
    // click again until the inspector answers.
    const inspectBomb = async () => {
      await p.locator('[data-testid="process-node"][data-pid="2"]').click({ timeout: 5_000 }).catch(() => undefined);
      return p.locator('.inspector-pane').textContent();
    };
    await expect.poll(inspectBomb, { timeout: 30_000 }).toContain('Process 2 · forkbomb');
    await expect.poll(transcript, { timeout: 180_000 }).toContain('kinit: shutdown');
    const text = await transcript();
    // The kernel's process table (NR_TASKS = 64) fills up: later forks fail with EAGAIN, as on QEMU.
    const summary = /forkbomb: ([1-9]\d*) forks succeeded, [1-9]\d* failed \(first error: Resource temporarily unavailable\)/.exec(text);
    expect(summary).not.toBeNull();
    // The kernel logs every fork it made; the bomb's own tally of successes agrees.
    const forked = [...text.matchAll(/\[PID = \d+\] forked from \[PID = (\d+)\]/g)].filter((m) => m[1] !== '1');
    expect(forked.length).toBe(Number(summary![1]));
    // Pids of reaped processes are reused, so the tree shows at most one node per pid, and many:
    // each drawn, or counted in the group its siblings fold into (many processes).
    expect(await p.getByTestId('group-node').count()).toBeGreaterThan(0);
    expect((await p.getByTestId('process-node').count()) + (await folded())).toBeGreaterThan(40);
    expect(text).toContain('forkbomb: every process has exited; the system survived');
    await expect.poll(() => shownRunState(p), { timeout: 30_000 }).toBe('halted');
    // A click on a group shows the processes in it; open them all.
    await p.screenshot({ path: join(SCREENSHOTS, 'forkbomb-groups.png') });
    for (let i = 0; i < 100 && (await p.getByTestId('group-node').count()) > 0; i++) {
      const before = await p.getByTestId('process-node').count();
      await p.getByTestId('group-node').first().dispatchEvent('click');
      await expect.poll(() => p.getByTestId('process-node').count()).toBeGreaterThan(before);
    }
    // Fit to view keeps the text of every process node readable (>= 10 px on screen) with the
    // whole table of processes drawn; what does not fit is a pan away.
    await p.getByTestId('fit-view').click();
    await p.waitForTimeout(400);
    expect(await p.getByTestId('process-node').count()).toBeGreaterThanOrEqual(60);
    expect(await smallestNodeTextPx(p)).toBeGreaterThanOrEqual(10);
    await p.screenshot({ path: join(SCREENSHOTS, 'forkbomb-fit.png') });
    // Zoomed out (the user's choice) every node is on screen to click.
    for (let i = 0; i < 3; i++) await p.locator('.react-flow__controls-zoomout').click();
    // The page still responds to the user: selecting a process fills the inspector.
    for (const node of [p.getByTestId('process-node').first(), p.getByTestId('process-node').last()]) {
      const pid = await node.getAttribute('data-pid');
      await node.click();
      await expect.poll(() => p.locator('.inspector-pane').textContent(), { timeout: 10_000 }).toContain(`Process ${pid} ·`);
    }
    await p.screenshot({ path: join(SCREENSHOTS, 'forkbomb-end.png') });
    expect(errors).toEqual([]);
    await p.context().close();
  }, 300_000);
});

describe('console input', () => {
  test('types commands into the sh example through the terminal', async () => {
    const { page } = await openPage(web);
    await page.getByTestId('example-sh').click();
    await page.getByTestId('run').click();
    const transcript = () => page.getByTestId('console-text').textContent().then((t) => t ?? '');
    await expect.poll(transcript, { timeout: 60_000 }).toContain('$ ');
    await page.getByTestId('console').click();
    await page.keyboard.type('ls');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await transcript()).split('$ ').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const afterLs = (await transcript()).split('$ ')[1] ?? '';
    expect(afterLs).toMatch(/\bsh\b/);
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await expect.poll(() => shownRunState(page), { timeout: 30_000 }).toBe('halted');
    await page.screenshot({ path: join(SCREENSHOTS, 'sh-input.png') });
  }, 120_000);
});

// Issue 13's first hour, as a newcomer does it: a new file, a compile error explained in words,
// a fix, a run; a broken second file that does not stop the first; the Chinese UI.
describe('a newcomer writes a program', () => {
  const broken = '#include <stdio.h>\nint main(void) {\n    printf("PASS mine\\n");\n    return missing;\n}\n';
  const fixed = broken.replace('return missing;', 'return 0;');
  const editorText = (p: Page) => p.locator('.monaco-editor .view-lines').textContent().then((t) => (t ?? '').replace(/\u00a0/g, ' '));

  /** gcc's own first line for the error in `source` (the reference the problems list must match). */
  function gccSays(source: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'forklab-gcc-'));
    const file = join(dir, 'mine.c');
    execFileSync('sh', ['-c', `cat > ${file}`], { input: source });
    let out = '';
    try {
      execFileSync(tool('riscv64-linux-gnu-gcc'), ['-fsyntax-only', 'mine.c'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, stdio: 'pipe' });
    } catch (err) {
      out = String((err as { stderr: Buffer }).stderr);
    }
    return out.split('\n').find((l) => l.includes(': error: '))!;
  }

  async function replaceEditorText(p: Page, text: string): Promise<void> {
    await p.locator('.monaco-editor .view-lines').click();
    await p.keyboard.press('Control+A');
    await p.keyboard.press('Delete');
    // insertText types it as one input (Monaco's auto-closing brackets would double them).
    await p.keyboard.insertText(text);
  }

  test('creates a file, reads gcc\'s message in the problems list and on hover, fixes it and runs it to PASS', async () => {
    const { page: p, errors } = await openPage(web);
    await p.getByTestId('new-file').click();
    await p.getByTestId('new-file-name').fill('mine.c');
    await p.keyboard.press('Enter');
    await p.getByTestId('tab-mine.c').waitFor();
    await expect.poll(() => editorText(p)).toContain('int main(void)');
    await replaceEditorText(p, broken);
    const problem = p.getByTestId('problem').first();
    await problem.waitFor({ timeout: 30_000 });
    // gcc compiles the text the editor really holds (Monaco indents as it is typed), from the
    // saved workspace.
    await p.waitForTimeout(1000);
    const typed = await p.evaluate<string>(`JSON.parse(localStorage.getItem('forklab.workspace')).files['mine.c']`);
    expect(typed).toContain('return missing;');
    expect(await problem.textContent()).toBe(gccSays(typed));
    expect(await p.getByTestId('build-errors').textContent()).toBe('1 error(s)');
    // Hovering the squiggle shows the same words.
    await p.locator('.monaco-editor .squiggly-error').first().hover({ force: true });
    await expect.poll(() => p.locator('.monaco-hover').first().textContent(), { timeout: 10_000 }).toContain("'missing' undeclared (first use in this function)");
    // A click on the problem puts the cursor on it.
    await p.getByTestId('problem').first().click();
    await expect.poll(() => p.locator('.monaco-editor .current-line').count()).toBeGreaterThan(0);
    await p.screenshot({ path: join(SCREENSHOTS, 'newcomer-1-problem.png') });
    await replaceEditorText(p, fixed);
    await expect.poll(() => p.getByTestId('problems').count(), { timeout: 30_000 }).toBe(0);
    await p.getByTestId('run').click();
    await expect.poll(() => p.getByTestId('console-text').textContent(), { timeout: 180_000 }).toContain('PASS mine');
    // Closing the tab keeps the file; the session list still has it.
    await p.getByTestId('tab-mine.c').locator('xpath=..').getByRole('button', { name: 'Close' }).click();
    await p.getByTestId('file-mine.c').waitFor();
    expect(errors).toEqual([]);
    await p.context().close();
  }, 300_000);

  test('runs a program while another session file does not compile, naming that file', async () => {
    const { page: p, errors } = await openPage(web);
    await p.getByTestId('example-hello').click();
    await p.getByTestId('tab-hello.c').waitFor();
    await replaceEditorText(p, broken.replace('PASS mine', 'hello'));
    await p.getByTestId('problem').first().waitFor({ timeout: 30_000 });
    await p.getByTestId('example-cow').click();
    await p.getByTestId('tab-cow.c').waitFor();
    // cow.c itself is fine: no error count over it, the other file's error is named by file.
    expect(await p.getByTestId('build-errors').count()).toBe(0);
    await expect.poll(() => p.getByTestId('build-errors-elsewhere').textContent()).toContain('1 error(s) in other files');
    expect(await p.getByTestId('problem').first().getAttribute('data-file')).toBe('hello.c');
    await p.getByTestId('run').click();
    await expect.poll(() => p.getByTestId('console-text').textContent(), { timeout: 180_000 }).toContain('PASS cow');
    expect(await p.getByTestId('problem').first().textContent()).toMatch(/^hello\.c:4:\d+: error: 'missing' undeclared/);
    // The example is a template: the original text comes back on request.
    await p.getByTestId('tab-hello.c').click();
    await p.getByTestId('restore-example').click();
    await expect.poll(() => editorText(p)).toContain('hello from pid');
    await expect.poll(() => p.getByTestId('problems').count(), { timeout: 30_000 }).toBe(0);
    expect(errors).toEqual([]);
    await p.context().close();
  }, 300_000);

  test('shows every visible string in Chinese, checked against the dictionary, and nothing clipped at 1280x720 and 1920x1080', async () => {
    const zh = Object.values(messages['zh-CN']).join('\n');
    const en = messages.en;
    // English sentences that have a different Chinese translation must never be on screen.
    const englishOnly = Object.entries(en)
      .filter(([k, v]) => v !== messages['zh-CN'][k as keyof typeof en] && /[a-z]{3}/.test(v))
      .map(([, v]) => v.split(/\{\w+\}/)[0]!.trim())
      .filter((v) => v.length >= 4);
    for (const [w, h] of [[1280, 720], [1920, 1080]] as const) {
      for (const locale of ['zh-CN', 'en-US']) {
        const { page: p, errors } = await openPage(web, locale);
        await p.setViewportSize({ width: w, height: h });
        await p.getByTestId('example-cow').click();
        await p.getByTestId('run').click();
        await expect.poll(() => shownRunState(p), { timeout: 180_000 }).toBe('halted');
        await p.locator('[data-testid="process-node"]').first().click();
        await p.waitForTimeout(500);
        await p.screenshot({ path: join(SCREENSHOTS, `newcomer-${locale}-${w}x${h}.png`) });
        // Text that does not fit its box (cut with no way to read it) in the panes' chrome.
        const clipped = await p.evaluate<string[]>(`(() =>
          [...document.querySelectorAll('button, .pane-title, .tab-name, .status-bar span, .sidebar h2, .sidebar h3, .maps')]
            .filter((el) => {
              const e = el;
              if (e.closest('.react-flow, .problems, .session-files')) return false;
              const cut = e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
              const style = getComputedStyle(e);
              const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
              return cut && !scrolls && !e.title;
            })
            .map((el) => el.outerHTML.slice(0, 120))
        )()`);
        expect(clipped).toEqual([]);
        // The toolbar is one row, inside the window, and so is the File menu when open.
        const inWindow = `(() => {
          const bar = document.querySelector('.toolbar').getBoundingClientRect();
          const kids = [...document.querySelectorAll('.toolbar > *, .file-menu-panel > *, .file-menu-panel .report-buttons > *')]
            .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0);
          return {
            // One row: every item's vertical centre within a few pixels of the others'.
            rows: (() => {
              const mid = [...document.querySelectorAll('.toolbar > *')].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.top + r.height / 2);
              return Math.max(...mid) - Math.min(...mid) < 6 ? 1 : 2;
            })(),
            barHeight: Math.round(bar.height),
            outside: kids.filter((r) => r.right > innerWidth || r.bottom > innerHeight || r.left < 0).length,
          };
        })()`;
        expect(await p.evaluate(inWindow)).toEqual({ rows: 1, barHeight: expect.any(Number), outside: 0 });
        expect((await p.evaluate<{ barHeight: number }>(inWindow)).barHeight).toBeLessThan(48);
        await openFileMenu(p);
        expect(await p.evaluate(inWindow)).toMatchObject({ rows: 1, outside: 0 });
        await p.keyboard.press('Escape');
        await p.getByTestId('file-menu-panel').waitFor({ state: 'hidden' });
        if (locale === 'zh-CN') {
          const texts = await p.evaluate<string[]>(`(() => {
            const skip = '.monaco-editor, .console-host, .xterm, .console-text, .maps, .pte-table td, .source-list, .session-files, [data-testid^="example-"], .timeline .insn, .timeline .what, .node-title, .brand, .react-flow__attribution';
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              const text = n.textContent?.trim() ?? '';
              if (!el || !text || el.closest(skip) || el.closest('[hidden], option:not(:checked)')) continue;
              const r = el.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) continue;
              out.push(text);
            }
            return out;
          })()`);
          const leftovers = texts.filter((t) => englishOnly.some((e) => t.includes(e)));
          expect(leftovers).toEqual([]);
          // Every Latin word on screen is one the Chinese dictionary itself uses (PNG, fork, MIPS ...),
          // a number, an address, or a program's name.
          const names = new Set(['kinit', 'cow', 'idle', 'ForkLab', 'English']);
          const words = texts.flatMap((t) => t.match(/[A-Za-z][A-Za-z_-]+/g) ?? []);
          expect(words.filter((word) => !names.has(word) && !zh.includes(word) && !/^0x/.test(word))).toEqual([]);
        }
        expect(errors).toEqual([]);
        await p.context().close();
      }
    }
  }, 900_000);
});

describe('MOS lab 4 in the web edition (issue 9)', () => {
  let mp: Page;
  let mosErrors: string[];
  beforeAll(async () => {
    ({ page: mp, errors: mosErrors } = await openPage(web, 'en-US', SMALL_VIEWPORT));
  }, 60_000);

  test('the IPC ping-pong, run to the first IPC: an IPC edge with its value and the receiver still in ipc_recv', async () => {
    await openExample(mp, 'mos_ipc');
    // Run to IPC from the idle page builds, boots and runs to the first IPC; clicking Run first
    // would race the program, which can reach its end before the next click arrives.
    const ipcEdges = () => mp.locator('.react-flow__edge.edge-ipc').count();
    await runToIpcUntil(mp, async () => (await ipcEdges()) >= 1);
    expect(await mp.locator('.react-flow__edge.edge-ipc.newest').count()).toBe(1);
    expect(await mp.locator('.react-flow__edge.edge-ipc .react-flow__edge-text').first().textContent()).toMatch(/^IPC value \d+/);
    // The receiver has its message but has not run since: it is still inside ipc_recv.
    const waiting = mp.locator('[data-testid="process-node"][data-ipc-wait]');
    expect(await waiting.count()).toBeGreaterThanOrEqual(1);
    expect(await waiting.first().textContent()).toMatch(/ipc_recv|message arrived/);
    expect(await mp.getByTestId('run-state').textContent()).toContain('IPC');
    expect(await mp.locator('.timeline').textContent()).toContain('IPC: send');
    await shot(mp, 'mos-ipc-en.png');
    await setLanguage(mp, 'zh-CN');
    expect(await mp.locator('.timeline').textContent()).toContain('进程间通信');
    expect(await mp.locator('.react-flow__edge.edge-ipc .react-flow__edge-text').first().textContent()).toContain('进程间通信');
    await shot(mp, 'mos-ipc-zh-CN.png');
    await setLanguage(mp, 'en');
  }, 180_000);

  test('the LIBRARY test: one frame shared by three processes, marked as sent by IPC and LIBRARY', async () => {
    await openExample(mp, 'mos_library');
    // Run to IPC from the idle page builds, boots and runs to the first IPC; clicking Run first
    // would race the program, which can reach its end before the next click arrives.
    const library3 = () => mp.locator('[data-testid="frame-node"][data-library="true"][data-refcount="3"]').count();
    await runToIpcUntil(mp, async () => (await library3()) >= 1, 60);
    // The stop brings the frames that just appeared into view, which can leave this one outside
    // the pane; fit the graph so the click reaches it.
    await mp.getByTestId('fit-view').click();
    const node = mp.locator('[data-testid="frame-node"][data-library="true"][data-refcount="3"]').first();
    expect(await node.getAttribute('data-sharing')).toBe('ipc');
    expect(await node.textContent()).toContain('LIBRARY');
    await node.click();
    expect(await mp.getByTestId('inspector-frame').textContent()).toMatch(/sent by IPC from process \d+ to process \d+/);
    expect(await mp.getByTestId('inspector-frame').locator('tbody tr').count()).toBe(3);
    await shot(mp, 'mos-library-en.png');
    await setLanguage(mp, 'zh-CN');
    expect(await mp.getByTestId('inspector-frame').textContent()).toContain('进程间通信');
    await shot(mp, 'mos-library-zh-CN.png');
    await setLanguage(mp, 'en');
    expect(mosErrors).toEqual([]);
  }, 240_000);
});

describe('time travel in the web edition (issue 10), and the controls from a fresh page (issue 13)', () => {
  async function smallPage(locale = 'en-US'): Promise<Page> {
    const context = await web.browser.newContext({ locale, viewport: { width: 1280, height: 720 } });
    const p = await context.newPage();
    await p.goto(web.url);
    await p.getByTestId('run').waitFor();
    return p;
  }
  const nodesWith = (p: Page, attr: string) => p.locator(`[data-testid="frame-node"]${attr}`);

  test('cow at full speed to the end; its fork in the timeline brings back frames shared with refcount 2, its first COW copy the split', async () => {
    const p = await smallPage();
    await p.getByTestId('example-cow').click();
    await p.getByTestId('tab-cow.c').waitFor();
    await p.getByTestId('run').click();
    await expect.poll(() => shownRunState(p), { timeout: 90_000 }).toBe('halted');
    await expect.poll(() => nodesWith(p, '[data-refcount="2"]').count()).toBe(0);
    // cow's own fork (the first fork in the timeline is kinit starting cow, pid 1).
    const fork = p.locator('.timeline li.ev-fork:not([data-pid="1"])').first();
    await fork.locator('button').click();
    await expect.poll(() => nodesWith(p, '[data-refcount="2"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await shownRunState(p)).toBe('paused');
    expect(await nodesWith(p, '[data-split="true"]').count()).toBe(0);
    expect(await fork.getAttribute('data-when')).toBe('current');
    // Later entries are the run's recorded future.
    expect(await p.locator('.timeline li.ev-cow-copy').first().getAttribute('data-when')).toBe('future');
    await p.screenshot({ path: join(SCREENSHOTS, 'tt-1-fork-1280.png') });

    const copy = p.locator('.timeline li.ev-cow-copy').first();
    const frames = [await copy.getAttribute('data-old-frame'), await copy.getAttribute('data-frame')].sort();
    await copy.locator('button').click();
    const split = nodesWith(p, '[data-split="true"]');
    await expect.poll(() => split.count(), { timeout: 30_000 }).toBe(2);
    const got = await Promise.all((await split.all()).map(async (n) => [await n.getAttribute('data-addr'), await n.getAttribute('data-refcount')]));
    expect(got.map((f) => f[0]).sort()).toEqual(frames);
    expect(got.map((f) => f[1])).toEqual(['1', '1']);
    await p.screenshot({ path: join(SCREENSHOTS, 'tt-2-copy-1280.png') });

    // One instruction back: the instruction count goes down by one.
    const before = Number((await p.getByTestId('insn').textContent())!.replace(/,/g, ''));
    await p.getByTestId('step-back').click();
    await expect.poll(async () => Number((await p.getByTestId('insn').textContent())!.replace(/,/g, ''))).toBe(before - 1);
    await p.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => p.getByTestId('step-back').textContent()).toContain('后退');
    await p.screenshot({ path: join(SCREENSHOTS, 'tt-3-zh-CN-1280.png') });
    await p.context().close();
  }, 180_000);

  test('from a fresh page, Run to fork on cow stops with refcount-2 frames and no split; the next fault shows the split', async () => {
    const p = await smallPage();
    await p.getByTestId('example-cow').click();
    await p.getByTestId('tab-cow.c').waitFor();
    expect(await p.getByTestId('until-fork').isEnabled()).toBe(true);
    await p.getByTestId('until-fork').click();
    await expect.poll(() => shownRunState(p), { timeout: 90_000 }).toBe('paused');
    await expect.poll(() => nodesWith(p, '[data-refcount="2"]').count()).toBeGreaterThan(0);
    expect(await nodesWith(p, '[data-split="true"]').count()).toBe(0);
    expect(await p.locator('.timeline li.ev-cow-copy').count()).toBe(0);
    expect(await p.getByTestId('mips').textContent()).toBe('—');
    await p.screenshot({ path: join(SCREENSHOTS, 'tt-4-until-fork-1280.png') });
    const reason = await p.getByTestId('run-state').textContent();
    await p.getByTestId('until-fault').click();
    await expect.poll(() => p.getByTestId('run-state').textContent(), { timeout: 30_000 }).not.toBe(reason);
    await expect.poll(() => nodesWith(p, '[data-split="true"]').count(), { timeout: 30_000 }).toBe(2);
    // Stop ends the run; Reset goes back to the start, paused.
    await p.getByTestId('stop').click();
    await expect.poll(() => shownRunState(p)).toBe('halted');
    await p.getByTestId('reset').click();
    await expect.poll(() => p.getByTestId('insn').textContent()).toBe('0');
    await p.context().close();
  }, 180_000);
});
