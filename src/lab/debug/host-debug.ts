// The debugger's side of the lab host: it keeps the breakpoints across runs, attaches a
// Debugger to each new session, answers the debug-* requests and runs slices through the
// debugger whenever a goal is set or breakpoints exist (so a plain Run stops at them too).
// The host keeps its own loop, speed and publishing; this module only says what a slice did.

import type { DebugStop, DebugStopReason, MemoryPageView } from '../../common/debug';
import type { HostEvent, HostRequest } from '../../common/protocol';
import type { InitrdApp } from '../initrd';
import type { LabSession } from '../session';
import { Debugger, type BreakpointSpec, type GoalEnd, type GoalKind } from './engine';
import { kernelImage, programImage, type DebugImage } from './image';
import { rootOfSatp } from './vmem';
import { reverseContinue, stepBackLine, type History } from './reverse';

export type DebugRequest = Extract<HostRequest, { type: 'debug-breakpoints' | 'debug-run' | 'debug-memory' }>;
export type DebugBackRequest = Extract<HostRequest, { type: 'debug-back' }>;

export type DebugSliceEnd = { readonly kind: 'more' } | { readonly kind: 'stopped'; readonly reason: string } | { readonly kind: 'halted'; readonly reason: string };

export interface DebugControl {
  attach(session: LabSession, apps: readonly InitrdApp[]): void;
  /** Handles a debug-* request; returns true when the host should start running (debug-run). */
  handle(msg: DebugRequest): boolean;
  /** True when the host's loop should run its slices through `slice`. */
  active(): boolean;
  slice(budget: number): DebugSliceEnd;
  /** The machine paused outside the debugger (pause, instruction step): show where. */
  paused(): void;
  /**
   * Goes back in the recorded run (synchronous: it replays from checkpoints). The stop it
   * reaches is posted by the `paused()` that follows (the host's jump publishing); returns the
   * status sentence.
   */
  back(history: History, msg: DebugBackRequest): string;
}

const hex = (v: bigint) => `0x${BigInt.asUintN(64, v).toString(16)}`;

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function createDebugControl(kernelElf: Uint8Array, post: (ev: HostEvent) => void): DebugControl {
  let kernel: DebugImage | null = null;
  let dbg: Debugger | null = null;
  let specs: readonly BreakpointSpec[] = [];
  let goal: GoalKind | null = null;
  /** The reason the next paused() reports (set by back()). */
  let pendingReason: DebugStopReason | null = null;

  function publishBreakpoints(): void {
    if (!dbg) return;
    post({ type: 'debug-breakpoints', breakpoints: dbg.setBreakpoints(specs) });
  }

  function stopInfo(reason: DebugStopReason): DebugStop {
    const d = dbg!;
    const ctx = d.context();
    const regs = d.registers();
    const satpRoot = rootOfSatp(d.session.machine.readCsr(0x180));
    return {
      insn: d.session.insn,
      pid: ctx.pid,
      space: ctx.space,
      program: ctx.program,
      pc: hex(ctx.pc),
      line: ctx.line,
      reason,
      stack: d.stack().map((f) => ({ pc: hex(f.pc), space: f.space, function: f.function, line: f.line, trapped: f.trapped })),
      registers: { values: regs.regs.values, mode: regs.regs.mode, changed: regs.changed },
      pgd: satpRoot === null ? 0 : Number(satpRoot),
    };
  }

  function describe(end: GoalEnd): { reason: DebugStopReason; words: string } | null {
    switch (end.kind) {
      case 'breakpoint':
        return { reason: end, words: 'stopped at a breakpoint' };
      case 'step':
        return { reason: end, words: end.goal === 'back' ? 'stepped back one line' : `stepped (${end.goal})` };
      case 'event': {
        const ev = end.event;
        const pid = ev.type === 'fork' ? ev.parent : ev.type === 'fault' || ev.type === 'exit' ? ev.pid : -1;
        const kind = ev.type === 'fork' || ev.type === 'fault' || ev.type === 'exit' ? ev.type : 'fault';
        return { reason: { kind: 'event', event: kind, pid }, words: `stopped after ${ev.type} at instruction ${ev.insn}` };
      }
      case 'exited':
        return { reason: end, words: `process ${end.pid} exited during the step` };
      case 'gave-up':
        return { reason: end, words: `the debugger stopped: ${end.why}` };
      default:
        return null;
    }
  }

  return {
    attach(session, apps) {
      kernel ??= kernelImage(kernelElf);
      const programs = new Map(apps.map((a) => [a.name, programImage(a.name, a.elf)]));
      dbg = new Debugger(session, kernel, programs);
      goal = null;
      publishBreakpoints();
    },
    handle(msg) {
      switch (msg.type) {
        case 'debug-breakpoints':
          specs = msg.breakpoints;
          publishBreakpoints();
          return false;
        case 'debug-run':
          if (!dbg) return false;
          goal = msg.goal;
          dbg.start(msg.goal, msg.pid);
          post({ type: 'debug-running' });
          return true;
        case 'debug-memory': {
          if (!dbg) return false;
          const pages: MemoryPageView[] = dbg.memory(msg.pgd, msg.va, msg.length).map(({ bytes, ...p }) => (bytes ? { ...p, hex: toHex(bytes) } : p));
          post({ type: 'debug-memory', pgd: msg.pgd, va: msg.va, pages });
          return false;
        }
      }
    },
    active() {
      return dbg !== null && (goal !== null || specs.length > 0);
    },
    slice(budget) {
      const d = dbg!;
      if (goal === null) d.start('continue');
      goal ??= 'continue';
      const end = d.advance(budget);
      if (end.kind === 'more') return end;
      goal = null;
      if (end.kind === 'halted') return end;
      const info = describe(end)!;
      post({ type: 'debug-stopped', stop: stopInfo(info.reason) });
      return { kind: 'stopped', reason: info.words };
    },
    paused() {
      if (!dbg) return;
      dbg.cancel();
      goal = null;
      post({ type: 'debug-stopped', stop: stopInfo(pendingReason ?? { kind: 'paused' }) });
      pendingReason = null;
    },
    back(history, msg) {
      if (!dbg) return 'nothing to go back in';
      dbg.cancel();
      goal = null;
      const end = msg.goal === 'line' ? stepBackLine(dbg, history, msg.pid) : reverseContinue(dbg, history);
      const info = describe(end);
      pendingReason = info?.reason ?? null;
      return info?.words ?? 'went back';
    },
  };
}
