// Rebuilding the moments of a run. Runs are deterministic, so booting the same programs with the
// same bootargs and running to instruction N gives exactly the state the student saw at N:
// that is how a bookmark (an instruction count) becomes a model, a console and a timeline,
// without keeping snapshots. Also finds where to bookmark "the Nth event of a kind", for the
// CLI's `--at fork:2`. In the app, where the run is live, the moments come from the runner's
// checkpoints instead (momentsFromRunner): no replay from boot.

import type { LabModel, TimelineEvent, TimelineKind } from '../common/model';
import type { Runner } from './runner';
import { LabSession, type SessionOptions } from './session';

/** The state of a run at one instant. */
export interface Moment {
  readonly insn: number;
  readonly model: LabModel;
  /** Everything the console printed up to this instant. */
  readonly console: string;
}

export type Replayed =
  | { readonly ok: true; readonly moments: Moment[]; readonly timeline: TimelineEvent[] }
  | { readonly ok: false; readonly error: string };

const SLICE = 5_000_000;
/** Most instructions run after an event to get back to user mode, where the kernel is done. */
const SETTLE_LIMIT = 5_000_000;

function boot(options: SessionOptions): LabSession | string {
  const booted = LabSession.boot(options);
  return booted.ok ? booted.session : booted.error;
}

/** Runs `session` to exactly `insn` (it must not be past it). False when the run ended first. */
function runTo(session: LabSession, insn: number): boolean {
  while (session.insn < insn) {
    const end = session.runSlice(Math.min(SLICE, insn - session.insn));
    if (end.kind === 'halted' && session.insn < insn) return false;
  }
  return session.insn === insn;
}

/**
 * Steps one instruction at a time to the first instruction in user mode: the kernel has
 * finished the event's work, and no user instruction has run since (a parent returning from
 * fork writes its stack within a few instructions, which would already split a COW frame).
 */
function settle(session: LabSession): void {
  const m = session.machine;
  for (let i = 0; i < SETTLE_LIMIT && m.hart.priv !== 0 && !session.finished; i++) {
    if (m.run(1).kind !== 'limit') break;
  }
}

/** One replay from boot, stopping at each instant (any order) to take the model and console. */
export function replayMoments(options: SessionOptions, instants: readonly number[]): Replayed {
  const session = boot(options);
  if (typeof session === 'string') return { ok: false, error: session };
  const sorted = [...new Set(instants)].sort((a, b) => a - b);
  const byInsn = new Map<number, Moment>();
  let consoleText = '';
  const timeline: TimelineEvent[] = [];
  for (const insn of sorted) {
    if (!runTo(session, insn)) {
      return { ok: false, error: `the replayed run ended at instruction ${session.insn}, before the bookmark at ${insn} (did the kernel or the programs change?)` };
    }
    consoleText += session.takeConsole();
    timeline.push(...session.takeTimeline());
    byInsn.set(insn, { insn, model: session.model(), console: consoleText });
  }
  return { ok: true, moments: instants.map((i) => byInsn.get(i)!), timeline };
}

/**
 * The same moments taken from a live run (src/lab/runner.ts): each instant is reached by
 * restoring the nearest checkpoint before it and re-executing at most one checkpoint spacing,
 * not by a replay from boot. The runner is then put back at the instruction it was at, as
 * reverse-continue does; breakpoints are lifted meanwhile (a seek stops at them). Instants must
 * lie in the recorded run (at most the runner's frontier).
 */
export function momentsFromRunner(runner: Runner, instants: readonly number[]): Replayed {
  const home = runner.insn;
  const saved = [...runner.breakpoints];
  runner.breakpoints.clear();
  try {
    const byInsn = new Map<number, Moment>();
    for (const insn of [...new Set(instants)].sort((a, b) => a - b)) {
      runner.seek(insn);
      if (runner.insn !== insn) return { ok: false, error: `the run ended at instruction ${runner.insn}, before the bookmark at ${insn}` };
      byInsn.set(insn, { insn, model: runner.session.model(), console: runner.consoleText() });
    }
    return { ok: true, moments: instants.map((i) => byInsn.get(i)!), timeline: runner.timeline.filter((e) => e.insn <= Math.max(0, ...instants)) };
  } finally {
    runner.seek(home);
    for (const pc of saved) runner.breakpoints.add(pc);
  }
}

export interface EventWanted {
  readonly kind: TimelineKind;
  /** 1 for the first event of that kind. */
  readonly n: number;
}

export type FoundInstants =
  | { readonly ok: true; readonly instants: number[]; readonly timeline: TimelineEvent[]; readonly end: number; readonly console: string }
  | { readonly ok: false; readonly error: string };

/**
 * Runs the session to its end and returns, for each wanted event, the instant just after it:
 * the first return to user mode after the event, where its outcome is complete (a fork event is
 * reported before the child's page table is filled). Also returns the whole timeline.
 */
export function findEventInstants(options: SessionOptions, wanted: readonly EventWanted[], maxInsns: number): FoundInstants {
  const first = boot(options);
  if (typeof first === 'string') return { ok: false, error: first };
  const timeline: TimelineEvent[] = [];
  let consoleText = '';
  while (!first.finished && first.insn < maxInsns) {
    first.runSlice(Math.min(SLICE, maxInsns - first.insn));
    timeline.push(...first.takeTimeline());
    consoleText += first.takeConsole();
  }
  const events: number[] = [];
  for (const w of wanted) {
    const hit = timeline.filter((e) => e.kind === w.kind)[w.n - 1];
    if (!hit) {
      const count = timeline.filter((e) => e.kind === w.kind).length;
      return { ok: false, error: `the run has ${count} ${w.kind} event(s), so there is no ${w.kind}:${w.n}` };
    }
    events.push(hit.insn);
  }
  // Second run: stop just after each event, then settle in user mode.
  const second = boot(options);
  if (typeof second === 'string') return { ok: false, error: second };
  const order = events.map((insn, i) => ({ insn, i })).sort((a, b) => a.insn - b.insn);
  const instants: number[] = new Array<number>(events.length);
  for (const { insn, i } of order) {
    if (second.insn <= insn) {
      runTo(second, insn + 1);
      settle(second);
    }
    instants[i] = second.insn;
  }
  return { ok: true, instants, timeline, end: first.insn, console: consoleText };
}
