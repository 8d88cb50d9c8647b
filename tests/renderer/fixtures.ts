// Hand-built lab models for renderer tests, written the way the cow lab test runs on the lab
// kernel: `cow` (pid 2) forks a child (pid 3); text, data and stack frames are shared
// copy-on-write until the child writes its data page, which splits that frame in two.
import type { FrameInfo, LabModel, PageInfo, ProcessInfo, VmaInfo, VmaKind } from '../../src/common/model';
import type { HostEvent, HostRequest } from '../../src/common/protocol';
import type { HostLink } from '../../src/renderer/host/link';

const TEXT = 0x10000;
const DATA = 0x11000;
const HEAP = 0x12000;
const STACK = 0x3ffffff000;

export const vmas: VmaInfo[] = [
  { start: TEXT, end: TEXT + 0x1000, flags: 0x2 | 0x8, kind: 'text', offset: 0 },
  { start: DATA, end: DATA + 0x1000, flags: 0x2 | 0x4, kind: 'data', offset: 0x1000 },
  { start: HEAP, end: HEAP + 0x2000, flags: 0x1 | 0x2 | 0x4, kind: 'heap', offset: 0 },
  { start: STACK, end: STACK + 0x1000, flags: 0x1 | 0x2 | 0x4, kind: 'stack', offset: 0 },
];

export function page(va: number, frame: number, vma: VmaKind, w: boolean, cow = false): PageInfo {
  return { va, frame, r: true, w, x: vma === 'text', u: true, a: true, d: w, cow, vma };
}

export function proc(pid: number, parent: number, createdAt: number, pages: PageInfo[], extra: Partial<ProcessInfo> = {}): ProcessInfo {
  return {
    pid, parent, name: 'cow', state: 'running', kernelThread: false, exitCode: null, killed: false,
    pgd: 0x80400000 + pid * 0x1000, createdAt, vmas, pages, ...extra,
  };
}

function framesOf(processes: ProcessInfo[], refcounts: Record<number, number>): FrameInfo[] {
  const byFrame = new Map<number, { pid: number; va: number; writable: boolean }[]>();
  for (const p of processes) {
    for (const pg of p.pages) {
      const list = byFrame.get(pg.frame) ?? [];
      list.push({ pid: p.pid, va: pg.va, writable: pg.w });
      byFrame.set(pg.frame, list);
    }
  }
  return [...byFrame.entries()].map(([addr, mappings]) => ({
    addr,
    refcount: refcounts[addr] ?? mappings.length,
    mappings,
    sharing: mappings.length > 1 ? 'cow' : 'private',
    mismatch: null,
  }));
}

const kthread = (pid: number, name: string): ProcessInfo => ({
  pid, parent: 0, name, state: 'sleeping', kernelThread: true, exitCode: null, killed: false,
  pgd: 0, createdAt: pid, vmas: [], pages: [],
});

/** Right after fork: parent and child share text, data and stack; the heap pages are the parent's alone... */
export function afterFork(): LabModel {
  const parent = proc(2, 1, 1000, [
    page(TEXT, 0x80a00000, 'text', false),
    page(DATA, 0x80a01000, 'data', false, true),
    page(STACK, 0x80a02000, 'stack', false, true),
    page(HEAP, 0x80a03000, 'heap', true),
    page(HEAP + 0x1000, 0x80a04000, 'heap', true),
  ]);
  const child = proc(3, 2, 5000, [
    page(TEXT, 0x80a00000, 'text', false),
    page(DATA, 0x80a01000, 'data', false, true),
    page(STACK, 0x80a02000, 'stack', false, true),
  ]);
  const processes = [kthread(0, 'idle'), kthread(1, 'init'), parent, child];
  return { insn: 6000, processes, frames: framesOf(processes, {}), warnings: [] };
}

/** After the child wrote its data page: it got a copy at 0x80a05000; the old frame is the parent's alone. */
export function afterChildWrite(): LabModel {
  const m = afterFork();
  const processes = m.processes.map((p) =>
    p.pid === 3
      ? { ...p, pages: p.pages.map((pg) => (pg.va === DATA ? page(DATA, 0x80a05000, 'data', true) : pg)) }
      : p,
  );
  return { insn: 7000, processes, frames: framesOf(processes, {}), warnings: [] };
}

/** A synthetic big run: `n` processes in a fork chain-and-fan, `f` frames spread over them. */
export function bigModel(n: number, f: number): LabModel {
  const processes: ProcessInfo[] = [];
  const pagesByPid: PageInfo[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < f; i++) {
    const addr = 0x81000000 + i * 0x1000;
    const owner = i % n;
    const kinds: VmaKind[] = ['text', 'data', 'heap', 'stack'];
    const kind = kinds[i % 4]!;
    pagesByPid[owner]!.push(page(0x10000 + i * 0x1000, addr, kind, i % 3 !== 0, i % 3 === 0));
    if (i % 3 === 0 && owner + 1 < n) pagesByPid[owner + 1]!.push(page(0x10000 + i * 0x1000, addr, kind, false, true));
  }
  for (let pid = 1; pid <= n; pid++) {
    processes.push(proc(pid, pid === 1 ? 0 : Math.floor(pid / 2), pid * 100, pagesByPid[pid - 1]!));
  }
  return { insn: 1e6, processes, frames: framesOf(processes, {}), warnings: [] };
}

/** A host link that records what the renderer sends and lets a test play host events back. */
export function fakeLink() {
  const sent: HostRequest[] = [];
  let listener: ((ev: HostEvent) => void) | null = null;
  const link: HostLink = {
    send: (r) => void sent.push(r),
    onEvent: (l) => {
      listener = l;
      return () => (listener = null);
    },
    dispose: () => undefined,
  };
  return { link, sent, emit: (ev: HostEvent) => listener?.(ev) };
}
