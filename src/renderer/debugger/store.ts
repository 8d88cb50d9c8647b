// The debugger's state in the renderer: the breakpoints the student set (sent to the host on
// every change; the host keeps them across runs), where each landed, the last stop and the
// memory view. One store per page, bound to the host link by `connectDebugger`; it also shows
// the stopped line: the session file's tab, or the kernel / library source read-only.
// The file is shown (and the stack's memory asked for) after the stop has been painted:
// switching Monaco to a kernel source takes tens of milliseconds, and the status bar and the
// stop's line should not wait for it.
import { KERNEL_SOURCE_PREFIX, USER_LIBRARY_PREFIX, type BreakpointSpec, type BreakpointState, type DebugGoal, type DebugStop, type MemoryPageView } from '../../common/debug';
import type { HostLink } from '../host/link';
import { openTab, type Store } from '../session/store';

export interface DebugState {
  readonly breakpoints: readonly BreakpointSpec[];
  readonly resolved: readonly BreakpointState[];
  readonly stop: DebugStop | null;
  readonly running: boolean;
  readonly memory: { readonly pgd: number; readonly va: number; readonly pages: readonly MemoryPageView[] } | null;
  /** Bumped on each stop so the editor reveals the line even when it did not change. */
  readonly stopSerial: number;
}

type Listener = () => void;

export interface DebugStore {
  get(): DebugState;
  subscribe(l: Listener): () => void;
  toggle(file: string, line: number): void;
  remove(index: number): void;
  restrict(index: number, pid: number | undefined): void;
  run(goal: DebugGoal, pid?: number): void;
  /** Back in the recorded run: one source line of `pid`, or to the previous breakpoint hit. */
  back(goal: 'line' | 'continue', pid?: number): void;
  readMemory(pgd: number, va: number, length: number): void;
}

/** Editor path (readonly `kernel/...`, `user/lib/...`, or a session file) -> debugger file name. */
export function debugFileOf(path: string, readonly: boolean): string {
  if (!readonly) return path;
  if (path.startsWith('kernel/')) return KERNEL_SOURCE_PREFIX + path.slice('kernel/'.length);
  if (path.startsWith('user/lib/')) return USER_LIBRARY_PREFIX + path.slice('user/lib/'.length);
  return `/forklab/${path}`;
}

/** Finds the bundled read-only source for a debugger file name (sources.ts in the app). */
export type SourceLookup = (file: string) => { path: string; text: string } | null;

const MEMORY_BYTES = 256;

// Looked up on globalThis: this module is also tested without the DOM's types.
const frame = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame?.bind(globalThis);
/** Runs `fn` once the page has painted what was just set (a timeout queued from a frame runs after its paint). */
const afterPaint = (fn: () => void) => void (frame ? frame(() => setTimeout(fn, 0)) : setTimeout(fn, 0));

export function createDebugStore(later: (fn: () => void) => void = afterPaint): DebugStore & { connect(link: HostLink, app: Store, sources: SourceLookup): () => void } {
  let state: DebugState = { breakpoints: [], resolved: [], stop: null, running: false, memory: null, stopSerial: 0 };
  const listeners = new Set<Listener>();
  let link: HostLink | null = null;
  const set = (next: Partial<DebugState>) => {
    state = { ...state, ...next };
    listeners.forEach((l) => l());
  };
  const sendBreakpoints = () => link?.send({ type: 'debug-breakpoints', breakpoints: state.breakpoints });

  return {
    get: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    toggle(file, line) {
      const i = state.breakpoints.findIndex((b) => b.file === file && b.line === line);
      // A click on a line whose breakpoint moved (to the next line with code) removes it too.
      const moved = state.resolved.findIndex((b) => b.file === file && b.actualLine === line && b.line !== line);
      const at = i >= 0 ? i : moved;
      const breakpoints = at >= 0 ? state.breakpoints.filter((_, k) => k !== at) : [...state.breakpoints, { file, line }];
      set({ breakpoints });
      sendBreakpoints();
    },
    remove(index) {
      set({ breakpoints: state.breakpoints.filter((_, k) => k !== index) });
      sendBreakpoints();
    },
    restrict(index, pid) {
      set({ breakpoints: state.breakpoints.map((b, k) => (k !== index ? b : pid === undefined ? { file: b.file, line: b.line } : { ...b, pid })) });
      sendBreakpoints();
    },
    run(goal, pid) {
      link?.send({ type: 'debug-run', goal, ...(pid !== undefined ? { pid } : {}) });
    },
    back(goal, pid) {
      link?.send({ type: 'debug-back', goal, ...(pid !== undefined ? { pid } : {}) });
    },
    readMemory(pgd, va, length) {
      link?.send({ type: 'debug-memory', pgd, va, length });
    },
    connect(l, app, sources) {
      link = l;
      sendBreakpoints();
      return l.onEvent((ev) => {
        switch (ev.type) {
          case 'debug-breakpoints':
            set({ resolved: ev.breakpoints });
            return;
          case 'debug-running':
            set({ running: true });
            return;
          case 'debug-memory':
            set({ memory: { pgd: ev.pgd, va: ev.va, pages: ev.pages } });
            return;
          case 'debug-stopped': {
            set({ stop: ev.stop, running: false, stopSerial: state.stopSerial + 1 });
            const serial = state.stopSerial;
            const at = ev.stop;
            later(() => {
              // Only the latest stop's file and memory (steps can come faster than frames).
              if (serial !== state.stopSerial) return;
              showLine(app, at, sources);
              const sp = BigInt(at.registers.values.sp ?? '0x0');
              const va = at.space === 'user' ? Number(sp & ~0xfn) : (state.memory?.va ?? 0x10000);
              l.send({ type: 'debug-memory', pgd: at.pgd, va: state.memory && state.memory.pgd === at.pgd ? state.memory.va : va, length: MEMORY_BYTES });
            });
            return;
          }
          case 'status':
            if (ev.state === 'running' && state.stop) set({ running: true });
            // A run that ended (the kernel shut down, or Stop) is no longer running for the
            // debugger either: the host sends no debugger stop for an end.
            if (ev.state === 'halted' && state.running) set({ running: false });
            if (ev.state === 'idle' || ev.state === 'building') set({ stop: null, running: false, memory: null });
            return;
          default:
            return;
        }
      });
    },
  };
}

/** Brings the stopped line's file to the editor: its tab, or the read-only source. */
function showLine(app: Store, stop: DebugStop, sources: SourceLookup): void {
  const file = stop.line?.file;
  if (!file) return;
  if (!file.startsWith('/')) {
    if (app.get().files[file] !== undefined) app.set((s) => openTab(s, file));
    return;
  }
  const src = sources(file);
  if (src) app.set({ viewing: src });
}

/** The page's one debugger store. */
export const debugStore = createDebugStore();
