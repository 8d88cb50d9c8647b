// The report figure: a lab model at one instant drawn as a plain, standalone SVG document.
//
// Pure (no DOM): the CLI, the lab host and the renderer all call it, and the SVG it returns
// opens in browsers, Word, Inkscape and LaTeX (via svg/inkscape). It holds only rect, path,
// text and g elements with inline attributes: no foreignObject, no CSS classes, no fonts to
// fetch. The graph is the same idea as the live view, sized for an A4 page:
// - processes (pid and name) in their fork tree, left to right, laid out with dagre;
// - every frame mapped by two or more processes (or with a refcount above one) as its own box,
//   coloured by how it is shared, with its physical address, refcount and VMA kind;
// - each process's private frames as one box with a count per VMA kind;
// - the frames of a highlighted COW copy always drawn, outlined;
// - a title (program, instruction count) and a legend.
// Text widths are estimated (monospace-ish digits, CJK at full width) since there is no DOM to
// measure; boxes are sized generously so labels never overflow.

import { Graph, layout } from '@dagrejs/dagre';
import type { FrameInfo, LabModel, VmaKind } from '../common/model';
import { formatInsn, reportT, sharingKey, type ReportLang } from './report-text';

export interface FigureOptions {
  /** The program the figure is about, for the title. */
  readonly program: string;
  readonly lang: ReportLang;
  /** The latest COW copy: its two frames are drawn on their own, outlined and named. */
  readonly copy?: { readonly frame: number; readonly oldFrame: number };
  readonly theme?: 'light' | 'dark';
  /** Shared frames drawn one by one at most; the rest are summed up in one box. */
  readonly maxFrames?: number;
}

export interface Figure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

type Sharing = 'private' | 'cow' | 'shared' | 'ipc';

const FONT = "'DejaVu Sans', 'Noto Sans', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', Arial, sans-serif";
const MONO = "'DejaVu Sans Mono', 'Noto Sans Mono', 'WenQuanYi Micro Hei Mono', Consolas, monospace";
const SIZE = 13;
const SMALL = 11;
const MARGIN = 20;
const VMA_ORDER: readonly VmaKind[] = ['text', 'data', 'bss', 'heap', 'mmap', 'stack', 'other'];

interface Palette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly edge: string;
  readonly processFill: string;
  readonly processStroke: string;
  readonly fill: Record<Sharing, string>;
  readonly stroke: Record<Sharing, string>;
  readonly highlight: string;
}

const LIGHT: Palette = {
  background: '#ffffff',
  text: '#1a1a1a',
  muted: '#555555',
  edge: '#6b6b6b',
  processFill: '#e8f0fb',
  processStroke: '#2f5d9e',
  fill: { private: '#f2f2f2', cow: '#fff1d6', shared: '#dff3e4', ipc: '#efe3fa' },
  stroke: { private: '#8a8a8a', cow: '#b7791f', shared: '#2f855a', ipc: '#7b3fb0' },
  highlight: '#c53030',
};

const DARK: Palette = {
  background: '#1e1e1e',
  text: '#f0f0f0',
  muted: '#b8b8b8',
  edge: '#9a9a9a',
  processFill: '#233449',
  processStroke: '#7fa7e0',
  fill: { private: '#2c2c2c', cow: '#4a3714', shared: '#173d27', ipc: '#3a2450' },
  stroke: { private: '#a0a0a0', cow: '#f0b44c', shared: '#5fd08c', ipc: '#c08af0' },
  highlight: '#ff6b6b',
};

/** Approximate rendered width of `text` at `size` px: CJK and full-width forms count double. */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.62;
  return units * size;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** True when a frame is drawn on its own in the figure. */
export function isFigureFrame(f: FrameInfo): boolean {
  return new Set(f.mappings.map((m) => m.pid)).size > 1 || (f.refcount ?? 0) > 1 || f.sharing !== 'private';
}

interface Box {
  readonly id: string;
  readonly lines: readonly { text: string; mono?: boolean; bold?: boolean; small?: boolean }[];
  readonly fill: string;
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly dashed?: boolean;
  width: number;
  height: number;
  x: number;
  y: number;
}

interface Link {
  readonly from: string;
  readonly to: string;
  readonly kind: 'fork' | 'writable' | 'read-only';
  points: { x: number; y: number }[];
}

export function renderFigure(model: LabModel, opts: FigureOptions): Figure {
  const t = reportT(opts.lang);
  const pal = opts.theme === 'dark' ? DARK : LIGHT;
  const highlight = new Set(opts.copy ? [opts.copy.frame, opts.copy.oldFrame] : []);
  const maxFrames = opts.maxFrames ?? 40;
  const procs = model.processes
    .filter((p) => !p.kernelThread)
    .slice()
    .sort((a, b) => a.createdAt - b.createdAt || a.pid - b.pid);
  const shown = new Set(procs.map((p) => p.pid));
  const vmaOf = new Map<string, VmaKind>();
  for (const p of procs) for (const pg of p.pages) vmaOf.set(`${p.pid}:${pg.va}`, pg.vma);

  const boxes: Box[] = [];
  const links: Link[] = [];
  const box = (id: string, lines: Box['lines'], fill: string, stroke: string, strokeWidth = 1.2, dashed = false) => {
    const width = Math.max(...lines.map((l) => textWidth(l.text, l.small ? SMALL : SIZE))) + 20;
    const height = lines.reduce((h, l) => h + (l.small ? SMALL : SIZE) + 5, 0) + 12;
    boxes.push({ id, lines, fill, stroke, strokeWidth, dashed, width: Math.ceil(width), height: Math.ceil(height), x: 0, y: 0 });
  };

  for (const p of procs) {
    const state = t(`state.${p.state}`);
    const exit = p.exitCode !== null ? ` (${p.exitCode})` : '';
    box(`p${p.pid}`, [{ text: `PID ${p.pid} · ${p.name}`, bold: true }, { text: `${state}${exit}`, small: true }], pal.processFill, pal.processStroke, 1.6);
    if (p.parent !== 0 && shown.has(p.parent)) links.push({ from: `p${p.parent}`, to: `p${p.pid}`, kind: 'fork', points: [] });
  }

  const frames = model.frames.filter((f) => f.mappings.some((m) => shown.has(m.pid))).sort((a, b) => a.addr - b.addr);
  const own = frames.filter((f) => isFigureFrame(f) || highlight.has(f.addr));
  const drawn = [...own.filter((f) => highlight.has(f.addr)), ...own.filter((f) => !highlight.has(f.addr))].slice(0, maxFrames);
  const drawnSet = new Set(drawn.map((f) => f.addr));
  for (const f of drawn) {
    const maps = f.mappings.filter((m) => shown.has(m.pid));
    const sharing = f.sharing as Sharing;
    const vma = vmaOf.get(`${maps[0]!.pid}:${maps[0]!.va}`) ?? 'other';
    const refs = f.refcount ?? maps.length;
    const lines: Box['lines'][number][] = [{ text: hex(f.addr), mono: true, bold: true }, { text: `${vma} · ${t('refs', { n: refs })}`, small: true }];
    if (opts.copy?.frame === f.addr) lines.push({ text: t('newCopy'), small: true });
    if (opts.copy?.oldFrame === f.addr) lines.push({ text: t('oldCopy'), small: true });
    const marked = highlight.has(f.addr);
    box(`f${f.addr}`, lines, pal.fill[sharing] ?? pal.fill.shared, marked ? pal.highlight : pal.stroke[sharing] ?? pal.stroke.shared, marked ? 2.6 : 1.2);
    for (const m of maps) links.push({ from: `p${m.pid}`, to: `f${f.addr}`, kind: m.writable ? 'writable' : 'read-only', points: [] });
  }
  const hidden = own.length - drawn.length;
  if (hidden > 0) box('more', [{ text: t('more', { n: hidden }), small: true }], pal.fill.cow, pal.stroke.cow, 1, true);

  // Private frames: one box per process, with a count per VMA kind.
  for (const p of procs) {
    const counts = new Map<VmaKind, number>();
    for (const f of frames) {
      if (drawnSet.has(f.addr) || isFigureFrame(f) || highlight.has(f.addr)) continue;
      const m = f.mappings.find((x) => x.pid === p.pid);
      if (!m) continue;
      const vma = vmaOf.get(`${p.pid}:${m.va}`) ?? 'other';
      counts.set(vma, (counts.get(vma) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    const parts = VMA_ORDER.filter((k) => counts.has(k)).map((k) => `${k} ${counts.get(k)}`);
    const lines: Box['lines'][number][] = [{ text: `${t('privateFrames')} (PID ${p.pid})`, small: true }];
    for (let i = 0; i < parts.length; i += 3) lines.push({ text: parts.slice(i, i + 3).join(' · '), small: true, mono: true });
    box(`g${p.pid}`, lines, pal.fill.private, pal.stroke.private);
    links.push({ from: `p${p.pid}`, to: `g${p.pid}`, kind: 'writable', points: [] });
  }

  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 10, ranksep: 70, edgesep: 6, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of boxes) g.setNode(b.id, { width: b.width, height: b.height });
  links.forEach((l, i) => g.setEdge(l.from, l.to, { weight: l.kind === 'fork' ? 4 : 1 }, `e${i}`));
  layout(g);
  let graphW = 0;
  let graphH = 0;
  for (const b of boxes) {
    const n = g.node(b.id);
    b.x = n.x - b.width / 2;
    b.y = n.y - b.height / 2;
    graphW = Math.max(graphW, b.x + b.width);
    graphH = Math.max(graphH, b.y + b.height);
  }
  links.forEach((l, i) => {
    l.points = (g.edge({ v: l.from, w: l.to, name: `e${i}` })?.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y }));
  });

  // Title above, legend below; the drawing is centred between them.
  const title = t('figureTitle', { program: opts.program, insn: formatInsn(model.insn) });
  const legend: { label: string; fill?: string; stroke: string; line?: 'solid' | 'dashed' | 'fork' }[] = [];
  for (const s of ['cow', 'shared', 'ipc', 'private'] as const) legend.push({ label: t(sharingKey(s)), fill: pal.fill[s], stroke: pal.stroke[s] });
  legend.push({ label: t('forkEdge'), stroke: pal.processStroke, line: 'fork' });
  legend.push({ label: t('writable'), stroke: pal.edge, line: 'solid' });
  legend.push({ label: t('readOnly'), stroke: pal.edge, line: 'dashed' });
  const legendItemW = legend.map((l) => 34 + textWidth(l.label, SMALL) + 16);
  const titleH = 34;
  const minWidth = Math.max(textWidth(title, 16) + 2 * MARGIN, 520);
  const width = Math.ceil(Math.max(graphW + 2 * MARGIN, minWidth));
  // Legend rows wrap at the figure's width.
  const rows: number[][] = [[]];
  let rowW = 0;
  legendItemW.forEach((w, i) => {
    if (rowW + w > width - 2 * MARGIN && rows.at(-1)!.length > 0) {
      rows.push([]);
      rowW = 0;
    }
    rows.at(-1)!.push(i);
    rowW += w;
  });
  const legendTop = titleH + graphH + 24;
  const height = Math.ceil(legendTop + rows.length * 22 + 22);
  const dx = (width - graphW) / 2;
  const dy = titleH + 6;

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${pal.processStroke}"/></marker></defs>`,
  );
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="${pal.background}"/>`);
  out.push(`<text x="${MARGIN}" y="24" font-size="16" font-weight="bold" fill="${pal.text}">${escapeXml(title)}</text>`);
  out.push(`<g transform="translate(${r(dx)},${r(dy)})">`);
  for (const l of links) {
    if (l.points.length < 2) continue;
    const d = l.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(p.x)},${r(p.y)}`).join(' ');
    if (l.kind === 'fork') out.push(`<path d="${d}" fill="none" stroke="${pal.processStroke}" stroke-width="2" marker-end="url(#arrow)"/>`);
    else out.push(`<path d="${d}" fill="none" stroke="${pal.edge}" stroke-width="1"${l.kind === 'read-only' ? ' stroke-dasharray="5,3"' : ''}/>`);
  }
  for (const b of boxes) {
    out.push(
      `<rect x="${r(b.x)}" y="${r(b.y)}" width="${b.width}" height="${b.height}" rx="4" fill="${b.fill}" stroke="${b.stroke}" stroke-width="${b.strokeWidth}"${b.dashed ? ' stroke-dasharray="4,3"' : ''}/>`,
    );
    let y = b.y + 6;
    for (const line of b.lines) {
      const size = line.small ? SMALL : SIZE;
      y += size + 2;
      const attrs = [`x="${r(b.x + 10)}"`, `y="${r(y)}"`, `font-size="${size}"`, `fill="${line.small ? pal.muted : pal.text}"`];
      if (line.mono) attrs.push(`font-family="${escapeXml(MONO)}"`);
      if (line.bold) attrs.push('font-weight="bold"');
      out.push(`<text ${attrs.join(' ')}>${escapeXml(line.text)}</text>`);
      y += 3;
    }
  }
  out.push(`</g>`);
  out.push(`<g font-size="${SMALL}" fill="${pal.text}">`);
  rows.forEach((row, ri) => {
    let x = MARGIN;
    const y = legendTop + ri * 22;
    for (const i of row) {
      const item = legend[i]!;
      if (item.line === undefined) {
        out.push(`<rect x="${x}" y="${y}" width="24" height="14" rx="3" fill="${item.fill}" stroke="${item.stroke}" stroke-width="1.2"/>`);
      } else if (item.line === 'fork') {
        out.push(`<path d="M${x},${y + 7} L${x + 24},${y + 7}" stroke="${item.stroke}" stroke-width="2" marker-end="url(#arrow)"/>`);
      } else {
        out.push(`<path d="M${x},${y + 7} L${x + 24},${y + 7}" stroke="${item.stroke}" stroke-width="1.2"${item.line === 'dashed' ? ' stroke-dasharray="5,3"' : ''}/>`);
      }
      out.push(`<text x="${x + 32}" y="${y + 11}">${escapeXml(item.label)}</text>`);
      x += legendItemW[i]!;
    }
  });
  out.push(`</g>`);
  out.push(`</svg>`);
  return { svg: out.join('\n') + '\n', width, height };
}

const r = (n: number) => Math.round(n * 10) / 10;
