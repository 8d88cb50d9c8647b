// The graph's custom nodes: a process, a physical frame, and a process's collapsed private
// frames. Memoized, data-only (no callbacks in data): clicks are handled by the graph's
// onNodeClick. The data-testid / data-* attributes are stable hooks for the end-to-end tests.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useT, useTn } from '../i18n';
import { hex, type FrameNode, type GroupNode, type PrivateNode, type ProcessNode } from './build-graph';
import { EnvidTag, IpcHandles, mosFrameKind, mosProcessClass, mosStatus } from '../mos/views';

export const ProcessNodeView = memo(function ProcessNodeView({ data, selected }: NodeProps<ProcessNode>) {
  const t = useT();
  const tn = useTn();
  const status = data.killed
    ? t('killed')
    : data.exitCode !== null
      ? `${t('exitCode')} ${data.exitCode}`
      : (mosStatus(data, t) ?? t(`pstate.${data.state}`));
  return (
    <div
      className={`node process-node state-${data.state} ${data.kernelThread ? 'kthread' : ''} ${data.killed ? 'killed' : ''} ${mosProcessClass(data)} ${selected ? 'selected' : ''}`}
      data-testid="process-node"
      data-pid={data.pid}
      data-state={data.state}
      data-ipc-wait={data.ipcWait ?? undefined}
      title={[data.kernelThread ? t('kernelThread') : '', data.privateCount > 0 ? (data.expanded ? t('collapse') : t('expand')) : ''].filter(Boolean).join(' · ') || undefined}
    >
      <Handle type="target" position={Position.Left} id="in" />
      <div className="node-title">
        <span className="pid">{data.pid}</span> <span className="pname">{data.name}</span>
        <EnvidTag data={data} t={t} />
      </div>
      <div className="node-sub">{status}</div>
      {data.privateCount > 0 && (
        <div className="node-sub node-private">
          {data.expanded ? '▾ ' : '▸ '}
          {tn('privateFrames', data.privateCount)}
        </div>
      )}
      <Handle type="source" position={Position.Right} id="fork" />
      <Handle type="source" position={Position.Bottom} id="map" />
      <IpcHandles />
    </div>
  );
});

export const FrameNodeView = memo(function FrameNodeView({ data, selected }: NodeProps<FrameNode>) {
  const t = useT();
  const kind = mosFrameKind(data, t) ?? (data.sharing === 'cow' ? t('cow') : data.sharing === 'shared' ? t('shared') : data.sharers > 1 ? t('shared') : t('private'));
  return (
    <div
      className={`node frame-node sharing-${data.sharing} ${data.sharers > 1 ? 'multi' : ''} ${data.split ? 'split' : ''} ${data.library ? 'library' : ''} ${data.mismatch ? 'mismatch' : ''} ${selected ? 'selected' : ''}`}
      data-testid="frame-node"
      data-refcount={data.refcount}
      data-addr={hex(data.addr)}
      data-sharing={data.sharing}
      data-library={data.library ? 'true' : undefined}
      data-split={data.split ? 'true' : undefined}
      title={data.mismatch ?? undefined}
    >
      <Handle type="target" position={Position.Top} />
      <div className="node-title">
        <span className="addr">{hex(data.addr)}</span>
      </div>
      <div className="node-sub node-va" title={t('mappedAt')}>
        VA {hex(data.va)}
        {data.vaCount > 1 ? ` +${data.vaCount - 1}` : ''}
      </div>
      <div className="node-sub">
        <span className="refcount" title={t('refcount')}>
          ×{data.refcount}
        </span>{' '}
        <span className="mos-kind">{kind}</span> · {t(`vma.${data.vma}`)}
      </div>
    </div>
  );
});

export const PrivateNodeView = memo(function PrivateNodeView({ data }: NodeProps<PrivateNode>) {
  const t = useT();
  return (
    <div className={`node private-node vma-${data.vma}`} data-testid="private-node" data-pid={data.pid} data-count={data.count} title={t('expand')}>
      <Handle type="target" position={Position.Top} />
      {t(`vma.${data.vma}`)}: {data.count}
    </div>
  );
});

/** Sibling processes folded into one node (many processes); a click shows them. */
export const GroupNodeView = memo(function GroupNodeView({ data }: NodeProps<GroupNode>) {
  const t = useT();
  return (
    <div
      className="node group-node"
      data-testid="group-node"
      data-parent={data.parent}
      data-count={data.count}
      title={t('groupPids', { pids: data.children.join(', ') })}
    >
      <Handle type="target" position={Position.Left} id="in" />
      <div className="node-title">▸ {t('groupTitle', { n: data.children.length })}</div>
      <div className="node-sub">{t('groupSub', { count: data.count })}</div>
    </div>
  );
});

/** At module scope so React Flow never sees a new object and never remounts nodes. */
export const nodeTypes = { process: ProcessNodeView, frame: FrameNodeView, private: PrivateNodeView, group: GroupNodeView };
