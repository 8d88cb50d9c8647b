// The fork graph view: model -> buildGraph -> (layout, only when the shape changed) -> React
// Flow. Clicking a process selects it and expands or collapses its private frames; clicking a
// collapsed group expands its process; clicking a frame selects it for the inspector.
// The view follows the graph (a fit after each shape change, then a pan that brings a just-split
// or new frame into view when the machine stops) until the student pans or zooms by hand; the
// fit button hands the view back. The minimap shows only while the graph at its fit is larger
// than the pane.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  Background,
  ControlButton,
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
import { buildGraph, frameId, FRAMES_ALL_LIMIT, type EdgeKind, type LabNode } from './build-graph';
import { download, exportGraph } from './export';
import { laidOut, type Routes } from './laid-out';
import type { Positions } from './layout';
import { edgeTypes } from './edges';
import { nodeTypes } from './nodes';
import { decorateMosEdge, MOS_EDGE_STYLE } from '../mos/views';
import { fitsAt, readableFit, reveal, type Rect } from './viewport';

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
  ...MOS_EDGE_STYLE,
};

/** Whose frames are drawn: every process's, the selected process's, or chosen by size. */
type FramesMode = 'auto' | 'all' | 'selection';

function GraphInner({ store }: { store: Store }) {
  const t = useT();
  const model = useStore(store, (s) => s.model);
  const [framesMode, setFramesMode] = useState<FramesMode>('auto');
  /** Parents whose folded children were clicked open (sibling groups, many processes). */
  const [openGroups, setOpenGroups] = useState<ReadonlySet<number>>(() => new Set());
  /** The last process clicked: its frames stay drawn while a frame of it is selected. */
  const focus = useRef<number | null>(null);
  const expanded = useStore(store, (s) => s.expanded);
  const split = useStore(store, (s) => s.split);
  const selection = useStore(store, (s) => s.selection);
  const theme = useStore(store, (s) => s.theme);
  const cache = useRef<{ key: string; pos: Positions; routes?: Routes } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
  const [exportError, setExportError] = useState<string | null>(null);
  /** The graph at its fit is larger than the pane (it scrolls): the minimap is shown then. */
  const [overflows, setOverflows] = useState(false);
  const runState = useStore(store, (s) => s.runState);
  /** The student moved the view by hand since the last fit: the graph no longer moves it. */
  const userMoved = useRef(false);
  /** Frame node ids drawn at the last view update, to find the ones that just appeared. */
  const seenFrames = useRef<Set<string>>(new Set());

  if (selection?.kind === 'process') focus.current = selection.pid;
  const allFrames = framesMode === 'all' || (framesMode === 'auto' && model.processes.length <= FRAMES_ALL_LIMIT);
  const { nodes, edges, key } = useMemo(() => {
    const framesOf = allFrames ? undefined : new Set([...(focus.current !== null ? [focus.current] : []), ...expanded]);
    const reveal = selection?.kind === 'process' ? selection.pid : null;
    const g = buildGraph(model, { expanded, split, expandedGroups: openGroups, reveal, ...(framesOf ? { framesOf } : {}) });
    const r = laidOut(g, cache.current);
    cache.current = { key: r.key, pos: r.pos, routes: r.routes };
    const selectedId = selection?.kind === 'process' ? `p${selection.pid}` : selection?.kind === 'frame' ? `f${selection.addr.toString(16)}` : null;
    const animate = g.edges.filter((e) => e.data?.kind === 'fork').length <= ANIMATED_FORK_LIMIT;
    return {
      key: r.key,
      nodes: r.nodes.map((n) => (n.id === selectedId ? { ...n, selected: true } : n)),
      edges: r.edges.map((e) =>
        decorateMosEdge(
          {
            ...e,
            // No edge labels: the address a frame is mapped at is written on the frame, so labels
            // cannot collide however many edges there are. (IPC edges carry their value.)
            label: undefined,
            animated: animate && e.data?.kind === 'fork',
        // Edges are not clickable: a wide invisible hit path would steal clicks from small nodes.
        interactionWidth: 0,
        focusable: false,
            style: EDGE_STYLE[e.data?.kind ?? 'map'],
          },
          t,
        ),
      ),
    };
  }, [model, expanded, split, selection, allFrames, openGroups, t]);

  const fit = useCallback(
    (duration: number, focusOn: readonly string[] = []) => {
      const host = container.current;
      const all = flow.getNodes();
      if (!host || all.length === 0) return;
      const bounds = flow.getNodesBounds(all);
      let view = readableFit(bounds, host.clientWidth, host.clientHeight);
      // The minimap is for a graph larger than its pane; over one that fits it would only hide nodes.
      setOverflows(!fitsAt(view.zoom, bounds, host.clientWidth, host.clientHeight));
      // The nodes to show (both frames of a split), or the first of them (the new copy) alone
      // when they do not fit side by side.
      const focus = all.filter((n) => focusOn.includes(n.id));
      if (focus.length > 0) {
        const both = flow.getNodesBounds(focus) as Rect;
        const first = all.find((n) => n.id === focusOn[0]);
        const rect = fitsAt(view.zoom, both, host.clientWidth, host.clientHeight) || !first ? both : (flow.getNodesBounds([first]) as Rect);
        view = reveal(view, rect, host.clientWidth, host.clientHeight);
      }
      userMoved.current = false;
      void flow.setViewport(view, { duration });
    },
    [flow],
  );

  // Follow the graph when its shape changes or the machine stops (unless the student has moved
  // the view): glide to the new fit, and after a stop bring the frames of the latest split, else
  // frames that just appeared, into view (a narrow pane may fit only part of the graph). While
  // the machine runs, shapes change with every model: no animation, no focus.
  useEffect(() => {
    const frames = nodes.filter((n) => n.type === 'frame');
    const fresh = frames.filter((n) => !seenFrames.current.has(n.id)).map((n) => n.id);
    seenFrames.current = new Set(frames.map((n) => n.id));
    if (nodes.length === 0) userMoved.current = false;
    if (userMoved.current) return;
    const stopped = runState !== 'running';
    // The new copy first (the store lists a split as [new frame, old frame]).
    const splitIds = [...split].map((addr) => frameId(addr)).filter((id) => frames.some((n) => n.id === id));
    // A few new frames are news (a step mapped a page); a whole new drawing is not.
    const focusOn = !stopped ? [] : splitIds.length > 0 ? splitIds : fresh.length <= 4 && fresh.length < frames.length ? fresh : [];
    const id = requestAnimationFrame(() => fit(stopped ? 200 : 0, focusOn));
    return () => cancelAnimationFrame(id);
    // nodes changes with every model; the view follows shape changes and stops only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fit, runState, split]);

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
      else if (node.type === 'group') setOpenGroups((open) => new Set([...open, node.data.parent]));
    },
    [store],
  );

  const doExport = useCallback(
    async (format: 'png' | 'svg') => {
      try {
        setExportError(null);
        const s = store.get();
        const program = (s.active ?? 'forklab').replace(/\.c$/, '');
        const blob = await exportGraph(format, { model: s.model, timeline: s.timeline, program, lang: s.language });
        download(blob, `forklab-graph.${format}`);
      } catch (err) {
        setExportError((err as Error).message);
      }
    },
    [store],
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
        <span className="pane-name" title={t('forkGraphHint')}>{t('forkGraph')}</span>
        <span className="pane-stats">
          {t('sharedFrames')}: <b data-testid="shared-count">{shared}</b>
        </span>
        <span className="tab-spacer" />
        <button
          data-testid="frames-mode"
          data-mode={allFrames ? 'all' : 'selection'}
          title={t('framesModeHint')}
          onClick={() => setFramesMode(allFrames ? 'selection' : 'all')}
        >
          {allFrames ? t('framesAll') : t('framesSelection')}
        </button>
        <button data-testid="export-png" onClick={() => void doExport('png')}>
          {t('exportPng')}
        </button>
        <button data-testid="export-svg" onClick={() => void doExport('svg')}>
          {t('exportSvg')}
        </button>
      </header>
      {exportError && <div className="inline-error">{exportError}</div>}
      <div
        className="graph-host"
        ref={container}
        data-testid="graph"
        // The minimap and the zoom buttons move the view without an input event of their own.
        onPointerDownCapture={(e) => {
          const target = e.target as Element;
          if (target.closest('.react-flow__minimap') || (target.closest('.react-flow__controls button') && !target.closest('[data-testid="fit-view"]'))) userMoved.current = true;
        }}
      >
        {model.processes.length === 0 && <div className="graph-empty">{t('noModel')}</div>}
        {model.processes.length > 0 && !allFrames && focus.current === null && expanded.size === 0 && (
          <div className="graph-hint" data-testid="frames-hint">{t('framesPickProcess')}</div>
        )}
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
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
          // A pan or zoom by the student (an input event; the graph's own moves have none).
          onMoveStart={(event) => {
            if (event) userMoved.current = true;
          }}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} showFitView={false}>
            <ControlButton data-testid="fit-view" title={t('fitView')} aria-label={t('fitView')} onClick={() => fit(200)}>
              ⤢
            </ControlButton>
          </Controls>
          {overflows && <MiniMap pannable zoomable style={{ width: 140, height: 90 }} nodeClassName={(n) => `mini-${n.type ?? ''}`} />}
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
