// The session controller: the only place that talks to the lab host. It turns user actions
// (build, run, pause ...) into HostRequests, folds HostEvents into the store, streams console
// text to whoever draws it (the terminal), and runs a debounced build while the user types so
// diagnostics show as markers. Build ids tell a stale answer from the current one.

import type { HostEvent, HostRequest } from '../../common/protocol';
import type { HostLink } from '../host/link';
import { appsFor, clearRun, reduceHostEvent, type Store } from './store';

export type ConsoleSink = (data: string) => void;
/** Receives a session report the host produced, to save it (dialog or download). */
export type ReportListener = (text: string, fileName: string) => void;

/**
 * How the controller paces model updates: the host sends a model every 50 ms, and with dozens
 * of processes drawing one can take longer than that. After each model is drawn, the next
 * waits as long as the drawing took, so the page spends at most about half its time on the
 * graph and stays responsive (a fork bomb must not freeze it). Injected for tests.
 */
export interface Pacing {
  /** Calls back once the page has rendered and painted what was just set. */
  afterPaint(cb: () => void): void;
  now(): number;
}

/** Longest wait between two drawn models, however slow drawing is. */
export const MAX_MODEL_GAP_MS = 1000;

// Looked up on globalThis: this module is also compiled and tested without the DOM's types.
const frame = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame?.bind(globalThis);

const browserPacing: Pacing = {
  // A timeout queued from a frame callback runs after that frame has been painted.
  afterPaint: (cb) => void (frame ? frame(() => setTimeout(cb, 0)) : setTimeout(cb, 0)),
  now: () => performance.now(),
};

/** Quiet time after the last keystroke before the editor asks for diagnostics. */
export const BUILD_DEBOUNCE_MS = 600;

export interface Controller {
  build(): void;
  run(): void;
  pause(): void;
  resume(): void;
  step(count?: number): void;
  runUntil(event: 'fork' | 'fault'): void;
  reset(): void;
  setSpeed(ips: number | null): void;
  input(data: string): void;
  /** Asks the host for a session report; it arrives through onReport. */
  exportReport(title: string): void;
  /** Replays a session report's text; its files replace the session's when the replay ends. */
  openReport(text: string): void;
  onReport(listener: ReportListener): () => void;
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
  /**
   * Set while the host checks a report we sent. The old run's picture stays until the host
   * starts the replay (a bad file leaves it alone and only gets an error).
   */
  let replayPending = false;
  /** The newest model not drawn yet, while the previous one's cool-down runs. */
  let pendingModel: Extract<HostEvent, { type: 'model' }> | null = null;
  let coolingDown = false;
  let disposed = false;

  function applyModel(ev: Extract<HostEvent, { type: 'model' }>): void {
    store.set((s) => reduceHostEvent(s, ev));
    coolingDown = true;
    const started = pacing.now();
    pacing.afterPaint(() => {
      const cost = Math.min(MAX_MODEL_GAP_MS, Math.max(0, pacing.now() - started));
      setTimeout(() => {
        coolingDown = false;
        if (pendingModel && !disposed) {
          const next = pendingModel;
          pendingModel = null;
          applyModel(next);
        }
      }, cost);
    });
  }

  /** Draws a waiting model now: the machine stopped, and what it shows must be current. */
  function flushModel(): void {
    if (!pendingModel) return;
    const next = pendingModel;
    pendingModel = null;
    store.set((s) => reduceHostEvent(s, next));
  }

  const send = (req: HostRequest) => link.send(req);

  const off = link.onEvent((ev: HostEvent) => {
    if (ev.type === 'console') {
      if (sink) sink(ev.data);
      else pending += ev.data;
      return;
    }
    if (ev.type === 'report') {
      reportListeners.forEach((l) => l(ev.text, ev.fileName));
      return;
    }
    if (ev.type === 'model') {
      if (coolingDown) pendingModel = ev;
      else applyModel(ev);
      return;
    }
    if (ev.type === 'status' && ev.state !== 'running') flushModel();
    if (replayPending && ev.type === 'status' && ev.state === 'building') {
      replayPending = false;
      pendingModel = null;
      store.set(clearRun);
      clearListeners.forEach((l) => l());
    } else if (replayPending && ev.type === 'error') {
      replayPending = false;
    }
    if (ev.type === 'diagnostics' && ev.id < latestBuild) return;
    store.set((s) => reduceHostEvent(s, ev));
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
    run() {
      if (debounce) clearTimeout(debounce);
      const id = nextId++;
      latestBuild = id;
      const s = store.get();
      pendingModel = null;
      store.set(clearRun);
      clearListeners.forEach((l) => l());
      const apps = appsFor(s);
      send(apps ? { type: 'run', id, files: s.files, apps } : { type: 'run', id, files: s.files });
    },
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    step: (count = 1) => send({ type: 'step', count }),
    runUntil: (event) => send({ type: 'run-until', event }),
    reset() {
      send({ type: 'reset' });
      pendingModel = null;
      store.set(clearRun);
      clearListeners.forEach((l) => l());
    },
    setSpeed(ips) {
      store.set({ speed: ips });
      send({ type: 'speed', ips });
    },
    input: (data) => send({ type: 'input', data }),
    exportReport: (title) => send({ type: 'export-report', title }),
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
      pendingModel = null;
      if (debounce) clearTimeout(debounce);
      off();
      link.dispose();
    },
  };
}
