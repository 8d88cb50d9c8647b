// Going back by source line and to the previous breakpoint, on the runner's recorded history
// (src/lab/runner.ts): the machine is deterministic, so "the last moment before now at which
// P was at the start of a line" is found by replaying from checkpoints with those pcs as
// breakpoints (Runner.findLast) and then seeking there. Works across traps, system calls,
// interrupts and context switches because it never undoes instructions: it re-executes.

import type { GoalEnd } from './engine';
import type { Debugger } from './engine';

/** What the reverse goals need of the runner. */
export interface History {
  readonly insn: number;
  findLast(pred: () => boolean, opts?: { before?: number; after?: number; pcs?: ReadonlySet<bigint> }): number | null;
}

/**
 * Back one source line in process `pid` (GDB's reverse-step): to the most recent moment before
 * now at which this process, in this space (user or kernel), was at the start of a line, a
 * different one when it is at a line's start now. Like reverse-step it goes back into a
 * function called on the line (from the middle of `x = f();` it lands on f's last line): after
 * a write that followed a system call, that is the moment the call has returned and the write
 * has not happened.
 */
export function stepBackLine(dbg: Debugger, history: History, pid?: number): GoalEnd {
  const m = dbg.session.machine;
  const target = pid ?? dbg.pid();
  const space = dbg.context().space;
  const image = dbg.imageFor(space, target);
  if (!image) return { kind: 'gave-up', why: 'no line table for the code running now' };
  const sp = m.getReg(2);
  const atStart = image.lines.isStatementStart(m.pc);
  const here = image.lines.displayLineAt(m.pc);
  const found = history.findLast(
    () => {
      if (dbg.pid() !== target || dbg.context().space !== space) return false;
      if (!atStart) return true;
      const at = image.lines.statementAt(m.pc);
      // The same line at the same depth is this line again (a loop's previous iteration is
      // another matter, but it has another line in between): a different line is wanted.
      return !(at && here && at.file === here.file && at.line === here.line && m.getReg(2) === sp);
    },
    { before: history.insn, pcs: image.lines.statementStarts() },
  );
  return found === null ? { kind: 'gave-up', why: 'no earlier line of this process in the recorded run' } : { kind: 'step', goal: 'back' };
}

/** Back to the most recent breakpoint hit before now (one that applies: process, space). */
export function reverseContinue(dbg: Debugger, history: History): GoalEnd {
  const pcs = dbg.breakpointAddresses();
  if (pcs.size === 0) return { kind: 'gave-up', why: 'no breakpoints are set' };
  const before = history.insn;
  let hit: number | null = null;
  const found = history.findLast(
    () => {
      const bp = dbg.applyingBreakpoint();
      if (bp) hit = bp.id;
      return bp !== null;
    },
    { before, pcs },
  );
  if (found === null) return { kind: 'gave-up', why: 'no breakpoint was hit earlier in the recorded run' };
  // findLast asked the predicate at many points; the one it returned to is the last that held.
  return { kind: 'breakpoint', id: dbg.applyingBreakpoint()?.id ?? hit ?? 0 };
}
