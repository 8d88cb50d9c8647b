// The fork graph view: model -> buildGraph -> (layout, only when the shape changed) -> React
// Flow. Clicking a process selects it and expands or collapses its private frames; clicking a
// collapsed group expands its process; clicking a frame selects it for the inspector.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useT } from '../i18n';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';
import { buildGraph, shapeKey, type EdgeKind, type LabEdge, type LabNode } from './build-graph';
import { download, exportGraph } from './export';
import { applyPositions, layoutGraph, type Positions } from './layout';
import { nodeTypes } from './nodes';

/** Above this many edges, page-address labels are dropped to keep the drawing legible and fast. */
const EDGE_LABEL_LIMIT = 24;
/**
 * Above this many fork edges they are drawn still: an animated edge repaints every frame, and
 * dozens of them (a fork bomb) keep the main thread busy painting.
 */
const ANIMATED_FORK_LIMIT = 12;

/**
 * Edge strokes as inline styles rather than stylesheet rules, so the PNG/SVG export (which
 * copies inline styles into its clone) draws them too.
 */
const EDGE_STYLE: Record<EdgeKind, CSSProperties> = {
  fork: { stroke: 'var(--accent)', strokeWidth: 2 },
  map: { stroke: 'var(--muted)', strokeWidth: 1.2 },
  'map-cow': { stroke: 'var(--cow)', strokeWidth: 1.2, strokeDasharray: '5 3' },
  private: { stroke: 'var(--private)', strokeWidth: 1.2, strokeDasharray: '2 3' },
};

export interface LaidOutGraph {
  nodes: LabNode[];
  edges: LabEdge[];
  key: string;
}

/** Builds and lays out the graph, reusing `prev` positions when the shape is unchanged. */
export function laidOut(graph: { nodes: LabNode[]; edges: LabEdge[] }, prev: { key: string; pos: Positions } | null) {
  const key = shapeKey(graph);
  const pos = prev && prev.key === key ? prev.pos : layoutGraph(graph.nodes, graph.edges);
  return { key, pos, nodes: applyPositions(graph.nodes, pos) };
}

function GraphInner({ store }: { store: Store }) {
  const t = useT();
  const model = useStore(store, (s) => s.model);
  const expanded = useStore(store, (s) => s.expanded);
  const split = useStore(store, (s) => s.split);
  const selection = useStore(store, (s) => s.selection);
  const theme = useStore(store, (s) => s.theme);
  const cache = useRef<{ key: string; pos: Positions } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
  const [exportError, setExportError] = useState<string | null>(null);

  const { nodes, edges, key } = useMemo(() => {
    const g = buildGraph(model, { expanded, split });
    const r = laidOut(g, cache.current);
    cache.current = { key: r.key, pos: r.pos };
    const selectedId = selection?.kind === 'process' ? `p${selection.pid}` : selection?.kind === 'frame' ? `f${selection.addr.toString(16)}` : null;
    const labelled = g.edges.length <= EDGE_LABEL_LIMIT;
    const animate = g.edges.filter((e) => e.data?.kind === 'fork').length <= ANIMATED_FORK_LIMIT;
    return {
      key: r.key,
      nodes: r.nodes.map((n) => (n.id === selectedId ? { ...n, selected: true } : n)),
      edges: g.edges.map((e) => ({
        ...e,
        label: labelled && e.data?.kind !== 'fork' && e.data?.kind !== 'private' ? e.data?.label : undefined,
        animated: animate && e.data?.kind === 'fork',
        style: EDGE_STYLE[e.data?.kind ?? 'map'],
      })),
    };
  }, [model, expanded, split, selection]);

  // Glide to the new fit when the shape changes, except while the machine runs: then shapes
  // change with every model, and an animation per model only costs frames.
  useEffect(() => {
    const duration = store.get().runState === 'running' ? 0 : 200;
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration, maxZoom: 1.1 }));
    return () => cancelAnimationFrame(id);
  }, [key, flow, store]);

  const onNodeClick: NodeMouseHandler<LabNode> = useCallback(
    (_e, node) => {
      const toggle = (pid: number) =>
        store.set((s) => {
          const next = new Set(s.expanded);
          if (next.has(pid)) next.delete(pid);
          else next.add(pid);
          return { ...s, expanded: next, selection: { kind: 'process', pid } };
        });
      if (node.type === 'process') {
        if (node.data.privateCount > 0 || node.data.expanded) toggle(node.data.pid);
        else store.set({ selection: { kind: 'process', pid: node.data.pid } });
      } else if (node.type === 'private') toggle(node.data.pid);
      else if (node.type === 'frame') store.set({ selection: { kind: 'frame', addr: node.data.addr } });
    },
    [store],
  );

  const doExport = useCallback(
    async (format: 'png' | 'svg') => {
      if (!container.current) return;
      try {
        setExportError(null);
        const bg = getComputedStyle(container.current).getPropertyValue('--graph-bg').trim() || '#ffffff';
        const all = flow.getNodes();
        // The instance's bounds use measured node sizes (plain node objects do not carry them).
        const url = await exportGraph(format, container.current, all.length > 0 ? flow.getNodesBounds(all) : null, bg);
        download(url, `forklab-graph.${format}`);
      } catch (err) {
        setExportError((err as Error).message);
      }
    },
    [flow],
  );

  useEffect(() => {
    const onExport = (e: Event) => void doExport((e as CustomEvent<'png' | 'svg'>).detail);
    window.addEventListener('forklab-export', onExport);
    return () => window.removeEventListener('forklab-export', onExport);
  }, [doExport]);

  const shared = nodes.filter((n) => n.type === 'frame' && n.data.sharers > 1).length;
  return (
    <section className="pane graph-pane">
      <header className="pane-title">
        {t('forkGraph')}
        <span className="pane-stats">
          {t('sharedFrames')}: <b data-testid="shared-count">{shared}</b>
        </span>
        <span className="tab-spacer" />
        <button data-testid="export-png" onClick={() => void doExport('png')}>
          {t('exportPng')}
        </button>
        <button data-testid="export-svg" onClick={() => void doExport('svg')}>
          {t('exportSvg')}
        </button>
      </header>
      {exportError && <div className="inline-error">{exportError}</div>}
      <div className="graph-host" ref={container} data-testid="graph">
        {model.processes.length === 0 && <div className="graph-empty">{t('noModel')}</div>}
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodeClick={onNodeClick}
          // No graph key bindings: React Flow listens on the document and would swallow Space
          // and Backspace typed into the editor (Monaco's input is not a textarea it recognises).
          panActivationKeyCode={null}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          zoomActivationKeyCode={null}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          minZoom={0.05}
          maxZoom={3}
          colorMode={theme}
          onlyRenderVisibleElements={nodes.length > 400}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable style={{ width: 140, height: 90 }} nodeClassName={(n) => `mini-${n.type ?? ''}`} />
        </ReactFlow>
      </div>
    </section>
  );
}

export const GraphPane = memo(function GraphPane({ store }: { store: Store }) {
  return (
    <ReactFlowProvider>
      <GraphInner store={store} />
    </ReactFlowProvider>
  );
});
