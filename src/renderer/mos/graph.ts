// The MOS parts of the graph (issue 9), as data: kept out of build-graph.ts, which adds them.
// - Process nodes carry the envid (hex in the UI, as MOS prints it), whether the process waits
//   in ipc_recv, and whether set_env_status left it not runnable.
// - Frame nodes carry the LIBRARY bit and, for a page sent by IPC, its sender and receiver;
//   the receiver's and sender's mappings of such a frame are 'map-ipc' edges, drawn apart from
//   the dashed copy-on-write ones.
// - IPC edges join the processes that talked, one per (sender, receiver), labelled with the
//   latest value; the newest message of the run is flagged so it is drawn highlighted.
// Pure and deterministic, like build-graph.ts.

import type { Edge } from '@xyflow/react';
import type { FrameInfo, FrameMapping, LabModel, ProcessInfo } from '../../common/model';

export type MosProcessData = {
  /** MOS envid, 0 when none was reported. */
  envid: number;
  ipcWait: 'waiting' | 'delivered' | null;
  notRunnable: boolean;
  exofork: boolean;
};

export type MosFrameData = {
  library: boolean;
  ipcFrom: number | null;
  ipcTo: number | null;
};

export type IpcEdgeData = {
  kind: 'ipc';
  label: string;
  value: number;
  count: number;
  newest: boolean;
};

export function mosProcessData(p: ProcessInfo): MosProcessData {
  const live = p.exitCode === null && (p.state === 'running' || p.state === 'sleeping');
  return {
    envid: p.envid ?? 0,
    ipcWait: live ? (p.ipcWait ?? null) : null,
    notRunnable: live && p.envStatus === 'not-runnable' && !p.ipcWait,
    exofork: p.origin === 'exofork',
  };
}

export function mosFrameData(f: FrameInfo): MosFrameData {
  return { library: f.library ?? false, ipcFrom: f.ipc?.from ?? null, ipcTo: f.ipc?.to ?? null };
}

/** A mapping of a frame sent by IPC is drawn as such; other mappings keep their kind. */
export function isIpcMapping(f: FrameInfo, _m: FrameMapping): boolean {
  return f.sharing === 'ipc';
}

/** One edge per (sender, receiver) between shown processes; the newest message flagged. */
export function ipcEdges(model: LabModel, shown: ReadonlySet<number>): Edge<IpcEdgeData>[] {
  const links = (model.ipc ?? []).filter((l) => shown.has(l.from) && shown.has(l.to) && l.from !== l.to);
  const newest = links.reduce((m, l) => Math.max(m, l.insn), -1);
  return links.map((l) => ({
    id: `ipc-${l.from}-${l.to}`,
    source: `p${l.from}`,
    target: `p${l.to}`,
    sourceHandle: 'ipc-out',
    targetHandle: 'ipc-in',
    data: { kind: 'ipc', label: String(l.value), value: l.value, count: l.count, newest: l.insn === newest },
    className: `edge-ipc${l.insn === newest ? ' newest' : ''}`,
    markerEnd: { type: 'arrowclosed' as const, width: 16, height: 16 } as Edge['markerEnd'],
  }));
}
