// Bookmarks in the renderer: added in instruction order, sent with session and report exports,
// dropped by a new run (other programs, other instants), kept by a reset (the same run again),
// and restored when a session file is reopened.
import { describe, expect, test } from 'vitest';
import { createController } from '../../../src/renderer/session/controller';
import { fakeLink } from '../fixtures';
import { type AppState, addBookmark, addExample, captionBookmark, createStore, initialState, reduceHostEvent, removeBookmark } from '../../../src/renderer/session/store';

describe('bookmarks', () => {
  test('are kept in instruction order, two at one instant included', () => {
    let s = initialState('en', 'light');
    s = addBookmark(s, 900, 'later');
    s = addBookmark(s, 100, 'fork');
    s = addBookmark(s, 900, 'same moment');
    expect(s.bookmarks).toEqual([{ insn: 100, caption: 'fork' }, { insn: 900, caption: 'later' }, { insn: 900, caption: 'same moment' }]);
  });

  test('go with the session export and the report export, and a report hands back the document', () => {
    const { link, sent, emit } = fakeLink();
    const store = createStore(addBookmark(addExample(initialState('en', 'light'), 'cow.c', 'x'), 42, 'at the fork'));
    const c = createController(link, store);
    c.exportReport('lab 3');
    c.exportDocument('lab 3');
    expect(sent).toEqual([
      { type: 'export-report', title: 'lab 3', bookmarks: [{ insn: 42, caption: 'at the fork' }] },
      { type: 'export-report', title: 'lab 3', bookmarks: [{ insn: 42, caption: 'at the fork' }], moments: true },
    ]);
    const docs: number[] = [];
    const sessions: string[] = [];
    c.onDocument((_t, moments) => void docs.push(moments.length));
    c.onReport((_t, name) => void sessions.push(name));
    emit({ type: 'report', text: '{}', fileName: 's.json', moments: [{ insn: 42, model: { insn: 42, processes: [], frames: [], warnings: [] }, console: '' }] });
    emit({ type: 'report', text: '{}', fileName: 's.json' });
    expect(docs).toEqual([1]);
    expect(sessions).toEqual(['s.json']);
  });

  test('a new run drops them, a reset keeps them, a reopened session brings its own', () => {
    const { link } = fakeLink();
    const store = createStore(addBookmark(addExample(initialState('en', 'light'), 'cow.c', 'x'), 42, 'a'));
    const c = createController(link, store);
    store.set({ runState: 'paused', insn: 50 });
    c.reset();
    expect(store.get().bookmarks).toHaveLength(1);
    c.run();
    expect(store.get().bookmarks).toEqual([]);
    const opened = reduceHostEvent(store.get(), { type: 'report-opened', title: 't', sources: { 'cow.c': 'x' }, exact: true, bookmarks: [{ insn: 7, caption: 'b' }] });
    expect(opened.bookmarks).toEqual([{ insn: 7, caption: 'b' }]);
    expect(reduceHostEvent(opened, { type: 'report-opened', title: 't', sources: { 'cow.c': 'x' }, exact: true }).bookmarks).toEqual([]);
  });

  test('a caption is edited and a bookmark removed by its place, even when two share an instant', () => {
    let s = initialState('en', 'light');
    s = addBookmark(addBookmark(addBookmark(s, 100, 'fork'), 900, 'a'), 900, 'b');
    s = captionBookmark(s, 2, 'the second at 900');
    expect(s.bookmarks).toEqual([{ insn: 100, caption: 'fork' }, { insn: 900, caption: 'a' }, { insn: 900, caption: 'the second at 900' }]);
    s = removeBookmark(s, 1);
    expect(s.bookmarks).toEqual([{ insn: 100, caption: 'fork' }, { insn: 900, caption: 'the second at 900' }]);
    // Out of range, or the same caption again: the state itself comes back (nothing to redraw).
    expect(captionBookmark(s, 5, 'x')).toBe(s);
    expect(captionBookmark(s, 0, 'fork')).toBe(s);
    expect(removeBookmark(s, -1)).toBe(s);
  });

  test('a timeline row asked to be bookmarked gets the instant the host stops at after going there', () => {
    let s: AppState = { ...initialState('en', 'light'), runState: 'paused', insn: 5000, bookmarkDraft: 'next-stop' };
    // Going there: a running status changes nothing; the stop names the instant.
    s = reduceHostEvent(s, { type: 'status', state: 'running', insn: 5000, mips: 0 });
    expect(s.bookmarkDraft).toBe('next-stop');
    s = reduceHostEvent(s, { type: 'status', state: 'paused', insn: 1234, mips: 0 });
    expect(s.bookmarkDraft).toBe(1234);
    // A draft with its instant stays through later stops (the student is typing).
    s = reduceHostEvent(s, { type: 'status', state: 'paused', insn: 99, mips: 0 });
    expect(s.bookmarkDraft).toBe(1234);
    // The run ending before the host got there drops the request.
    const ended = reduceHostEvent({ ...s, bookmarkDraft: 'next-stop' }, { type: 'status', state: 'idle', insn: 0, mips: 0 });
    expect(ended.bookmarkDraft).toBeNull();
  });

  test('a new run drops a caption being typed', () => {
    const { link } = fakeLink();
    const store = createStore({ ...addExample(initialState('en', 'light'), 'cow.c', 'x'), bookmarkDraft: 77 });
    createController(link, store).run();
    expect(store.get().bookmarkDraft).toBeNull();
  });
});
