import { describe, expect, test } from 'vitest';
import { addExample, appsFor, clearRun, closeTab, initialState, reduceHostEvent } from '../../../src/renderer/session/store';
import { afterFork } from '../fixtures';

const s0 = initialState('en', 'light');

describe('renderer state', () => {
  test('takes the model from a model event and never moves the instruction count backwards', () => {
    const s = reduceHostEvent({ ...s0, insn: 9000 }, { type: 'model', model: afterFork() });
    expect(s.model.processes).toHaveLength(4);
    expect(s.insn).toBe(9000);
  });

  test('appends timeline batches and highlights the old and new frame of the latest COW copy', () => {
    let s = reduceHostEvent(s0, { type: 'timeline', events: [{ insn: 10, kind: 'fork', pid: 2, other: 3 }] });
    s = reduceHostEvent(s, {
      type: 'timeline',
      events: [
        { insn: 20, kind: 'cow-copy', pid: 3, va: 0x11000, frame: 0x80a05000, oldFrame: 0x80a01000 },
        { insn: 30, kind: 'demand-anon', pid: 3, va: 0x12000, frame: 0x80a06000 },
      ],
    });
    expect(s.timeline.map((e) => e.insn)).toEqual([10, 20, 30]);
    expect([...s.split].sort()).toEqual([0x80a01000, 0x80a05000]);
  });

  test('records diagnostics, run status and host errors', () => {
    let s = reduceHostEvent(s0, { type: 'diagnostics', id: 1, ok: false, diagnostics: [{ file: 'a.c', line: 1, column: 1, endColumn: 2, severity: 'error', message: 'x' }] });
    expect(s.buildOk).toBe(false);
    s = reduceHostEvent(s, { type: 'status', state: 'halted', insn: 123, mips: 0, reason: 'shutdown' });
    expect([s.runState, s.insn, s.stopReason]).toEqual(['halted', 123, 'shutdown']);
    expect(reduceHostEvent(s, { type: 'error', message: 'boom' }).notice).toBe('boom');
  });

  test('keeps the interpreter-only notice of the latest status (the status bar shows it)', () => {
    expect(s0.interpreterOnly).toBeNull();
    const slow = reduceHostEvent(s0, { type: 'status', state: 'running', insn: 5, mips: 9, interpreterOnly: 'Code generation from strings disallowed' });
    expect(slow.interpreterOnly).toBe('Code generation from strings disallowed');
    expect(reduceHostEvent(slow, { type: 'status', state: 'running', insn: 6, mips: 60 }).interpreterOnly).toBeNull();
  });

  test('clearing a run keeps the session files but forgets the machine', () => {
    const s = clearRun({ ...reduceHostEvent(addExample(s0, 'cow.c', 'x'), { type: 'model', model: afterFork() }), selection: { kind: 'process', pid: 2 } });
    expect(s.files).toEqual({ 'cow.c': 'x' });
    expect(s.model.processes).toEqual([]);
    expect(s.selection).toBeNull();
  });

  test('opening an example never overwrites a file the user already edited', () => {
    const edited = { ...addExample(s0, 'cow.c', 'original'), files: { 'cow.c': 'my edits' } };
    const again = addExample(edited, 'cow.c', 'original');
    expect(again.files['cow.c']).toBe('my edits');
    expect(again.active).toBe('cow.c');
  });

  test('closing a tab keeps the file and activates its neighbour', () => {
    const s = addExample(addExample(s0, 'a.c', 'a'), 'b.c', 'b');
    const closed = closeTab(s, 'b.c');
    expect(closed.open).toEqual(['a.c']);
    expect(closed.active).toBe('a.c');
    expect(Object.keys(closed.files)).toEqual(['a.c', 'b.c']);
  });

  test('runs the active program by its name', () => {
    expect(appsFor(addExample(s0, 'cow.c', ''))).toBe('cow');
    expect(appsFor(s0)).toBeUndefined();
  });

  test('an opened report replaces the session files with its sources and opens its program', () => {
    const before = addExample(addExample(s0, 'mine.c', 'kept?'), 'other.c', 'x');
    const s = reduceHostEvent(before, { type: 'report-opened', title: 'lab 3', sources: { 'cow.c': 'int main(){}' }, exact: true });
    expect(s.files).toEqual({ 'cow.c': 'int main(){}' });
    expect(s.open).toEqual(['cow.c']);
    expect(s.active).toBe('cow.c');
    expect(s.notice).toBeNull();
  });

  test('an inexact replay says in the UI language that the kernel or toolchain changed', () => {
    const en = reduceHostEvent(s0, { type: 'report-opened', title: 'lab 3', sources: { 'cow.c': '' }, exact: false });
    expect(en.notice).toMatch(/"lab 3".*differs.*kernel or the toolchain changed/);
    const zh = reduceHostEvent(initialState('zh-CN', 'light'), { type: 'report-opened', title: 'lab 3', sources: { 'cow.c': '' }, exact: false });
    expect(zh.notice).toContain('内核或工具链已更改');
  });

  test('a report event to be saved leaves the state alone', () => {
    expect(reduceHostEvent(s0, { type: 'report', text: '{}', fileName: 'x.json' })).toBe(s0);
  });

  test('an opened session makes the program its run ran the active tab, not the first file', () => {
    const ev = { type: 'report-opened' as const, title: 't', sources: { 'cow.c': 'a', 'hello.c': 'b' }, exact: true };
    expect(reduceHostEvent(s0, { ...ev, bootargs: 'apps=hello' }).active).toBe('hello.c');
    expect(reduceHostEvent(s0, { ...ev, bootargs: 'quiet apps=print*3,hello' }).active).toBe('hello.c');
    expect(reduceHostEvent(s0, ev).active).toBe('cow.c');
  });
});

