// The source-level debugger over one lab session: breakpoints on source lines (user programs
// and kernel), stepping by line within one process, the call stack, registers and the memory
// of a process. Pure: it drives the session's machine and reads guest memory, nothing else.
//
// Which process is running: in user mode the kernel's `current`; in the kernel the task whose
// kernel stack holds sp (task_struct sits at the base of its 8 KiB stack block), which stays
// right while switch_to runs on the old task's stack after `current` already names the next.
// Which program a process runs comes from the session's fork/exec events.
//
// Every run is a goal advanced in bounded chunks (`advance(budget)`), so the host stays
// responsive during a step over a call that sleeps while other processes run for millions of
// instructions. Stepping follows the GDB model: a call (jump to a function's first instruction)
// or a trap is run through to its return point with a temporary breakpoint there, checked for
// the same process and the same stack depth; another process hitting that address, or the
// same code recursing, does not end the step.

import type { Machine } from '../../emulator';
import { KERNEL_SOURCE_PREFIX, type BreakpointSpec, type BreakpointState, type DebugGoal } from '../../common/debug';
import type { LabEvent } from '../events';
import type { LabSession } from '../session';
import type { DebugImage } from './image';
import type { SourceLine } from './line-index';
import { CURRENT_SYMBOL, TASK } from './kernel-layout';
import { readTrapFrame, walkStack, type StackFrame, type UnwindRegs } from './stack';
import { memoryView, readVirt64, rootOfSatp, translate, type MemoryPage } from './vmem';
import { readRegisters, type RegisterSet } from './registers';

export { KERNEL_SOURCE_PREFIX, USER_LIBRARY_PREFIX } from '../../common/debug';

const KSTACK_SIZE = 8192n;
const KERNEL_HALF = 0xffff_ffc0_0000_0000n;
const CSR_SATP = 0x180;
const CSR_STVEC = 0x105;
const CSR_SEPC = 0x141;
const CSR_SCAUSE = 0x142;
const SCAUSE_ECALL_U = 8n;
/** Instructions per chunk of a fast-forward; the goal yields to the host between chunks. */
const CHUNK = 20_000;
/** A single-stepped stretch without reaching a new line gives up (a loop with no line in it). */
const MAX_SINGLE_STEPS = 2_000_000;

export type Space = 'kernel' | 'user';

export interface DebugContext {
  readonly pid: number;
  readonly space: Space;
  /** The program the process runs (user space), null for the kernel or when unknown. */
  readonly program: string | null;
  readonly pc: bigint;
  /** File (session file, /forklab/lib/..., /forklab/kernel/...) and line of the pc. */
  readonly line: SourceLine | null;
}

export type { BreakpointSpec } from '../../common/debug';
export type ResolvedBreakpoint = BreakpointState;
export type GoalKind = DebugGoal;

export type GoalEnd =
  | { readonly kind: 'more' }
  | { readonly kind: 'breakpoint'; readonly id: number }
  | { readonly kind: 'step'; readonly goal: GoalKind | 'back' }
  | { readonly kind: 'event'; readonly event: LabEvent }
  | { readonly kind: 'exited'; readonly pid: number }
  | { readonly kind: 'halted'; readonly reason: string }
  | { readonly kind: 'gave-up'; readonly why: string };

interface Located {
  readonly bp: ResolvedBreakpoint;
  /** 'kernel' or the program whose addresses these are. */
  readonly image: string;
  readonly addrs: Set<bigint>;
}

/** The program each pid runs, from fork (inherit) and exec (replace) events. */
export function programsOf(events: readonly LabEvent[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const ev of events) {
    if (ev.type === 'exec') names.set(ev.pid, ev.name);
    else if (ev.type === 'fork') {
      const parent = names.get(ev.parent);
      if (parent !== undefined) names.set(ev.child, parent);
    }
  }
  return names;
}

export class Debugger {
  private located: Located[] = [];
  private nextId = 1;
  private goal: Generator<void, GoalEnd, void> | null = null;
  private goalKind: GoalKind | null = null;
  private lastRegs: RegisterSet | null = null;
  private programCache = { events: -1, names: new Map<number, string>() };
  private readonly currentVa: bigint | undefined;

  constructor(
    readonly session: LabSession,
    readonly kernel: DebugImage,
    readonly programs: ReadonlyMap<string, DebugImage>,
  ) {
    this.currentVa = kernel.symbol(CURRENT_SYMBOL);
  }

  private get machine(): Machine {
    return this.session.machine;
  }

  // ---- where are we -------------------------------------------------------------------------

  private readPhys = (pa: bigint, len: number) => this.machine.readPhys(pa, len);

  private root(): bigint | null {
    return rootOfSatp(this.machine.readCsr(CSR_SATP));
  }

  /** A 64-bit word in the current address space. */
  read64 = (va: bigint): bigint | null => {
    const root = this.root();
    if (root === null) return null;
    return readVirt64(this.readPhys, root, va);
  };

  private read32(va: bigint): number | null {
    const w = this.read64(va & ~7n);
    if (w === null) return null;
    return Number(BigInt.asIntN(32, w >> (8n * (va & 7n))));
  }

  private space(): Space {
    return this.machine.hart.priv === 0 ? 'user' : 'kernel';
  }

  /** The task_struct the hart is working for (see the header). */
  private taskAddr(): bigint | null {
    const sp = this.machine.getReg(2);
    if (this.space() === 'kernel' && sp >= KERNEL_HALF) return sp & ~(KSTACK_SIZE - 1n);
    if (this.currentVa === undefined) return null;
    return this.read64(this.currentVa);
  }

  /** The pid the hart is running for, -1 when it cannot be read. */
  pid(): number {
    const task = this.taskAddr();
    if (task === null || task === 0n) return -1;
    return this.read32(task + BigInt(TASK.pid)) ?? -1;
  }

  programOf(pid: number): string | null {
    const events = this.session.events;
    if (this.programCache.events !== events.length) this.programCache = { events: events.length, names: programsOf(events) };
    return this.programCache.names.get(pid) ?? null;
  }

  /** The image whose code runs in `space` for process `pid` (its program, or the kernel). */
  imageFor(space: Space, pid: number): DebugImage | null {
    if (space === 'kernel') return this.kernel;
    const name = this.programOf(pid);
    return name === null ? null : (this.programs.get(name) ?? null);
  }

  context(): DebugContext {
    const pid = this.pid();
    const space = this.space();
    const pc = this.machine.pc;
    const image = this.imageFor(space, pid);
    const raw = image?.lines.displayLineAt(pc);
    return {
      pid,
      space,
      program: space === 'user' ? this.programOf(pid) : null,
      pc,
      line: raw ? { file: sourceName(image!, raw.file), line: raw.line } : null,
    };
  }

  // ---- breakpoints --------------------------------------------------------------------------

  /** Replaces all breakpoints; returns where each landed. */
  setBreakpoints(specs: readonly BreakpointSpec[]): ResolvedBreakpoint[] {
    this.located = [];
    const out: ResolvedBreakpoint[] = [];
    for (const spec of specs) {
      const targets: { image: DebugImage; file: string }[] = [];
      if (spec.file.startsWith(KERNEL_SOURCE_PREFIX)) targets.push({ image: this.kernel, file: spec.file.slice(KERNEL_SOURCE_PREFIX.length) });
      else for (const image of this.programs.values()) targets.push({ image, file: spec.file });
      let actualLine: number | null = null;
      let count = 0;
      const id = this.nextId++;
      const bp: ResolvedBreakpoint = { ...spec, id, actualLine: null, addresses: 0 };
      const found: { image: string; addrs: Set<bigint> }[] = [];
      for (const t of targets) {
        const line = t.image.lines.nearestLineWithCode(t.file, spec.line);
        if (line === undefined) continue;
        const addrs = t.image.lines.addressesOf(t.file, line);
        actualLine = actualLine === null ? line : Math.min(actualLine, line);
        count += addrs.length;
        found.push({ image: t.image.name, addrs: new Set(addrs) });
      }
      const resolved = { ...bp, actualLine, addresses: count };
      for (const f of found) this.located.push({ bp: resolved, image: f.image, addrs: f.addrs });
      out.push(resolved);
    }
    return out;
  }

  /** Every pc some breakpoint is on. */
  breakpointAddresses(): Set<bigint> {
    return this.breakpointPcs();
  }

  /** The breakpoint that applies where the hart is now (process, space, program), if any. */
  applyingBreakpoint(): ResolvedBreakpoint | null {
    return this.breakpointHere();
  }

  private breakpointPcs(): Set<bigint> {
    const all = new Set<bigint>();
    for (const l of this.located) for (const a of l.addrs) all.add(a);
    return all;
  }

  /** The breakpoint the hart is stopped at, if it applies to this process and space. */
  private breakpointHere(): ResolvedBreakpoint | null {
    const pc = this.machine.pc;
    const candidates = this.located.filter((l) => l.addrs.has(pc));
    if (candidates.length === 0) return null;
    const space = this.space();
    const pid = this.pid();
    for (const l of candidates) {
      if (l.bp.pid !== undefined && l.bp.pid !== pid) continue;
      if (l.image === 'kernel' ? space !== 'kernel' : space !== 'user' || this.programOf(pid) !== l.image) continue;
      return l.bp;
    }
    return null;
  }

  // ---- inspecting ---------------------------------------------------------------------------

  /** The registers now, and which changed since the previous call (the previous stop). */
  registers(): { regs: RegisterSet; changed: string[] } {
    const regs = readRegisters(this.machine);
    const prev = this.lastRegs;
    const changed = prev ? Object.keys(regs.values).filter((k) => regs.values[k] !== prev.values[k]) : [];
    this.lastRegs = regs;
    return { regs, changed };
  }

  /** The call stack of the running context, innermost first. */
  stack(): StackFrame[] {
    const m = this.machine;
    const regs: UnwindRegs = { pc: m.pc, sp: m.getReg(2), s0: m.getReg(8), ra: m.getReg(1) };
    const pid = this.pid();
    const frames = walkStack(regs, { kernel: this.kernel, user: this.imageFor('user', pid), read64: this.read64 }, (at) => readTrapFrame(this.read64, at));
    return frames.map((f) => {
      const image = f.space === 'kernel' ? this.kernel : this.imageFor('user', pid);
      return f.line && image ? { ...f, line: { file: sourceName(image, f.line.file), line: f.line.line } } : f;
    });
  }

  /** [va, va+len) of process `pgd`'s address space (the current one when pgd is null). */
  memory(pgd: number | null, va: number, len: number): MemoryPage[] {
    const root = pgd === null ? this.root() : BigInt(pgd);
    if (root === null) return [{ va: va - (va % 4096), mapped: false, from: va, length: len }];
    return memoryView(this.readPhys, root, va, len);
  }

  // ---- running ------------------------------------------------------------------------------

  get running(): GoalKind | null {
    return this.goalKind;
  }

  /** Starts a goal; `advance` runs it. A new goal replaces an unfinished one. */
  start(kind: GoalKind, pid?: number): void {
    this.goalKind = kind;
    const target = pid ?? this.pid();
    switch (kind) {
      case 'continue':
        this.goal = this.continueGoal();
        break;
      case 'into':
      case 'over':
        this.goal = this.lineStepGoal(kind, target);
        break;
      case 'out':
        this.goal = this.stepOutGoal(target);
        break;
      case 'until-fault':
      case 'until-fork':
      case 'until-exit':
        this.goal = this.untilEventGoal(kind, target);
        break;
    }
  }

  cancel(): void {
    this.goal = null;
    this.goalKind = null;
    this.machine.breakpoints.clear();
  }

  /** Runs the goal for about `budget` instructions; 'more' means call again. */
  advance(budget: number): GoalEnd {
    if (!this.goal) return { kind: 'gave-up', why: 'nothing to run' };
    const until = this.session.insn + Math.max(1, budget);
    for (;;) {
      const r = this.goal.next();
      if (r.done) {
        this.goal = null;
        this.goalKind = null;
        this.machine.breakpoints.clear();
        return r.value;
      }
      if (this.session.insn >= until) return { kind: 'more' };
    }
  }

  /** Runs a goal to its end (tests, the CLI): at most `limit` instructions. */
  runToEnd(kind: GoalKind, limit = 500_000_000, pid?: number): GoalEnd {
    this.start(kind, pid);
    const stopAt = this.session.insn + limit;
    for (;;) {
      const end = this.advance(CHUNK * 10);
      if (end.kind !== 'more') return end;
      if (this.session.insn >= stopAt) {
        this.cancel();
        return { kind: 'gave-up', why: `no stop within ${limit} instructions` };
      }
    }
  }

  /** One instruction; a halt ends the goal. */
  private stepOne(): GoalEnd | null {
    this.machine.breakpoints.clear();
    const end = this.session.runSlice(1);
    return end.kind === 'halted' ? { kind: 'halted', reason: end.reason } : null;
  }

  /**
   * Runs until the pc is in `pcs` and `accept()` holds, or a user breakpoint applies. Yields
   * between chunks. Returns null when `accept` matched, else the end.
   */
  private *runTo(pcs: ReadonlySet<bigint>, accept: () => boolean, watchExit: number | null): Generator<void, GoalEnd | null, void> {
    for (;;) {
      // Read each chunk: the breakpoints may change while a goal runs.
      const userBps = this.breakpointPcs();
      const bps = this.machine.breakpoints;
      bps.clear();
      for (const p of pcs) bps.add(p);
      for (const p of userBps) bps.add(p);
      const eventsBefore = this.session.events.length;
      const before = this.session.insn;
      const end = this.session.runSlice(CHUNK);
      if (watchExit !== null) {
        const evs = this.session.events;
        for (let i = eventsBefore; i < evs.length; i++) {
          const ev = evs[i]!;
          if (ev.type === 'exit' && ev.pid === watchExit) return { kind: 'exited', pid: watchExit };
        }
      }
      if (end.kind === 'halted') return { kind: 'halted', reason: end.reason };
      const stoppedEarly = this.session.insn - before < CHUNK && bps.has(this.machine.pc);
      if (stoppedEarly) {
        if (pcs.has(this.machine.pc) && accept()) return null;
        const bp = this.breakpointHere();
        if (bp) return { kind: 'breakpoint', id: bp.id };
        // Someone else's hit (another process, another program at the same address): go on past it.
        const one = this.stepOne();
        if (one) return one;
      }
      yield;
    }
  }

  private *continueGoal(): Generator<void, GoalEnd, void> {
    for (;;) {
      const end = yield* this.runTo(new Set(), () => false, null);
      if (end) return end;
    }
  }

  /** Step into / over one source line within process `pid`. */
  private *lineStepGoal(kind: 'into' | 'over', pid: number): Generator<void, GoalEnd, void> {
    const m = this.machine;
    const space = this.space();
    const image = this.imageFor(space, pid);
    if (!image) return { kind: 'gave-up', why: 'no line table for the code running now' };
    const startLine = image.lines.displayLineAt(m.pc);
    const startFn = image.functionAt(m.pc);
    const startSp = m.getReg(2);
    const stvec = m.readCsr(CSR_STVEC) & ~3n;
    let steps = 0;
    for (;;) {
      const prevPc = m.pc;
      const prevSp = m.getReg(2);
      const prevSpace = this.space();
      const one = this.stepOne();
      if (one) return one;
      if (++steps > MAX_SINGLE_STEPS) return { kind: 'gave-up', why: 'no new line after many instructions' };
      // A trap left the code we step in (user: any trap; kernel: an interrupt or fault to stvec).
      const nowSpace = this.space();
      const trapped = (prevSpace === 'user' && nowSpace === 'kernel') || (prevSpace === 'kernel' && m.pc === stvec && prevPc !== stvec);
      if (trapped) {
        if (space === 'user' && kind === 'into' && (m.readCsr(CSR_SCAUSE) & 0xffn) === SCAUSE_ECALL_U) {
          // Into the system call: stop at the first kernel instruction.
          return { kind: 'step', goal: kind };
        }
        const sepc = m.readCsr(CSR_SEPC);
        const back = new Set([sepc, sepc + 2n, sepc + 4n]);
        const end = yield* this.runTo(back, () => this.space() === prevSpace && this.pid() === pid && m.getReg(2) === prevSp, pid);
        if (end) return end;
      }
      if (this.space() !== space) {
        // sret from the kernel back to user mode: the kernel part of this process is done.
        return { kind: 'step', goal: kind };
      }
      if (space === 'kernel' && this.pid() !== pid) {
        // __switch_to moved to another task's stack: wait until this one is switched back in.
        const end = yield* this.waitForTask(pid);
        if (end) return end;
      }
      let fn = image.functionAt(m.pc);
      if (fn && m.pc === fn.start && prevPc !== m.pc) {
        // A call. Over: run to its return (same process, same stack depth). Into: its first
        // line, if it has one; else run through it like over.
        if (kind === 'into' && image.lines.lineAt(m.pc) !== undefined) return { kind: 'step', goal: kind };
        const ra = m.getReg(1);
        const end = yield* this.runTo(new Set([ra]), () => this.space() === space && this.pid() === pid && m.getReg(2) === prevSp, pid);
        if (end) return end;
        fn = image.functionAt(m.pc);
      }
      // Returned out of the function we started in: stop in the caller, mid-line, as GDB does.
      if (startFn && fn !== startFn && m.getReg(2) > startSp) return { kind: 'step', goal: kind };
      const at = image.lines.statementAt(m.pc);
      if (!at) continue;
      // gcc inlines header functions (list.h, riscv.h) into the one being stepped; with no
      // .debug_info to tell, "over" treats lines of another file in the same function as
      // belonging to the inlined call and runs through them.
      const inlined = kind === 'over' && startLine !== undefined && fn === startFn && at.file !== startLine.file;
      if (!inlined && (!startLine || at.line !== startLine.line || at.file !== startLine.file)) return { kind: 'step', goal: kind };
    }
  }

  /** Runs until the task of `pid` is running again in the kernel (back from __switch_to). */
  private *waitForTask(pid: number): Generator<void, GoalEnd | null, void> {
    const task = this.taskOf(pid);
    if (task === null) return { kind: 'gave-up', why: `process ${pid} is not in the task table` };
    const resume = this.read64(task);
    if (resume === null) return { kind: 'gave-up', why: `cannot read where process ${pid} resumes` };
    return yield* this.runTo(new Set([resume]), () => this.pid() === pid, pid);
  }

  /** The task_struct of `pid`, from the kernel's task table. */
  private taskOf(pid: number): bigint | null {
    const table = this.kernel.symbol('task');
    if (table === undefined) return null;
    for (let i = 0; i < 64; i++) {
      const t = this.read64(table + BigInt(8 * i));
      if (t && this.read32(t + BigInt(TASK.pid)) === pid) return t;
    }
    return null;
  }

  private *stepOutGoal(pid: number): Generator<void, GoalEnd, void> {
    const frames = this.stack();
    const inner = frames[0];
    const caller = frames[1];
    if (!inner || !caller || inner.cfa === null) return { kind: 'gave-up', why: 'no caller frame to return to' };
    const space = caller.space;
    const cfa = inner.cfa;
    // Back from a trap the pc is the trapped instruction or, after a system call, the next one.
    const pcs = caller.trapped ? new Set([caller.pc, caller.pc + 2n, caller.pc + 4n]) : new Set([caller.pc]);
    const accept = caller.trapped ? () => this.space() === space && this.pid() === pid : () => this.space() === space && this.pid() === pid && this.machine.getReg(2) === cfa;
    const end = yield* this.runTo(pcs, accept, pid);
    return end ?? { kind: 'step', goal: 'out' };
  }

  private *untilEventGoal(kind: 'until-fault' | 'until-fork' | 'until-exit', pid: number): Generator<void, GoalEnd, void> {
    const type = kind === 'until-fault' ? 'fault' : kind === 'until-fork' ? 'fork' : 'exit';
    const mine = (ev: LabEvent) =>
      (ev.type === 'fault' && type === 'fault' && ev.pid === pid) ||
      (ev.type === 'fork' && type === 'fork' && ev.parent === pid) ||
      (ev.type === 'exit' && type === 'exit' && ev.pid === pid);
    for (;;) {
      const userBps = this.breakpointPcs();
      this.machine.breakpoints.clear();
      for (const p of userBps) this.machine.breakpoints.add(p);
      const before = this.session.insn;
      const eventsBefore = this.session.events.length;
      const end = this.session.runSlice(CHUNK, type);
      // The session stops after anyone's event of this type; ours may be among those it ran
      // past, or just before the machine halted.
      const ours = this.session.events.slice(eventsBefore).find(mine);
      if (ours) return { kind: 'event', event: ours };
      if (end.kind === 'halted') return { kind: 'halted', reason: end.reason };
      if (end.kind === 'limit' && this.session.insn - before < CHUNK && userBps.has(this.machine.pc)) {
        const bp = this.breakpointHere();
        if (bp) return { kind: 'breakpoint', id: bp.id };
        const one = this.stepOne();
        if (one) return one;
      }
      yield;
    }
  }

  /** Translation of one address in a process (for the memory view's header). */
  translate(pgd: number, va: number) {
    return translate(this.readPhys, BigInt(pgd), BigInt(va));
  }
}

/** The name the UI uses for a file of an image's line table. */
function sourceName(image: DebugImage, file: string): string {
  return image.name === 'kernel' && !file.startsWith('/') ? KERNEL_SOURCE_PREFIX + file : file;
}
