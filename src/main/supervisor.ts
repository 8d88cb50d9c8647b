// Supervisor of the lab host's process. In Electron the host runs in a utility process; the
// renderer talks to it over a MessagePort pair the supervisor creates (MessageChannelMain), so
// model updates never pass through the main process. When the process dies the supervisor
// tells the window, starts a fresh one and hands the renderer new ports; the editor state lives
// in the renderer, so nothing the user typed is lost. The Electron API is injected, which keeps
// this file loadable (and tested) under plain Node.

import type { HostNotice } from '../common/app-api';

/** The slice of Electron's UtilityProcess the supervisor uses. */
export interface UtilityChild {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'exit', listener: (code: number) => void): void;
  kill(): boolean;
}

/** A pair of entangled ports (MessageChannelMain). */
export interface PortPair<P> {
  readonly port1: P;
  readonly port2: P;
}

export interface SupervisorDeps<P> {
  /** Starts the host process (utilityProcess.fork with the entry script). */
  forkUtility(): UtilityChild;
  createChannel(): PortPair<P>;
  /** Hands the renderer its end of a fresh channel. */
  sendPort(port: P): void;
  notify(notice: HostNotice): void;
  /** Delays a restart (setTimeout in Electron). */
  schedule(fn: () => void, ms: number): void;
}

/** Restarts within this many milliseconds of a start count as a crash loop. */
export const CRASH_LOOP_MS = 2_000;
/** After this many quick crashes in a row the supervisor gives up (and says so). */
export const MAX_QUICK_CRASHES = 5;

export interface Supervisor {
  /** Starts the host if needed and connects a new renderer port to it. */
  connect(): void;
  readonly generation: number;
  dispose(): void;
}

export function createSupervisor<P>(deps: SupervisorDeps<P>, now: () => number = Date.now): Supervisor {
  let child: UtilityChild | null = null;
  let generation = 0;
  let startedAt = 0;
  let quickCrashes = 0;
  let disposed = false;

  function start(): UtilityChild {
    generation += 1;
    const gen = generation;
    const c = deps.forkUtility();
    startedAt = now();
    c.on('exit', (code) => {
      if (disposed || child !== c) return;
      child = null;
      const reason = `the lab host stopped (exit code ${code})`;
      deps.notify({ kind: 'crashed', generation: gen, reason });
      quickCrashes = now() - startedAt < CRASH_LOOP_MS ? quickCrashes + 1 : 0;
      if (quickCrashes >= MAX_QUICK_CRASHES) {
        deps.notify({ kind: 'crashed', generation: gen, reason: `${reason}; it crashed ${quickCrashes} times in a row, not restarting` });
        return;
      }
      deps.schedule(() => {
        if (!disposed && child === null) connect();
      }, quickCrashes > 0 ? 250 * quickCrashes : 0);
    });
    child = c;
    deps.notify({ kind: 'started', generation: gen });
    return c;
  }

  function connect(): void {
    if (disposed) return;
    const c = child ?? start();
    const { port1, port2 } = deps.createChannel();
    c.postMessage({ type: 'port' }, [port1]);
    deps.sendPort(port2);
  }

  return {
    connect,
    get generation() {
      return generation;
    },
    dispose() {
      disposed = true;
      child?.kill();
      child = null;
    },
  };
}
