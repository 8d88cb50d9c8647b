// Report documents: a session with bookmarks, and the moment each bookmark rebuilt, as Markdown
// or as one self-contained HTML page (which is also what PDFs are printed from).
//
// Each bookmark is a section: caption, figure (src/lab/figure.ts), the processes, their VMAs,
// the PTEs of the frames in the figure, the timeline around the instant and the console up to
// it. The document ends with the sources and the replayable session. Pure: the caller turns
// figures into PNG files (Markdown) and writes the files; `reportContent` gives the values both
// formats print, so tests compare them with the model.

import type { LabModel, TimelineEvent } from '../common/model';
import { escapeXml, isFigureFrame, renderFigure, type Figure } from './figure';
import type { Moment } from './report-replay';
import { serializeReport, type SessionReport } from './report';
import { formatInsn, reportT, stateKey, type ReportLang, type ReportT } from './report-text';

export interface ReportSection {
  readonly n: number;
  readonly caption: string;
  readonly insn: number;
  readonly figure: Figure;
  readonly processes: readonly string[][];
  readonly vmas: readonly string[][];
  readonly ptes: readonly string[][];
  readonly ptesLeftOut: number;
  readonly timeline: readonly string[][];
  readonly console: string;
  readonly consoleLeftOut: boolean;
}

export interface ReportContent {
  readonly lang: ReportLang;
  readonly title: string;
  readonly program: string;
  readonly intro: string;
  readonly sections: readonly ReportSection[];
  readonly sources: SessionReport['sources'];
  readonly sessionJson: string;
}

const MAX_PTES = 80;
const CONSOLE_LINES = 60;
const BEFORE = 8;
const AFTER = 3;
/** ANSI escape sequences (colours, cursor moves) have no place in a document. */
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export const hex = (n: number) => `0x${n.toString(16)}`;

/** The program a session is about: its `apps=` first entry, else its first source file. */
export function sessionProgram(report: SessionReport): string {
  const apps = /(?:^|\s)apps=([^\s,*]+)/.exec(report.bootargs)?.[1];
  return apps ?? Object.keys(report.sources).find((f) => f.endsWith('.c'))?.replace(/\.c$/, '') ?? 'forklab';
}

/** VMA permissions as /proc/pid/maps prints them: r w x and s (shared) or p (private). */
export function vmaPerms(flags: number): string {
  return `${flags & 0x2 ? 'r' : '-'}${flags & 0x4 ? 'w' : '-'}${flags & 0x8 ? 'x' : '-'}${flags & 0x10 ? 's' : 'p'}`;
}

function pteFlags(p: { r: boolean; w: boolean; x: boolean; u: boolean; a: boolean; d: boolean }): string {
  return [p.r ? 'R' : '-', p.w ? 'W' : '-', p.x ? 'X' : '-', p.u ? 'U' : '-', p.a ? 'A' : '-', p.d ? 'D' : '-'].join('');
}

/** The latest COW copy at or before the model's instant, while the model still holds its frames. */
export function latestCopy(timeline: readonly TimelineEvent[], model: LabModel): { frame: number; oldFrame: number } | undefined {
  const copy = [...timeline].reverse().find((e) => e.insn <= model.insn && e.kind === 'cow-copy');
  if (!copy?.frame || !copy.oldFrame) return undefined;
  const present = new Set(model.frames.map((f) => f.addr));
  return present.has(copy.frame) && present.has(copy.oldFrame) ? { frame: copy.frame, oldFrame: copy.oldFrame } : undefined;
}

function describeEvent(e: TimelineEvent): string {
  const parts: string[] = [];
  if (e.kind === 'fork' && e.other !== undefined) parts.push(`${e.pid} → ${e.other}`);
  else parts.push(`PID ${e.pid}`);
  if (e.va !== undefined) parts.push(`va ${hex(e.va)}`);
  if (e.oldFrame) parts.push(`${hex(e.oldFrame)} →`);
  if (e.frame) parts.push(hex(e.frame));
  return parts.join(' ');
}

function section(n: number, caption: string, moment: Moment, timeline: readonly TimelineEvent[], program: string, lang: ReportLang, t: ReportT): ReportSection {
  const model = moment.model;
  const copy = latestCopy(timeline, model);
  const highlight = copy ? [copy.frame, copy.oldFrame] : [];
  const figure = renderFigure(model, { program, lang, ...(copy ? { copy } : {}) });
  const procs = [...model.processes].sort((a, b) => a.pid - b.pid);
  const processes = procs.map((p) => [
    String(p.pid),
    String(p.parent),
    p.name + (p.kernelThread ? ` (${t('kernelThread')})` : ''),
    t(stateKey(p.state)) + (p.exitCode !== null ? ` (${p.exitCode})` : ''),
  ]);
  const vmas = procs.flatMap((p) => p.vmas.map((v) => [String(p.pid), hex(v.start), hex(v.end), vmaPerms(v.flags), v.kind]));
  const inView = new Map(model.frames.filter((f) => isFigureFrame(f) || highlight.includes(f.addr)).map((f) => [f.addr, f]));
  const allPtes = procs.flatMap((p) =>
    p.pages
      .filter((pg) => inView.has(pg.frame))
      .map((pg) => {
        const f = inView.get(pg.frame)!;
        return [String(p.pid), hex(pg.va), hex(pg.frame), pteFlags(pg), pg.cow ? 'COW' : '', String(f.refcount ?? f.mappings.length), t(`sharing.${f.sharing}`), pg.vma];
      }),
  );
  const before = timeline.filter((e) => e.insn <= moment.insn).slice(-BEFORE);
  const after = timeline.filter((e) => e.insn > moment.insn).slice(0, AFTER);
  const rows = [...before.map((e) => [formatInsn(e.insn), t(`ev.${e.kind}`), describeEvent(e)]), [formatInsn(moment.insn), t('here'), caption], ...after.map((e) => [formatInsn(e.insn), t(`ev.${e.kind}`), describeEvent(e)])];
  const lines = moment.console.replace(ANSI, '').replace(/\r/g, '').replace(/\n$/, '').split('\n');
  return {
    n,
    caption,
    insn: moment.insn,
    figure,
    processes,
    vmas,
    ptes: allPtes.slice(0, MAX_PTES),
    ptesLeftOut: Math.max(0, allPtes.length - MAX_PTES),
    timeline: rows,
    console: lines.slice(-CONSOLE_LINES).join('\n'),
    consoleLeftOut: lines.length > CONSOLE_LINES,
  };
}

/** What a report says, in both formats: one section per bookmark, in order. */
export function reportContent(report: SessionReport, moments: readonly Moment[], lang: ReportLang): ReportContent {
  const t = reportT(lang);
  const program = sessionProgram(report);
  const sections = report.bookmarks.map((b, i) => section(i + 1, b.caption, moments[i]!, report.timeline, program, lang, t));
  return {
    lang,
    title: report.title.trim() !== '' ? report.title : `${t('reportTitle')}: ${program}`,
    program,
    intro: t('generated', { program, bootargs: report.bootargs, insn: formatInsn(report.insn) }),
    sections,
    sources: report.sources,
    sessionJson: serializeReport(report),
  };
}

// ---- Markdown ----

const mdCell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.map(mdCell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

/** A fence longer than any backtick run in `text`, so code containing ``` stays one block. */
function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text.replace(/\n$/, '')}\n${f}`;
}

export function figureFileName(n: number): string {
  return `figure-${n}.png`;
}

/** The session file written beside a Markdown report (and offered by the HTML one). */
export const SESSION_FILE = 'session.json';

export interface MarkdownOptions {
  /** Where figures are, relative to the Markdown file: `report_files/`. */
  readonly figureDir: string;
}

export function toMarkdown(c: ReportContent, opts: MarkdownOptions): string {
  const t = reportT(c.lang);
  const out: string[] = [`# ${c.title}`, '', c.intro, ''];
  for (const s of c.sections) {
    out.push(`## ${t('bookmark', { n: s.n })}: ${s.caption.replace(/\n/g, ' ')}`, '', `*${t('atInstruction', { insn: formatInsn(s.insn) })}*`, '');
    out.push(`![${t('figure', { insn: formatInsn(s.insn) })}](${opts.figureDir}${figureFileName(s.n)})`, '');
    out.push(`### ${t('processes')}`, '', mdTable([t('pid'), t('parent'), t('name'), t('state')], s.processes), '');
    out.push(`### ${t('vmas')}`, '', mdTable([t('pid'), t('start'), t('end'), t('perms'), t('kind')], s.vmas), '');
    out.push(`### ${t('ptes')}`, '');
    if (s.ptes.length === 0) out.push(t('ptesNone'), '');
    else out.push(mdTable([t('pid'), t('va'), t('pa'), t('flags'), 'COW', t('refcount'), t('sharing'), t('kind')], s.ptes), '');
    if (s.ptesLeftOut > 0) out.push(t('ptesMore', { n: s.ptesLeftOut }), '');
    out.push(`### ${t('timeline')}`, '', mdTable([t('insn'), t('event'), t('details')], s.timeline), '');
    out.push(`### ${t('console')}`, '');
    if (s.consoleLeftOut) out.push(t('consoleCut', { n: CONSOLE_LINES }), '');
    out.push(fence(s.console, 'text'), '');
  }
  out.push(`## ${t('sources')}`, '');
  for (const [name, text] of Object.entries(c.sources)) out.push(`### ${name}`, '', fence(text, name.endsWith('.c') || name.endsWith('.h') ? 'c' : ''), '');
  out.push(`## ${t('session')}`, '', t('sessionBeside', { file: `${opts.figureDir}${SESSION_FILE}` }), '', t('sessionNote', { file: SESSION_FILE }), '');
  return out.join('\n');
}

// ---- HTML ----

const STYLE = `
body { font-family: 'DejaVu Sans', 'Noto Sans', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Microsoft YaHei', Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.2rem; } h3 { font-size: 1.05rem; margin-top: 1.4rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; display: block; } figcaption { font-size: .85rem; color: #555; }
table { border-collapse: collapse; font-size: .8rem; margin: .4rem 0; } th, td { border: 1px solid #bbb; padding: .15rem .45rem; text-align: left; vertical-align: top; } th { background: #eef2f7; }
td, pre, code { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', 'WenQuanYi Micro Hei Mono', Consolas, monospace; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: .5rem; font-size: .75rem; white-space: pre-wrap; word-break: break-all; }
tr.here td { background: #fff4d6; font-weight: bold; }
.meta { color: #444; font-style: italic; }
@page { size: A4; margin: 14mm; }
@media print { body { max-width: none; margin: 0; padding: 0; } section.bookmark + section.bookmark { break-before: page; } figure, tr { break-inside: avoid; } a.download { display: none; } }
`;

const esc = escapeXml;

function htmlTable(head: readonly string[], rows: readonly (readonly string[])[], hereRow = -1): string {
  const body = rows.map((r, i) => `<tr${i === hereRow ? ' class="here"' : ''}>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Inline SVG without its XML declaration (not allowed inside HTML). */
const inlineSvg = (svg: string) => svg.replace(/^<\?xml[^>]*\?>\s*/, '');

/** The session JSON as it appears inside the page's <script> element (no `</script>` ends it early). */
export const embedJson = (json: string) => json.replace(/</g, '\\u003c');

export function toHtml(c: ReportContent): string {
  const t = reportT(c.lang);
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${c.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(c.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(c.title)}</h1>`,
    `<p>${esc(c.intro)}</p>`,
  ];
  for (const s of c.sections) {
    const here = s.timeline.findIndex((r) => r[1] === t('here'));
    out.push(`<section class="bookmark" data-insn="${s.insn}">`);
    out.push(`<h2>${esc(t('bookmark', { n: s.n }))}: ${esc(s.caption)}</h2>`, `<p class="meta">${esc(t('atInstruction', { insn: formatInsn(s.insn) }))}</p>`);
    out.push(`<figure>${inlineSvg(s.figure.svg)}<figcaption>${esc(t('figure', { insn: formatInsn(s.insn) }))}</figcaption></figure>`);
    out.push(`<h3>${esc(t('processes'))}</h3>`, htmlTable([t('pid'), t('parent'), t('name'), t('state')], s.processes));
    out.push(`<h3>${esc(t('vmas'))}</h3>`, htmlTable([t('pid'), t('start'), t('end'), t('perms'), t('kind')], s.vmas));
    out.push(`<h3>${esc(t('ptes'))}</h3>`);
    out.push(s.ptes.length === 0 ? `<p>${esc(t('ptesNone'))}</p>` : htmlTable([t('pid'), t('va'), t('pa'), t('flags'), 'COW', t('refcount'), t('sharing'), t('kind')], s.ptes));
    if (s.ptesLeftOut > 0) out.push(`<p>${esc(t('ptesMore', { n: s.ptesLeftOut }))}</p>`);
    out.push(`<h3>${esc(t('timeline'))}</h3>`, htmlTable([t('insn'), t('event'), t('details')], s.timeline, here));
    out.push(`<h3>${esc(t('console'))}</h3>`);
    if (s.consoleLeftOut) out.push(`<p class="meta">${esc(t('consoleCut', { n: CONSOLE_LINES }))}</p>`);
    out.push(`<pre>${esc(s.console)}</pre>`, '</section>');
  }
  out.push(`<section class="bookmark"><h2>${esc(t('sources'))}</h2>`);
  for (const [name, text] of Object.entries(c.sources)) out.push(`<h3>${esc(name)}</h3>`, `<pre>${esc(text)}</pre>`);
  out.push('</section>');
  out.push(`<section><h2>${esc(t('session'))}</h2>`, `<p>${esc(t('sessionNote', { file: SESSION_FILE }))}</p>`);
  out.push(`<p><a class="download" download="${SESSION_FILE}" href="data:application/json;charset=utf-8,${encodeURIComponent(c.sessionJson)}">${esc(t('sessionDownload'))}</a></p>`);
  out.push(`<script type="application/json" id="forklab-session">${embedJson(c.sessionJson)}</script>`, '</section>');
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

/**
 * The session embedded in an HTML report, for reopening it (null when there is none). It is the
 * JSON as written, except that `<` is escaped as \u003c, which JSON reads back as `<`.
 */
export function sessionFromHtml(html: string): string | null {
  const m = /<script type="application\/json" id="forklab-session">([\s\S]*?)<\/script>/.exec(html);
  return m ? m[1]! : null;
}
