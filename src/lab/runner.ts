// The runner: one lab session's run as a recorded, revisitable history (docs/timetravel.md).
//
// Time is retired instructions (`insn`). The machine is deterministic, so the state at any
// instruction of the run is rebuilt by restoring the nearest earlier checkpoint
// (src/emulator/checkpoints.ts) and re-executing; the lab layer's own state follows (events,
// the model builder, console text, timeline). "The state at insn N" is the state right after
// the instruction that brought the count to N, before any further step (a trap entry does
// not retire, so it belongs to the next instruction).
//
// The recorded history reaches up to `frontier`, the furthest point ever run. Going back and
// running forward again re-executes the same future (console and timeline entries are not
// recorded twice). Console input is the only outside influence: it is replayed at the
// instruction it arrived at, and input sent at a past point replaces the old future.
//
// Everything here is synchronous and bounded by the instruction counts it is given; the run
// loop (run-loop.ts) slices it and keeps the host responsive.

import type { TimelineEvent } from '../common/model';
import type { StopKind } from '../common/protocol';
import { CheckpointStore, type Checkpoint, type CheckpointOptions, type CheckpointStats } from '../emulator/checkpoints';
import type { LabEvent } from './events';
import type { LabSession, SliceEnd } from './session';
import { isStopEvent } from './stop-kinds';

export interface RunnerOptions extends CheckpointOptions {
  /** Instructions between checkpoints at the start; doubled each time the store thins. */
  readonly spacing?: number;
  /** Console characters kept for seeking back (older text is dropped first). */
  readonly consoleLimit?: number;
}

/** Where the lab-layer streams stood when a checkpoint was taken. */
interface Mark {
  readonly events: number;
  readonly timeline: number;
  readonly console: number;
}

/** Most instructions a stop waits for the hart to return to user mode. */
const SETTLE_LIMIT = 2_000_000;
const DEFAULT_SPACING = 1_000_000;
const DEFAULT_CONSOLE_LIMIT = 4 * 1024 * 1024;

export class Runner {
  private readonly store: CheckpointStore<Mark>;
  /** The run's recorded timeline, up to the frontier. */
  readonly timeline: TimelineEvent[] = [];
  /** How many recorded timeline entries have happened at the current instruction. */
  private timelineNow = 0;
  /** Recorded console text from absolute character `consoleDropped` on. */
  private consoleLog = '';
  private consoleDropped = 0;
  /** Absolute console characters produced up to now. */
  private consoleNow = 0;
  private readonly consoleLimit: number;
  /** Console input, with the instruction it arrived at. */
  private inputs: { insn: number; data: string }[] = [];
  /** Console text produced since the host last took it (live or re-executed). */
  private stream = '';
  /** Timeline entries the host has taken (the first `sent` of `timeline`). */
  private sent = 0;
  /**
   * Furthest instruction shown to the user (the scrub bar's end): like the frontier, but a
   * run-until's look-ahead past its event, which it then goes back from, does not count.
   */
  reached = 0;
  /** Every event recorded, up to the frontier (the session holds those up to now). */
  private readonly allEvents: LabEvent[] = [];
  /** Furthest instruction ever reached. */
  frontier = 0;
  /** Instructions between checkpoints now. */
  spacing: number;
  /** Bumped on every jump back in time (the host then resends console and model). */
  rewinds = 0;

  constructor(readonly session: LabSession, opts: RunnerOptions = {}) {
    this.store = new CheckpointStore<Mark>(session.machine, opts);
    this.spacing = opts.spacing ?? DEFAULT_SPACING;
    this.consoleLimit = opts.consoleLimit ?? DEFAULT_CONSOLE_LIMIT;
    this.store.take(this.mark());
  }

  get insn(): number {
    return this.session.insn;
  }

  get finished(): SliceEnd | null {
    return this.session.finished;
  }

  /** Breakpoints: run stops before executing an instruction at one of these pcs. */
  get breakpoints(): Set<bigint> {
    return this.session.machine.breakpoints;
  }

  checkpointStats(): CheckpointStats & { spacing: number } {
    return { ...this.store.stats(), spacing: this.spacing };
  }

  /** Every event that has happened up to now, in order. */
  get events(): readonly LabEvent[] {
    return this.session.events;
  }

  /** Timeline entries that have happened up to now (a prefix of `timeline`). */
  get timelineCount(): number {
    return this.timelineNow;
  }

  /** Console text from the start of the run up to now (the last `consoleLimit` characters). */
  consoleText(): string {
    return this.consoleLog.slice(0, Math.max(0, this.consoleNow - this.consoleDropped));
  }

  /** Console text produced since the last call (what the terminal has not been sent). */
  takeConsole(): string {
    const text = this.stream;
    this.stream = '';
    return text;
  }

  /** Timeline entries reached for the first time since the last call (the host shows them). */
  takeTimeline(): TimelineEvent[] {
    if (this.insn > this.reached) this.reached = this.insn;
    const end = this.timelineNow;
    if (end <= this.sent) return [];
    const out = this.timeline.slice(this.sent, end);
    this.sent = end;
    return out;
  }

  /**
   * Runs up to `steps` machine steps (instructions or trap entries), recording as it goes.
   * Ends early at a halt or a breakpoint.
   */
  run(steps: number): SliceEnd {
    let left = Math.max(0, Math.floor(steps));
    let end: SliceEnd = { kind: 'limit' };
    while (left > 0) {
      this.deliverInputs();
      const chunk = Math.max(1, Math.min(left, this.chunkLimit()));
      end = this.session.runSlice(chunk);
      this.collect();
      left -= chunk;
      if (end.kind !== 'limit') break;
      this.maybeCheckpoint();
    }
    return end;
  }

  /** Runs forward until exactly `target` instructions have retired (or the run ends first). */
  runTo(target: number): SliceEnd {
    let end: SliceEnd = this.session.finished ?? { kind: 'limit' };
    while (this.insn < target && end.kind === 'limit') end = this.run(target - this.insn);
    return end;
  }

  /** The state at instruction `target` of this run (the end of the run if it ended earlier). */
  seek(target: number): SliceEnd {
    const t = Math.max(0, Math.floor(target));
    const cp = this.store.before(t);
    // Go back when the target is behind us, or jump ahead when a checkpoint is nearer than
    // running on from here.
    if (t < this.insn || cp.insn > this.insn) this.restore(cp);
    return this.runTo(t);
  }

  /** Back `count` instructions. */
  stepBack(count = 1): SliceEnd {
    return this.seek(this.insn - count);
  }

  /** Forward exactly `count` retired instructions. */
  step(count = 1): SliceEnd {
    return this.runTo(this.insn + count);
  }

  /**
   * Runs on to the first event of `kind`, then stops right after it, at the first moment the
   * hart is back in user mode (the kernel has finished the work around the event; no user
   * instruction has run since). Gives up after `steps` steps with kind 'limit'.
   */
  runUntil(kind: StopKind, steps: number): SliceEnd {
    const from = this.session.events.length;
    const end = this.run(steps);
    const evs = this.session.events;
    for (let i = from; i < evs.length; i++) {
      if (isStopEvent(kind, evs[i]!, evs.slice(0, i))) return this.settleAfter(evs[i]!);
    }
    return end;
  }

  /**
   * Back to the most recent event of `kind` that ended before now (its settled point, as
   * runUntil stops there). Null, and no move, when there is none.
   */
  backTo(kind: StopKind): SliceEnd | null {
    const now = this.insn;
    const evs = this.session.events;
    for (let i = evs.length - 1; i >= 0; i--) {
      const ev = evs[i]!;
      if (ev.insn + 1 >= now || !isStopEvent(kind, ev, evs.slice(0, i))) continue;
      const end = this.settleAfter(ev);
      if (this.insn < now) return end;
      // That event's settled point is where we are (or later): look further back.
      this.seek(now);
    }
    return null;
  }

  /** The recorded event a timeline entry at instruction `insn` stands for, if any. */
  timelineEvent(insn: number): LabEvent | null {
    return this.allEvents.find((e) => e.insn === insn && e.type !== 'frame' && e.type !== 'sched') ?? null;
  }

  /** The state right after `ev`, at the next return to user mode. */
  settleAfter(ev: LabEvent): SliceEnd {
    let end = this.seek(ev.insn + 1);
    if (end.kind === 'halted') return end;
    end = this.runWhile(() => this.session.machine.hart.priv !== 0, SETTLE_LIMIT);
    return end.kind === 'halted' ? end : { kind: 'event', event: ev };
  }

  /**
   * Runs on in short steps until the hart is in user mode (or `limit` instructions): a model
   * taken there is consistent. Cheaper than settleAfter, and may overshoot by a few steps.
   */
  runToUserMode(limit: number): SliceEnd {
    let end: SliceEnd = this.session.finished ?? { kind: 'limit' };
    const h = this.session.machine.hart;
    for (let spent = 0; end.kind === 'limit' && h.priv !== 0 && spent < limit; spent += 50) end = this.run(50);
    return end;
  }

  /** Steps one instruction at a time while `cond` holds (at most `limit` instructions). */
  runWhile(cond: () => boolean, limit: number): SliceEnd {
    let end: SliceEnd = this.session.finished ?? { kind: 'limit' };
    for (let n = 0; n < limit && end.kind !== 'halted' && cond(); n++) end = this.runTo(this.insn + 1);
    return end;
  }

  /**
   * The last instruction count in [after, before) at which `pred` held, searched by replaying
   * from checkpoints, newest interval first; the machine is left there. With `pcs`, `pred` is
   * only asked where the hart is about to run one of those pcs (fast: the run stops at them as
   * breakpoints); without, it is asked at every instruction. Null when it never held: the
   * machine is then back at `before`.
   */
  findLast(pred: () => boolean, opts: { before?: number; after?: number; pcs?: ReadonlySet<bigint> } = {}): number | null {
    const before = opts.before ?? this.insn;
    const after = Math.max(0, opts.after ?? 0);
    const saved = new Set(this.breakpoints);
    let hi = before;
    try {
      while (hi > after) {
        const cp = this.store.before(hi);
        const lo = Math.max(cp.insn, after);
        this.restore(cp);
        this.runTo(lo);
        let found: number | null = null;
        if (opts.pcs) {
          this.breakpoints.clear();
          for (const pc of opts.pcs) this.breakpoints.add(pc);
          if (opts.pcs.has(this.session.machine.pc) && pred()) found = this.insn;
          // A run stops before a breakpoint pc but never on its first step, so each run
          // goes past the one it stopped at.
          while (this.insn < hi) {
            const end = this.run(hi - this.insn);
            if (end.kind !== 'breakpoint') break;
            if (this.insn < hi && pred()) found = this.insn;
          }
        } else {
          while (this.insn < hi) {
            if (pred()) found = this.insn;
            if (this.runTo(this.insn + 1).kind === 'halted') break;
          }
        }
        if (found !== null) {
          this.restoreBreakpoints(saved);
          this.seek(found);
          return found;
        }
        if (cp.insn <= after || cp === this.store.checkpoints[0]) break;
        hi = cp.insn;
      }
    } finally {
      this.restoreBreakpoints(saved);
    }
    this.seek(before);
    return null;
  }

  /** Console input now. Sent at a past point, it replaces the recorded future. */
  sendInput(text: string): void {
    if (this.insn < this.frontier) this.forgetFuture();
    this.inputs.push({ insn: this.insn, data: text });
    this.session.sendInput(text);
  }

  /** Drops everything recorded after now: the run continues from here as a new future. */
  forgetFuture(): void {
    this.store.truncateAfter(this.insn);
    this.timeline.length = this.timelineNow;
    this.allEvents.length = this.session.events.length;
    this.consoleLog = this.consoleText();
    this.inputs = this.inputs.filter((i) => i.insn < this.insn);
    this.frontier = this.insn;
    this.sent = Math.min(this.sent, this.timelineNow);
    this.reached = this.insn;
  }

  /**
   * Takes in what ran on the session outside the runner (the debugger steps it directly):
   * console, events and timeline entries, and a checkpoint when one is due.
   */
  sync(): void {
    this.collect();
    this.maybeCheckpoint();
  }

  private restoreBreakpoints(saved: ReadonlySet<bigint>): void {
    this.breakpoints.clear();
    for (const pc of saved) this.breakpoints.add(pc);
  }

  private restore(cp: Checkpoint<Mark>): void {
    this.store.restore(cp);
    this.session.rewound(this.allEvents.slice(0, cp.meta.events));
    this.timelineNow = cp.meta.timeline;
    this.consoleNow = cp.meta.console;
    this.stream = '';
    this.rewinds++;
  }

  private mark(): Mark {
    return { events: this.session.events.length, timeline: this.timelineNow, console: this.consoleNow };
  }

  /** Steps until the next checkpoint is due or a recorded input must be replayed. */
  private chunkLimit(): number {
    let limit = Infinity;
    const last = this.store.last!;
    if (this.insn >= last.insn) limit = last.insn + this.spacing - this.insn;
    const next = this.inputs.find((i) => i.insn > this.insn);
    if (next !== undefined && this.insn < this.frontier) limit = Math.min(limit, next.insn - this.insn);
    return limit;
  }

  private deliverInputs(): void {
    if (this.insn >= this.frontier) return;
    for (const i of this.inputs) if (i.insn === this.insn) this.session.sendInput(i.data);
  }

  private collect(): void {
    const text = this.session.takeConsole();
    if (text.length > 0) {
      this.stream += text;
      if (this.stream.length > this.consoleLimit) this.stream = this.stream.slice(-this.consoleLimit);
      const end = this.consoleNow + text.length;
      const recordedEnd = this.consoleDropped + this.consoleLog.length;
      if (end > recordedEnd) this.consoleLog += text.slice(text.length - (end - recordedEnd));
      this.consoleNow = end;
      if (this.consoleLog.length > this.consoleLimit * 1.25) {
        const cut = this.consoleLog.length - this.consoleLimit;
        this.consoleLog = this.consoleLog.slice(cut);
        this.consoleDropped += cut;
      }
    }
    const evs = this.session.events;
    for (let i = this.allEvents.length; i < evs.length; i++) this.allEvents.push(evs[i]!);
    for (const e of this.session.takeTimeline()) {
      if (this.timelineNow >= this.timeline.length) this.timeline.push(e);
      this.timelineNow++;
    }
    if (this.insn > this.frontier) this.frontier = this.insn;
  }

  private maybeCheckpoint(): void {
    if (this.session.finished !== null) return;
    const last = this.store.last!;
    if (this.insn >= last.insn + this.spacing) {
      if (this.store.take(this.mark())) this.spacing *= 2;
    }
  }
}
