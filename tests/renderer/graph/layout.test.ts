import { describe, expect, test } from 'vitest';
import { buildGraph, frameId, processId } from '../../../src/renderer/graph/build-graph';
import { layoutGraph, NODE_SIZE } from '../../../src/renderer/graph/layout';
import { afterFork, bigModel } from '../fixtures';

function overlaps(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('graph layout', () => {
  test('places a child right of its parent and a shared frame below, between the two', () => {
    const g = buildGraph(afterFork());
    const pos = layoutGraph(g.nodes, g.edges);
    const parent = pos[processId(2)]!;
    const child = pos[processId(3)]!;
    const frame = pos[frameId(0x80a01000)]!;
    expect(child.x).toBeGreaterThan(parent.x);
    expect(frame.y).toBeGreaterThan(Math.max(parent.y, child.y) + NODE_SIZE.process.height);
    const centre = frame.x + NODE_SIZE.frame.width / 2;
    expect(centre).toBeGreaterThan(parent.x + NODE_SIZE.process.width / 2);
    expect(centre).toBeLessThan(child.x + NODE_SIZE.process.width / 2);
  });

  test('gives every node a position and no two nodes overlap', () => {
    const g = buildGraph(bigModel(30, 200));
    const pos = layoutGraph(g.nodes, g.edges);
    const boxes = g.nodes.map((n) => ({ ...pos[n.id]!, w: NODE_SIZE[n.type].width, h: NODE_SIZE[n.type].height }));
    expect(boxes.every((b) => Number.isFinite(b.x) && Number.isFinite(b.y))).toBe(true);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });

  test('is deterministic: the same graph gives the same positions', () => {
    const g = buildGraph(afterFork());
    expect(layoutGraph(g.nodes, g.edges)).toEqual(layoutGraph(g.nodes, g.edges));
  });
});

describe('graph layout order', () => {
  test('draws sibling processes top to bottom in fork order, in one column', () => {
    const m = afterFork();
    const second = { ...m.processes[3]!, pid: 4, createdAt: 9000, pages: [] };
    const g = buildGraph({ ...m, processes: [...m.processes, second] });
    const pos = layoutGraph(g.nodes, g.edges);
    expect(pos[processId(3)]!.y).toBeLessThan(pos[processId(4)]!.y);
    expect(pos[processId(3)]!.x).toBe(pos[processId(4)]!.x);
  });

  test('groups frames into bands by VMA kind, text above data above stack', () => {
    const g = buildGraph(afterFork());
    const pos = layoutGraph(g.nodes, g.edges);
    const text = pos[frameId(0x80a00000)]!.y;
    const data = pos[frameId(0x80a01000)]!.y;
    const stack = pos[frameId(0x80a02000)]!.y;
    expect(text).toBeLessThan(data);
    expect(data).toBeLessThan(stack);
  });
});

describe('graph layout memo', () => {
  test('gives the same positions whether or not the process tree was laid out just before', () => {
    const a = buildGraph(afterFork());
    const fresh = layoutGraph(a.nodes, a.edges);
    const other = buildGraph(bigModel(12, 40));
    layoutGraph(other.nodes, other.edges);
    expect(layoutGraph(a.nodes, a.edges)).toEqual(fresh);
  });

  test('keeps process positions when only frames change', () => {
    const a = buildGraph(afterFork());
    const b = buildGraph(afterFork(), { expanded: new Set([2]) });
    const pa = layoutGraph(a.nodes, a.edges);
    const pb = layoutGraph(b.nodes, b.edges);
    for (const pid of [1, 2, 3]) expect(pb[processId(pid)]).toEqual(pa[processId(pid)]);
  });
});
