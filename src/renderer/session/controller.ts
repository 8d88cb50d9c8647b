// The session controller: the only place that talks to the lab host. It turns user actions
// (build, run, pause ...) into HostRequests, folds HostEvents into the store, streams console
// text to whoever draws it (the terminal), and runs a debounced build while the user types so
// diagnostics show as markers. Build ids tell a stale answer from the current one.

import type { HostEvent, HostRequest, MomentData, RunThen, StopKind } from '../../common/protocol';
import type { HostLink } from '../host/link';
import { appsFor, clearRun, reduceHostEvent, type Store } from './store';

export type ConsoleSink = (data: string) => void;
/** Receives a session report the host produced, to save it (dialog or download). */
export type ReportListener = (text: string, fileName: string) => void;
/** Receives a session with the state at each bookmark, for a report document. */
export type DocumentListener = (text: string, moments: readonly MomentData[]) => void;

/**
 * Flow control for models: the host walks the page tables for a new model only after the
 * renderer acknowledges the last one. The renderer acknowledges once the model has been
 * rendered and painted, and then only after waiting as long again as the drawing took: a slow
 * graph (dozens of processes) slows the model stream, and the page spends at most about half
 * its time drawing, so it stays responsive. Injected for tests.
 */
export interface Pacing {
  /** Calls back once the page has rendered and painted what was just set. */
  afterPaint(cb: () => void): void;
  now(): number;
}

/** Longest wait before acknowledging a drawn model, however slow drawing is. */
export const MAX_MODEL_GAP_MS = 1000;

// Looked up on globalThis: this module is also compiled and tested without the DOM's types.
const frame = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame?.bind(globalThis);

const browserPacing: Pacing = {
  // A timeout queued from a frame callback runs after that frame has been painted.
  afterPaint: (cb) => void (frame ? frame(() => setTimeout(cb, 0)) : setTimeout(cb, 0)),
  now: () => performance.now(),
};

/**
 * While a program runs the host sends a status and timeline entries after every slice (about a
 * hundred a second at 1M/s); they are folded into the store together, at most once per this
 * many milliseconds, so the page renders them a few times a second instead of per slice.
 */
export const STREAM_BATCH_MS = 50;

/** Quiet time after the last keystroke before the editor asks for diagnostics. */
export const BUILD_DEBOUNCE_MS = 600;

export interface Controller {
  build(): void;
  run(): void;
  pause(): void;
  resume(): void;
  /** One instruction (or `count`); from idle or after a run ended: build, boot and step. */
  step(count?: number): void;
  /** Run to right after the next event; from idle or after a run ended: build, boot first. */
  runUntil(event: StopKind): void;
  /** Back one instruction, or to the previous event of a kind. */
  stepBack(to?: StopKind): void;
  /** Go to instruction `insn` of the run; `settle` for a timeline event's outcome. */
  seek(insn: number, settle?: boolean): void;
  /** End the run where it stands. */
  stop(): void;
  /** Back to the start of the run, paused. */
  reset(): void;
  setSpeed(ips: number | null): void;
  input(data: string): void;
  /** Asks the host for a session report; it arrives through onReport. */
  exportReport(title: string): void;
  /** Replays a session report's text; its files replace the session's when the replay ends. */
  openReport(text: string): void;
  onReport(listener: ReportListener): () => void;
  /** Asks the host for the session and the state at each bookmark; it arrives through onDocument. */
  exportDocument(title: string): void;
  onDocument(listener: DocumentListener): () => void;
  /** The terminal drew `chars` characters. */
  ack(chars: number): void;
  /** Called on every edit; schedules a diagnostics build. */
  edited(): void;
  /** Where console text goes; text that arrives before a sink is set is buffered. */
  setConsoleSink(sink: ConsoleSink | null): void;
  /** Clears the terminal on a new run. */
  onConsoleClear(listener: () => void): () => void;
  dispose(): void;
}

export function createController(link: HostLink, store: Store, pacing: Pacing = browserPacing): Controller {
  let nextId = 1;
  let latestBuild = 0;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let sink: ConsoleSink | null = null;
  let pending = '';
  const clearListeners = new Set<() => void>();
  const reportListeners = new Set<ReportListener>();
  const documentListeners = new Set<DocumentListener>();
  /**
   * Set while the host checks a report we sent. The old run's picture stays until the host
   * starts the replay (a bad file leaves it alone and only gets an error).
   */
  let replayPending = false;
  let disposed = false;
  /**
   * Set from a stop's status until the page has painted it: a model that arrives meanwhile
   * waits (the newest one), so the click on Pause shows "paused" without waiting for the
   * graph's rebuild, layout and routes (the host sends a stop's status before its model).
   */
  let stopPainting = false;
  let heldModel: Extract<HostEvent, { type: 'model' }> | null = null;
  function applyModel(ev: Extract<HostEvent, { type: 'model' }>): void {
    const started = pacing.now();
    store.set((s) => reduceHostEvent(s, ev));
    pacing.afterPaint(() => {
      const cost = Math.min(MAX_MODEL_GAP_MS, Math.max(0, pacing.now() - started));
      setTimeout(() => {
        if (!disposed) send({ type: 'model-ack' });
      }, cost);
    });
  }

  const send = (req: HostRequest) => link.send(req);
  /** Running statuses and timeline entries not yet folded into the store (STREAM_BATCH_MS). */
  let streamed: HostEvent[] = [];
  let streamTimer: ReturnType<typeof setTimeout> | null = null;
  /** Folds the waiting stream into the store: before any other event or action, so order holds. */
  function flushStream(): void {
    if (streamTimer) clearTimeout(streamTimer);
    streamTimer = null;
    if (streamed.length === 0) return;
    const evs = streamed;
    streamed = [];
    store.set((s) => evs.reduce(reduceHostEvent, s));
  }
  const batched = (ev: HostEvent) => ev.type === 'timeline' || (ev.type === 'status' && ev.state === 'running' && store.get().runState === 'running');
  /** Set from Run until the new run starts building: models still coming are the old run's. */
  let ignoreModels = false;

  /**
   * The program the live run was started for (appsFor), or 'any' when the run came from
   * elsewhere (an opened session's replay) and is taken to be the one on screen.
   */
  let runApps: string | undefined | 'any' = 'any';
  /**
   * A run that has something to continue from; else a button starts one (build, boot, then).
   * A run of another program than the session program on screen is not one to continue: opening
   * mos_library while mos_ipc is paused and pressing Run to IPC runs mos_library. Sources the
   * debugger opened (kernel, library: not session files) keep the run live.
   */
  const live = () => {
    const s = store.get();
    if (s.runState !== 'paused' && s.runState !== 'running') return false;
    const onScreen = s.active !== null && s.active in s.files ? appsFor(s) : undefined;
    return runApps === 'any' || onScreen === undefined || onScreen === runApps;
  };

  function startRun(then?: RunThen): void {
    if (debounce) clearTimeout(debounce);
    flushStream();
    const id = nextId++;
    latestBuild = id;
    const s = store.get();
    ignoreModels = true;
    // Bookmarks belong to one run; a reset of a live run replays the same run and keeps them.
    store.set((st) => ({ ...clearRun(st), bookmarks: [], bookmarkDraft: null }));
    clearListeners.forEach((l) => l());
    const apps = appsFor(s);
    runApps = apps;
    send({ type: 'run', id, files: s.files, ...(apps ? { apps } : {}), ...(then ? { then } : {}) });
  }

  const off = link.onEvent((ev: HostEvent) => {
    if (batched(ev)) {
      streamed.push(ev);
      streamTimer ??= setTimeout(flushStream, STREAM_BATCH_MS);
      return;
    }
    if (ev.type !== 'console') flushStream();
    if (ev.type === 'console') {
      if (sink) sink(ev.data);
      else pending += ev.data;
      return;
    }
    if (ev.type === 'report') {
      const moments = ev.moments;
      if (moments) documentListeners.forEach((l) => l(ev.text, moments));
      else reportListeners.forEach((l) => l(ev.text, ev.fileName));
      return;
    }
    if (ev.type === 'model') {
      if (ignoreModels) send({ type: 'model-ack' });
      else if (stopPainting) heldModel = ev;
      else applyModel(ev);
      return;
    }
    if (ev.type === 'rewound') {
      clearListeners.forEach((l) => l());
      pending = '';
      if (sink) sink(ev.console);
      else pending = ev.console;
    }
    if (ev.type === 'status' && ev.state === 'building') ignoreModels = false;
    if (replayPending && ev.type === 'status' && ev.state === 'building') {
      replayPending = false;
      store.set(clearRun);
      clearListeners.forEach((l) => l());
    } else if (replayPending && ev.type === 'error') {
      replayPending = false;
    }
    if (ev.type === 'diagnostics' && ev.id < latestBuild) return;
    store.set((s) => reduceHostEvent(s, ev));
    if (ev.type === 'status' && (ev.state === 'paused' || ev.state === 'halted') && !stopPainting) {
      stopPainting = true;
      pacing.afterPaint(() => {
        stopPainting = false;
        const held = heldModel;
        heldModel = null;
        if (!held || disposed) return;
        if (ignoreModels) send({ type: 'model-ack' });
        else applyModel(held);
      });
    }
  });

  function build(): void {
    if (debounce) clearTimeout(debounce);
    debounce = null;
    const id = nextId++;
    latestBuild = id;
    send({ type: 'build', id, files: store.get().files });
  }

  return {
    build,
    run: () => startRun(),
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    step(count = 1) {
      if (live()) send({ type: 'step', count });
      else startRun({ kind: 'step' });
    },
    runUntil(event) {
      if (live()) send({ type: 'run-until', event });
      else startRun({ kind: 'until', event });
    },
    stepBack(to) {
      send(to ? { type: 'step-back', to } : { type: 'step-back', count: 1 });
    },
    seek(insn, settle) {
      send(settle ? { type: 'seek', insn, settle } : { type: 'seek', insn });
    },
    stop: () => send({ type: 'stop' }),
    reset() {
      if (store.get().runState === 'idle') startRun({ kind: 'pause' });
      else send({ type: 'reset' });
    },
    setSpeed(ips) {
      store.set({ speed: ips });
      send({ type: 'speed', ips });
    },
    input: (data) => send({ type: 'input', data }),
    exportReport(title) {
      const bookmarks = store.get().bookmarks;
      send(bookmarks.length > 0 ? { type: 'export-report', title, bookmarks } : { type: 'export-report', title });
    },
    exportDocument: (title) => send({ type: 'export-report', title, bookmarks: store.get().bookmarks, moments: true }),
    onDocument(l) {
      documentListeners.add(l);
      return () => void documentListeners.delete(l);
    },
    openReport(text) {
      replayPending = true;
      send({ type: 'open-report', text });
    },
    onReport(l) {
      reportListeners.add(l);
      return () => void reportListeners.delete(l);
    },
    ack: (chars) => send({ type: 'console-ack', chars }),
    edited() {
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(build, BUILD_DEBOUNCE_MS);
    },
    setConsoleSink(s) {
      sink = s;
      if (s && pending) {
        const text = pending;
        pending = '';
        s(text);
      }
    },
    onConsoleClear(l) {
      clearListeners.add(l);
      return () => void clearListeners.delete(l);
    },
    dispose() {
      disposed = true;
      if (debounce) clearTimeout(debounce);
      if (streamTimer) clearTimeout(streamTimer);
      off();
      link.dispose();
    },
  };
}
