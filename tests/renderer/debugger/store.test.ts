// The renderer's debugger store: gutter clicks become the breakpoint list the host gets, a
// stop shows its file (session tab or the kernel source read-only), and the debugger's status
// sentences are said in Chinese.
import { describe, expect, test } from 'vitest';
import type { DebugStop } from '../../../src/common/debug';
import { createDebugStore, debugFileOf } from '../../../src/renderer/debugger/store';
import { translateDebugReason } from '../../../src/renderer/debugger/messages';
import { translateReason } from '../../../src/renderer/i18n/reasons';
import { createStore, initialState } from '../../../src/renderer/session/store';
import { fakeLink } from '../fixtures';

const stop = (file: string, line: number): DebugStop => ({
  insn: 1, pid: 3, space: file.startsWith('/') ? 'kernel' : 'user', program: 'cow', pc: '0x10000', line: { file, line },
  reason: { kind: 'breakpoint', id: 1 }, stack: [], registers: { values: { sp: '0x3fffffff00' }, mode: 'U', changed: [] }, pgd: 0x80000000,
});

describe('the debugger store', () => {
  test('toggles breakpoints and sends the whole list each time', () => {
    const { link, sent } = fakeLink();
    const dbg = createDebugStore();
    dbg.connect(link, createStore(initialState('en', 'light')), () => null);
    dbg.toggle('cow.c', 47);
    dbg.toggle('/forklab/kernel/mm/fault.c', 121);
    dbg.restrict(1, 3);
    dbg.toggle('cow.c', 47);
    expect(sent.at(-1)).toEqual({ type: 'debug-breakpoints', breakpoints: [{ file: '/forklab/kernel/mm/fault.c', line: 121, pid: 3 }] });
  });

  test('shows the stopped file: the session tab, or the kernel source read-only', () => {
    const { link, emit } = fakeLink();
    const app = createStore({ ...initialState('en', 'light'), files: { 'cow.c': 'int main(){}' }, open: [], active: null });
    const fault = { path: 'kernel/mm/fault.c', text: 'void do_page_fault(struct pt_regs *regs) {}' };
    const painted: (() => void)[] = [];
    const paint = () => painted.splice(0).forEach((f) => f());
    createDebugStore((f) => void painted.push(f)).connect(link, app, (f) => (f === '/forklab/kernel/mm/fault.c' ? fault : null));
    emit({ type: 'debug-stopped', stop: stop('cow.c', 1) });
    paint();
    expect(app.get()).toMatchObject({ active: 'cow.c', open: ['cow.c'], viewing: null });
    emit({ type: 'debug-stopped', stop: stop('/forklab/kernel/mm/fault.c', 121) });
    // The editor switches after the stop has been painted, not in the same task.
    expect(app.get().viewing).toBeNull();
    paint();
    expect(app.get().viewing?.path).toBe('kernel/mm/fault.c');
    expect(app.get().viewing?.text).toContain('void do_page_fault(');
  });

  test('of stops faster than frames, only the latest one\'s file is shown and its memory asked for', () => {
    const { link, emit, sent } = fakeLink();
    const app = createStore({ ...initialState('en', 'light'), files: { 'cow.c': 'int main(){}' }, open: [], active: null });
    const fault = { path: 'kernel/mm/fault.c', text: 'void do_page_fault(struct pt_regs *regs) {}' };
    const painted: (() => void)[] = [];
    createDebugStore((f) => void painted.push(f)).connect(link, app, (f) => (f === '/forklab/kernel/mm/fault.c' ? fault : null));
    emit({ type: 'debug-stopped', stop: stop('/forklab/kernel/mm/fault.c', 121) });
    emit({ type: 'debug-stopped', stop: stop('cow.c', 1) });
    painted.splice(0).forEach((f) => f());
    expect(app.get()).toMatchObject({ active: 'cow.c', viewing: null });
    expect(sent.filter((r) => r.type === 'debug-memory')).toHaveLength(1);
  });

  test('a run that ends is not shown as running', () => {
    const { link, emit } = fakeLink();
    const dbg = createDebugStore((f) => f());
    dbg.connect(link, createStore(initialState('en', 'light')), () => null);
    emit({ type: 'debug-stopped', stop: stop('cow.c', 1) });
    emit({ type: 'status', state: 'running', insn: 2, mips: 1 });
    expect(dbg.get().running).toBe(true);
    emit({ type: 'status', state: 'halted', insn: 9, mips: 0, reason: 'the kernel shut the machine down' });
    expect(dbg.get().running).toBe(false);
  });

  test('maps editor paths to debugger file names and back', () => {
    expect(debugFileOf('kernel/mm/fault.c', true)).toBe('/forklab/kernel/mm/fault.c');
    expect(debugFileOf('user/lib/printf.c', true)).toBe('/forklab/lib/printf.c');
    expect(debugFileOf('cow.c', false)).toBe('cow.c');
  });
});

describe('debugger status sentences', () => {
  test('are translated to Chinese through the shared reason translator', () => {
    expect(translateReason('zh-CN', 'stopped at a breakpoint')).toBe('停在断点');
    expect(translateReason('zh-CN', 'stepped (over)')).toBe('已单步（跳过）');
    expect(translateReason('zh-CN', 'process 3 exited during the step')).toBe('单步期间进程 3 已退出');
    expect(translateReason('zh-CN', 'stepped back one line')).toBe('已后退一行');
    expect(translateDebugReason('en', 'something else')).toBeNull();
  });
});
