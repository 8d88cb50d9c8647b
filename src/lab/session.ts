// A lab session: one boot of the lab kernel with a set of programs, run in slices.
//
// The session owns the machine and the model builder. It packs the programs into the initrd
// (docs/abi.md section 3), boots the kernel with bootargs naming what to run, turns the
// emulator's trace events into lab events and the timeline, collects console text, and can
// produce the model at any point by walking live page tables. It never blocks: the host calls
// `runSlice` as often as it likes and stays responsive between slices.
//
// LAB calls are kept raw as they arrive and decoded (and applied to the model builder) when
// something asks for events, the model or the timeline, or at once while a slice watches for a
// stop event. Decoding is a pure function of the call, so the result is the same as decoding at
// the call; a host that only wants the console (`forklab run`) never pays for it: ~1,300 calls
// and ~7 ms of a lab run (docs/perf.md, "The translation threshold again").

import type { LabModel, TimelineEvent } from '../common/model';
import { Machine, type StopReason } from '../emulator';
import type { LabCall } from '../emulator/trace';
import { decodeLabCall, type LabEvent } from './events';
import { planInitrd, type InitrdApp, type InitrdProgram } from './initrd';
import { ModelBuilder } from './model-builder';
import { PAGE_SIZE } from './pagetable';
import { settleFields } from '../emulator/fields';

export interface SessionOptions {
  /** The kernel ELF (resources/kernel/build/kernel.elf). */
  readonly kernel: Uint8Array;
  /** Programs for the initrd, by name. */
  readonly apps: readonly InitrdApp[];
  /** Kernel command line, e.g. `apps=print*3,cow kthread=1`. */
  readonly bootargs: string;
  readonly ramMiB?: number;
}

/** What a boot needs: the programs may also be sources that read themselves into guest RAM. */
export type BootOptions = Omit<SessionOptions, 'apps'> & { readonly apps: readonly InitrdProgram[] };

export type SessionResult = { readonly ok: true; readonly session: LabSession } | { readonly ok: false; readonly error: string };

/** Why a slice ended, in the lab's terms. */
export type SliceEnd =
  | { readonly kind: 'limit' }
  | { readonly kind: 'event'; readonly event: LabEvent }
  /** Stopped before the instruction at a pc of `machine.breakpoints`. */
  | { readonly kind: 'breakpoint'; readonly pc: bigint }
  | { readonly kind: 'halted'; readonly clean: boolean; readonly reason: string };

/** Which lab events `runSlice` may stop after (the UI's "run until next fork / page fault"). */
export type StopOn = 'fork' | 'fault' | 'exit' | null;

/** Instructions run between checks for a `stopOn` event. */
const STOP_GRANULARITY = 2000;
/** Step size and bound while running on to the next return to user mode after a stop event. */
const SETTLE_STEP = 50;
const SETTLE_LIMIT = 5_000_000;

const decoder = () => new TextDecoder('utf-8', { fatal: false });

export class LabSession {
  /** Rebuilt from `events` when time travel goes back (see `rewound`). */
  private builderNow = new ModelBuilder();
  private readonly eventList: LabEvent[] = [];
  /** LAB calls made since the last decode, in order. */
  private pending: LabCall[] = [];
  private timeline: TimelineEvent[] = [];
  private consoleText = '';
  private utf8 = decoder();
  private halted: SliceEnd | null = null;
  private stopOn: StopOn = null;
  private stopEvent: LabEvent | null = null;

  private constructor(readonly machine: Machine) {
    machine.onConsole = (bytes) => {
      this.consoleText += this.utf8.decode(bytes, { stream: true });
    };
    machine.onTrace = (raw) => {
      this.pending.push(raw);
      if (this.stopOn !== null) this.decodePending();
    };
    // Set by the first slice, the first console output and the shutdown, while the callbacks
    // above are optimized code (emulator/fields.ts).
    settleFields(this, ['builderNow', 'pending', 'timeline', 'consoleText', 'utf8', 'halted', 'stopOn', 'stopEvent']);
  }

  /** Every lab event in order: the run's exact history, exported with snapshots. */
  get events(): LabEvent[] {
    this.decodePending();
    return this.eventList;
  }

  /** The model builder, with every event so far applied. */
  get builder(): ModelBuilder {
    this.decodePending();
    return this.builderNow;
  }

  private decodePending(): void {
    if (this.pending.length === 0) return;
    const calls = this.pending;
    this.pending = [];
    for (const raw of calls) {
      const ev = decodeLabCall(raw);
      this.eventList.push(ev);
      const entry = this.builderNow.apply(ev);
      if (entry) this.timeline.push(entry);
      if (this.stopOn !== null && this.stopEvent === null && matches(ev, this.stopOn)) this.stopEvent = ev;
    }
  }

  /** Boots the kernel with the programs packed into an initrd. Never throws. */
  static boot(opts: BootOptions): SessionResult {
    const initrd = planInitrd(opts.apps);
    if (!initrd.ok) return { ok: false, error: `initrd: ${initrd.error}` };
    const loaded = Machine.fromElf(opts.kernel, {
      initrd: initrd.value,
      bootargs: opts.bootargs,
      ramMiB: opts.ramMiB ?? 128,
    });
    if (!loaded.ok) return { ok: false, error: `kernel: ${loaded.error}` };
    return { ok: true, session: new LabSession(loaded.machine) };
  }

  get insn(): number {
    return this.machine.instret;
  }

  /** True once the machine shut down or can never run again. */
  get finished(): SliceEnd | null {
    return this.halted;
  }

  /**
   * Runs up to `maxInsns` instructions. With `stopOn`, ends after the first matching event, at
   * the next moment the hart is back in user mode (see below).
   */
  runSlice(maxInsns: number, stopOn: StopOn = null): SliceEnd {
    if (this.halted) return this.halted;
    // Calls from before this slice must not count as its stop event.
    if (stopOn !== null) this.decodePending();
    this.stopOn = stopOn;
    this.stopEvent = null;
    let stop: StopReason = { kind: 'limit' };
    if (stopOn === null) {
      stop = this.machine.run(maxInsns);
    } else {
      for (let left = maxInsns; left > 0 && this.stopEvent === null && stop.kind === 'limit'; left -= STOP_GRANULARITY) {
        stop = this.machine.run(Math.min(left, STOP_GRANULARITY));
      }
      // The kernel reports an event before it has finished the work around it (a fork event
      // comes before the child's page table is filled). Stop where the kernel is done: at the
      // first return to user mode, so the model shows the event's outcome and the reference
      // counts can be checked.
      if (this.stopEvent !== null && stop.kind === 'limit') stop = this.runToUserMode(SETTLE_LIMIT);
    }
    this.stopOn = null;
    const end = this.interpret(stop);
    if (end.kind === 'halted') this.halted = end;
    return end;
  }

  /**
   * Runs on, in short steps, until the hart is in user mode or `limit` instructions have run:
   * there the kernel is not halfway through changing page tables and reference counts, so a
   * model taken then is consistent. Returns the last stop reason.
   */
  runToUserMode(limit: number): StopReason {
    let stop: StopReason = { kind: 'limit' };
    for (let spent = 0; stop.kind === 'limit' && this.machine.hart.priv !== 0 && spent < limit; spent += SETTLE_STEP) {
      stop = this.machine.run(SETTLE_STEP);
    }
    return stop;
  }

  /** Like `runSlice`, then on to the next user-mode point (bounded), for a consistent model. */
  runSliceSettled(maxInsns: number, settleLimit: number): SliceEnd {
    const end = this.runSlice(maxInsns);
    if (end.kind !== 'limit') return end;
    const settled = this.interpret(this.runToUserMode(settleLimit));
    if (settled.kind === 'halted') this.halted = settled;
    return settled;
  }

  /**
   * Time travel put the machine back to a checkpoint taken when exactly `events` had
   * happened: they replace the event list, and the model's event-derived half is rebuilt from
   * them. Console text and timeline entries not yet taken belong to the abandoned future and
   * are dropped.
   */
  rewound(events: readonly LabEvent[]): void {
    this.pending = [];
    this.eventList.length = 0;
    for (const ev of events) this.eventList.push(ev);
    this.builderNow = new ModelBuilder();
    for (const ev of this.eventList) this.builderNow.apply(ev);
    this.timeline = [];
    this.consoleText = '';
    this.utf8 = decoder();
    this.halted = null;
    this.stopOn = null;
    this.stopEvent = null;
  }

  /** Console text produced since the last call. */
  takeConsole(): string {
    const text = this.consoleText;
    this.consoleText = '';
    return text;
  }

  /** Timeline entries produced since the last call. */
  takeTimeline(): TimelineEvent[] {
    this.decodePending();
    const entries = this.timeline;
    this.timeline = [];
    return entries;
  }

  sendInput(text: string): void {
    this.machine.sendInput(new TextEncoder().encode(text));
  }

  /** The model now. Reference counts are checked only while the hart is in user mode or halted,
   *  where the kernel is not halfway through changing them. */
  model(): LabModel {
    const readPage = (pa: number) => this.machine.readPhys(BigInt(pa), PAGE_SIZE);
    const quiet = this.halted !== null || this.machine.hart.priv === 0;
    const model = this.builder.snapshot(readPage, this.machine.instret, { checkRefcounts: quiet });
    // The machine is off: nothing runs any more (the kernel does not report its own tasks,
    // such as kinit, ending at shutdown).
    if (this.halted === null) return model;
    return { ...model, processes: model.processes.map((p) => (p.state === 'dead' ? p : { ...p, state: 'dead' as const })) };
  }

  private interpret(stop: StopReason): SliceEnd {
    switch (stop.kind) {
      case 'limit':
        return this.stopEvent ? { kind: 'event', event: this.stopEvent } : { kind: 'limit' };
      case 'breakpoint':
        return this.stopEvent ? { kind: 'event', event: this.stopEvent } : { kind: 'breakpoint', pc: stop.pc };
      case 'shutdown':
        return {
          kind: 'halted',
          clean: stop.clean,
          reason: stop.clean ? 'the kernel shut the machine down' : `the kernel reported a failure (code ${stop.code})`,
        };
      case 'tohost':
        return { kind: 'halted', clean: stop.value === 1n, reason: `tohost = ${stop.value}` };
      case 'idle':
        return { kind: 'halted', clean: false, reason: 'the machine is idle with nothing left to wake it' };
      case 'error':
        return { kind: 'halted', clean: false, reason: stop.message };
    }
  }
}

function matches(ev: LabEvent, stopOn: Exclude<StopOn, null>): boolean {
  return ev.type === stopOn;
}
