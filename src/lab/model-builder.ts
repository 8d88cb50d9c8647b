// Builds the lab model (src/common/model.ts) from trace events and page-table walks.
//
// Two sources, on purpose: events say what the kernel *did* (who forked whom, which fault was
// resolved how, what it thinks each frame's reference count is); the page tables say what *is*
// (which pages map which frames right now). Processes, VMAs and the timeline come from events;
// pages and frame sharing come from walking each live process's Sv39 table at snapshot time;
// the kernel's reference counts are then checked against the mappings found.

import type {
  FrameInfo,
  FrameMapping,
  FrameSharing,
  LabModel,
  PageInfo,
  ProcessInfo,
  ProcessState,
  TimelineEvent,
  VmaInfo,
} from '../common/model';
import type { FrameUse, LabEvent } from './events';
import { VM_SHARED, VM_WRITE } from './events';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_W, PTE_X, type ReadPage, walkUserPages } from './pagetable';

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
}

interface FrameRecord {
  refcount: number;
  use: FrameUse;
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

  /** Applies one event; returns the timeline entry it makes, if any. */
  apply(ev: LabEvent): TimelineEvent | null {
    switch (ev.type) {
      case 'fork': {
        const parent = this.processes.get(ev.parent);
        this.processes.set(ev.child, {
          pid: ev.child,
          parent: ev.parent,
          name: parent?.name ?? `pid ${ev.child}`,
          state: 'running',
          kernelThread: false,
          exitCode: null,
          killed: false,
          pgd: ev.pgd,
          createdAt: ev.insn,
          // A forked child starts with a copy of its parent's VMAs (copy_vma); the kernel may also
          // report them one by one, which simply replaces these entries.
          vmas: new Map(parent?.vmas ?? []),
        });
        return { insn: ev.insn, kind: 'fork', pid: ev.parent, other: ev.child };
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
        const p = this.process(ev.pid, ev.insn);
        p.exitCode = ev.code;
        p.killed = ev.killed;
        if (p.state !== 'dead') p.state = 'zombie';
        return { insn: ev.insn, kind: 'exit', pid: ev.pid, other: ev.code };
      }
      case 'state': {
        if (ev.pid === IDLE_PID) return null;
        this.process(ev.pid, ev.insn).state = ev.state;
        return null;
      }
      case 'sched':
        return null;
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
        if (ev.refcount === 0) this.frames.delete(ev.addr);
        else this.frames.set(ev.addr, { refcount: ev.refcount, use: ev.use });
        return null;
      }
      case 'vma': {
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
        const vmas = this.process(ev.pid, ev.insn).vmas;
        for (const [start, vma] of vmas) {
          if (vma.start >= ev.start && vma.end <= ev.end) vmas.delete(start);
        }
        return null;
      }
      case 'exofork':
      case 'env_status':
      case 'ipc_recv':
      case 'ipc_send':
      case 'user_fault':
      case 'mem':
      case 'env':
        return null;
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
    const byFrame = new Map<number, { mappings: FrameMapping[]; shared: boolean }>();

    for (const p of [...this.processes.values()].sort((a, b) => a.createdAt - b.createdAt || a.pid - b.pid)) {
      const vmas = [...p.vmas.values()].sort((a, b) => a.start - b.start);
      const pages: PageInfo[] = [];
      const live = p.state === 'running' || p.state === 'sleeping';
      if (live && p.pgd !== 0) {
        const walk = walkUserPages(readPage, p.pgd);
        for (const problem of walk.problems) warnings.push(`pid ${p.pid}: ${problem}`);
        for (const page of walk.pages) {
          if ((page.flags & PTE_U) === 0) continue;
          const vma = vmas.find((v) => page.va >= v.start && page.va < v.end);
          const w = (page.flags & PTE_W) !== 0;
          const sharedVma = vma !== undefined && (vma.flags & VM_SHARED) !== 0;
          pages.push({
            va: page.va,
            frame: page.frame,
            r: (page.flags & PTE_R) !== 0,
            w,
            x: (page.flags & PTE_X) !== 0,
            u: true,
            a: (page.flags & PTE_A) !== 0,
            d: (page.flags & PTE_D) !== 0,
            cow: !w && vma !== undefined && (vma.flags & VM_WRITE) !== 0 && !sharedVma,
            vma: vma?.kind ?? 'other',
          });
          let entry = byFrame.get(page.frame);
          if (!entry) byFrame.set(page.frame, (entry = { mappings: [], shared: false }));
          entry.mappings.push({ pid: p.pid, va: page.va, writable: w });
          entry.shared ||= sharedVma;
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
      });
    }

    const frames: FrameInfo[] = [];
    for (const [addr, { mappings, shared }] of [...byFrame].sort((a, b) => a[0] - b[0])) {
      const refcount = this.refcount(addr);
      const sharing: FrameSharing = shared ? 'shared' : mappings.length > 1 ? 'cow' : 'private';
      let mismatch: string | null = null;
      if (opts.checkRefcounts && refcount !== null && refcount !== mappings.length) {
        mismatch = `kernel refcount ${refcount}, ${mappings.length} mapping${mappings.length === 1 ? '' : 's'} found`;
        warnings.push(`frame 0x${addr.toString(16)}: ${mismatch}`);
      }
      frames.push({ addr, refcount, mappings, sharing, mismatch });
    }
    return { insn, processes, frames, warnings };
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
      };
      this.processes.set(pid, p);
    }
    return p;
  }
}
