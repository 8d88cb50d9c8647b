import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { HostEvent, HostRequest } from '../../../src/common/protocol';
import type { HostLink } from '../../../src/renderer/host/link';
import { BUILD_DEBOUNCE_MS, createController } from '../../../src/renderer/session/controller';
import { addExample, createStore, initialState } from '../../../src/renderer/session/store';

function fakeLink() {
  const sent: HostRequest[] = [];
  let listener: ((ev: HostEvent) => void) | null = null;
  const link: HostLink = {
    send: (r) => void sent.push(r),
    onEvent: (l) => {
      listener = l;
      return () => (listener = null);
    },
    dispose: () => undefined,
  };
  return { link, sent, emit: (ev: HostEvent) => listener?.(ev) };
}

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
});
