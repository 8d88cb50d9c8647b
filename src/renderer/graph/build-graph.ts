// Model -> graph: turns a LabModel into React Flow nodes and edges, before layout.
//
// - One `process` node per process (not the idle task, pid 0: kinit is the root); fork edges parent -> child, children in fork order
//   (createdAt), which the layout keeps top to bottom (the tree grows left to right).
// - A frame mapped by two or more processes (or with a kernel refcount above one) is a `frame`
//   node of its own, with one edge from every (process, page) that maps it: that is where
//   copy-on-write sharing is seen, and where a frame splits when a child writes.
// - A process's private frames collapse into one `private` node per VMA kind ("heap: 12"),
//   so big programs stay readable; expanding the process (a click) draws them one by one.
//   The two frames of the latest copy-on-write split are always drawn, highlighted.
// - With many processes, frames are drawn only for some (`framesOf`: the selection), so the
//   tree stays readable; the others' frames are on demand. A frame carries the virtual
//   address it is mapped at (the same in parent and child after fork), so edges need no labels.
// Everything in node data is plain, serializable data: no callbacks. The function is pure and
// deterministic, so the shape key below changes only when the drawing's shape changes.

import type { Edge, Node } from '@xyflow/react';
import type { FrameInfo, FrameSharing, LabModel, ProcessState, VmaKind } from '../../common/model';
import { ipcEdges, isIpcMapping, mosFrameData, mosProcessData, type MosFrameData, type MosProcessData } from '../mos/graph';

export type ProcessNodeData = {
  pid: number;
  name: string;
  state: ProcessState;
  exitCode: number | null;
  killed: boolean;
  kernelThread: boolean;
  pageCount: number;
  privateCount: number;
  expanded: boolean;
} & MosProcessData;

export type FrameNodeData = {
  addr: number;
  /** Kernel refcount when reported, else the number of mappings found in page tables. */
  refcount: number;
  sharing: FrameSharing;
  /** Number of distinct processes mapping it. */
  sharers: number;
  vma: VmaKind;
  mismatch: string | null;
  /** Touched by the latest copy-on-write fault (old or new frame of a split). */
  split: boolean;
  /** The lowest virtual address it is mapped at, and how many distinct addresses there are. */
  va: number;
  vaCount: number;
} & MosFrameData;

export type PrivateNodeData = {
  pid: number;
  vma: VmaKind;
  count: number;
};

/** A run of sibling processes (and their descendants) drawn as one node until expanded. */
export type GroupNodeData = {
  parent: number;
  /** The collapsed children, in fork order. */
  children: number[];
  /** Processes hidden in the group: the children and all their descendants. */
  count: number;
};

export type ProcessNode = Node<ProcessNodeData, 'process'>;
export type GroupNode = Node<GroupNodeData, 'group'>;
export type FrameNode = Node<FrameNodeData, 'frame'>;
export type PrivateNode = Node<PrivateNodeData, 'private'>;
export type LabNode = ProcessNode | FrameNode | PrivateNode | GroupNode;

export type EdgeKind = 'fork' | 'map' | 'map-cow' | 'private' | 'ipc' | 'map-ipc';
/** `points`: the route the layout chose (routes.ts), drawn by the 'routed' edge type. */
export type LabEdge = Edge<{ kind: EdgeKind; label: string; points?: readonly { readonly x: number; readonly y: number }[] }>;

export interface LabGraph {
  nodes: LabNode[];
  edges: LabEdge[];
}

export interface GraphOptions {
  /** Processes whose private frames are drawn one by one. */
  expanded?: ReadonlySet<number>;
  /** Frames touched by the latest COW split, highlighted. */
  split?: ReadonlySet<number>;
  /** Hide kernel threads (idle, kernel workers). Default false. */
  hideKernelThreads?: boolean;
  /**
   * Draw frames only of these processes (edges only from them); undefined draws every
   * process's frames. A frame they share with others still shows its full refcount.
   */
  framesOf?: ReadonlySet<number>;
  /**
   * Parents whose children are all drawn. With more than GROUP_ABOVE processes, a parent with
   * more than SHOWN_SIBLINGS children draws the first ones and folds the rest (with their
   * descendants) into one group node, unless it is listed here.
   */
  expandedGroups?: ReadonlySet<number>;
  /** A process that must be drawn (the selection): the groups hiding it open. */
  reveal?: number | null;
}

/** Sibling groups start above this many processes (the fork bomb has 64, mfork 9). */
export const GROUP_ABOVE = 16;
/** Children of one parent drawn before the rest fold into a group: the first-born, so a fork bomb reads as its chain of first children with a group beside each. */
export const SHOWN_SIBLINGS = 1;

export const groupId = (parent: number) => `s${parent}`;

/** Above this many processes the graph draws frames for the selection only, unless asked. */
export const FRAMES_ALL_LIMIT = 6;

/** The kernel's idle task; never drawn (see buildGraph). */
export const IDLE_PID = 0;

export const VMA_ORDER: readonly VmaKind[] = ['text', 'data', 'bss', 'heap', 'mmap', 'stack', 'other'];

export const processId = (pid: number) => `p${pid}`;
export const frameId = (addr: number) => `f${addr.toString(16)}`;
export const privateId = (pid: number, vma: VmaKind) => `g${pid}-${vma}`;

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** True when a frame is drawn on its own (shared in some way) rather than in a private group. */
export function isSharedFrame(f: FrameInfo): boolean {
  const pids = new Set(f.mappings.map((m) => m.pid));
  return pids.size > 1 || (f.refcount ?? 0) > 1 || f.sharing !== 'private';
}

export function buildGraph(model: LabModel, opts: GraphOptions = {}): LabGraph {
  const expanded = opts.expanded ?? new Set<number>();
  const split = opts.split ?? new Set<number>();
  const framesOf = opts.framesOf;
  const drawsFramesOf = (pid: number) => !framesOf || framesOf.has(pid);
  const all = model.processes
    // The idle task (pid 0) is the scheduler's fallback, not a process of the fork tree: kinit
    // (pid 1, parent 0) is the root, as the lab model and `ps` (PPID 0) have it.
    .filter((p) => p.pid !== IDLE_PID && !(opts.hideKernelThreads && p.kernelThread))
    .slice()
    .sort((a, b) => a.createdAt - b.createdAt || a.pid - b.pid);
  const groups = siblingGroups(all, opts.expandedGroups ?? new Set(), opts.reveal ?? null);
  const procs = all.filter((p) => !groups.hidden.has(p.pid));
  const shown = new Set(procs.map((p) => p.pid));
  const vmaOf = new Map<string, VmaKind>();
  for (const p of procs) for (const pg of p.pages) vmaOf.set(`${p.pid}:${pg.va}`, pg.vma);

  const nodes: LabNode[] = [];
  const edges: LabEdge[] = [];
  const privateByPid = new Map<number, Map<VmaKind, FrameInfo[]>>();
  const frames = model.frames.slice().sort((a, b) => a.addr - b.addr);

  for (const f of frames) {
    const maps = f.mappings.filter((m) => shown.has(m.pid));
    if (maps.length === 0) continue;
    if (!isSharedFrame(f) && !split.has(f.addr)) {
      const m = maps[0]!;
      const vma = vmaOf.get(`${m.pid}:${m.va}`) ?? 'other';
      let byKind = privateByPid.get(m.pid);
      if (!byKind) privateByPid.set(m.pid, (byKind = new Map()));
      const list = byKind.get(vma) ?? [];
      list.push(f);
      byKind.set(vma, list);
    }
  }

  for (const p of procs) {
    const byKind = privateByPid.get(p.pid);
    let privateCount = 0;
    byKind?.forEach((l) => (privateCount += l.length));
    nodes.push({
      id: processId(p.pid),
      type: 'process',
      position: { x: 0, y: 0 },
      data: {
        pid: p.pid,
        name: p.name,
        state: p.state,
        exitCode: p.exitCode,
        killed: p.killed,
        kernelThread: p.kernelThread,
        pageCount: p.pages.length,
        privateCount,
        expanded: expanded.has(p.pid),
        ...mosProcessData(p),
      },
    });
    if (p.parent !== 0 && shown.has(p.parent)) {
      edges.push({
        id: `fork-${p.parent}-${p.pid}`,
        source: processId(p.parent),
        target: processId(p.pid),
        sourceHandle: 'fork',
        targetHandle: 'in',
        type: 'smoothstep',
        data: { kind: 'fork', label: 'fork' },
        className: 'edge-fork',
      });
    }
  }

  for (const g of groups.groups) {
    if (!shown.has(g.parent)) continue;
    nodes.push({ id: groupId(g.parent), type: 'group', position: { x: 0, y: 0 }, data: g });
    edges.push({
      id: `fork-${g.parent}-group`,
      source: processId(g.parent),
      target: groupId(g.parent),
      sourceHandle: 'fork',
      targetHandle: 'in',
      type: 'smoothstep',
      data: { kind: 'fork', label: 'fork' },
      className: 'edge-fork',
    });
  }

  edges.push(...ipcEdges(model, shown));

  for (const f of frames) {
    const maps = f.mappings.filter((m) => shown.has(m.pid));
    if (maps.length === 0) continue;
    const drawn = maps.filter((m) => drawsFramesOf(m.pid));
    if (drawn.length === 0) continue;
    const shared = isSharedFrame(f);
    const owner = maps[0]!;
    // A frame of the latest split is drawn on its own even when private, so the split shows.
    if (!shared && !expanded.has(owner.pid) && !split.has(f.addr)) continue;
    const id = frameId(f.addr);
    nodes.push({
      id,
      type: 'frame',
      position: { x: 0, y: 0 },
      data: {
        addr: f.addr,
        refcount: f.refcount ?? maps.length,
        sharing: f.sharing,
        sharers: new Set(maps.map((m) => m.pid)).size,
        vma: vmaOf.get(`${owner.pid}:${owner.va}`) ?? 'other',
        mismatch: f.mismatch,
        split: split.has(f.addr),
        va: Math.min(...maps.map((m) => m.va)),
        vaCount: new Set(maps.map((m) => m.va)).size,
        ...mosFrameData(f),
      },
    });
    for (const m of drawn) {
      const kind: EdgeKind = isIpcMapping(f, m) ? 'map-ipc' : m.writable ? 'map' : f.sharing === 'cow' ? 'map-cow' : 'map';
      edges.push({
        id: `map-${m.pid}-${m.va.toString(16)}-${id}`,
        source: processId(m.pid),
        sourceHandle: 'map',
        target: id,
        data: { kind, label: hex(m.va) },
        className: `edge-${kind}`,
      });
    }
  }

  for (const p of procs) {
    if (expanded.has(p.pid) || !drawsFramesOf(p.pid)) continue;
    const byKind = privateByPid.get(p.pid);
    if (!byKind) continue;
    for (const vma of VMA_ORDER) {
      const list = byKind.get(vma);
      if (!list) continue;
      const id = privateId(p.pid, vma);
      nodes.push({ id, type: 'private', position: { x: 0, y: 0 }, data: { pid: p.pid, vma, count: list.length } });
      edges.push({
        id: `priv-${p.pid}-${vma}`,
        source: processId(p.pid),
        sourceHandle: 'map',
        target: id,
        data: { kind: 'private', label: String(list.length) },
        className: 'edge-private',
      });
    }
  }
  return { nodes, edges };
}

/**
 * Which processes fold into sibling groups: with more than GROUP_ABOVE processes, the children
 * of a parent beyond the first SHOWN_SIBLINGS (fork order), with all their descendants, unless
 * the parent is expanded or the group holds the process to reveal.
 */
function siblingGroups(procs: readonly { pid: number; parent: number }[], expanded: ReadonlySet<number>, reveal: number | null) {
  const hidden = new Set<number>();
  const groups: GroupNodeData[] = [];
  if (procs.length <= GROUP_ABOVE) return { hidden, groups };
  const children = new Map<number, number[]>();
  const parentOf = new Map<number, number>();
  for (const p of procs) {
    parentOf.set(p.pid, p.parent);
    const list = children.get(p.parent) ?? [];
    list.push(p.pid);
    children.set(p.parent, list);
  }
  const ancestors = new Set<number>();
  for (let pid = reveal; pid !== null && pid !== undefined && !ancestors.has(pid); pid = parentOf.get(pid) ?? null) ancestors.add(pid);
  const subtree = (pid: number, into: Set<number>) => {
    const stack = [pid];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (into.has(at)) continue;
      into.add(at);
      stack.push(...(children.get(at) ?? []));
    }
  };
  for (const [parent, kids] of children) {
    if (kids.length <= SHOWN_SIBLINGS + 1 || expanded.has(parent)) continue;
    const folded = kids.slice(SHOWN_SIBLINGS);
    if (folded.some((k) => ancestors.has(k))) continue;
    const inside = new Set<number>();
    for (const k of folded) subtree(k, inside);
    inside.forEach((pid) => hidden.add(pid));
    groups.push({ parent, children: folded, count: inside.size });
  }
  return { hidden, groups: groups.filter((g) => !hidden.has(g.parent)) };
}

/**
 * The drawing's shape: node ids and edge endpoints. Layout depends only on this, so a model
 * update that changes states, counts or refcounts keeps positions and skips re-layout.
 */
export function shapeKey(graph: LabGraph): string {
  return `${graph.nodes.map((n) => n.id).join(',')}|${graph.edges.map((e) => `${e.source}>${e.target}`).join(',')}`;
}
