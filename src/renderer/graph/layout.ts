// Layout as a pure function: graph in, positions out. The caller re-runs it only when
// shapeKey() changes (see GraphPane).
//
// Two stages, because a layered layout of every frame does not scale (dagre takes seconds for
// 100 processes and 1,000 frames; the goal is 50 ms):
//  1. The process tree — process nodes and fork edges — is laid out with dagre, left to right
//     (a fork chain reads as time), children top to bottom in fork order.
//  2. Frame and private-group nodes go in bands below the tree, one band per VMA kind (text,
//     data, bss, heap, mmap, stack, other), which is the grouping the student reads. Inside a
//     band, nodes that aim for the same x (the mean x of the processes mapping them, so a frame
//     shared by parent and child sits between the two) form a small grid centred there; grids
//     are packed left to right without overlap.

import { Graph, layout } from '@dagrejs/dagre';
import type { VmaKind } from '../../common/model';
import { VMA_ORDER, type LabEdge, type LabNode } from './build-graph';

export const NODE_SIZE: Record<LabNode['type'], { width: number; height: number }> = {
  process: { width: 184, height: 64 },
  frame: { width: 168, height: 64 },
  private: { width: 136, height: 40 },
  group: { width: 184, height: 64 },
};

/** Nodes of the process tree: processes and the sibling groups standing in for some. */
export const inTree = (n: LabNode): boolean => n.type === 'process' || n.type === 'group';

const NODE_GAP = 20;
const RANK_GAP = 48;
const ROW_GAP = 14;
/** The gaps edges are routed through (routes.ts). */
export const ROUTE_GAPS = { node: NODE_GAP, rank: RANK_GAP, row: ROW_GAP } as const;
const BAND_GAP = 40;
/** Grid cell of a frame or group node. */
const CELL_W = NODE_SIZE.frame.width + NODE_GAP;
const CELL_H = NODE_SIZE.frame.height + ROW_GAP;

export interface Positions {
  /** Top-left corner of each node, keyed by node id. */
  readonly [id: string]: { x: number; y: number };
}

/** The process tree's positions, keyed by node id, and its bottom edge. */
interface TreeLayout {
  readonly key: string;
  readonly pos: Readonly<Record<string, { x: number; y: number }>>;
  readonly bottom: number;
}

// One-entry memo of the tree layout: most model updates (page faults, COW splits) change frames
// only, so dagre re-runs only when a process appears or goes. Same input, same output: the
// memo does not change what layoutGraph returns.
let lastTree: TreeLayout | null = null;

function layoutTree(procs: readonly LabNode[], edges: readonly LabEdge[]): TreeLayout {
  const ids = new Set(procs.map((n) => n.id));
  const forks = edges.filter((e) => e.data?.kind === 'fork' && ids.has(e.source) && ids.has(e.target));
  const key = `${procs.map((n) => n.id).join(',')}|${forks.map((e) => `${e.source}>${e.target}`).join(',')}`;
  if (lastTree && lastTree.key === key) return lastTree;
  const pos: Record<string, { x: number; y: number }> = {};
  let bottom = 0;
  if (procs.length > 0) {
    const g = new Graph();
    g.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP, ranker: 'longest-path' });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of procs) g.setNode(n.id, { ...NODE_SIZE.process });
    for (const e of forks) g.setEdge(e.source, e.target);
    // A tree has no crossings to remove: the initial order (insertion = fork order) is optimal.
    layout(g, { disableOptimalOrderHeuristic: true });
    let minX = Infinity;
    let minY = Infinity;
    for (const n of procs) {
      const p = g.node(n.id);
      minX = Math.min(minX, p.x - NODE_SIZE.process.width / 2);
      minY = Math.min(minY, p.y - NODE_SIZE.process.height / 2);
    }
    for (const n of procs) {
      const p = g.node(n.id);
      const x = Math.round(p.x - NODE_SIZE.process.width / 2 - minX);
      const y = Math.round(p.y - NODE_SIZE.process.height / 2 - minY);
      pos[n.id] = { x, y };
      bottom = Math.max(bottom, y + NODE_SIZE.process.height);
    }
  }
  lastTree = { key, pos, bottom };
  return lastTree;
}

export function layoutGraph(nodes: readonly LabNode[], edges: readonly LabEdge[]): Positions {
  const procs = nodes.filter(inTree);
  const tree = layoutTree(procs, edges);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of procs) out[n.id] = { ...tree.pos[n.id]! };
  const treeBottom = tree.bottom;

  // Where each frame or group wants to be: the mean centre of the processes mapping it.
  const sum = new Map<string, { x: number; n: number }>();
  for (const e of edges) {
    if (e.data?.kind === 'fork') continue;
    const src = out[e.source];
    if (!src) continue;
    const s = sum.get(e.target) ?? { x: 0, n: 0 };
    s.x += src.x + NODE_SIZE.process.width / 2;
    s.n += 1;
    sum.set(e.target, s);
  }

  const bands = new Map<VmaKind, { id: string; aim: number; width: number }[]>();
  for (const n of nodes) {
    if (n.type === 'process' || n.type === 'group') continue;
    const s = sum.get(n.id);
    const width = NODE_SIZE[n.type].width;
    const list = bands.get(n.data.vma) ?? [];
    list.push({ id: n.id, aim: (s ? s.x / s.n : 0) - width / 2, width });
    bands.set(n.data.vma, list);
  }

  let top = procs.length > 0 ? treeBottom + RANK_GAP : 0;
  for (const kind of VMA_ORDER) {
    const items = bands.get(kind);
    if (!items) continue;
    items.sort((a, b) => a.aim - b.aim || (a.id < b.id ? -1 : 1));
    let right = -Infinity; // right edge of the last grid placed in this band
    let rows = 0;
    for (let i = 0; i < items.length; ) {
      // A cluster: consecutive nodes aiming within half a cell of the first one.
      let j = i + 1;
      while (j < items.length && items[j]!.aim - items[i]!.aim < CELL_W / 2) j++;
      const n = j - i;
      const cols = Math.min(n, Math.max(1, Math.ceil(Math.sqrt(2 * n))));
      const width = cols * CELL_W - NODE_GAP;
      const aim = (items[i]!.aim + items[j - 1]!.aim) / 2 + NODE_SIZE.frame.width / 2;
      const left = Math.round(Math.max(aim - width / 2, right + NODE_GAP));
      for (let k = 0; k < n; k++) {
        out[items[i + k]!.id] = { x: left + (k % cols) * CELL_W, y: top + Math.floor(k / cols) * CELL_H };
      }
      right = left + width;
      rows = Math.max(rows, Math.ceil(n / cols));
      i = j;
    }
    top += rows * CELL_H + BAND_GAP;
  }
  return out;
}

/**
 * Returns the nodes with positions and sizes applied (new objects; the inputs are left
 * untouched). The sizes let React Flow know a node's box before it is measured: the minimap
 * and the bounds of a fit use them.
 */
export function applyPositions<N extends LabNode>(nodes: readonly N[], pos: Positions): N[] {
  return nodes.map((n) => ({ ...n, position: pos[n.id] ?? n.position, ...NODE_SIZE[n.type] }));
}
