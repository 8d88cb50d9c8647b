import { describe, expect, test } from 'vitest';
import type { FrameInfo, LabModel } from '../../src/common/model';
import { buildGraph, type FrameNode, type ProcessNode } from '../../src/renderer/graph/build-graph';
import { describeMos } from '../../src/renderer/mos/timeline';
import { translate } from '../../src/renderer/i18n/messages';
import { page, proc } from './fixtures';

// Two MOS processes after a ping-pong round and a page transfer: the graph must show the IPC
// edges (newest flagged), the receiver waiting, and the transferred frame as IPC, not COW.
const PAGE = 0x8700_2000;
const COW = 0x8700_0000;
function pingPong(): LabModel {
  const parent = proc(2, 1, 10, [page(0x11000, COW, 'data', false, true), page(0x60_0000, PAGE, 'other', true)], { envid: 0x1802, origin: 'fork' });
  const child = proc(3, 2, 20, [page(0x11000, COW, 'data', false, true), page(0x70_0000, PAGE, 'other', true)], {
    envid: 0x2003, origin: 'exofork', ipcWait: 'waiting', envStatus: 'not-runnable',
  });
  const frames: FrameInfo[] = [
    { addr: COW, refcount: 2, sharing: 'cow', mismatch: null, mappings: [{ pid: 2, va: 0x11000, writable: false }, { pid: 3, va: 0x11000, writable: false }] },
    {
      addr: PAGE, refcount: 2, sharing: 'ipc', mismatch: null, ipc: { from: 2, to: 3, insn: 90 },
      mappings: [{ pid: 2, va: 0x60_0000, writable: true }, { pid: 3, va: 0x70_0000, writable: true }],
    },
  ];
  return {
    insn: 100, processes: [parent, child], frames, warnings: [],
    ipc: [
      { from: 2, to: 3, count: 2, value: 2, insn: 90, frame: PAGE, va: 0x70_0000, perm: 7 },
      { from: 3, to: 2, count: 1, value: 1, insn: 80, frame: 0, va: 0, perm: 0 },
    ],
  };
}

describe('the MOS parts of the graph', () => {
  test('IPC edges join the processes that talked, with the latest value, the newest one flagged', () => {
    const g = buildGraph(pingPong());
    const ipc = g.edges.filter((e) => e.data?.kind === 'ipc');
    expect(ipc.map((e) => [e.source, e.target, e.data?.label, (e.data as { newest?: boolean }).newest])).toEqual([
      ['p2', 'p3', '2', true],
      ['p3', 'p2', '1', false],
    ]);
    expect(ipc.every((e) => e.sourceHandle === 'ipc-out' && e.targetHandle === 'ipc-in')).toBe(true);
  });

  test('a page sent by IPC is drawn as one IPC frame with map-ipc edges, the COW frame keeps its dashed COW edges', () => {
    const g = buildGraph(pingPong());
    const frame = (addr: number) => g.nodes.find((n): n is FrameNode => n.type === 'frame' && n.data.addr === addr)!;
    expect(frame(PAGE).data).toMatchObject({ sharing: 'ipc', ipcFrom: 2, ipcTo: 3, sharers: 2 });
    expect(frame(COW).data.sharing).toBe('cow');
    const kinds = (addr: number) => g.edges.filter((e) => e.target === `f${addr.toString(16)}`).map((e) => e.data?.kind);
    expect(kinds(PAGE)).toEqual(['map-ipc', 'map-ipc']);
    expect(kinds(COW)).toEqual(['map-cow', 'map-cow']);
  });

  test('the receiver is waiting in ipc_recv and both carry their envids', () => {
    const g = buildGraph(pingPong());
    const p = (pid: number) => g.nodes.find((n): n is ProcessNode => n.type === 'process' && n.data.pid === pid)!.data;
    expect(p(3)).toMatchObject({ envid: 0x2003, ipcWait: 'waiting', notRunnable: false, exofork: true });
    expect(p(2)).toMatchObject({ envid: 0x1802, ipcWait: null, exofork: false });
  });

  test('timeline words for an IPC send and a mem_map into a child, in both languages', () => {
    const send = { insn: 1, kind: 'ipc-send' as const, pid: 2, other: 3, value: 7 };
    expect(describeMos(send, (k, v) => translate('en', k, v))).toEqual(['→ 3', 'value 7']);
    expect(describeMos(send, (k, v) => translate('zh-CN', k, v))).toEqual(['→ 3', '值 7']);
    expect(describeMos({ insn: 2, kind: 'mem-map', pid: 2, other: 2, va: 0x11000 }, (k) => k)).toEqual([]);
    expect(translate('zh-CN', 'ev.user-fault')).toContain('用户态缺页处理');
    expect(translate('zh-CN', 'ev.ipc-send')).toContain('进程间通信');
    expect(translate('zh-CN', 'ev.user-cow-copy')).toContain('写时复制');
  });
});
