// The MOS parts of the graph's views (issue 9): what a process node says while it waits in
// ipc_recv or is not runnable, its envid, the IPC handles on top of a process node, the kind
// line of an IPC or LIBRARY frame, and how IPC edges are drawn (the value as label, the newest
// message highlighted). nodes.tsx and GraphPane.tsx call these; the data comes from graph.ts.
import type { CSSProperties } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { T } from '../i18n';
import type { EdgeKind, FrameNodeData, LabEdge, ProcessNodeData } from '../graph/build-graph';
import type { IpcEdgeData } from './graph';
import './mos.css';

/** The status line of a MOS process when it says more than the kernel state, else null. */
export function mosStatus(data: ProcessNodeData, t: T): string | null {
  if (data.ipcWait === 'waiting') return `⏳ ${t('ipcWaiting')}`;
  if (data.ipcWait === 'delivered') return `✉ ${t('ipcDelivered')}`;
  if (data.notRunnable) return t('notRunnable');
  return null;
}

/** Extra classes of a process node. */
export function mosProcessClass(data: ProcessNodeData): string {
  return [data.ipcWait ? `ipc-${data.ipcWait}` : '', data.notRunnable ? 'not-runnable' : '', data.exofork ? 'exofork' : ''].filter(Boolean).join(' ');
}

/** The envid after the name, as MOS prints it (%x). */
export function EnvidTag({ data, t }: { data: ProcessNodeData; t: T }) {
  if (!data.envid) return null;
  return (
    <span className="envid" data-testid="envid" title={`${t('envid')}${data.exofork ? ` · ${t('exofork')}` : ''}`}>
      {data.envid.toString(16)}
    </span>
  );
}

/** Where IPC edges leave and enter a process: its top edge, out on the left, in on the right. */
export function IpcHandles() {
  return (
    <>
      <Handle type="source" position={Position.Top} id="ipc-out" style={{ left: '30%' }} />
      <Handle type="target" position={Position.Top} id="ipc-in" style={{ left: '70%' }} />
    </>
  );
}

/** The kind word of a frame sent by IPC or marked LIBRARY, else null. */
export function mosFrameKind(data: FrameNodeData, t: T): string | null {
  if (data.sharing === 'ipc') return data.library ? `${t('ipcPage')} · ${t('library')}` : t('ipcPage');
  if (data.library) return t('library');
  return null;
}

export const MOS_EDGE_STYLE: Record<Extract<EdgeKind, 'ipc' | 'map-ipc'>, CSSProperties> = {
  ipc: { stroke: 'var(--ipc)', strokeWidth: 1.6 },
  'map-ipc': { stroke: 'var(--ipc)', strokeWidth: 2, strokeDasharray: '8 2 2 2' },
};

/** Label and highlight of an IPC edge (value, and the count when there were several). */
export function decorateMosEdge(e: LabEdge, t: T): LabEdge {
  if (e.data?.kind !== 'ipc') return e;
  const d = e.data as unknown as IpcEdgeData;
  const label = `${t('ipc')} ${t('ipcValue', { value: d.value })}${d.count > 1 ? ` (×${d.count})` : ''}`;
  return {
    ...e,
    label,
    animated: d.newest,
    style: d.newest ? { ...MOS_EDGE_STYLE.ipc, strokeWidth: 3 } : { ...MOS_EDGE_STYLE.ipc, opacity: 0.6 },
    zIndex: d.newest ? 2 : 1,
  };
}
