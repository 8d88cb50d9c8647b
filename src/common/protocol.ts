// The message protocol between the UI (renderer) and the lab host (src/lab running in an
// Electron utility process or a Web Worker). The renderer holds one MessagePort; the host
// answers on it. Channel-free: every message is a tagged object, checked on arrival with
// `isHostRequest` because the host must not trust its peer blindly.

import type { Diagnostic } from '../toolchain/diagnostics';
import type { LabModel, TimelineEvent } from './model';
import { DEBUG_GOALS, isBreakpointSpec, type BreakpointSpec, type BreakpointState, type DebugBackGoal, type DebugGoal, type DebugStop, type MemoryPageView } from './debug';

/** A marked moment of a run (src/lab/report.ts): retired-instruction count and caption. */
export interface BookmarkData {
  readonly insn: number;
  readonly caption: string;
}

/** The state at a bookmark, rebuilt by replay (src/lab/report-replay.ts). */
export interface MomentData {
  readonly insn: number;
  readonly model: LabModel;
  readonly console: string;
}

/** The sources of a session: file name -> C text. One program per file with a main(). */
export type SessionFiles = Readonly<Record<string, string>>;

export type RunState = 'idle' | 'building' | 'running' | 'paused' | 'halted';

/**
 * Events "run until" and "step back to" stop at: any fork, a fork by a user program (not the
 * kernel's start-up forks of each program), any page fault, a copy-on-write copy, an exit, an
 * IPC send (MOS's ipc_try_send that delivered a message).
 */
export const STOP_KINDS = ['fork', 'program-fork', 'fault', 'cow-copy', 'exit', 'ipc'] as const;
export type StopKind = (typeof STOP_KINDS)[number];

/** What a new run does once booted: run (default), or stop at once, or take a step or a run-until. */
export type RunThen = { readonly kind: 'run' } | { readonly kind: 'pause' } | { readonly kind: 'step' } | { readonly kind: 'until'; readonly event: StopKind };

/** Renderer -> host. */
export type HostRequest =
  | { readonly type: 'build'; readonly id: number; readonly files: SessionFiles }
  | {
      readonly type: 'run';
      readonly id: number;
      readonly files: SessionFiles;
      /** Bootargs `apps=` spec, e.g. "cow" or "print*3,cow"; default: every program once, in file order. */
      readonly apps?: string;
      readonly bootargs?: string;
      /** Once booted: run (the default), pause at instruction 0, step once, or run until. */
      readonly then?: RunThen;
    }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** Exactly `count` more retired instructions (across traps and interrupts). */
  | { readonly type: 'step'; readonly count: number }
  /** Run on to right after the next event of this kind, at the next return to user mode. */
  | { readonly type: 'run-until'; readonly event: StopKind }
  /** Back in time: `count` instructions, or to the previous event of kind `to`. */
  | { readonly type: 'step-back'; readonly count?: number; readonly to?: StopKind }
  /**
   * Go to instruction `insn` of the run and pause there. With `settle`, go on to the next
   * return to user mode after the instruction (a timeline event's outcome: `insn` is the
   * event's instruction).
   */
  | { readonly type: 'seek'; readonly insn: number; readonly settle?: boolean }
  /** End the run where it stands: paused for good (it can still be scrubbed). */
  | { readonly type: 'stop' }
  /** Back to instruction 0 of the current run, paused. */
  | { readonly type: 'reset' }
  /** Instructions per second to aim for; null runs flat out. */
  | { readonly type: 'speed'; readonly ips: number | null }
  | { readonly type: 'input'; readonly data: string }
  /** The renderer has drawn this many console characters: the host may send more. */
  | { readonly type: 'console-ack'; readonly chars: number }
  /** The renderer has drawn the last model: the host may walk the page tables for the next. */
  | { readonly type: 'model-ack' }
  /**
   * Export the session as it stands (sources, bootargs, console, timeline, model) with its
   * bookmarks. With `moments`, the host also replays the run to each bookmark and sends the
   * state there, for a report document.
   */
  | { readonly type: 'export-report'; readonly title: string; readonly bookmarks?: readonly BookmarkData[]; readonly moments?: boolean }
  /** Open an exported session: the host replays it to the instruction it was taken at. */
  | { readonly type: 'open-report'; readonly text: string }
  /** Debugger (src/common/debug.ts): replace all breakpoints; they apply to this and later runs. */
  | { readonly type: 'debug-breakpoints'; readonly breakpoints: readonly BreakpointSpec[] }
  /** Run a debugger goal (step into/over/out by line, continue, run until this process's event). */
  | { readonly type: 'debug-run'; readonly goal: DebugGoal; readonly pid?: number }
  /** Go back in the recorded run: one source line of this process, or to the previous breakpoint hit. */
  | { readonly type: 'debug-back'; readonly goal: DebugBackGoal; readonly pid?: number }
  /** Read [va, va+length) of a process's virtual memory through its page table. */
  | { readonly type: 'debug-memory'; readonly pgd: number; readonly va: number; readonly length: number };

/** Host -> renderer. */
export type HostEvent =
  | { readonly type: 'diagnostics'; readonly id: number; readonly diagnostics: readonly Diagnostic[]; readonly ok: boolean }
  | { readonly type: 'console'; readonly data: string }
  | { readonly type: 'model'; readonly model: LabModel }
  | { readonly type: 'timeline'; readonly events: readonly TimelineEvent[] }
  | {
      readonly type: 'status';
      readonly state: RunState;
      readonly insn: number;
      /** Measured over the last second of running; 0 when not running. */
      readonly mips: number;
      /** The end of the recorded run: the scrub bar's range is [0, frontier]. */
      readonly frontier?: number;
      /** Why the machine stopped, in words, when it did. */
      readonly reason?: string;
      /** Set when the machine runs interpreter-only (no block translation), with the host's reason. */
      readonly interpreterOnly?: string;
    }
  | { readonly type: 'error'; readonly message: string }
  /**
   * The machine jumped in time (seek, step back, reset, or a run-until that went back to its
   * event). The console now shows exactly `console` (the text up to `insn`, possibly only its
   * tail); timeline entries after `frontier` are no longer part of the run.
   */
  | { readonly type: 'rewound'; readonly insn: number; readonly console: string; readonly frontier: number }
  /** A session report (JSON text, docs/architecture.md) and a suggested file name. */
  | { readonly type: 'report'; readonly text: string; readonly fileName: string; readonly moments?: readonly MomentData[] }
  /**
   * A report was opened and replayed: the editor should show its sources. `exact` says whether
   * the replayed model equals the one stored in the report (it does unless the kernel or the
   * toolchain changed since the export).
   */
  /** `bootargs` as the run used them: the renderer makes the program they ran the active tab. */
  | {
      readonly type: 'report-opened';
      readonly title: string;
      readonly sources: SessionFiles;
      readonly exact: boolean;
      readonly bootargs?: string;
      /** The report's bookmarks, when it has any. */
      readonly bookmarks?: readonly BookmarkData[];
      /** The run speed the report was exported at (null = full speed), when it says one. */
      readonly speed?: number | null;
    }
  /** Where each breakpoint landed, after debug-breakpoints or a new build. */
  | { readonly type: 'debug-breakpoints'; readonly breakpoints: readonly BreakpointState[] }
  /** The machine stopped under the debugger (or paused while a debugger pane is open). */
  | { readonly type: 'debug-stopped'; readonly stop: DebugStop }
  /** The debugger resumed: the stop shown is no longer current. */
  | { readonly type: 'debug-running' }
  | { readonly type: 'debug-memory'; readonly pgd: number; readonly va: number; readonly pages: readonly MemoryPageView[] };

/** Console characters the host may send ahead of the renderer's acks before it pauses output. */
export const CONSOLE_WINDOW = 64 * 1024;

const requestTypes = new Set([
  'build', 'run', 'pause', 'resume', 'step', 'run-until', 'step-back', 'seek', 'stop', 'reset', 'speed', 'input',
  'console-ack', 'model-ack', 'export-report', 'open-report',
  'debug-breakpoints', 'debug-run', 'debug-memory', 'debug-back',
]);
const stopKinds: ReadonlySet<unknown> = new Set(STOP_KINDS);

function isRunThen(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return t.kind === 'run' || t.kind === 'pause' || t.kind === 'step' || (t.kind === 'until' && stopKinds.has(t.event));
}

/** Shape check for a message arriving at the host; anything else is dropped with an error event. */
export function isHostRequest(value: unknown): value is HostRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m.type !== 'string' || !requestTypes.has(m.type)) return false;
  switch (m.type) {
    case 'build':
      return typeof m.id === 'number' && isFiles(m.files);
    case 'run':
      return typeof m.id === 'number' && isFiles(m.files) && (m.apps === undefined || typeof m.apps === 'string') && isRunThen(m.then);
    case 'step':
      return Number.isInteger(m.count) && (m.count as number) > 0;
    case 'run-until':
      return stopKinds.has(m.event);
    case 'step-back':
      return (m.count === undefined || (Number.isInteger(m.count) && (m.count as number) > 0)) && (m.to === undefined || stopKinds.has(m.to));
    case 'seek':
      return Number.isInteger(m.insn) && (m.insn as number) >= 0 && (m.settle === undefined || typeof m.settle === 'boolean');
    case 'speed':
      return m.ips === null || (typeof m.ips === 'number' && m.ips > 0);
    case 'input':
      return typeof m.data === 'string';
    case 'console-ack':
      return typeof m.chars === 'number' && m.chars >= 0;
    case 'export-report':
      return typeof m.title === 'string' && (m.bookmarks === undefined || isBookmarks(m.bookmarks)) && (m.moments === undefined || typeof m.moments === 'boolean');
    case 'open-report':
      return typeof m.text === 'string';
    case 'debug-breakpoints':
      return Array.isArray(m.breakpoints) && m.breakpoints.length <= 1000 && m.breakpoints.every(isBreakpointSpec);
    case 'debug-run':
      return DEBUG_GOALS.includes(m.goal as DebugGoal) && (m.pid === undefined || Number.isInteger(m.pid));
    case 'debug-back':
      return (m.goal === 'line' || m.goal === 'continue') && (m.pid === undefined || Number.isInteger(m.pid));
    case 'debug-memory':
      return Number.isInteger(m.pgd) && Number.isInteger(m.va) && (m.va as number) >= 0 && Number.isInteger(m.length) && (m.length as number) >= 0;
    default:
      return true;
  }
}

function isBookmarks(value: unknown): value is BookmarkData[] {
  return (
    Array.isArray(value) &&
    value.length <= 1000 &&
    value.every((b) => typeof b === 'object' && b !== null && Number.isInteger(b.insn) && b.insn >= 0 && typeof b.caption === 'string' && b.caption.length <= 2000)
  );
}

function isFiles(value: unknown): value is SessionFiles {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).every(([k, v]) => typeof k === 'string' && typeof v === 'string');
}
