// Adapts the emulator's decoded trace events (bigints, register-level names) to lab events
// (numbers, model names). Values the emulator could not name ('unknown' op, use or state)
// become 'unknown' lab events so the model warns instead of guessing.

import type { TraceEvent } from '../emulator';
import type { FrameUse, LabEvent } from './events';

const FRAME_USE: Record<string, FrameUse> = { user: 'user', 'page-table': 'pagetable', 'kernel-stack': 'kstack', kernel: 'kernel' };

export function fromTrace(ev: TraceEvent): LabEvent {
  const insn = ev.insn;
  switch (ev.type) {
    case 'fork':
      return { type: 'fork', insn, parent: ev.parent, child: ev.child, pgd: Number(ev.pgd) };
    case 'exec':
      return { type: 'exec', insn, pid: ev.pid, pgd: Number(ev.pgd), name: ev.name, entry: Number(ev.entry) };
    case 'exit':
      return { type: 'exit', insn, pid: ev.pid, code: ev.code, killed: ev.how === 'fault' };
    case 'sched':
      return { type: 'sched', insn, prev: ev.prev, next: ev.next };
    case 'fault':
      if (ev.resolution === 'unknown') return { type: 'unknown', insn, fid: 5 };
      return {
        type: 'fault',
        insn,
        pid: ev.pid,
        va: Number(ev.va),
        scause: ev.scause,
        resolution: ev.resolution,
        frame: Number(ev.newFrame),
        oldFrame: Number(ev.oldFrame),
      };
    case 'frame': {
      const use = FRAME_USE[ev.use];
      if (ev.op === 'unknown' || use === undefined) return { type: 'unknown', insn, fid: 6 };
      return { type: 'frame', insn, addr: Number(ev.frame), refcount: ev.refcount, op: ev.op, use, order: ev.order };
    }
    case 'vma':
      return {
        type: 'vma',
        insn,
        pid: ev.pid,
        start: Number(ev.start),
        end: Number(ev.end),
        flags: ev.flags,
        kind: ev.kind,
        offset: Number(ev.offset),
      };
    case 'vma_remove':
      return { type: 'vma_remove', insn, pid: ev.pid, start: Number(ev.start), end: Number(ev.end) };
    case 'kthread':
      return { type: 'kthread', insn, pid: ev.pid, parent: ev.parent, name: ev.name };
    case 'state':
      if (ev.state === 'unknown') return { type: 'unknown', insn, fid: 10 };
      return { type: 'state', insn, pid: ev.pid, state: ev.state };
    case 'unknown':
      return { type: 'unknown', insn, fid: ev.kind };
  }
}
