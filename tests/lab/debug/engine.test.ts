// Breakpoints, line steps, the call stack and the memory view on the cow lab test, in the user
// program and in the kernel's do_page_fault. References: the program's source lines, the
// sched/fork events (who runs), the CSRs a trap sets, and the page tables the lab model walks.
import { describe, expect, test } from 'vitest';
import { cowSource } from '../host-harness';
import { debugSession, lineOf } from './harness';
import { walkUserPages } from '../../../src/lab/pagetable';

describe('a breakpoint in the user program', () => {
  test('stops the forked child at `global = 2`, then steps over and into by line', () => {
    const { session, dbg } = debugSession();
    const line = lineOf(cowSource, 'global = 2;');
    const [bp] = dbg.setBreakpoints([{ file: 'cow.c', line }]);
    expect(bp!.actualLine).toBe(line);
    expect(bp!.addresses).toBe(1);
    const end = dbg.runToEnd('continue');
    expect(end).toEqual({ kind: 'breakpoint', id: bp!.id });
    const ctx = dbg.context();
    // The child: the process the cow main forked.
    const fork = session.events.find((e) => e.type === 'fork' && session.events.some((x) => x.type === 'exec' && x.pid === e.parent && x.name === 'cow'));
    expect(fork && fork.type === 'fork').toBe(true);
    expect(ctx).toMatchObject({ space: 'user', program: 'cow', line: { file: 'cow.c', line } });
    expect(ctx.pid).toBe(fork!.type === 'fork' ? fork!.child : -1);

    // Over `global = 2;` (a COW fault on the way: the kernel runs and the step survives it).
    const faultsBefore = session.events.filter((e) => e.type === 'fault').length;
    expect(dbg.runToEnd('over')).toEqual({ kind: 'step', goal: 'over' });
    expect(dbg.context()).toMatchObject({ pid: ctx.pid, space: 'user', line: { file: 'cow.c', line: line + 1 } });
    expect(session.events.filter((e) => e.type === 'fault').length).toBeGreaterThan(faultsBefore);

    // Into `after = refcount(&global);`: the first line of refcount().
    expect(dbg.runToEnd('into')).toEqual({ kind: 'step', goal: 'into' });
    expect(dbg.context().line).toEqual({ file: 'cow.c', line: lineOf(cowSource, 'static long refcount(void *p)') });
    const stack = dbg.stack().map((f) => f.function);
    expect(stack.slice(0, 3)).toEqual(['refcount', 'child', 'main']);

    // Out: back in child(), on the line of the call.
    expect(dbg.runToEnd('out')).toEqual({ kind: 'step', goal: 'out' });
    expect(dbg.context()).toMatchObject({ pid: ctx.pid, line: { file: 'cow.c', line: line + 1 } });
  });

  test('restricted to one process, stops only that process', () => {
    const { session, dbg } = debugSession();
    const line = lineOf(cowSource, 'int status = -1;');
    // Only main runs this line; restricting to a pid that never runs it must not stop.
    dbg.setBreakpoints([{ file: 'cow.c', line, pid: 999 }]);
    const end = dbg.runToEnd('continue', 50_000_000);
    expect(end.kind).toBe('halted');
    expect(session.events.some((e) => e.type === 'exit')).toBe(true);
  });
});

describe('line steps across fork and the scheduler', () => {
  test('step over fork() stays in the parent; step over waitpid() survives the child running to its exit', () => {
    const { session, dbg } = debugSession();
    const [bp] = dbg.setBreakpoints([{ file: 'cow.c', line: lineOf(cowSource, 'pid = fork();') }]);
    expect(dbg.runToEnd('continue')).toEqual({ kind: 'breakpoint', id: bp!.id });
    const parent = dbg.context().pid;
    dbg.setBreakpoints([]);
    expect(dbg.runToEnd('over')).toEqual({ kind: 'step', goal: 'over' });
    // The child returns from the same ecall at the same pc and sp: only the parent ends the step.
    const fork = session.events.filter((e) => e.type === 'fork').at(-1)!;
    expect(fork).toMatchObject({ parent });
    expect(dbg.context()).toMatchObject({ pid: parent, line: { file: 'cow.c', line: lineOf(cowSource, 'if (pid < 0)') } });
    const wait = lineOf(cowSource, 'if (waitpid(pid, &status, 0) != pid)');
    while (dbg.context().line!.line !== wait) expect(dbg.runToEnd('over')).toEqual({ kind: 'step', goal: 'over' });
    expect(dbg.context().pid).toBe(parent);
    expect(dbg.runToEnd('over')).toEqual({ kind: 'step', goal: 'over' });
    const child = fork.type === 'fork' ? fork.child : -1;
    expect(session.events.some((e) => e.type === 'exit' && e.pid === child)).toBe(true);
    expect(session.events.filter((e) => e.type === 'sched').length).toBeGreaterThan(2);
    expect(dbg.context()).toMatchObject({ pid: parent, space: 'user', line: { file: 'cow.c', line: lineOf(cowSource, 'if (!WIFEXITED(status)') } });
  });

  test('runs until this process\'s next page fault, fork and exit', () => {
    const { dbg } = debugSession();
    const [bp] = dbg.setBreakpoints([{ file: 'cow.c', line: lineOf(cowSource, 'strcpy(heap, "parent");') }]);
    expect(dbg.runToEnd('continue')).toEqual({ kind: 'breakpoint', id: bp!.id });
    dbg.setBreakpoints([]);
    const parent = dbg.context().pid;
    const fork = dbg.runToEnd('until-fork');
    expect(fork).toMatchObject({ kind: 'event', event: { type: 'fork', parent } });
    const child = fork.kind === 'event' && fork.event.type === 'fork' ? fork.event.child : -1;
    const fault = dbg.runToEnd('until-fault', undefined, child);
    expect(fault).toMatchObject({ kind: 'event', event: { type: 'fault', pid: child } });
    expect(dbg.runToEnd('until-exit', undefined, child)).toMatchObject({ kind: 'event', event: { type: 'exit', pid: child, code: 0 } });
    expect(dbg.runToEnd('until-exit', undefined, parent)).toMatchObject({ kind: 'event', event: { type: 'exit', pid: parent, code: 0 } });
  });
});

describe('a breakpoint in the kernel', () => {
  test('stops in do_page_fault for the child, with the stack through the trap into user code', () => {
    const { session, dbg } = debugSession();
    const first = dbg.setBreakpoints([{ file: 'cow.c', line: lineOf(cowSource, 'global = 2;') }]);
    expect(dbg.runToEnd('continue')).toEqual({ kind: 'breakpoint', id: first[0]!.id });
    const child = dbg.context().pid;
    const [bp] = dbg.setBreakpoints([{ file: '/forklab/kernel/mm/fault.c', line: 121, pid: child }]);
    expect(bp!.addresses).toBeGreaterThan(0);
    expect(dbg.runToEnd('continue')).toEqual({ kind: 'breakpoint', id: bp!.id });
    const m = session.machine;
    const ctx = dbg.context();
    expect(ctx).toMatchObject({ pid: child, space: 'kernel', line: { file: '/forklab/kernel/mm/fault.c', line: 121 } });
    expect(ctx.pc).toBe(dbg.kernel.symbol('do_page_fault'));
    const stack = dbg.stack();
    // Hand-computed: at its first instruction do_page_fault's CFA is sp, and its argument (a0,
    // the pt_regs the trap entry pushed) sits exactly there, since trap_handler reached it by a
    // tail call from _traps' frame. The next frame is the trapped user code.
    expect(stack[0]).toMatchObject({ function: 'do_page_fault', space: 'kernel', cfa: m.getReg(2) });
    expect(stack[0]!.cfa).toBe(m.getReg(10));
    const user = stack[1]!;
    expect(user).toMatchObject({ trapped: true, space: 'user', function: 'child' });
    // The trapped frame is the store that faulted: sepc, and the line `global = 2;`.
    expect(user.pc).toBe(m.readCsr(0x141));
    expect(user.line).toEqual({ file: 'cow.c', line: lineOf(cowSource, 'global = 2;') });
    expect(stack[2]!.function).toBe('main');

    // Step over `int r = handle_mm_fault(...)`: stays in do_page_fault, in the child's kernel context.
    expect(dbg.runToEnd('over')).toEqual({ kind: 'step', goal: 'over' });
    const next = dbg.context();
    expect(next).toMatchObject({ pid: child, space: 'kernel' });
    expect(next.line!.line).toBeGreaterThan(121);
    expect(next.line!.line).toBeLessThanOrEqual(125);
    expect(dbg.stack()[0]!.function).toBe('do_page_fault');
  });
});

describe('the memory view', () => {
  test('reads a process\'s pages through its page table, unmapped pages marked', () => {
    const { session, dbg } = debugSession();
    dbg.setBreakpoints([{ file: 'cow.c', line: lineOf(cowSource, 'global = 2;') }]);
    dbg.runToEnd('continue');
    const pid = dbg.context().pid;
    const model = session.model();
    const proc = model.processes.find((p) => p.pid === pid)!;
    const readPage = (pa: number) => session.machine.readPhys(BigInt(pa), 4096);
    const pages = walkUserPages(readPage, proc.pgd).pages;
    const data = pages.find((p) => (p.flags & 0x8) === 0 && (p.flags & 0x2) !== 0)!;
    const view = dbg.memory(proc.pgd, data.va, 8192);
    expect(view[0]).toMatchObject({ va: data.va, mapped: true, frame: data.frame });
    expect(view[0]!.bytes).toEqual(session.machine.readPhys(BigInt(data.frame), 4096));
    const second = pages.find((p) => p.va === data.va + 4096);
    expect(view[1]!.mapped).toBe(second !== undefined);
    // A page no table maps: address 0.
    expect(dbg.memory(proc.pgd, 0, 16)).toEqual([{ va: 0, mapped: false, from: 0, length: 16 }]);
  });
});
