// Issue 11's "done when", from the app (web edition, headless Chromium, 1280x720): the cow test
// run past its first COW copy; two PAST timeline rows bookmarked through their own action (cow's
// fork, and the first COW copy), a caption edited and a third bookmark removed; then the report
// exported as Markdown (.zip), HTML and PDF in English and in Chinese. The tables of each section
// must equal what the app itself showed at that instant (graph and inspector, read at the
// bookmark), the figures must not be blank, the PDF must be a real PDF of exactly the page the
// app prints (that page printed by Chromium with print media, checked with pdftoppm, pdftotext
// and pdffonts), and the session embedded in the HTML must reopen in a fresh page to the same
// picture with both bookmarks. Its own file: it builds and serves its own web edition.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseReport } from '../../src/lab/report';
import { sessionFromHtml } from '../../src/lab/report-doc';
import { countPixels, readPng, readPpm, type Pixels } from '../support/png';
import { tool } from '../tools';
import { openFileMenu, openPage, SCREENSHOTS, SMALL_VIEWPORT, startWebEdition, type WebEdition, runState as shownRunState } from './harness';
import { setLanguage, shot } from './mos-flow';

let web: WebEdition;
let page: Page;
let errors: string[];
const out = join(SCREENSHOTS, 'report-app');
beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  web = await startWebEdition();
  ({ page, errors } = await openPage(web, 'en-US', SMALL_VIEWPORT));
}, 180_000);
afterAll(async () => {
  await web?.stop();
});

/** The COW frame fill (#fff1d6) of the figures, give or take anti-aliasing. */
const cowFill = (r: number, g: number, b: number) => r > 245 && Math.abs(g - 241) < 8 && Math.abs(b - 214) < 10;
const hexOf = (s: string) => `0x${BigInt(s.startsWith('0x') ? s : `0x${s}`).toString(16)}`;
const runState = () => shownRunState(page);

/** What the app shows at one instant: processes with their VMAs and PTEs, frames with refcounts. */
interface Picture {
  insn: number;
  pids: number[];
  /** pid, start, end, permissions, from the inspector's /proc/pid/maps. */
  vmas: string[][];
  /** pid, va, frame, from the inspector's page table. */
  ptes: string[][];
  /** Frame nodes of the graph: address -> refcount. */
  frames: Record<string, string>;
}

async function picture(insn: number): Promise<Picture> {
  await page.waitForTimeout(300); // the graph draws the model that came with the stop
  const pids = (await Promise.all((await page.getByTestId('process-node').all()).map(async (n) => Number(await n.getAttribute('data-pid'))))).sort((a, b) => a - b);
  const frames: Record<string, string> = {};
  for (const n of await page.getByTestId('frame-node').all()) frames[(await n.getAttribute('data-addr'))!] = (await n.getAttribute('data-refcount'))!;
  const vmas: string[][] = [];
  const ptes: string[][] = [];
  // A stop pans to the frames it split, which can leave the process nodes outside the pane.
  await page.getByTestId('fit-view').click();
  for (const pid of pids) {
    await page.locator(`[data-testid="process-node"][data-pid="${pid}"]`).click();
    await expect.poll(() => page.locator('.inspector-pane h3').first().textContent()).toMatch(new RegExp(`(^|\\D)${pid}(\\D|$)`));
    for (const line of ((await page.getByTestId('maps').textContent()) ?? '').split('\n').filter(Boolean)) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) ([r-][w-][x-][ps])/.exec(line)!;
      vmas.push([String(pid), hexOf(m[1]!), hexOf(m[2]!), m[3]!]);
    }
    for (const row of await page.locator('.pte-table tbody tr').all()) {
      const cells = await row.locator('td').allTextContents();
      ptes.push([String(pid), hexOf(cells[0]!.trim()), hexOf(cells[1]!.trim())]);
    }
  }
  return { insn, pids, vmas, ptes, frames };
}

/** Clicks a run-until button until `done()` holds, waiting for the machine to stop each time. */
async function runUntil(button: 'until-fork' | 'until-fault', done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40 && !(await done()); i++) {
    await page.getByTestId(button).click();
    await expect.poll(runState, { timeout: 30_000 }).toMatch(/paused|halted/);
  }
  expect(await done()).toBe(true);
}

/** Bookmarks a past timeline row through its own action; returns the instant it went to. */
async function bookmarkRow(row: ReturnType<Page['locator']>, caption: string): Promise<Picture> {
  await row.hover();
  await row.getByTestId('row-bookmark').click();
  const field = page.getByTestId('bookmark-caption');
  await field.waitFor();
  await expect.poll(runState).toBe('paused');
  const insn = Number(((await page.getByTestId('scrub-at').textContent()) ?? '').split('/')[0]!.replace(/[^0-9]/g, ''));
  expect(await field.getAttribute('placeholder')).toContain(insn.toLocaleString('en'));
  const seen = await picture(insn);
  await field.fill(caption);
  await shot(page, `report-app-caption-${await page.locator('html').getAttribute('lang')}.png`);
  await page.getByTestId('bookmark-save').click();
  await field.waitFor({ state: 'detached' });
  return seen;
}

/** The captions in the open bookmark list. */
const captions = async (p: Page) => Promise.all((await p.getByTestId('bookmark-edit').all()).map((e) => e.inputValue()));

const pictures: Picture[] = [];
const CAPTIONS = ['right after fork', 'after the first COW copy'];

/** The part of an HTML report that is bookmark `insn`'s section. */
const htmlSection = (html: string, insn: number) => html.split(`data-insn="${insn}"`)[1]!.split('</section>')[0]!;

/** Each section's tables hold every row the app showed at that instant; figures name the shared frames. */
function expectTablesEqualPictures(sections: readonly string[], row: (cells: readonly string[]) => string, figures: readonly string[]): void {
  pictures.forEach((p, i) => {
    const text = sections[i]!;
    expect(p.vmas.length).toBeGreaterThan(0);
    for (const v of p.vmas) expect(text).toContain(row(v));
    const shared = Object.entries(p.frames).filter(([, rc]) => Number(rc) >= 2).map(([a]) => a);
    expect(shared.length).toBeGreaterThan(0);
    const sharedPtes = p.ptes.filter((pte) => shared.includes(pte[2]!));
    expect(sharedPtes.length).toBeGreaterThan(0);
    for (const pte of sharedPtes) expect(text).toContain(row(pte));
    for (const a of shared) expect(figures[i]).toContain(`>${a}<`);
  });
}

function pdfPages(pdf: string): Pixels[] {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-app-pages-'));
  execFileSync(tool('pdftoppm'), ['-r', '40', pdf, join(dir, 'page')]);
  return readdirSync(dir).sort().map((f) => readPpm(readFileSync(join(dir, f))));
}

describe('a lab report from the app: the cow test with two bookmarks', () => {
  test('bookmarks two past timeline rows, edits a caption and removes a bookmark', async () => {
    await page.getByTestId('example-cow').click();
    await page.getByTestId('tab-cow.c').waitFor();
    // kinit's fork of cow, then cow's own; then past the first COW copy, so both rows are past.
    await runUntil('until-fork', async () => (await page.getByTestId('process-node').count()) >= 3);
    await runUntil('until-fault', async () => (await page.locator('.timeline .ev-cow-copy').count()) > 0);
    await page.getByTestId('until-fault').click();
    await expect.poll(runState, { timeout: 30_000 }).toMatch(/paused|halted/);
    expect(await page.locator('.timeline .ev-cow-copy').first().getAttribute('data-when')).toBe('past');

    pictures.push(await bookmarkRow(page.locator('.timeline .ev-fork').nth(1), 'at the fork'));
    pictures.push(await bookmarkRow(page.locator('.timeline .ev-cow-copy').first(), CAPTIONS[1]!));
    const [atFork, atCopy] = pictures as [Picture, Picture];
    expect(atCopy.insn).toBeGreaterThan(atFork.insn);
    // At the fork every page of cow is one frame shared by parent and child; after the copy the
    // two frames of the split are owned by one process each.
    expect(Object.values(atFork.frames).filter((rc) => rc === '2').length).toBeGreaterThanOrEqual(5);
    const copy = page.locator('.timeline .ev-cow-copy').first();
    expect(atCopy.frames[(await copy.getAttribute('data-frame'))!]).toBe('1');
    expect(atCopy.frames[(await copy.getAttribute('data-old-frame'))!]).toBe('1');

    // A third one at the moment on screen (the header's button), to be removed again.
    await page.getByTestId('bookmark').click();
    await page.getByTestId('bookmark-caption').fill('not needed');
    await page.getByTestId('bookmark-save').click();
    await page.getByTestId('bookmark-count').click();
    const items = page.getByTestId('bookmark-item');
    await expect.poll(() => items.count()).toBe(3);
    await items.nth(0).getByTestId('bookmark-edit').fill(CAPTIONS[0]!);
    await items.nth(2).getByTestId('bookmark-remove').click();
    await expect.poll(() => items.count()).toBe(2);
    expect(await Promise.all((await items.all()).map(async (e) => Number(await e.getAttribute('data-insn'))))).toEqual([atFork.insn, atCopy.insn]);
    expect(await captions(page)).toEqual(CAPTIONS);
    expect(await page.getByTestId('bookmark-count').textContent()).toContain('Bookmarks: 2');
    await shot(page, 'report-app-bookmarks-en.png');
    await setLanguage(page, 'zh-CN');
    await page.locator('.timeline .ev-fork').nth(1).hover();
    await shot(page, 'report-app-bookmarks-zh-CN.png');
    await setLanguage(page, 'en');
    // Going to a bookmark from the list brings the app back to that instant.
    await items.nth(0).getByTestId('bookmark-goto').click();
    await expect.poll(() => page.getByTestId('scrub-at').textContent()).toMatch(new RegExp(`^${atFork.insn.toLocaleString('en')} /`));
    await page.getByTestId('bookmark-count').click();
  }, 300_000);

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`exports Markdown, HTML and PDF in ${lang} whose tables equal the app at each bookmark`, async () => {
      const zh = lang === 'zh-CN';
      await setLanguage(page, lang);
      const heading = (n: number) => `${zh ? '书签' : 'Bookmark'} ${n}: ${CAPTIONS[n - 1]}`;

      // Markdown: a .zip with the .md, PNG + SVG figures and the session.
      await openFileMenu(page);
      await page.getByTestId('report-format').selectOption('md');
      await openFileMenu(page);
      const [zip] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-report').click()]);
      expect(zip.suggestedFilename()).toBe('forklab-report-cow.zip');
      await zip.saveAs(join(out, `report-${lang}.zip`));
      const files = unzipSync(new Uint8Array(readFileSync(join(out, `report-${lang}.zip`))));
      const md = strFromU8(files['forklab-report-cow.md']!);
      const mdSections = md.split(/^## /m).slice(1);
      expect(mdSections[0]).toMatch(new RegExp(`^${heading(1)}\\n`));
      expect(mdSections[1]).toMatch(new RegExp(`^${heading(2)}\\n`));
      const svgs = [1, 2].map((n) => strFromU8(files[`forklab-report-cow_files/figure-${n}.svg`]!));
      expectTablesEqualPictures(mdSections, (c) => `| ${c.join(' | ')} |`, svgs);
      for (const n of [1, 2]) {
        const png = readPng(files[`forklab-report-cow_files/figure-${n}.png`]!);
        expect(countPixels(png, cowFill) / (png.width * png.height)).toBeGreaterThan(0.02);
      }
      const mdSession = parseReport(strFromU8(files['forklab-report-cow_files/session.json']!));
      expect(mdSession.ok && mdSession.report.bookmarks).toEqual(pictures.map((p, i) => ({ insn: p.insn, caption: CAPTIONS[i] })));

      // HTML: one self-contained page, the same session embedded.
      await openFileMenu(page);
      await page.getByTestId('report-format').selectOption('html');
      await openFileMenu(page);
      const [htmlDownload] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-report').click()]);
      const htmlPath = join(out, `report-${lang}.html`);
      await htmlDownload.saveAs(htmlPath);
      const html = readFileSync(htmlPath, 'utf8');
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<h2>${heading(1)}</h2>`);
      expect(html).toContain(`<h2>${heading(2)}</h2>`);
      const htmlSections = pictures.map((p) => htmlSection(html, p.insn));
      expectTablesEqualPictures(htmlSections, (c) => `<tr>${c.map((x) => `<td>${x}</td>`).join('')}`, htmlSections);
      const embedded = parseReport(sessionFromHtml(html) ?? '');
      expect(embedded.ok && mdSession.ok && embedded.report).toEqual(mdSession.ok && mdSession.report);

      // PDF: the page the app hands the browser to print, printed by Chromium with print media.
      await openFileMenu(page);
      await page.getByTestId('report-format').selectOption('pdf');
      await page.evaluate(`document.querySelector('[data-testid="report-print-frame"]')?.remove()`); // the previous language's
      await openFileMenu(page);
      await page.getByTestId('export-report').click();
      const frame = page.getByTestId('report-print-frame');
      await frame.waitFor({ state: 'attached', timeout: 120_000 });
      const printed = (await frame.getAttribute('srcdoc')) ?? '';
      expect(printed === html, 'the printed page is the HTML report').toBe(true);
      const printer = await page.context().newPage();
      await printer.setContent(printed, { waitUntil: 'load' });
      await printer.emulateMedia({ media: 'print' });
      const pdfPath = join(out, `report-${lang}.pdf`);
      writeFileSync(pdfPath, await printer.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      await printer.close();
      const pages = pdfPages(pdfPath);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      // Each bookmark starts a page with its figure: two pages show COW-filled frames.
      expect(pages.filter((p) => countPixels(p, cowFill) > 200).length).toBeGreaterThanOrEqual(2);
      const text = execFileSync(tool('pdftotext'), [pdfPath, '-'], { encoding: 'utf8' });
      for (const s of zh ? ['书签 1', '书签 2', '虚拟内存区域', '源代码'] : ['Bookmark 1', 'Bookmark 2', 'Virtual memory areas']) expect(text).toContain(s);
      for (const c of CAPTIONS) expect(text).toContain(c);
      if (zh) expect(execFileSync(tool('pdffonts'), [pdfPath], { encoding: 'utf8' })).toMatch(/WenQuanYi|Noto ?Sans ?CJK|NotoSansCJK/);
      expect(errors).toEqual([]);
    }, 300_000);
  }

  test('the session embedded in the HTML reopens in a fresh page to the same picture, with both bookmarks', async () => {
    const session = sessionFromHtml(readFileSync(join(out, 'report-zh-CN.html'), 'utf8'))!;
    const file = join(out, 'embedded-session.json');
    writeFileSync(file, session);
    const fresh = await openPage(web, 'en-US', SMALL_VIEWPORT);
    const p2 = fresh.page;
    await openFileMenu(p2);
    const [chooser] = await Promise.all([p2.waitForEvent('filechooser'), p2.getByTestId('open-session').click()]);
    await chooser.setFiles(file);
    await expect.poll(() => p2.getByTestId('run-state').textContent(), { timeout: 120_000 }).toMatch(/replayed/);
    expect(await p2.getByTestId('notice').count()).toBe(0); // the replay reached the stored model
    // The saved run ends at the later bookmark (the screen was at the fork when it was exported).
    const atCopy = pictures[1]!;
    await expect.poll(() => p2.getByTestId('scrub-at').textContent()).toMatch(new RegExp(`^${atCopy.insn.toLocaleString('en')} /`));
    // The graph keeps the view it had while the replay ran; fit it to see every process.
    await p2.getByTestId('fit-view').click();
    await shot(p2, 'report-app-reopened.png');
    const saved = page;
    page = p2;
    try {
      expect(await picture(atCopy.insn)).toEqual(atCopy);
    } finally {
      page = saved;
    }
    await p2.getByTestId('bookmark-count').click();
    expect(await captions(p2)).toEqual(CAPTIONS);
    expect(fresh.errors).toEqual([]);
    await p2.context().close();
  }, 240_000);
});
