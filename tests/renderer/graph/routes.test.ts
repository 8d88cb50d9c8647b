// Edge routes (routes.ts) on the models of real runs: mfork (9 processes) and the fork bomb
// (its peak, the process table full), with every frame drawn and with one process's frames.
// No segment of any routed edge may pass through a node other than its own two ends, every
// route must start on its source's handle side and end on its target's border, and it must be
// orthogonal.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabModel } from '../../../src/common/model';
import { buildGraph, type LabEdge, type LabNode } from '../../../src/renderer/graph/build-graph';
import { laidOut } from '../../../src/renderer/graph/laid-out';
import { routePath, segmentCrossesBox, type Box } from '../../../src/renderer/graph/routes';
import { LabSession } from '../../../src/lab/session';

const root = join(__dirname, '../../..');
const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
const SLICE = 50_000;
const MAX_SLICES = 20_000;

/**
 * The model with the most (live) processes of a whole run of the prebuilt `name` on the lab
 * kernel, taken every SLICE instructions at the next user-mode point: instruction counts, not
 * wall time, pick the instants, so every run of this test sees the same models.
 */
function peakModel(name: string): LabModel {
  const booted = LabSession.boot({ kernel, apps: [{ name, elf: new Uint8Array(readFileSync(join(root, `resources/user/build/${name}.elf`))) }], bootargs: `apps=${name}` });
  if (!booted.ok) throw new Error(booted.error);
  const session = booted.session;
  const live = (m: LabModel) => m.processes.length * 1000 + m.processes.filter((p) => p.state === 'running' || p.state === 'sleeping').length;
  let best = session.model();
  for (let slice = 0; slice < MAX_SLICES && session.runSliceSettled(SLICE, SLICE).kind === 'limit'; slice++) {
    const m = session.model();
    if (live(m) > live(best)) best = m;
  }
  expect(session.finished?.kind).toBe('halted');
  return best;
}

const box = (n: LabNode): Box => ({ x: n.position.x, y: n.position.y, width: n.width!, height: n.height! });

/** Every crossing of a node by an edge segment, as text, for a readable failure. */
function crossings(nodes: readonly LabNode[], edges: readonly LabEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const pts = e.data?.points;
    if (!pts) continue;
    for (let i = 1; i < pts.length; i++) {
      for (const n of nodes) {
        if (n.id === e.source || n.id === e.target) continue;
        if (segmentCrossesBox(pts[i - 1]!, pts[i]!, box(n))) out.push(`${e.id} segment ${i} crosses ${n.id}`);
      }
    }
  }
  return out;
}

function check(model: LabModel, framesOf?: ReadonlySet<number>, expandedGroups?: ReadonlySet<number>) {
  const g = buildGraph(model, { ...(framesOf ? { framesOf } : {}), ...(expandedGroups ? { expandedGroups } : {}) });
  const { nodes, edges } = laidOut(g, null);
  const routed = edges.filter((e) => e.type === 'routed');
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Every fork and mapping edge is routed (only IPC edges between processes are not).
  expect(routed.length).toBe(edges.filter((e) => e.data?.kind !== 'ipc').length);
  expect(routed.length).toBeGreaterThan(0);
  for (const e of routed) {
    const pts = e.data!.points!;
    for (let i = 1; i < pts.length; i++) expect(pts[i - 1]!.x === pts[i]!.x || pts[i - 1]!.y === pts[i]!.y).toBe(true);
    const s = box(byId.get(e.source)!);
    const t = box(byId.get(e.target)!);
    const first = pts[0]!;
    const last = pts[pts.length - 1]!;
    if (e.data!.kind === 'fork') {
      expect(first).toEqual({ x: s.x + s.width, y: s.y + s.height / 2 });
      expect(last).toEqual({ x: t.x, y: t.y + t.height / 2 });
    } else {
      expect(first).toEqual({ x: s.x + s.width / 2, y: s.y + s.height });
      expect(last).toEqual({ x: t.x + t.width / 2, y: t.y });
    }
    expect(routePath(pts)).toMatch(/^M[-\d.]+,[-\d.]+(?:[LQ][-\d., ]+)+$/);
  }
  expect(crossings(nodes, edges)).toEqual([]);
  return { nodes, routed };
}

describe('edges routed around nodes', () => {
  let mfork: LabModel;
  let bomb: LabModel;
  beforeAll(() => {
    [mfork, bomb] = [peakModel('mfork'), peakModel('forkbomb')];
  }, 240_000);

  test('mfork: no edge runs over a node, with every frame drawn or one process\'s', () => {
    expect(mfork.processes.length).toBeGreaterThanOrEqual(9);
    const all = check(mfork);
    expect(all.nodes.filter((n) => n.type === 'frame').length).toBeGreaterThan(5);
    check(mfork, new Set([mfork.processes.at(-1)!.pid]));
  });

  test('the fork bomb at its peak: no edge runs over a node', () => {
    expect(bomb.processes.length).toBeGreaterThanOrEqual(60);
    // As drawn (siblings folded into groups), and with every group open.
    const folded = check(bomb, new Set([bomb.processes[3]!.pid]));
    expect(folded.nodes.some((n) => n.type === 'group')).toBe(true);
    const all = check(bomb, undefined, new Set(bomb.processes.map((p) => p.pid)));
    expect(all.routed.filter((e) => e.data?.kind === 'fork').length).toBeGreaterThanOrEqual(60);
  });

  test('the check itself sees a crossing: a straight line through a node counts, a touch does not', () => {
    const b = { x: 0, y: 0, width: 100, height: 50 };
    expect(segmentCrossesBox({ x: -10, y: 25 }, { x: 200, y: 25 }, b)).toBe(true);
    expect(segmentCrossesBox({ x: 50, y: -10 }, { x: 50, y: 0 }, b)).toBe(false);
    expect(segmentCrossesBox({ x: 100, y: -10 }, { x: 100, y: 80 }, b)).toBe(false);
  });
});
