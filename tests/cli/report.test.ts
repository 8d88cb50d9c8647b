// `forklab report` end to end: the cow test with bookmarks at its fork and after its first COW
// copy, as Markdown (PNG figures beside it), HTML and PDF, in English and Chinese, and again
// from the session file the first report wrote.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseReport } from '../../src/lab/report';
import { sessionFromHtml } from '../../src/lab/report-doc';
import { countPixels, readPng, readPpm, type Pixels } from '../support/png';
import { tool } from '../tools';

const root = join(__dirname, '../..');
const forklab = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/forklab.cjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 240_000 });
const dir = mkdtempSync(join(tmpdir(), 'forklab-report-'));
const AT = ['--apps', 'cow', '--at', 'fork:2', '--at', 'cow-copy:1'];

/** The COW frame fill (#fff1d6) in the figure, give or take anti-aliasing. */
const cowFill = (r: number, g: number, b: number) => r > 245 && Math.abs(g - 241) < 8 && Math.abs(b - 214) < 10;
const black = (r: number, g: number, b: number, a: number) => a > 200 && r < 40 && g < 40 && b < 40;

function pdfPages(pdf: string): Pixels[] {
  const out = mkdtempSync(join(tmpdir(), 'forklab-pages-'));
  execFileSync(tool('pdftoppm'), ['-r', '40', pdf, join(out, 'page')]);
  return readdirSync(out).sort().map((f) => readPpm(readFileSync(join(out, f))));
}

describe('forklab report', () => {
  test('writes Markdown with PNG figures and the session beside it', () => {
    const md = join(dir, 'en', 'cow.md');
    const r = forklab('report', ...AT, '-o', md);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(md, 'utf8');
    expect(text).toMatch(/^## Bookmark 1: Just after fork #2$/m);
    expect(text).toMatch(/^## Bookmark 2: Just after COW copy #1$/m);
    expect(text).toContain('](cow_files/figure-1.png)');
    for (const n of [1, 2]) {
      const png = readPng(readFileSync(join(dir, 'en', 'cow_files', `figure-${n}.png`)));
      const all = png.width * png.height;
      expect(png.width).toBeGreaterThan(600);
      // Light background, COW frames filled, and no solid-black boxes: dark pixels are text and lines only.
      expect(countPixels(png, (r, g, b) => r > 250 && g > 250 && b > 250) / all).toBeGreaterThan(0.4);
      expect(countPixels(png, cowFill) / all).toBeGreaterThan(0.03);
      expect(countPixels(png, black) / all).toBeLessThan(0.05);
      expect(readFileSync(join(dir, 'en', 'cow_files', `figure-${n}.svg`), 'utf8')).toMatch(/^<\?xml/);
    }
    const session = parseReport(readFileSync(join(dir, 'en', 'cow_files', 'session.json'), 'utf8'));
    expect(session.ok && session.report.bookmarks.map((b) => b.caption)).toEqual(['Just after fork #2', 'Just after COW copy #1']);
  }, 240_000);

  test('renders an exported session with its bookmarks, in Chinese, as HTML', () => {
    const html = join(dir, 'zh.html');
    const r = forklab('report', join(dir, 'en', 'cow_files', 'session.json'), '--lang', 'zh-CN', '-o', html);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('<h2>书签 1: Just after fork #2</h2>');
    expect(text).toContain('<h3>图中页帧的页表项</h3>');
    const original = readFileSync(join(dir, 'en', 'cow_files', 'session.json'), 'utf8');
    expect(parseReport(sessionFromHtml(text) ?? '')).toEqual(parseReport(original));
  }, 240_000);

  test.each(['en', 'zh-CN'])('prints a PDF (%s) whose pages hold the figures', (lang) => {
    const pdf = join(dir, `cow-${lang}.pdf`);
    const r = forklab('report', ...AT, '--lang', lang, '-o', pdf);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // Each bookmark starts a page with its figure: at least two pages show COW-filled frames.
    const withFigure = pages.filter((p) => countPixels(p, cowFill) > 200);
    expect(withFigure.length).toBeGreaterThanOrEqual(2);
    const text = execFileSync(tool('pdftotext'), [pdf, '-'], { encoding: 'utf8' });
    if (lang === 'zh-CN') {
      for (const s of ['书签 1', '第 2 次创建进程之后', '虚拟内存区域', '到此刻为止的控制台输出', '源代码']) expect(text).toContain(s);
      const fonts = execFileSync(tool('pdffonts'), [pdf], { encoding: 'utf8' });
      expect(fonts).toMatch(/WenQuanYi|Noto ?Sans ?CJK|NotoSansCJK/);
    } else {
      for (const s of ['Bookmark 1', 'Virtual memory areas', 'PASS cow']) expect(text).toContain(s);
    }
  }, 240_000);

  test('says what is wrong with bad arguments', () => {
    expect(forklab('report', '--apps', 'cow', '-o', join(dir, 'x.md'))).toMatchObject({ status: 2, stderr: expect.stringContaining('--at KIND:N') });
    expect(forklab('report', ...AT, '-o', join(dir, 'x.doc'))).toMatchObject({ status: 2, stderr: expect.stringContaining('-o must end in .md, .zip, .html, .pdf') });
    expect(forklab('report', '--apps', 'cow', '--at', 'frok:1', '-o', join(dir, 'x.md'))).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown event kind 'frok'") });
    const r = forklab('report', '--apps', 'cow', '--at', 'fork:9', '-o', join(dir, 'x.md'));
    expect(r).toMatchObject({ status: 1, stderr: 'forklab report: the run has 2 fork event(s), so there is no fork:9\n' });
    expect(existsSync(join(dir, 'x.md'))).toBe(false);
  }, 240_000);
});
