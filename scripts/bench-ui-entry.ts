// Bench body for scripts/bench-ui.mjs, bundled for and run in Chromium (or Node as a fallback):
// a synthetic 100-process, 1,000-frame model (a fork tree where each child shares a third of its
// parent's frames copy-on-write), then the renderer's update path — buildGraph, and dagre layout
// because a frame split changes the shape, and the edge routes — timed over several runs. Returns the median in ms.
import type { FrameInfo, LabModel, PageInfo, ProcessInfo, VmaKind } from '../src/common/model';
import { buildGraph } from '../src/renderer/graph/build-graph';
import { laidOut } from '../src/renderer/graph/laid-out';

const KINDS: VmaKind[] = ['text', 'data', 'heap', 'stack'];

export function syntheticModel(processes: number, frames: number, variant: number): LabModel {
  const pages: PageInfo[][] = Array.from({ length: processes }, () => []);
  const framesOut: FrameInfo[] = [];
  for (let i = 0; i < frames; i++) {
    const addr = 0x81000000 + i * 0x1000;
    const owner = i % processes;
    const kind = KINDS[i % 4]!;
    const va = 0x10000 + Math.floor(i / processes) * 0x1000;
    const shared = (i + variant) % 3 === 0 && owner + 1 < processes;
    const pg = (w: boolean): PageInfo => ({ va, frame: addr, r: true, w, x: kind === 'text', u: true, a: true, d: w, cow: !w && kind !== 'text', vma: kind });
    pages[owner]!.push(pg(!shared));
    const mappings = [{ pid: owner + 1, va, writable: !shared }];
    if (shared) {
      pages[owner + 1]!.push(pg(false));
      mappings.push({ pid: owner + 2, va, writable: false });
    }
    framesOut.push({ addr, refcount: mappings.length, mappings, sharing: shared ? 'cow' : 'private', mismatch: null });
  }
  const procs: ProcessInfo[] = pages.map((p, i) => ({
    pid: i + 1, parent: i === 0 ? 0 : Math.floor((i + 1) / 2), name: `p${i + 1}`, state: 'running', kernelThread: false,
    exitCode: null, killed: false, pgd: 0x80400000 + i * 0x1000, createdAt: i * 100, vmas: [], pages: p,
  }));
  return { insn: variant, processes: procs, frames: framesOut, warnings: [] };
}

export interface BenchResult {
  /** Median ms of a frame-only update (faults, COW splits): build, shape key, band layout. */
  median: number;
  /** Median ms when the process tree changes too (a fork or exit): dagre re-runs. */
  fullLayout: number;
  nodes: number;
  edges: number;
}

export function benchUpdate(runs: number, now: () => number): BenchResult {
  const frameOnly: number[] = [];
  const full: number[] = [];
  let nodes = 0;
  let edges = 0;
  const update = (processes: number, variant: number): number => {
    const model = syntheticModel(processes, 1000, variant);
    const t0 = now();
    // Every process drawn (no sibling groups), as the worst case; laidOut lays out and routes.
    const g = buildGraph(model, { split: new Set([0x81000000]), expandedGroups: new Set(model.processes.map((p) => p.pid)) });
    const laid = laidOut(g, null).nodes;
    const ms = now() - t0;
    nodes = laid.length;
    edges = g.edges.length;
    return ms;
  };
  // Frame-only updates: same 100 processes, a different sharing pattern each time.
  update(100, 0);
  for (let r = 1; r <= runs; r++) frameOnly.push(update(100, r));
  // Tree changes: the process count alternates, so dagre lays out the tree every time.
  for (let r = 1; r <= runs; r++) full.push(update(r % 2 === 0 ? 100 : 99, r));
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { median: median(frameOnly), fullLayout: median(full), nodes, edges };
}
