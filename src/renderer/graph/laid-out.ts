// The graph as drawn, pure: built nodes and edges with the layout's positions and the edge
// routes, both reused while the drawing's shape is unchanged (GraphPane keeps the last result).
import { shapeKey, type LabEdge, type LabNode } from './build-graph';
import { applyPositions, layoutGraph, ROUTE_GAPS, type Positions } from './layout';
import { routeEdges } from './routes';

export interface LaidOutGraph {
  nodes: LabNode[];
  edges: LabEdge[];
  key: string;
}

/** Edge routes by edge id, for one shape. */
export type Routes = ReadonlyMap<string, LabEdge['data']>;

/**
 * Builds and lays out the graph, reusing `prev` positions and edge routes when the shape is
 * unchanged (routes depend on positions and edge endpoints only).
 */
export function laidOut(graph: { nodes: LabNode[]; edges: LabEdge[] }, prev: { key: string; pos: Positions; routes?: Routes } | null) {
  const key = shapeKey(graph);
  const same = prev !== null && prev.key === key;
  const pos = same ? prev.pos : layoutGraph(graph.nodes, graph.edges);
  const nodes = applyPositions(graph.nodes, pos);
  const routes: Routes =
    same && prev.routes ? prev.routes : new Map(routeEdges(nodes, graph.edges, ROUTE_GAPS).filter((e) => e.data?.points).map((e) => [e.id, e.data]));
  const edges = graph.edges.map((e) => {
    const r = routes.get(e.id);
    return r?.points && e.data ? { ...e, type: 'routed', data: { ...e.data, points: r.points } } : e;
  });
  return { key, pos, routes, nodes, edges };
}

