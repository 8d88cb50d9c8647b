// Builds the lab model (src/common/model.ts) from trace events and page-table walks.
//
// Two sources, on purpose: events say what the kernel *did* (who forked whom, which fault was
// resolved how, what it thinks each frame's reference count is); the page tables say what *is*
// (which pages map which frames right now). Processes, VMAs and the timeline come from events;
// pages and frame sharing come from walking each live process's Sv39 table at snapshot time;
// the kernel's reference counts are then checked against the mappings found.
//
// MOS (issue 9, docs/abi.md FID 11-17) adds: envids and env status per process, exofork
// children in the tree, IPC links (who sent whom which value) and which frames arrived by IPC,
// processes waiting in ipc_recv, and user-level COW faults paired with the handler's mem_map
// that replaces the page. User-readable windows onto kernel data (MOS's page-table window and
// UENVS) are never the process's own pages: they are left out of pages and frames.

import type {
  EnvStatus,
  FrameInfo,
  FrameMapping,
  FrameSharing,
  IpcLink,
  LabModel,
  PageInfo,
  ProcessInfo,
  ProcessState,
  TimelineEvent,
  TimelineKind,
  VmaInfo,
} from '../common/model';
import type { FrameUse, LabEvent } from './events';
import { VM_SHARED, VM_WRITE } from './events';
import { MOS_WINDOWS, type VaRange } from './mos-layout';
import { PAGE_SIZE, PTE_A, PTE_COW, PTE_D, PTE_LIBRARY, PTE_R, PTE_U, PTE_W, PTE_X, type ReadPage, walkUserPages } from './pagetable';

interface ProcessRecord {
  pid: number;
  parent: number;
  name: string;
  state: ProcessState;
  kernelThread: boolean;
  exitCode: number | null;
  killed: boolean;
  pgd: number;
  createdAt: number;
  vmas: Map<number, VmaInfo>;
  origin: ProcessInfo['origin'];
  envid: number;
  envStatus: EnvStatus | null;
  ipcWait: ProcessInfo['ipcWait'];
}

/** A COW page handed to the user handler, until its mem_map replaces it. */
interface PendingUserFault {
  readonly page: number;
  readonly frame: number;
}

interface FrameRecord {
  refcount: number;
  use: FrameUse;
}

export interface BuilderOptions {
  /** User VA ranges that are windows onto kernel data, never drawn as a process's pages. */
  readonly windows?: readonly VaRange[];
}

export interface SnapshotOptions {
  /**
   * Compare kernel reference counts with mappings. Only meaningful when the kernel is not in the
   * middle of changing them (e.g. the hart is in user mode), or transient differences show up.
   */
  readonly checkRefcounts: boolean;
}

/** Events about pid 0 (the idle task) are kernel-internal and not drawn. */
const IDLE_PID = 0;

export class ModelBuilder {
  private readonly processes = new Map<number, ProcessRecord>();
  private readonly frames = new Map<number, FrameRecord>();
  private readonly warnings: string[] = [];
  private unknownEvents = 0;
  private readonly ipcLinks = new Map<string, IpcLink>();
  /** Frames that arrived by IPC, with the latest transfer, until freed. */
  private readonly ipcFrames = new Map<number, { from: number; to: number; insn: number }>();
  private readonly pendingUserFaults = new Map<number, PendingUserFault>();
  /**
   * Env status changes the kernel reports right after an event that already says them
   * (exofork: not runnable; ipc_recv: not runnable; ipc_send: the receiver runnable): they make
   * no timeline entry of their own.
   */
  private readonly impliedStatus = new Map<number, EnvStatus>();
  private readonly windows: readonly VaRange[];

  constructor(opts: BuilderOptions = {}) {
    this.windows = opts.windows ?? MOS_WINDOWS;
  }

  /** A new child of `parentPid` (fork or exofork), running, with a copy of the parent's VMAs. */
  private childOf(
    parentPid: number,
    pid: number,
    pgd: number,
    insn: number,
    how: Pick<ProcessRecord, 'origin' | 'envid' | 'envStatus'>,
  ): ProcessRecord {
    const parent = this.processes.get(parentPid);
    return {
      pid,
      parent: parentPid,
      name: parent?.name ?? `pid ${pid}`,
      state: 'running',
      kernelThread: false,
      exitCode: null,
      killed: false,
      pgd,
      createdAt: insn,
      vmas: new Map(parent?.vmas ?? []),
      ...how,
      ipcWait: null,
    };
  }

  /** Applies one event; returns the timeline entry it makes, if any. */
  apply(ev: LabEvent): TimelineEvent | null {
    switch (ev.type) {
      case 'fork': {
        // A forked child starts with a copy of its parent's VMAs (copy_vma); the kernel may also
        // report them one by one, which simply replaces these entries.
        this.processes.set(ev.child, this.childOf(ev.parent, ev.child, ev.pgd, ev.insn, { origin: 'fork', envid: 0, envStatus: null }));
        return { insn: ev.insn, kind: 'fork', pid: ev.parent, other: ev.child };
      }
      case 'exofork': {
        // The parent's mem_map calls (duppage) fill the child's pages; its layout is the
        // parent's, so the parent's VMAs name them. MOS: a child of exofork is NOT_RUNNABLE until
        // its parent sets it runnable.
        this.processes.set(
          ev.child,
          this.childOf(ev.parent, ev.child, ev.pgd, ev.insn, { origin: 'exofork', envid: ev.envid, envStatus: 'not-runnable' }),
        );
        this.impliedStatus.set(ev.child, 'not-runnable');
        return { insn: ev.insn, kind: 'exofork', pid: ev.parent, other: ev.child };
      }
      case 'env': {
        // The idle task has an env too (0x800), but it is kernel-internal and not drawn.
        if (ev.pid === IDLE_PID) return null;
        this.process(ev.pid, ev.insn).envid = ev.envid;
        return null;
      }
      case 'env_status': {
        if (ev.pid === IDLE_PID) return null;
        const p = this.process(ev.pid, ev.insn);
        p.envStatus = ev.status;
        if (ev.envid !== 0) p.envid = ev.envid;
        const implied = this.impliedStatus.get(ev.pid) === ev.status;
        this.impliedStatus.delete(ev.pid);
        if (implied) return null;
        return { insn: ev.insn, kind: ev.status === 'runnable' ? 'env-runnable' : 'env-not-runnable', pid: ev.pid };
      }
      case 'ipc_recv': {
        this.process(ev.pid, ev.insn).ipcWait = 'waiting';
        this.impliedStatus.set(ev.pid, 'not-runnable');
        return { insn: ev.insn, kind: 'ipc-recv', pid: ev.pid, ...(ev.dstva !== 0 ? { va: ev.dstva } : {}) };
      }
      case 'ipc_send': {
        const key = `${ev.from}>${ev.to}`;
        const count = (this.ipcLinks.get(key)?.count ?? 0) + 1;
        this.ipcLinks.set(key, { from: ev.from, to: ev.to, count, value: ev.value, insn: ev.insn, frame: ev.frame, va: ev.dstva, perm: ev.perm });
        if (ev.frame !== 0) this.ipcFrames.set(ev.frame, { from: ev.from, to: ev.to, insn: ev.insn });
        const to = this.process(ev.to, ev.insn);
        if (to.ipcWait === 'waiting') to.ipcWait = 'delivered';
        this.impliedStatus.set(ev.to, 'runnable');
        return {
          insn: ev.insn,
          kind: 'ipc-send',
          pid: ev.from,
          other: ev.to,
          value: ev.value,
          ...(ev.frame !== 0 ? { va: ev.dstva, frame: ev.frame } : {}),
        };
      }
      case 'user_fault': {
        this.pendingUserFaults.set(ev.pid, { page: pageOf(ev.va), frame: ev.frame });
        return { insn: ev.insn, kind: 'user-fault', pid: ev.pid, va: ev.va, ...(ev.frame !== 0 ? { frame: ev.frame } : {}) };
      }
      case 'mem': {
        const pending = this.pendingUserFaults.get(ev.target);
        if (ev.op === 'map' && pending && pending.page === pageOf(ev.va)) {
          // The handler maps its private copy over the faulting page: the user-level COW copy.
          this.pendingUserFaults.delete(ev.target);
          return { insn: ev.insn, kind: 'user-cow-copy', pid: ev.target, va: ev.va, frame: ev.frame, oldFrame: pending.frame };
        }
        const kind: TimelineKind = ev.op === 'alloc' ? 'mem-alloc' : ev.op === 'map' ? 'mem-map' : 'mem-unmap';
        return { insn: ev.insn, kind, pid: ev.pid, other: ev.target, va: ev.va, ...(ev.frame !== 0 ? { frame: ev.frame } : {}) };
      }
      case 'exec': {
        const p = this.process(ev.pid, ev.insn);
        p.name = ev.name;
        p.pgd = ev.pgd;
        p.kernelThread = false;
        // The VMAs of the new image were reported just before this event (and the old ones
        // removed by vma_remove events), so the VMA map is already the new image's.
        return { insn: ev.insn, kind: 'exec', pid: ev.pid };
      }
      case 'kthread': {
        const p = this.process(ev.pid, ev.insn);
        p.parent = ev.parent;
        p.name = ev.name;
        p.kernelThread = true;
        p.pgd = 0;
        return null;
      }
      case 'exit': {
        if (ev.pid === IDLE_PID) return null;
        const p = this.process(ev.pid, ev.insn);
        p.exitCode = ev.code;
        p.killed = ev.killed;
        p.ipcWait = null;
        this.pendingUserFaults.delete(ev.pid);
        if (p.state !== 'dead') p.state = 'zombie';
        return { insn: ev.insn, kind: 'exit', pid: ev.pid, other: ev.code };
      }
      case 'state': {
        if (ev.pid === IDLE_PID) return null;
        this.process(ev.pid, ev.insn).state = ev.state;
        return null;
      }
      case 'sched': {
        // A receiver whose message was delivered leaves ipc_recv when it next runs.
        const next = this.processes.get(ev.next);
        if (next?.ipcWait === 'delivered') next.ipcWait = null;
        return null;
      }
      case 'fault': {
        const kind = ev.resolution === 'killed' ? 'kill' : ev.resolution;
        const entry: TimelineEvent = { insn: ev.insn, kind, pid: ev.pid, va: ev.va };
        return {
          ...entry,
          ...(ev.frame !== 0 ? { frame: ev.frame } : {}),
          ...(ev.oldFrame !== 0 ? { oldFrame: ev.oldFrame } : {}),
        };
      }
      case 'frame': {
        if (ev.refcount === 0) {
          this.frames.delete(ev.addr);
          this.ipcFrames.delete(ev.addr);
        } else this.frames.set(ev.addr, { refcount: ev.refcount, use: ev.use });
        return null;
      }
      case 'vma': {
        if (ev.pid === IDLE_PID) return null;
        this.process(ev.pid, ev.insn).vmas.set(ev.start, {
          start: ev.start,
          end: ev.end,
          flags: ev.flags,
          kind: ev.kind,
          offset: ev.offset,
        });
        return null;
      }
      case 'vma_remove': {
        if (ev.pid === IDLE_PID) return null;
        const vmas = this.process(ev.pid, ev.insn).vmas;
        for (const [start, vma] of vmas) {
          if (vma.start >= ev.start && vma.end <= ev.end) vmas.delete(start);
        }
        return null;
      }
      case 'unknown':
        this.unknownEvents += 1;
        if (this.unknownEvents === 1) this.warnings.push(`unknown trace event kind ${ev.fid}`);
        return null;
    }
  }

  /** The kernel's reference count for a frame, if it reported one. */
  refcount(addr: number): number | null {
    return this.frames.get(addr)?.refcount ?? null;
  }

  /** Frames the kernel reports as allocated, by use (for leak checks). */
  liveFrames(use?: FrameUse): number[] {
    return [...this.frames].filter(([, f]) => use === undefined || f.use === use).map(([addr]) => addr);
  }

  /** The model at instruction `insn`, walking live page tables through `readPage`. */
  snapshot(readPage: ReadPage, insn: number, opts: SnapshotOptions): LabModel {
    const warnings = [...this.warnings];
    const processes: ProcessInfo[] = [];
    const byFrame = new Map<number, { mappings: FrameMapping[]; shared: boolean; cowBit: boolean; library: boolean }>();

    for (const p of [...this.processes.values()].sort((a, b) => a.createdAt - b.createdAt || a.pid - b.pid)) {
      const vmas = [...p.vmas.values()].sort((a, b) => a.start - b.start);
      const pages: PageInfo[] = [];
      const live = p.state === 'running' || p.state === 'sleeping';
      if (live && p.pgd !== 0) {
        const walk = walkUserPages(readPage, p.pgd);
        for (const problem of walk.problems) warnings.push(`pid ${p.pid}: ${problem}`);
        for (const page of walk.pages) {
          if ((page.flags & PTE_U) === 0) continue;
          if (this.isWindow(page.va, page.frame)) continue;
          const vma = vmas.find((v) => page.va >= v.start && page.va < v.end);
          const w = (page.flags & PTE_W) !== 0;
          const sharedVma = vma !== undefined && (vma.flags & VM_SHARED) !== 0;
          const cowBit = (page.flags & PTE_COW) !== 0;
          const library = (page.flags & PTE_LIBRARY) !== 0;
          pages.push({
            va: page.va,
            frame: page.frame,
            r: (page.flags & PTE_R) !== 0,
            w,
            x: (page.flags & PTE_X) !== 0,
            u: true,
            a: (page.flags & PTE_A) !== 0,
            d: (page.flags & PTE_D) !== 0,
            cow: !w && (cowBit || (vma !== undefined && (vma.flags & VM_WRITE) !== 0 && !sharedVma && !library)),
            vma: vma?.kind ?? 'other',
            cowBit,
            library,
          });
          let entry = byFrame.get(page.frame);
          if (!entry) byFrame.set(page.frame, (entry = { mappings: [], shared: false, cowBit: false, library: false }));
          entry.mappings.push({ pid: p.pid, va: page.va, writable: w });
          entry.shared ||= sharedVma;
          entry.cowBit ||= cowBit && !w;
          entry.library ||= library;
        }
      }
      processes.push({
        pid: p.pid,
        parent: p.parent,
        name: p.name,
        state: p.state,
        kernelThread: p.kernelThread,
        exitCode: p.exitCode,
        killed: p.killed,
        pgd: p.pgd,
        createdAt: p.createdAt,
        vmas,
        pages,
        origin: p.origin,
        envid: p.envid,
        envStatus: p.envStatus,
        ipcWait: p.ipcWait,
      });
    }

    const frames: FrameInfo[] = [];
    for (const [addr, { mappings, shared, cowBit, library }] of [...byFrame].sort((a, b) => a[0] - b[0])) {
      const refcount = this.refcount(addr);
      const pids = new Set(mappings.map((m) => m.pid));
      const sent = this.ipcFrames.get(addr);
      const ipc = sent && pids.has(sent.from) && pids.has(sent.to) ? sent : null;
      // Copy-on-write wins (the page will split on the next write), then a page that arrived by
      // IPC, then pages shared on purpose (MAP_SHARED, MOS LIBRARY).
      const sharing: FrameSharing =
        mappings.length <= 1 ? (shared ? 'shared' : 'private') : cowBit ? 'cow' : ipc ? 'ipc' : shared || library ? 'shared' : 'cow';
      let mismatch: string | null = null;
      if (opts.checkRefcounts && refcount !== null && refcount !== mappings.length) {
        mismatch = `kernel refcount ${refcount}, ${mappings.length} mapping${mappings.length === 1 ? '' : 's'} found`;
        warnings.push(`frame 0x${addr.toString(16)}: ${mismatch}`);
      }
      frames.push({ addr, refcount, mappings, sharing, mismatch, library, ipc: ipc ? { ...ipc } : null });
    }
    const ipc = [...this.ipcLinks.values()].sort((a, b) => a.insn - b.insn);
    return { insn, processes, frames, ipc, warnings };
  }

  /**
   * A window onto kernel data rather than the process's own memory: inside a window VA range,
   * or a frame the kernel reported as a page table, kernel stack or kernel memory.
   */
  private isWindow(va: number, frame: number): boolean {
    if (this.windows.some((w) => va >= w.start && va < w.end)) return true;
    const use = this.frames.get(frame)?.use;
    return use !== undefined && use !== 'user';
  }

  /** The record for `pid`, created on first sight (a process the kernel started directly). */
  private process(pid: number, insn: number): ProcessRecord {
    let p = this.processes.get(pid);
    if (!p) {
      p = {
        pid,
        parent: 0,
        name: `pid ${pid}`,
        state: 'running',
        kernelThread: false,
        exitCode: null,
        killed: false,
        pgd: 0,
        createdAt: insn,
        vmas: new Map(),
        origin: 'kernel',
        envid: 0,
        envStatus: null,
        ipcWait: null,
      };
      this.processes.set(pid, p);
    }
    return p;
  }
}

const pageOf = (va: number): number => va - (va % PAGE_SIZE);
