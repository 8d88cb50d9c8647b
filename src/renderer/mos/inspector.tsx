// The MOS parts of the inspector (issue 9): a process's envid, how it was made and whether it
// waits in ipc_recv; the two software PTE bits (RSW 8 COW, RSW 9 LIBRARY) of each page; and,
// for a frame sent by IPC, who sent it to whom.
import type { FrameInfo, PageInfo, ProcessInfo } from '../../common/model';
import type { T } from '../i18n';

export function MosProcessFacts({ p, t }: { p: ProcessInfo; t: T }) {
  const facts: string[] = [];
  if (p.envid) facts.push(`${t('envid')} ${p.envid.toString(16)}`);
  if (p.origin === 'exofork') facts.push(t('exofork'));
  if (p.ipcWait === 'waiting') facts.push(t('ipcWaiting'));
  else if (p.ipcWait === 'delivered') facts.push(t('ipcDelivered'));
  else if (p.envStatus === 'not-runnable') facts.push(t('notRunnable'));
  if (facts.length === 0) return null;
  return (
    <p className="mos-facts" data-testid="mos-facts">
      {facts.join(' · ')}
    </p>
  );
}

/** The RSW column: C for PTE_COW, L for PTE_LIBRARY, '-' when clear. */
export function rswBits(pg: PageInfo): string {
  return (pg.cowBit ? 'C' : '-') + (pg.library ? 'L' : '-');
}

export function rswTitle(t: T): string {
  return `C = ${t('cowBit')} (RSW 8), L = ${t('libraryBit')} (RSW 9)`;
}

export function MosFrameFacts({ f, t }: { f: FrameInfo; t: T }) {
  const facts: string[] = [];
  if (f.ipc) facts.push(t('ipcPageFrom', { from: f.ipc.from, to: f.ipc.to }));
  if (f.library) facts.push(t('library'));
  if (facts.length === 0) return null;
  return (
    <p className="mos-facts" data-testid="mos-frame-facts">
      {facts.join(' · ')}
    </p>
  );
}
