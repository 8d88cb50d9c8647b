import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { BUILD_DEBOUNCE_MS, createController, STREAM_BATCH_MS } from '../../../src/renderer/session/controller';
import { addExample, createStore, initialState } from '../../../src/renderer/session/store';
import { afterFork, fakeLink } from '../fixtures';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('session controller', () => {
  test('asks for diagnostics once, after typing pauses', () => {
    const { link, sent } = fakeLink();
    const store = createStore(addExample(initialState('en', 'light'), 'cow.c', 'int main(){}'));
    const c = createController(link, store);
    c.edited();
    vi.advanceTimersByTime(BUILD_DEBOUNCE_MS - 1);
    c.edited();
    vi.advanceTimersByTime(BUILD_DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'build', id: 1, files: { 'cow.c': 'int main(){}' } }]);
  });

  test('ignores diagnostics of a build older than the latest one', () => {
    const { link, emit } = fakeLink();
    const store = createStore(addExample(initialState('en', 'light'), 'cow.c', ''));
    const c = createController(link, store);
    c.build();
    c.build();
    const diag = { file: 'cow.c', line: 1, column: 1, endColumn: 2, severity: 'error' as const, message: 'old' };
    emit({ type: 'diagnostics', id: 1, ok: false, diagnostics: [diag] });
    expect(store.get().diagnostics).toEqual([]);
    emit({ type: 'diagnostics', id: 2, ok: true, diagnostics: [] });
    expect(store.get().buildOk).toBe(true);
  });

  test('runs the active program and clears the previous run', () => {
    const { link, sent, emit } = fakeLink();
    const store = createStore(addExample(initialState('en', 'light'), 'cow.c', 'x'));
    const c = createController(link, store);
    emit({ type: 'timeline', events: [{ insn: 1, kind: 'fork', pid: 1, other: 2 }] });
    let cleared = 0;
    c.onConsoleClear(() => cleared++);
    c.run();
    expect(sent.at(-1)).toEqual({ type: 'run', id: 1, files: { 'cow.c': 'x' }, apps: 'cow' });
    expect(store.get().timeline).toEqual([]);
    expect(cleared).toBe(1);
  });

  test('buffers console text until the terminal is attached, then delivers it in order', () => {
    const { link, emit } = fakeLink();
    const c = createController(link, createStore(initialState('en', 'light')));
    emit({ type: 'console', data: 'boot\n' });
    emit({ type: 'console', data: 'PASS cow\n' });
    const got: string[] = [];
    c.setConsoleSink((d) => got.push(d));
    emit({ type: 'console', data: '$ ' });
    expect(got.join('')).toBe('boot\nPASS cow\n$ ');
  });

  test('acknowledges drawn console characters and forwards keystrokes', () => {
    const { link, sent } = fakeLink();
    const c = createController(link, createStore(initialState('en', 'light')));
    c.ack(42);
    c.input('ls\r');
    expect(sent).toEqual([
      { type: 'console-ack', chars: 42 },
      { type: 'input', data: 'ls\r' },
    ]);
  });

  test('asks the host for a report and hands the report it sends to the saver', () => {
    const { link, sent, emit } = fakeLink();
    const store = createStore(initialState('en', 'light'));
    const c = createController(link, store);
    const saved: [string, string][] = [];
    const off = c.onReport((text, fileName) => saved.push([text, fileName]));
    c.exportReport('lab 3');
    expect(sent).toEqual([{ type: 'export-report', title: 'lab 3' }]);
    const before = store.get();
    emit({ type: 'report', text: '{"format":"forklab-session"}', fileName: 'forklab-session-9.json' });
    expect(saved).toEqual([['{"format":"forklab-session"}', 'forklab-session-9.json']]);
    expect(store.get()).toBe(before);
    off();
    emit({ type: 'report', text: '{}', fileName: 'again.json' });
    expect(saved).toHaveLength(1);
  });

  test('a report the host refuses leaves the current run on screen and shows the error', () => {
    const { link, emit } = fakeLink();
    const store = createStore(initialState('en', 'light'));
    const c = createController(link, store);
    emit({ type: 'model', model: afterFork() });
    let cleared = 0;
    c.onConsoleClear(() => cleared++);
    c.openReport('not json');
    emit({ type: 'error', message: 'this is not a ForkLab session file (it is not JSON)' });
    expect(store.get().model.processes).toHaveLength(4);
    expect(store.get().notice).toMatch(/not a ForkLab session file/);
    // A later run of the user's own starts normally, without a stale replay clearing it twice.
    emit({ type: 'status', state: 'building', insn: 0, mips: 0 });
    expect(cleared).toBe(0);
  });

  test('opening a report clears the old run and the terminal when the replay starts, then takes the replayed sources', () => {
    const { link, sent, emit } = fakeLink();
    const store = createStore(addExample(initialState('en', 'light'), 'hello.c', 'x'));
    const c = createController(link, store);
    emit({ type: 'model', model: afterFork() });
    let cleared = 0;
    c.onConsoleClear(() => cleared++);
    c.openReport('{"report":1}');
    expect(sent).toEqual([{ type: 'open-report', text: '{"report":1}' }]);
    expect(store.get().model.processes).toHaveLength(4);
    emit({ type: 'status', state: 'building', insn: 0, mips: 0 });
    expect(store.get().model.processes).toEqual([]);
    expect(cleared).toBe(1);
    emit({ type: 'report-opened', title: 't', sources: { 'cow.c': 'int main(){}' }, exact: true });
    expect(store.get().files).toEqual({ 'cow.c': 'int main(){}' });
    expect(store.get().active).toBe('cow.c');
  });

  test('acknowledges each model once it is painted and as long again as drawing took, so the host walks the next one only then', () => {
    const { link, sent, emit } = fakeLink();
    const store = createStore(initialState('en', 'light'));
    const painted: (() => void)[] = [];
    let clock = 0;
    createController(link, store, { afterPaint: (cb) => void painted.push(cb), now: () => clock });
    emit({ type: 'model', model: { ...afterFork(), insn: 1 } });
    expect(store.get().model.insn).toBe(1);
    clock = 80; // drawing took 80 ms
    painted.shift()!();
    vi.advanceTimersByTime(79);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'model-ack' }]);
  });

  test('paints a stop before drawing its model: the model that follows the status waits for that paint', () => {
    const { link, emit } = fakeLink();
    const store = createStore(initialState('en', 'light'));
    const painted: (() => void)[] = [];
    createController(link, store, { afterPaint: (cb) => void painted.push(cb), now: () => 0 });
    emit({ type: 'status', state: 'running', insn: 5, mips: 1 });
    emit({ type: 'status', state: 'paused', insn: 9, mips: 0, reason: 'paused' });
    emit({ type: 'model', model: { ...afterFork(), insn: 9 } });
    expect(store.get().runState).toBe('paused');
    expect(store.get().model.processes).toEqual([]);
    painted.shift()!();
    expect(store.get().model.insn).toBe(9);
    expect(store.get().model.processes).toHaveLength(4);
    // While running, models are drawn as they come.
    emit({ type: 'status', state: 'running', insn: 9, mips: 1 });
    emit({ type: 'model', model: { ...afterFork(), insn: 12 } });
    expect(store.get().model.insn).toBe(12);
  });

  test('folds the statuses and timeline entries of a running program into one store update per batch, in order, and flushes them before a stop', () => {
    const { link, emit } = fakeLink();
    const store = createStore(initialState('en', 'light'));
    createController(link, store, { afterPaint: () => undefined, now: () => 0 });
    emit({ type: 'status', state: 'running', insn: 1, mips: 1 });
    expect(store.get().runState).toBe('running');
    let updates = 0;
    store.subscribe(() => updates++);
    for (let i = 2; i <= 6; i++) {
      emit({ type: 'timeline', events: [{ insn: i * 10, kind: 'fork', pid: 1, other: i }] });
      emit({ type: 'status', state: 'running', insn: i * 10 + 1, mips: 1 });
    }
    expect(updates).toBe(0);
    vi.advanceTimersByTime(STREAM_BATCH_MS);
    expect(updates).toBe(1);
    expect(store.get().insn).toBe(61);
    expect(store.get().timeline.map((e) => e.other)).toEqual([2, 3, 4, 5, 6]);
    // A stop's own status is not held: what came before it is folded in first.
    emit({ type: 'timeline', events: [{ insn: 70, kind: 'exit', pid: 6 }] });
    emit({ type: 'status', state: 'running', insn: 75, mips: 1 });
    emit({ type: 'status', state: 'paused', insn: 80, mips: 0 });
    expect(store.get().runState).toBe('paused');
    expect(store.get().insn).toBe(80);
    expect(store.get().timeline).toHaveLength(6);
  });

  test('a jump in time restarts the terminal with the console text up to that instant', () => {
    const { link, emit } = fakeLink();
    const store = createStore(initialState('en', 'light'));
    const c = createController(link, store, { afterPaint: () => undefined, now: () => 0 });
    const got: string[] = [];
    let cleared = 0;
    c.onConsoleClear(() => {
      cleared++;
      got.length = 0;
    });
    c.setConsoleSink((d) => got.push(d));
    emit({ type: 'timeline', events: [{ insn: 10, kind: 'fork', pid: 1, other: 2 }, { insn: 20, kind: 'exit', pid: 2 }] });
    emit({ type: 'console', data: 'boot\nPASS\n' });
    emit({ type: 'rewound', insn: 12, console: 'boot\n', frontier: 30 });
    expect(cleared).toBe(1);
    expect(got.join('')).toBe('boot\n');
    expect(store.get().insn).toBe(12);
    // The future stays on the timeline (it can be clicked); the run's range is known.
    expect(store.get().timeline).toHaveLength(2);
    expect(store.get().frontier).toBe(30);
  });

  test('Step, Run to fork and Reset from idle build and boot a run that stops there', () => {
    const { link, sent } = fakeLink();
    const store = createStore(addExample(initialState('en', 'light'), 'cow.c', 'x'));
    const c = createController(link, store, { afterPaint: () => undefined, now: () => 0 });
    c.step();
    expect(sent.at(-1)).toMatchObject({ type: 'run', apps: 'cow', then: { kind: 'step' } });
    c.runUntil('program-fork');
    expect(sent.at(-1)).toMatchObject({ type: 'run', then: { kind: 'until', event: 'program-fork' } });
    store.set({ runState: 'paused' });
    c.step();
    expect(sent.at(-1)).toEqual({ type: 'step', count: 1 });
    c.runUntil('fault');
    expect(sent.at(-1)).toEqual({ type: 'run-until', event: 'fault' });
    store.set({ runState: 'halted' });
    c.runUntil('fault');
    expect(sent.at(-1)).toMatchObject({ type: 'run', then: { kind: 'until', event: 'fault' } });
  });

  test('a button pressed over another session program than the live run starts that program instead of acting on the run', () => {
    const { link, sent } = fakeLink();
    const store = createStore(addExample(addExample(initialState('en', 'light'), 'mos_ipc.c', 'x'), 'mos_library.c', 'y'));
    const c = createController(link, store, { afterPaint: () => undefined, now: () => 0 });
    c.runUntil('ipc');
    expect(sent.at(-1)).toMatchObject({ type: 'run', apps: 'mos_library', then: { kind: 'until', event: 'ipc' } });
    store.set({ runState: 'paused' });
    c.runUntil('ipc');
    expect(sent.at(-1)).toEqual({ type: 'run-until', event: 'ipc' });
    store.set((s) => ({ ...s, active: 'mos_ipc.c' }));
    c.runUntil('ipc');
    expect(sent.at(-1)).toMatchObject({ type: 'run', apps: 'mos_ipc', then: { kind: 'until', event: 'ipc' } });
    // A source the debugger opened is not a session program: the run stays the one to continue.
    store.set((s) => ({ ...s, runState: 'paused', active: 'user/lib/syscall.S' }));
    c.step();
    expect(sent.at(-1)).toEqual({ type: 'step', count: 1 });
  });

  test('never draws a model of the previous run after Run starts a new one', () => {
    const { link, emit } = fakeLink();
    const store = createStore(addExample(initialState('en', 'light'), 'cow.c', 'x'));
    const c = createController(link, store, { afterPaint: (cb) => cb(), now: () => 0 });
    c.run();
    emit({ type: 'model', model: afterFork() });
    vi.runAllTimers();
    expect(store.get().model.processes).toEqual([]);
  });
});
