// Layout as a pure function: graph in, positions out, computed with dagre (a layered layout).
// Processes form the upper layers in fork order; frame and private-group nodes hang below the
// processes that map them, so a frame shared by parent and child sits under both. The caller
// re-runs it only when shapeKey() changes (see GraphPane).

import { Graph, layout } from '@dagrejs/dagre';
import type { LabEdge, LabNode } from './build-graph';

export const NODE_SIZE: Record<LabNode['type'], { width: number; height: number }> = {
  process: { width: 176, height: 64 },
  frame: { width: 148, height: 58 },
  private: { width: 128, height: 40 },
};

export interface Positions {
  /** Top-left corner of each node, keyed by node id. */
  readonly [id: string]: { x: number; y: number };
}

export function layoutGraph(nodes: readonly LabNode[], edges: readonly LabEdge[]): Positions {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 20, ranksep: 64, edgesep: 8, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { ...NODE_SIZE[n.type] });
  for (const e of edges) {
    // Fork edges weigh more so the process tree stays straight; page edges only pull frames near.
    g.setEdge(e.source, e.target, { weight: e.data?.kind === 'fork' ? 8 : 1, minlen: 1 }, e.id);
  }
  layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of nodes) {
    const p = g.node(n.id);
    const size = NODE_SIZE[n.type];
    out[n.id] = { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) };
  }
  return out;
}

/** Returns the nodes with positions applied (new objects; the inputs are left untouched). */
export function applyPositions<N extends LabNode>(nodes: readonly N[], pos: Positions): N[] {
  return nodes.map((n) => ({ ...n, position: pos[n.id] ?? n.position }));
}
