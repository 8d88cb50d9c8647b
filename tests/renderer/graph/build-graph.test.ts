import { describe, expect, test } from 'vitest';
import { buildGraph, frameId, groupId, SHOWN_SIBLINGS, isSharedFrame, processId, shapeKey, type FrameNode, type GroupNode, type PrivateNode, type ProcessNode } from '../../../src/renderer/graph/build-graph';
import type { LabModel } from '../../../src/common/model';
import { afterChildWrite, afterFork, proc } from '../fixtures';

const byType = <T extends string>(g: ReturnType<typeof buildGraph>, t: T) => g.nodes.filter((n) => n.type === t);

describe('model to graph mapping', () => {
  test('after fork, draws one node per process and a fork edge from parent to child', () => {
    const g = buildGraph(afterFork());
    const procs = byType(g, 'process') as ProcessNode[];
    expect(procs.map((p) => p.data.pid)).toEqual([1, 2, 3]);
    const forks = g.edges.filter((e) => e.data?.kind === 'fork');
    expect(forks.map((e) => [e.source, e.target])).toEqual([
      [processId(1), processId(2)],
      [processId(2), processId(3)],
    ]);
  });

  test('does not draw the idle task (pid 0): the fork tree has one root, kinit, which every process descends from', () => {
    const g = buildGraph(afterFork());
    const procs = byType(g, 'process') as ProcessNode[];
    expect(afterFork().processes.some((p) => p.pid === 0 && p.name === 'idle')).toBe(true);
    expect(procs.some((p) => p.data.pid === 0)).toBe(false);
    const parentOf = new Map(g.edges.filter((e) => e.data?.kind === 'fork').map((e) => [e.target, e.source]));
    const roots = procs.filter((p) => !parentOf.has(p.id)).map((p) => p.data.name);
    expect(roots).toEqual(['init']);
    expect(g.edges.some((e) => e.source === processId(0) || e.target === processId(0))).toBe(false);
  });

  test('after fork, the text, data and stack frames are drawn as shared frames with refcount 2', () => {
    const frames = byType(buildGraph(afterFork()), 'frame') as FrameNode[];
    expect(frames.map((f) => f.data.addr)).toEqual([0x80a00000, 0x80a01000, 0x80a02000]);
    expect(frames.every((f) => f.data.refcount === 2 && f.data.sharers === 2)).toBe(true);
    expect(frames.map((f) => f.data.vma)).toEqual(['text', 'data', 'stack']);
  });

  test('draws an edge from every process page that maps a shared frame, labelled with its address', () => {
    const g = buildGraph(afterFork());
    const toData = g.edges.filter((e) => e.target === frameId(0x80a01000));
    expect(toData.map((e) => e.source).sort()).toEqual([processId(2), processId(3)]);
    expect(toData.every((e) => e.data?.label === '0x11000' && e.data?.kind === 'map-cow')).toBe(true);
  });

  test('collapses private frames into one count per process and VMA kind', () => {
    const priv = byType(buildGraph(afterFork()), 'private') as PrivateNode[];
    expect(priv.map((p) => p.data)).toEqual([{ pid: 2, vma: 'heap', count: 2 }]);
  });

  test('after the child writes its data page, the data frame is no longer shared and each side owns one copy', () => {
    const g = buildGraph(afterChildWrite());
    const frames = byType(g, 'frame') as FrameNode[];
    expect(frames.map((f) => f.data.addr)).toEqual([0x80a00000, 0x80a02000]);
    const priv = (byType(g, 'private') as PrivateNode[]).map((p) => p.data);
    expect(priv).toContainEqual({ pid: 2, vma: 'data', count: 1 });
    expect(priv).toContainEqual({ pid: 3, vma: 'data', count: 1 });
  });

  test('an expanded process draws its private frames one by one instead of a count', () => {
    const g = buildGraph(afterChildWrite(), { expanded: new Set([3]) });
    const priv = (byType(g, 'private') as PrivateNode[]).map((p) => p.data.pid);
    expect(priv).not.toContain(3);
    const copy = g.nodes.find((n) => n.id === frameId(0x80a05000)) as FrameNode;
    expect(copy.data).toMatchObject({ refcount: 1, sharers: 1, sharing: 'private', vma: 'data' });
    expect(g.edges.filter((e) => e.target === copy.id).map((e) => e.source)).toEqual([processId(3)]);
  });

  test('draws both frames of the latest split on their own, highlighted, even though each is now private', () => {
    const g = buildGraph(afterChildWrite(), { split: new Set([0x80a01000, 0x80a05000]) });
    const split = (byType(g, 'frame') as FrameNode[]).filter((f) => f.data.split);
    expect(split.map((f) => f.data.addr).sort()).toEqual([0x80a01000, 0x80a05000]);
    expect(split.map((f) => f.data.refcount)).toEqual([1, 1]);
    const priv = (byType(g, 'private') as PrivateNode[]).map((p) => p.data);
    expect(priv.some((p) => p.vma === 'data')).toBe(false);
  });

  test('can hide kernel threads, dropping their fork edges too', () => {
    const g = buildGraph(afterFork(), { hideKernelThreads: true });
    expect((byType(g, 'process') as ProcessNode[]).map((p) => p.data.pid)).toEqual([2, 3]);
    expect(g.edges.filter((e) => e.data?.kind === 'fork')).toHaveLength(1);
  });

  test('orders sibling processes by creation, not by pid', () => {
    const m = afterFork();
    const late = { ...m.processes[3]!, pid: 4, createdAt: 4000, pages: [] };
    const g = buildGraph({ ...m, processes: [...m.processes, late] });
    expect((byType(g, 'process') as ProcessNode[]).map((p) => p.data.pid)).toEqual([1, 2, 4, 3]);
  });

  test('keeps the shape key when only states and counts change, and changes it when a frame splits', () => {
    const a = afterFork();
    const exited = { ...a, processes: a.processes.map((p) => (p.pid === 3 ? { ...p, state: 'zombie' as const, exitCode: 0 } : p)) };
    expect(shapeKey(buildGraph(exited))).toBe(shapeKey(buildGraph(a)));
    expect(shapeKey(buildGraph(afterChildWrite()))).not.toBe(shapeKey(buildGraph(a)));
  });

  test('treats a frame with a kernel refcount above one as shared even if only one mapping was found', () => {
    expect(isSharedFrame({ addr: 1, refcount: 2, mappings: [{ pid: 2, va: 0, writable: false }], sharing: 'private', mismatch: 'x' })).toBe(true);
    expect(isSharedFrame({ addr: 1, refcount: 1, mappings: [{ pid: 2, va: 0, writable: true }], sharing: 'private', mismatch: null })).toBe(false);
  });
});

describe('frames for the selection only (many processes)', () => {
  test('draws only the chosen processes\' frames, with edges only from them and the full refcount', () => {
    const g = buildGraph(afterFork(), { framesOf: new Set([3]) });
    const frames = byType(g, 'frame') as FrameNode[];
    expect(frames.map((f) => f.data.addr)).toEqual([0x80a00000, 0x80a01000, 0x80a02000]);
    expect(frames.every((f) => f.data.refcount === 2 && f.data.sharers === 2)).toBe(true);
    const maps = g.edges.filter((e) => e.data?.kind !== 'fork');
    expect(maps.length).toBeGreaterThan(0);
    expect(maps.every((e) => e.source === processId(3))).toBe(true);
    // pid 2's private heap group is not drawn; every process still is
    expect(byType(g, 'private')).toEqual([]);
    expect(byType(g, 'process')).toHaveLength(3);
  });

  test('draws no frames when no process is chosen', () => {
    const g = buildGraph(afterFork(), { framesOf: new Set() });
    expect(g.nodes.every((n) => n.type === 'process')).toBe(true);
    expect(g.edges.every((e) => e.data?.kind === 'fork')).toBe(true);
  });

  test('writes on each frame the virtual address it is mapped at', () => {
    const frames = byType(buildGraph(afterFork()), 'frame') as FrameNode[];
    const data = frames.find((f) => f.data.addr === 0x80a01000)!;
    expect(data.data).toMatchObject({ va: 0x11000, vaCount: 1 });
  });
});

describe('sibling groups (many processes)', () => {
  /** A fork bomb's tree: in each of `rounds` rounds every process forks once (binomial tree). */
  function bomb(rounds: number) {
    const procs = [proc(1, 0, 0, [], { name: 'kinit', kernelThread: true }), proc(2, 1, 1, [], { name: 'forkbomb' })];
    let next = 3;
    for (let r = 0; r < rounds; r++) {
      for (const p of procs.slice(1)) procs.push(proc(next++, p.pid, 10 + next, [], { name: 'forkbomb' }));
    }
    return { insn: 1, processes: procs, frames: [], ipc: [], warnings: [] } as LabModel;
  }
  const drawn = (g: ReturnType<typeof buildGraph>) => (byType(g, 'process') as ProcessNode[]).map((p) => p.data.pid);
  const groups = (g: ReturnType<typeof buildGraph>) => byType(g, 'group') as GroupNode[];

  test('fold the children of a parent after its first-born into one node, every process drawn or counted once', () => {
    const m = bomb(6); // 1 + 64 processes
    expect(m.processes).toHaveLength(65);
    const g = buildGraph(m);
    expect(groups(g).length).toBeGreaterThan(0);
    expect(drawn(g).length + groups(g).reduce((n, x) => n + x.data.count, 0)).toBe(65);
    expect(drawn(g).length).toBeLessThan(30);
    // The root program's first child (fork order) stays; the others are in its group.
    const root = groups(g).find((x) => x.data.parent === 2)!;
    expect(root.data.children).toEqual(m.processes.filter((p) => p.parent === 2).slice(SHOWN_SIBLINGS).map((p) => p.pid));
    expect(SHOWN_SIBLINGS).toBe(1);
    expect(g.edges.find((e) => e.target === groupId(2))).toMatchObject({ source: processId(2), data: { kind: 'fork' } });
    // Each drawn parent shows its first child plus its group.
    for (const pid of drawn(g)) expect(g.edges.filter((e) => e.source === processId(pid) && e.data?.kind === 'fork').length).toBeLessThanOrEqual(2);
  });

  test('open on click (expandedGroups), and open for a selected process hidden inside', () => {
    const m = bomb(6);
    const open = buildGraph(m, { expandedGroups: new Set([2]) });
    expect(groups(open).some((x) => x.data.parent === 2)).toBe(false);
    expect(drawn(open)).toEqual(expect.arrayContaining(m.processes.filter((p) => p.parent === 2).map((p) => p.pid)));
    const deep = m.processes.filter((p) => p.parent === 2).at(-1)!.pid;
    expect(drawn(buildGraph(m))).not.toContain(deep);
    expect(drawn(buildGraph(m, { reveal: deep }))).toContain(deep);
  });

  test('stay away from small trees (mfork: 9 processes)', () => {
    const m = bomb(3); // 1 + 8
    expect(groups(buildGraph(m))).toEqual([]);
    expect(drawn(buildGraph(m))).toHaveLength(9);
  });
});
