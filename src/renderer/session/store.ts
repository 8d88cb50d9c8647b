// The renderer's state in one small external store (read with useStore + a selector, which
// React's useSyncExternalStore keeps tear-free). Host events are folded in by reduceHostEvent,
// a pure function, so what the UI shows for a given stream of events is unit-tested. Console
// bytes do not pass through here: they go straight to the terminal (see console/).

import type { Diagnostic } from '../../toolchain/diagnostics';
import { emptyModel, type LabModel, type TimelineEvent } from '../../common/model';
import type { BookmarkData, HostEvent, RunState } from '../../common/protocol';
import { appNames } from '../../lab/initrd';
import { translate, type Language } from '../i18n/messages';

export type Selection = { kind: 'process'; pid: number } | { kind: 'frame'; addr: number } | null;

/** A file shown read-only (kernel source, user library); not part of the session. */
export interface ReadonlyFile {
  readonly path: string;
  readonly text: string;
}

export interface AppState {
  readonly files: Readonly<Record<string, string>>;
  readonly open: readonly string[];
  readonly active: string | null;
  readonly viewing: ReadonlyFile | null;
  readonly language: Language;
  readonly theme: 'light' | 'dark';
  readonly runState: RunState;
  readonly insn: number;
  readonly mips: number;
  readonly stopReason: string | null;
  /** Why the emulator runs interpreter-only (several times slower), or null when it translates. */
  readonly interpreterOnly: string | null;
  readonly model: LabModel;
  readonly timeline: readonly TimelineEvent[];
  /** The end of the recorded run (instructions): the scrub bar's range. Entries after `insn` are its future. */
  readonly frontier: number;
  /** Frames touched by the latest COW copy up to now (old and new), highlighted in the graph. */
  readonly split: ReadonlySet<number>;
  readonly diagnostics: readonly Diagnostic[];
  readonly buildOk: boolean | null;
  readonly selection: Selection;
  readonly expanded: ReadonlySet<number>;
  /** A sentence for the banner (host crashed, workspace error, host error), or null. */
  readonly notice: string | null;
  readonly speed: number | null;
  /** A place the editor should show and put the cursor on (a click in the problems list). */
  readonly reveal: Reveal | null;
  /** Moments of this run marked for the lab report, in instruction order. */
  readonly bookmarks: readonly BookmarkData[];
  /**
   * The moment whose caption is being typed: an instruction count, `'next-stop'` while the host
   * goes to a timeline row the student asked to bookmark (the instant is known when it stops),
   * or null.
   */
  readonly bookmarkDraft: number | 'next-stop' | null;
}

/** `seq` makes a second click on the same problem a new request. */
export interface Reveal {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly seq: number;
}

export function initialState(language: Language, theme: 'light' | 'dark'): AppState {
  return {
    files: {},
    open: [],
    active: null,
    viewing: null,
    language,
    theme,
    runState: 'idle',
    insn: 0,
    mips: 0,
    stopReason: null,
    interpreterOnly: null,
    model: emptyModel,
    timeline: [],
    frontier: 0,
    split: new Set(),
    diagnostics: [],
    buildOk: null,
    selection: null,
    expanded: new Set(),
    notice: null,
    speed: null,
    reveal: null,
    bookmarks: [],
    bookmarkDraft: null,
  };
}

/** Longest timeline kept; older entries are dropped (the model, not the timeline, is the truth). */
export const TIMELINE_LIMIT = 5_000;

/** Folds one host event into the state. Console events are not state: they return `s`. */
export function reduceHostEvent(s: AppState, ev: HostEvent): AppState {
  switch (ev.type) {
    case 'model':
      return { ...s, model: ev.model, insn: Math.max(s.insn, ev.model.insn) };
    case 'timeline': {
      if (ev.events.length === 0) return s;
      const timeline = s.timeline.concat(ev.events).slice(-TIMELINE_LIMIT);
      return { ...s, timeline, split: splitAt(ev.events, Infinity) ?? s.split };
    }
    case 'rewound': {
      const timeline = s.timeline.filter((e) => e.insn <= ev.frontier);
      return { ...s, timeline, insn: ev.insn, frontier: ev.frontier, split: splitAt(timeline, ev.insn) ?? new Set() };
    }
    case 'status': {
      const next = { ...s, runState: ev.state, insn: ev.insn, mips: ev.mips, frontier: ev.frontier ?? s.frontier, stopReason: ev.reason ?? null, interpreterOnly: ev.interpreterOnly ?? null };
      // A stop after a jump in time (forward or back): the highlighted split is the latest
      // COW copy up to the new instant; a bookmark asked for on a timeline row gets its instant.
      if (ev.state === 'running') return next;
      const stopped = ev.state === 'paused' || ev.state === 'halted';
      const draft = s.bookmarkDraft !== 'next-stop' ? s.bookmarkDraft : stopped ? ev.insn : ev.state === 'idle' ? null : 'next-stop';
      return { ...next, split: splitAt(s.timeline, ev.insn) ?? new Set(), bookmarkDraft: draft };
    }
    case 'diagnostics':
      return { ...s, diagnostics: ev.diagnostics, buildOk: ev.ok };
    case 'error':
      return { ...s, notice: ev.message };
    case 'report-opened':
      return { ...openedReport(s, ev.title, ev.sources, ev.exact, ev.bootargs), bookmarks: ev.bookmarks ?? [], ...(ev.speed !== undefined ? { speed: ev.speed } : {}) };
    case 'console':
    case 'report':
    case 'debug-breakpoints':
    case 'debug-stopped':
    case 'debug-running':
    case 'debug-memory':
      // Console text goes to the terminal; a report to be saved goes to the controller's
      // listener; debugger events to the debugger's own store (src/renderer/debugger).
      return s;
  }
}

/** The frames of the latest COW copy at or before instruction `insn`, or null when none. */
function splitAt(events: readonly TimelineEvent[], insn: number): Set<number> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if ((e.kind === 'cow-copy' || e.kind === 'user-cow-copy') && e.insn <= insn) return new Set([e.frame, e.oldFrame].filter((f): f is number => typeof f === 'number' && f !== 0));
  }
  return null;
}

/**
 * A replayed report replaces the session's files with its sources (the replay ran exactly
 * those), opens them all and activates the program the run ran (its `apps=`), else the first
 * program. A replay that did not reach the stored model says so in the banner.
 */
export function openedReport(s: AppState, title: string, sources: Readonly<Record<string, string>>, exact: boolean, bootargs?: string): AppState {
  const names = Object.keys(sources);
  const ran = /(?:^|\s)apps=(\S+)/.exec(bootargs ?? '')?.[1];
  const first = ran ? appNames(ran).map((n) => `${n}.c`).find((f) => f in sources) : undefined;
  const active = first ?? names.find((n) => n.endsWith('.c')) ?? names[0] ?? null;
  return {
    ...s,
    files: { ...sources },
    open: names,
    active,
    viewing: null,
    notice: exact ? s.notice : translate(s.language, 'reportInexact', { title }),
  };
}

/** Adds a bookmark, kept in instruction order (two at one instant are two sections). */
export function addBookmark(s: AppState, insn: number, caption: string): AppState {
  return { ...s, bookmarks: [...s.bookmarks, { insn, caption }].sort((a, b) => a.insn - b.insn) };
}

/** Sets the caption of bookmark `index` (its place in `bookmarks`); other indexes change nothing. */
export function captionBookmark(s: AppState, index: number, caption: string): AppState {
  const b = s.bookmarks[index];
  if (!b || b.caption === caption) return s;
  return { ...s, bookmarks: s.bookmarks.map((x, i) => (i === index ? { insn: x.insn, caption } : x)) };
}

/** Removes bookmark `index`. */
export function removeBookmark(s: AppState, index: number): AppState {
  if (!s.bookmarks[index]) return s;
  return { ...s, bookmarks: s.bookmarks.filter((_, i) => i !== index) };
}

/** State to start a new run from: the machine's picture is cleared, the session kept. */
export function clearRun(s: AppState): AppState {
  return { ...s, model: emptyModel, timeline: [], frontier: 0, split: new Set(), insn: 0, mips: 0, stopReason: null, selection: null, notice: null };
}

export interface Store {
  get(): AppState;
  set(update: Partial<AppState> | ((s: AppState) => AppState)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(initial: AppState): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(update) {
      const next = typeof update === 'function' ? update(state) : { ...state, ...update };
      if (next === state) return;
      state = next;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Opens `name` in a tab (adding the tab if needed) and makes it active. */
export function openTab(s: AppState, name: string): AppState {
  return { ...s, open: s.open.includes(name) ? s.open : [...s.open, name], active: name, viewing: null };
}

/** Opens `file` and asks the editor to put the cursor at line:column. */
export function revealAt(s: AppState, file: string, line: number, column: number): AppState {
  return { ...openTab(s, file), reveal: { file, line: Math.max(1, line), column: Math.max(1, column), seq: (s.reveal?.seq ?? 0) + 1 } };
}

/** Closes a tab; the file stays in the session (closing never deletes text). */
export function closeTab(s: AppState, name: string): AppState {
  const open = s.open.filter((n) => n !== name);
  const active = s.active === name ? (open[Math.max(0, s.open.indexOf(name) - 1)] ?? null) : s.active;
  return { ...s, open, active };
}

/** Adds an example to the session; an existing file of that name is never overwritten. */
export function addExample(s: AppState, name: string, text: string): AppState {
  const files = name in s.files ? s.files : { ...s.files, [name]: text };
  return openTab({ ...s, files }, name);
}

/** The `apps=` spec for a run: the active program, or every session program when none is active. */
export function appsFor(s: AppState): string | undefined {
  if (s.active && s.active.endsWith('.c')) return s.active.slice(0, -2);
  return undefined;
}
