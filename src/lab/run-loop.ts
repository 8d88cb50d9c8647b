// The run loop: drives a Runner in slices so the host stays responsive, at the chosen speed,
// towards what the user asked (run freely, run until an event, replay to an instruction).
//
// Slices aim at ~10 ms of wall time; with a chosen speed the loop waits out the rest of each
// slice's share of time. Between slices the host handles messages. The loop never produces
// output itself: it tells the host when to publish (`publish(force)`) and when it stopped
// (`stopped(reason)`, which sends the status before the model, so the page can paint the
// stop before it draws the graph); whether a model walk may be taken is the host's `wantsModel()` (the
// renderer's flow control, see host.ts).

import type { RunState, StopKind } from '../common/protocol';
import type { Runner } from './runner';
import type { SliceEnd } from './session';

export interface LoopHooks {
  schedule(fn: () => void): void;
  delay(fn: () => void, ms: number): void;
  now(): number;
  /** Host output after a slice; `force` when the machine stopped and the model must be sent. */
  publish(force: boolean): void;
  /** True when the renderer is ready for another model (it acked the last one). */
  wantsModel(): boolean;
  /** True while console output waits for the renderer (the loop then holds off). */
  backlogged(): boolean;
  /** The state changed (a status should go out). */
  status(reason?: string): void;
  /**
   * The machine stopped (paused or ended; `state` is already set): the status with its reason,
   * then the model, which must be sent.
   */
  stopped(reason?: string): void;
  /**
   * The debugger (src/lab/debug/host-debug.ts), when breakpoints or a debugger goal are set:
   * free-running slices go through it instead.
   */
  readonly debug?: { active(): boolean; slice(budget: number): { kind: 'more' } | { kind: 'stopped' | 'halted'; reason: string } };
}

/** Target wall time of one slice. */
const SLICE_MS = 10;
/** Most instructions run past a slice's end to reach user mode before a model is taken. */
const MODEL_SETTLE_LIMIT = 100_000;

type Goal =
  | { kind: 'free' }
  | { kind: 'until'; event: StopKind }
  | { kind: 'target'; insn: number; done: () => void };

export class RunLoop {
  state: RunState = 'idle';
  private speed: number | null = null;
  private goal: Goal = { kind: 'free' };
  private sliceInsns = 200_000;

  /** Instructions per second to hold, or null for full speed. */
  get ips(): number | null {
    return this.speed;
  }

  /** A new speed sizes the very next slice: one sized for full speed would run a second's worth at once. */
  set ips(ips: number | null) {
    this.speed = ips;
    if (ips !== null) this.sliceInsns = Math.max(1000, Math.min(this.sliceInsns, Math.round((ips * SLICE_MS) / 1000)));
  }
  private scheduled = false;
  private disposed = false;
  private mipsWindow = { at: 0, insn: 0 };
  mips = 0;

  constructor(private runner: Runner | null, private readonly hooks: LoopHooks) {}

  attach(runner: Runner | null): void {
    this.runner = runner;
    this.goal = { kind: 'free' };
    this.mipsWindow = { at: this.hooks.now(), insn: 0 };
    this.mips = 0;
  }

  /** Run freely, or towards a goal, from where the machine stands. */
  start(goal: Goal = { kind: 'free' }): void {
    if (!this.runner || this.runner.finished) return;
    this.goal = goal;
    this.state = 'running';
    this.mipsWindow = { at: this.hooks.now(), insn: this.runner.insn };
    this.hooks.status();
    this.kick();
  }

  pause(reason?: string): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.goal = { kind: 'free' };
    this.hooks.stopped(reason);
  }

  /** The machine reached a final state (or was stopped) at `end`. */
  ended(end: SliceEnd & { kind: 'halted' }): void {
    this.state = 'halted';
    this.goal = { kind: 'free' };
    this.hooks.stopped(end.reason);
  }

  kick(delayMs = 0): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    if (delayMs >= 1) this.hooks.delay(() => this.loop(), delayMs);
    else this.hooks.schedule(() => this.loop());
  }

  dispose(): void {
    this.disposed = true;
  }

  private loop(): void {
    this.scheduled = false;
    const r = this.runner;
    if (this.disposed || !r || this.state !== 'running') return;
    if (this.hooks.backlogged()) return;
    const started = this.hooks.now();
    const before = r.insn;
    const goal = this.goal;
    let end: SliceEnd;
    const debug = this.hooks.debug;
    if (goal.kind === 'free' && debug?.active()) {
      const d = debug.slice(this.sliceInsns);
      r.sync();
      if (d.kind === 'halted') return this.ended({ kind: 'halted', clean: false, reason: d.reason });
      if (d.kind === 'stopped') return this.pause(d.reason);
      this.hooks.publish(false);
      this.hooks.status();
      this.kick();
      return;
    }
    if (goal.kind === 'until') end = r.runUntil(goal.event, this.sliceInsns);
    else if (goal.kind === 'target') end = r.runTo(Math.min(goal.insn, r.insn + this.sliceInsns));
    else {
      end = r.run(this.sliceInsns);
      // A slice that ends with a model update ends where the kernel is not mid-update (in
      // user mode), so the drawn reference counts agree with the mappings.
      if (end.kind === 'limit' && this.hooks.wantsModel()) end = r.runToUserMode(MODEL_SETTLE_LIMIT);
    }
    const elapsed = Math.max(0.1, this.hooks.now() - started);
    const ran = Math.max(1, r.insn - before);
    const rate = (ran / elapsed) * 1000;
    this.sliceInsns = Math.max(1000, Math.min(5_000_000, Math.round(((this.ips ?? rate) * SLICE_MS) / 1000)));
    const pause = this.ips === null ? 0 : ((r.insn - before) / this.ips) * 1000 - elapsed;
    const now = this.hooks.now();
    if (now - this.mipsWindow.at >= 1000) {
      this.mips = (r.insn - this.mipsWindow.insn) / ((now - this.mipsWindow.at) * 1000);
      this.mipsWindow = { at: now, insn: r.insn };
    }
    if (end.kind === 'halted') return this.ended(end);
    if (end.kind === 'event') {
      const kind = goal.kind === 'until' ? goal.event : end.event.type;
      return this.pause(`stopped after ${kind} at instruction ${end.event.insn}`);
    }
    if (end.kind === 'breakpoint') return this.pause(`stopped at breakpoint 0x${end.pc.toString(16)}`);
    if (goal.kind === 'target' && r.insn >= goal.insn) {
      this.pause(`replayed to instruction ${r.insn}`);
      goal.done();
      return;
    }
    this.hooks.publish(false);
    this.hooks.status();
    this.kick(pause);
  }
}
