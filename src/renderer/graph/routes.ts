// Edge routes, pure: orthogonal paths between laid-out nodes that never run over a node, built
// from the layout's own structure (layout.ts) rather than a general router.
//
// - The process tree grows left to right in rank columns of equal width, so the gap between two
//   columns is free all the way down. A fork edge leaves the parent's right side, turns in the
//   middle of that gap and enters the child from the left.
// - A mapping edge (process -> frame or private group) leaves the process's bottom, turns into
//   the row gap under it, runs right into the column gap next to the process's column, and down
//   it to the channel under the tree. Frame bands follow, one per VMA kind, with a channel under
//   each. Inside a band, nodes sit in grids whose columns line up across rows, so any x that no
//   node of the band covers is a free lane through the whole band. The route crosses each band
//   above its target's band in the free lane nearest to where it is heading, moving sideways
//   only in channels, then goes down the lane just left of the target's grid column to the row
//   gap above the target, and enters it from the top.
// The routes are a function of positions and edges only; GraphPane recomputes them with the
// layout.

import type { LabEdge, LabNode } from './build-graph';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Gaps the layout leaves (layout.ts): between nodes in a column, and between rank columns. */
export interface RouteGaps {
  readonly node: number;
  readonly rank: number;
  readonly row: number;
}

const boxOf = (n: LabNode): Box => ({ x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 });

/** Consecutive duplicate points and collinear middles removed. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

interface Band {
  readonly top: number;
  readonly bottom: number;
  /** Covered x ranges, sorted and merged. */
  readonly covered: readonly (readonly [number, number])[];
}

function bandOf(boxes: readonly Box[]): Band {
  const spans = boxes.map((b) => [b.x, b.x + b.width] as [number, number]).sort((a, b) => a[0] - b[0]);
  const covered: [number, number][] = [];
  for (const s of spans) {
    const last = covered[covered.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else covered.push([s[0], s[1]]);
  }
  return { top: Math.min(...boxes.map((b) => b.y)), bottom: Math.max(...boxes.map((b) => b.y + b.height)), covered };
}

/** The x nearest to `want` that no node of the band covers (half a gap clear of any node). */
function freeX(band: Band, want: number, gap: number): number {
  for (let i = 0; i < band.covered.length; i++) {
    const [l, r] = band.covered[i]!;
    if (want > l - gap / 2 && want < r + gap / 2) {
      const left = l - gap / 2;
      const right = r + gap / 2;
      return want - left <= right - want ? left : right;
    }
  }
  return want;
}

/**
 * Routes for the fork and mapping edges (`points` in edge data); other edges (IPC between
 * processes) are returned unchanged and drawn by React Flow itself.
 */
export function routeEdges(nodes: readonly LabNode[], edges: readonly LabEdge[], gaps: RouteGaps): LabEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const procs = nodes.filter((n) => n.type === 'process' || n.type === 'group').map(boxOf);
  const treeBottom = procs.length > 0 ? Math.max(...procs.map((b) => b.y + b.height)) : 0;
  const byVma = new Map<string, Box[]>();
  for (const n of nodes) {
    if (n.type === 'process' || n.type === 'group') continue;
    const list = byVma.get(n.data.vma) ?? [];
    list.push(boxOf(n));
    byVma.set(n.data.vma, list);
  }
  const bands = [...byVma.values()].map(bandOf).sort((a, b) => a.top - b.top);
  const firstTop = bands[0]?.top ?? treeBottom + gaps.rank;

  const forkRoute = (s: Box, t: Box): Point[] => {
    const mid = s.x + s.width + gaps.rank / 2;
    return [
      { x: s.x + s.width, y: s.y + s.height / 2 },
      { x: mid, y: s.y + s.height / 2 },
      { x: mid, y: t.y + t.height / 2 },
      { x: t.x, y: t.y + t.height / 2 },
    ];
  };

  const mapRoute = (s: Box, t: Box): Point[] => {
    const pts: Point[] = [{ x: s.x + s.width / 2, y: s.y + s.height }];
    // Under the process, then right into the gap beside its rank column (a quarter of the way
    // across, so these lanes stay apart from the fork edges in the middle of the gap).
    const under = s.y + s.height + gaps.node / 2;
    const lane = s.x + s.width + gaps.rank / 4;
    pts.push({ x: s.x + s.width / 2, y: under }, { x: lane, y: under });
    let x = lane;
    let y = (treeBottom + firstTop) / 2;
    pts.push({ x, y });
    // The target's lane: just left of its grid column.
    const targetLane = t.x - gaps.node / 2;
    for (let i = 0; i < bands.length; i++) {
      const band = bands[i]!;
      if (band.bottom > t.y) break; // the target's own band
      // A band above the target's: sideways in the channel to a free lane near where the route
      // is heading, then down through the band to the channel under it.
      const through = freeX(band, targetLane, gaps.node);
      const nextTop = Math.min(bands[i + 1]?.top ?? t.y, t.y);
      pts.push({ x: through, y });
      x = through;
      y = (band.bottom + nextTop) / 2;
      pts.push({ x, y });
    }
    const above = t.y - gaps.row / 2;
    pts.push({ x: targetLane, y }, { x: targetLane, y: above }, { x: t.x + t.width / 2, y: above }, { x: t.x + t.width / 2, y: t.y });
    return simplify(pts);
  };

  return edges.map((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    const kind = e.data?.kind;
    if (!s || !t || !e.data || (kind !== 'fork' && kind !== 'map' && kind !== 'map-cow' && kind !== 'private' && kind !== 'map-ipc')) return e;
    if (kind === 'fork' && t.type !== 'process' && t.type !== 'group') return e;
    const points = kind === 'fork' ? forkRoute(boxOf(s), boxOf(t)) : mapRoute(boxOf(s), boxOf(t));
    return { ...e, type: 'routed', data: { ...e.data, points } };
  });
}

/** Whether segment a-b passes through the inside of box (touching its border does not count). */
export function segmentCrossesBox(a: Point, b: Point, box: Box, eps = 0.5): boolean {
  const x0 = box.x + eps;
  const x1 = box.x + box.width - eps;
  const y0 = box.y + eps;
  const y1 = box.y + box.height - eps;
  if (a.y === b.y) return a.y > y0 && a.y < y1 && Math.max(a.x, b.x) > x0 && Math.min(a.x, b.x) < x1;
  if (a.x === b.x) return a.x > x0 && a.x < x1 && Math.max(a.y, b.y) > y0 && Math.min(a.y, b.y) < y1;
  throw new Error('routes are orthogonal');
}

const RADIUS = 6;

/** An SVG path through orthogonal points, each corner rounded by up to RADIUS. */
export function routePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next) {
      d += `L${p.x},${p.y}`;
      break;
    }
    const prev = points[i - 1]!;
    const r = Math.min(RADIUS, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const into = { x: p.x - Math.sign(p.x - prev.x) * r, y: p.y - Math.sign(p.y - prev.y) * r };
    const out = { x: p.x + Math.sign(next.x - p.x) * r, y: p.y + Math.sign(next.y - p.y) * r };
    d += `L${into.x},${into.y}Q${p.x},${p.y} ${out.x},${out.y}`;
  }
  return d;
}
