// Report documents from a real run of the cow lab test: bookmarks at its fork and just after its
// first COW copy, rebuilt by replay. The figures and tables must say what the model says at
// those instants, in the chosen language, and the embedded session must replay to the same models.
import { describe, expect, test } from 'vitest';
import type { LabModel } from '../../src/common/model';
import { compileSessionPrograms } from '../../src/lab/build';
import { renderFigure } from '../../src/lab/figure';
import { createReport, parseReport, serializeReport } from '../../src/lab/report';
import { markdownBundle, zipBundle } from '../../src/lab/report-bundle';
import { hex, reportContent, sessionFromHtml, toHtml, toMarkdown, vmaPerms } from '../../src/lab/report-doc';
import { findEventInstants, momentsFromRunner, replayMoments } from '../../src/lab/report-replay';
import { Runner } from '../../src/lab/runner';
import { LabSession } from '../../src/lab/session';
import type { SessionOptions } from '../../src/lab/session';
import { unzipSync, strFromU8 } from 'fflate';
import type { HostEvent } from '../../src/common/protocol';
import { cowPausedAtItsFork, cowSource, hostHarness, resources } from './host-harness';

function cowOptions(): SessionOptions {
  const built = compileSessionPrograms(resources.userFiles, { 'cow.c': cowSource });
  expect(built.ok).toBe(true);
  return { kernel: resources.kernel, apps: built.apps, bootargs: 'apps=cow' };
}

/** Rows the tables must hold, computed here from the model independently of report-doc. */
function expectedRows(model: LabModel) {
  const vmas = model.processes.flatMap((p) => p.vmas.map((v) => [p.pid, hex(v.start), hex(v.end), vmaPerms(v.flags), v.kind].join(' | ')));
  const shared = new Set(model.frames.filter((f) => new Set(f.mappings.map((m) => m.pid)).size > 1).map((f) => f.addr));
  const ptes = model.processes.flatMap((p) => p.pages.filter((pg) => shared.has(pg.frame)).map((pg) => `| ${p.pid} | ${hex(pg.va)} | ${hex(pg.frame)} |`));
  return { vmas, ptes, shared };
}

describe('report documents of the cow test', () => {
  const options = cowOptions();
  const found = findEventInstants(options, [{ kind: 'fork', n: 2 }, { kind: 'cow-copy', n: 1 }], 4e9);
  if (!found.ok) throw new Error(found.error);
  const [atFork, atCopy] = found.instants as [number, number];
  const replayed = replayMoments(options, [atFork, atCopy]);
  if (!replayed.ok) throw new Error(replayed.error);
  const [forkMoment, copyMoment] = replayed.moments as [NonNullable<(typeof replayed.moments)[0]>, NonNullable<(typeof replayed.moments)[0]>];
  const report = createReport({
    title: 'lab 5: cow',
    sources: { 'cow.c': cowSource },
    bootargs: 'apps=cow',
    insn: atCopy,
    console: copyMoment.console,
    timeline: found.timeline.filter((e) => e.insn <= atCopy),
    model: copyMoment.model,
    bookmarks: [
      { insn: atFork, caption: 'right after fork' },
      { insn: atCopy, caption: 'after the first COW copy' },
    ],
  });

  test('the bookmarks land after the events: shared COW at the fork, one frame split after the copy', () => {
    const forkEv = found.timeline.filter((e) => e.kind === 'fork')[1]!;
    const copyEv = found.timeline.find((e) => e.kind === 'cow-copy')!;
    expect(atFork).toBeGreaterThan(forkEv.insn);
    expect(atFork).toBeLessThan(copyEv.insn);
    expect(atCopy).toBeGreaterThan(copyEv.insn);
    const cowAtFork = forkMoment.model.frames.filter((f) => f.sharing === 'cow' && f.mappings.some((m) => !m.writable));
    expect(cowAtFork.length).toBeGreaterThanOrEqual(5);
    for (const f of cowAtFork) expect(f.refcount).toBe(2);
    const after = new Map(copyMoment.model.frames.map((f) => [f.addr, f]));
    expect(after.get(copyEv.frame!)?.mappings).toHaveLength(1);
    expect(after.get(copyEv.oldFrame!)?.refcount).toBe(1);
  });

  test('a live run gives the same moments from its checkpoints, and comes back to where it was', () => {
    const booted = LabSession.boot(options);
    if (!booted.ok) throw new Error(booted.error);
    const runner = new Runner(booted.session, { spacing: 200_000 });
    runner.runTo(found.end);
    const home = runner.insn;
    const before = runner.session.model();
    runner.breakpoints.add(0x1234n);
    const taken = momentsFromRunner(runner, [atCopy, atFork]);
    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    expect(taken.moments.map((m) => m.insn)).toEqual([atCopy, atFork]);
    expect(taken.moments.map((m) => m.model)).toEqual([copyMoment.model, forkMoment.model]);
    expect(taken.moments.map((m) => m.console)).toEqual([copyMoment.console, forkMoment.console]);
    expect(runner.insn).toBe(home);
    expect(runner.session.model()).toEqual(before);
    expect([...runner.breakpoints]).toEqual([0x1234n]);
    expect(momentsFromRunner(runner, [home + 1_000_000]).ok).toBe(false);
    expect(runner.insn).toBe(home);
  });

  test('the Markdown holds each bookmark with its figure and tables equal to the model', () => {
    const content = reportContent(report, replayed.moments, 'en');
    const md = toMarkdown(content, { figureDir: 'cow_files/' });
    const sections = md.split(/^## /m).slice(1);
    expect(sections[0]).toMatch(/^Bookmark 1: right after fork\n/);
    expect(sections[1]).toMatch(/^Bookmark 2: after the first COW copy\n/);
    for (const [i, moment] of [forkMoment, copyMoment].entries()) {
      const text = sections[i]!;
      expect(text).toContain(`](cow_files/figure-${i + 1}.png)`);
      const rows = expectedRows(moment.model);
      expect(rows.ptes.length).toBeGreaterThan(0);
      for (const v of rows.vmas) expect(text).toContain(`| ${v} |`);
      for (const p of rows.ptes) expect(text).toContain(p);
      for (const f of moment.model.frames.filter((x) => rows.shared.has(x.addr))) expect(content.sections[i]!.figure.svg).toContain(`>${hex(f.addr)}<`);
      expect(text).toContain(moment.console.trim().split('\n').at(-1)!);
    }
    expect(md).toContain('## Sources');
    expect(md).toContain(cowSource.split('\n')[0]!);
    // The bundle carries the figures and a session that parses back to the same report.
    const files = unzipSync(zipBundle(markdownBundle(content, [new Uint8Array([1]), new Uint8Array([2])], 'cow')));
    expect(Object.keys(files).sort()).toEqual(['cow.md', 'cow_files/figure-1.png', 'cow_files/figure-1.svg', 'cow_files/figure-2.png', 'cow_files/figure-2.svg', 'cow_files/session.json']);
    const back = parseReport(strFromU8(files['cow_files/session.json']!));
    expect(back.ok && back.report).toEqual(report);
  });

  test('the HTML is self-contained, in Chinese when asked, and its session replays to the same models', () => {
    const html = toHtml(reportContent(report, replayed.moments, 'zh-CN'));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/<h2>书签 1: right after fork<\/h2>/);
    expect(html).toContain('<h3>虚拟内存区域（VMA）</h3>');
    expect(html).toContain('写时复制（只读共享）');
    expect(html).not.toMatch(/<(img|link|script)[^>]+(src|href)=/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toContain('foreignObject');
    for (const moment of [forkMoment, copyMoment]) {
      const section = html.split(`data-insn="${moment.insn}"`)[1]!.split('</section>')[0]!;
      for (const p of moment.model.processes) for (const v of p.vmas) expect(section).toContain(`<tr><td>${p.pid}</td><td>${hex(v.start)}</td><td>${hex(v.end)}</td>`);
    }
    const session = sessionFromHtml(html);
    const parsed = parseReport(session ?? '');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report).toEqual(report);
    const again = replayMoments(cowOptions(), parsed.report.bookmarks.map((b) => b.insn));
    expect(again.ok && again.moments.map((m) => m.model)).toEqual([forkMoment.model, copyMoment.model]);
  });
});

describe('the lab host and bookmarks', () => {
  test('exports a paused moment as a bookmark with its replayed state, and reopens the session with it', async () => {
    const a = await cowPausedAtItsFork();
    const paused = a.lastModel();
    a.host.handle({ type: 'export-report', title: 'cow', bookmarks: [{ insn: paused.insn, caption: 'at the fork' }], moments: true });
    const doc = await a.until((e): e is Extract<HostEvent, { type: 'report' }> => e.type === 'report');
    expect(doc.moments?.map((m) => m.model)).toEqual([paused]);
    const parsed = parseReport(doc.text);
    expect(parsed.ok && parsed.report.bookmarks).toEqual([{ insn: paused.insn, caption: 'at the fork' }]);
    a.host.dispose();

    const b = hostHarness();
    b.host.handle({ type: 'open-report', text: doc.text });
    const opened = await b.until((e): e is Extract<HostEvent, { type: 'report-opened' }> => e.type === 'report-opened');
    expect(opened).toMatchObject({ exact: true, bookmarks: [{ insn: paused.insn, caption: 'at the fork' }] });
    b.host.dispose();
  }, 180_000);

  test('keeps a bookmark in the recorded future: gone back to the fork, the saved run ends at the later bookmark', async () => {
    const a = await cowPausedAtItsFork();
    const atFork = a.lastModel();
    a.events.length = 0;
    a.host.handle({ type: 'run-until', event: 'cow-copy' });
    await a.untilPaused();
    const atCopy = a.lastModel();
    expect(atCopy.insn).toBeGreaterThan(atFork.insn);
    a.events.length = 0;
    a.host.handle({ type: 'seek', insn: atFork.insn });
    await a.untilPaused();
    expect(a.lastModel().insn).toBe(atFork.insn);
    a.events.length = 0;
    const marks = [{ insn: atFork.insn, caption: 'fork' }, { insn: atCopy.insn, caption: 'copy' }];
    a.host.handle({ type: 'export-report', title: 'cow', bookmarks: marks, moments: true });
    const doc = await a.until((e): e is Extract<HostEvent, { type: 'report' }> => e.type === 'report');
    expect(doc.moments?.map((m) => m.model)).toEqual([atFork, atCopy]);
    const parsed = parseReport(doc.text);
    expect(parsed.ok && parsed.report.bookmarks).toEqual(marks);
    expect(parsed.ok && parsed.report.insn).toBe(atCopy.insn);
    expect(parsed.ok && parsed.report.model).toEqual(atCopy);
    expect(parsed.ok && parsed.report.timeline.some((e) => e.kind === 'cow-copy')).toBe(true);
    // The screen stays at the fork: the export posts no model of its own.
    expect(a.events.filter((e) => e.type === 'model')).toEqual([]);
    a.host.dispose();
  }, 180_000);
});

describe('bookmarks in session files', () => {
  const base = {
    format: 'forklab-session',
    version: 1,
    title: '',
    sources: { 'a.c': 'int main(void){return 0;}' },
    bootargs: 'apps=a',
    insn: 100,
    console: '',
    timeline: [],
    model: { insn: 100, processes: [], frames: [], warnings: [] },
  };

  test('a file from before bookmarks has none; bookmarks come back sorted', () => {
    const old = parseReport(JSON.stringify(base));
    expect(old.ok && old.report.bookmarks).toEqual([]);
    const two = parseReport(JSON.stringify({ ...base, bookmarks: [{ insn: 90, caption: 'b' }, { insn: 10, caption: 'a' }] }));
    expect(two.ok && two.report.bookmarks).toEqual([{ insn: 10, caption: 'a' }, { insn: 90, caption: 'b' }]);
    expect(parseReport(serializeReport(createReport({ ...base, bookmarks: [{ insn: 5, caption: 'x' }] })))).toMatchObject({ ok: true });
  });

  test('a bad bookmark is named in one sentence', () => {
    expect(parseReport(JSON.stringify({ ...base, bookmarks: [{ insn: 1, caption: 7 }] }))).toEqual({
      ok: false,
      error: expect.stringMatching(/^the session file is damaged: bookmarks\.0\.caption: /),
    });
    expect(parseReport(JSON.stringify({ ...base, bookmarks: [{ insn: -3, caption: '' }] }))).toMatchObject({ ok: false, error: expect.stringMatching(/bookmarks\.0\.insn/) });
    expect(parseReport(JSON.stringify({ ...base, bookmarks: [{ insn: 5, caption: '' }, { insn: 500, caption: 'late' }] }))).toEqual({
      ok: false,
      error: 'the session file is damaged: bookmark 2 is at instruction 500, after the end of the saved run (100)',
    });
  });
});

describe('the figure', () => {
  const model: LabModel = {
    insn: 1234567,
    warnings: [],
    processes: [
      { pid: 2, parent: 1, name: 'cow', state: 'running', kernelThread: false, exitCode: null, killed: false, pgd: 1, createdAt: 5, vmas: [], pages: [{ va: 0x1b000, frame: 0x80001000, r: true, w: false, x: false, u: true, a: true, d: true, cow: true, vma: 'data' }, { va: 0x1c000, frame: 0x80003000, r: true, w: true, x: false, u: true, a: true, d: true, cow: false, vma: 'bss' }] },
      { pid: 3, parent: 2, name: 'cow', state: 'zombie', kernelThread: false, exitCode: 0, killed: false, pgd: 2, createdAt: 9, vmas: [], pages: [{ va: 0x1b000, frame: 0x80001000, r: true, w: false, x: false, u: true, a: true, d: true, cow: true, vma: 'data' }, { va: 0x30000000, frame: 0x80002000, r: true, w: true, x: false, u: true, a: true, d: true, cow: false, vma: 'mmap' }] },
    ],
    frames: [
      { addr: 0x80001000, refcount: 2, sharing: 'cow', mismatch: null, mappings: [{ pid: 2, va: 0x1b000, writable: false }, { pid: 3, va: 0x1b000, writable: false }] },
      { addr: 0x80002000, refcount: 2, sharing: 'shared', mismatch: null, mappings: [{ pid: 3, va: 0x30000000, writable: true }] },
      { addr: 0x80003000, refcount: 1, sharing: 'private', mismatch: null, mappings: [{ pid: 2, va: 0x1c000, writable: true }] },
    ],
  };

  test('is a plain SVG with a title, pids, frames, private counts and a legend in the chosen language', () => {
    const en = renderFigure(model, { program: 'cow', lang: 'en' });
    expect(en.svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(en.svg).not.toMatch(/foreignObject|<img|<style|class=/);
    expect(en.svg).toContain('>cow — instruction 1,234,567</text>');
    for (const s of ['>PID 2 · cow<', '>PID 3 · cow<', '>0x80001000<', '>0x80002000<', 'bss 1', '>copy-on-write (shared read-only)<', '>shared (MAP_SHARED)<', '>IPC-shared<', '>private<']) {
      expect(en.svg).toContain(s);
    }
    // The private frame is counted, not drawn.
    expect(en.svg).not.toContain('>0x80003000<');
    // Default light background.
    expect(en.svg).toContain(`width="${en.width}" height="${en.height}" fill="#ffffff"`);
    const zh = renderFigure(model, { program: 'cow', lang: 'zh-CN' });
    expect(zh.svg).toContain('>cow — 第 1,234,567 条指令</text>');
    expect(zh.svg).toContain('>写时复制（只读共享）<');
    // Tags balance: every opened element is closed.
    const opened = (zh.svg.match(/<(svg|g|text|defs|marker|title)[ >]/g) ?? []).length;
    const closed = (zh.svg.match(/<\/(svg|g|text|defs|marker|title)>/g) ?? []).length;
    expect(opened).toBe(closed);
  });
});
