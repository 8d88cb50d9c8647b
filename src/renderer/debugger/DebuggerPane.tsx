// The debugger pane: step controls, and tabs for the call stack, the registers (ABI names,
// the ones changed since the last stop highlighted), the memory of the stopped process read
// through its page table (unmapped pages said so), and the breakpoint list (each optionally
// restricted to one process).
import { memo, useState, useSyncExternalStore, type ReactElement } from 'react';
import type { DebugFrame, DebugStop, MemoryPageView } from '../../common/debug';
import { openTab, type Store } from '../session/store';
import { useStore } from '../session/use-store';
import { useDebugT } from './use-debug-t';
import { debugStore } from './store';
import { readonlySource } from './sources';
import './debugger.css';

type Tab = 'stack' | 'registers' | 'memory' | 'breakpoints';
type T = ReturnType<typeof useDebugT>;

function useDebugState() {
  return useSyncExternalStore(debugStore.subscribe, debugStore.get);
}

/** True while the pane is worth its room: breakpoints set or the machine stopped under the debugger. */
export function useDebugging(): boolean {
  return useSyncExternalStore(debugStore.subscribe, () => debugStore.get().breakpoints.length > 0 || debugStore.get().stop !== null);
}

const short = (file: string) => file.replace(/^\/forklab\/(kernel|lib)\//, '$1/');
const hex = (n: number) => `0x${n.toString(16)}`;

export const DebuggerPane = memo(function DebuggerPane({ store }: { store: Store }) {
  const t = useDebugT();
  const s = useDebugState();
  const runState = useStore(store, (a) => a.runState);
  const [tab, setTab] = useState<Tab>('stack');
  const stop = s.stop;
  const canStep = stop !== null && !s.running && runState === 'paused';
  // Going back works from the end of a run too: the recorded history is still there.
  const canBack = !s.running && (runState === 'paused' || runState === 'halted');
  const tabs: [Tab, string][] = [
    ['stack', t('callStack')],
    ['registers', t('registers')],
    ['memory', t('memory')],
    ['breakpoints', `${t('breakpoints')} (${s.breakpoints.length})`],
  ];
  return (
    <section className="pane debugger-pane" data-testid="debugger">
      <div className="dbg-toolbar">
        <strong>{t('debugger')}</strong>
        <button data-testid="dbg-continue" disabled={!canStep} onClick={() => debugStore.run('continue')} title="F5">
          ▶ {t('continue')}
        </button>
        <button data-testid="dbg-over" disabled={!canStep} onClick={() => debugStore.run('over', stop?.pid)} title="F10">
          ↷ {t('stepOver')}
        </button>
        <button data-testid="dbg-into" disabled={!canStep} onClick={() => debugStore.run('into', stop?.pid)} title="F11">
          ↓ {t('stepInto')}
        </button>
        <button data-testid="dbg-out" disabled={!canStep} onClick={() => debugStore.run('out', stop?.pid)} title="Shift+F11">
          ↑ {t('stepOut')}
        </button>
        <button data-testid="dbg-back" disabled={!canBack} onClick={() => debugStore.back('line', stop?.pid)} title={t('stepBackHint')}>
          ↶ {t('stepBack')}
        </button>
        <button data-testid="dbg-reverse-continue" disabled={!canBack || s.breakpoints.length === 0} onClick={() => debugStore.back('continue')}>
          ◀ {t('reverseContinue')}
        </button>
        <select
          data-testid="dbg-until"
          disabled={!canStep}
          value=""
          aria-label={t('runUntil')}
          onChange={(e) => {
            const goal = e.target.value as 'until-fault' | 'until-fork' | 'until-exit';
            if (goal) debugStore.run(goal, stop?.pid);
          }}
        >
          <option value="">{t('runUntil')}…</option>
          <option value="until-fault">{t('untilFault')}</option>
          <option value="until-fork">{t('untilFork')}</option>
          <option value="until-exit">{t('untilExit')}</option>
        </select>
        <span className="dbg-where" data-testid="dbg-where">
          {s.running ? t('running') : stop ? stopLine(t, stop) : t('noStop')}
        </span>
      </div>
      <div className="dbg-tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => setTab(id)} data-testid={`dbg-tab-${id}`}>
            {label}
          </button>
        ))}
      </div>
      <div className="dbg-body">
        {tab === 'stack' && stop && <StackView t={t} frames={stop.stack} store={store} />}
        {tab === 'registers' && stop && <RegistersView t={t} stop={stop} />}
        {tab === 'memory' && stop && <MemoryView t={t} stop={stop} />}
        {tab === 'breakpoints' && <BreakpointsView t={t} store={store} />}
      </div>
    </section>
  );
});

function stopLine(t: T, stop: DebugStop): string {
  const where = stop.line ? `${short(stop.line.file)}:${stop.line.line}` : stop.pc;
  const r = stop.reason;
  const why =
    r.kind === 'breakpoint'
      ? t('reasonBreakpoint')
      : r.kind === 'step'
        ? t('reasonStep')
        : r.kind === 'event'
          ? t('reasonEvent', { event: r.event })
          : r.kind === 'exited'
            ? t('reasonExited', { pid: r.pid })
            : r.kind === 'paused'
              ? t('reasonPaused')
              : t('reasonGaveUp', { why: r.why });
  return `${t('stoppedIn', { pid: stop.pid, space: stop.space === 'kernel' ? t('kernelSpace') : t('userSpace'), where })} — ${why}`;
}

function reveal(store: Store, file: string): void {
  if (!file.startsWith('/')) {
    if (store.get().files[file] !== undefined) store.set((s) => openTab(s, file));
    return;
  }
  const src = readonlySource(file);
  if (src) store.set({ viewing: src });
}

function StackView({ t, frames, store }: { t: T; frames: readonly DebugFrame[]; store: Store }) {
  return (
    <ol className="dbg-stack" data-testid="dbg-stack">
      {frames.map((f, i) => (
        <li key={i} className={f.space}>
          <button onClick={() => f.line && reveal(store, f.line.file)} disabled={!f.line}>
            <span className="fn">{f.function ?? '??'}</span>
            <span className="loc">{f.line ? `${short(f.line.file)}:${f.line.line}` : f.pc}</span>
            <span className="space">{f.space === 'kernel' ? t('kernelSpace') : t('userSpace')}</span>
            {f.trapped && <span className="dbg-trap">⤷ {t('trapBoundary')}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}

function RegistersView({ t, stop }: { t: T; stop: DebugStop }) {
  const changed = new Set(stop.registers.changed);
  return (
    <div className="dbg-registers" data-testid="dbg-registers">
      <div className="reg">
        <span className="name">{t('mode')}</span>
        <code>{stop.registers.mode}</code>
      </div>
      {Object.entries(stop.registers.values).map(([name, value]) => (
        <div key={name} className={`reg ${changed.has(name) ? 'changed' : ''}`} title={changed.has(name) ? t('changed') : undefined} data-reg={name}>
          <span className="name">{name}</span>
          <code>{value}</code>
        </div>
      ))}
    </div>
  );
}

function MemoryView({ t, stop }: { t: T; stop: DebugStop }) {
  const s = useDebugState();
  const [addr, setAddr] = useState('');
  const mem = s.memory;
  const go = () => {
    const va = Number.parseInt(addr.replace(/^0x/i, ''), 16);
    if (Number.isFinite(va) && va >= 0) debugStore.readMemory(stop.pgd, va - (va % 16), 256);
  };
  return (
    <div className="dbg-memory" data-testid="dbg-memory">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <label>
          {t('address')} <input value={addr} placeholder={mem ? hex(mem.va) : '0x10000'} onChange={(e) => setAddr(e.target.value)} data-testid="dbg-mem-addr" />
        </label>
        <button type="submit">{t('go')}</button>
      </form>
      {mem?.pages.map((p) => <PageRows key={p.from} t={t} page={p} />)}
    </div>
  );
}

function PageRows({ t, page }: { t: T; page: MemoryPageView }) {
  if (!page.mapped) {
    return (
      <div className="dbg-page unmapped" data-testid="dbg-unmapped">
        {hex(page.from)}–{hex(page.from + page.length - 1)}: {t('unmapped')}
      </div>
    );
  }
  const rows: ReactElement[] = [];
  const hexText = page.hex ?? '';
  for (let off = 0; off < page.length; off += 16) {
    const bytes = hexText.slice(off * 2, Math.min(page.length, off + 16) * 2);
    const pairs = bytes.match(/../g) ?? [];
    const ascii = pairs.map((h) => {
      const c = Number.parseInt(h, 16);
      return c >= 32 && c < 127 ? String.fromCharCode(c) : '.';
    });
    rows.push(
      <div key={off} className="row">
        <span className="addr">{(page.from + off).toString(16).padStart(8, '0')}</span>
        <span className="bytes">{pairs.join(' ')}</span>
        <span className="ascii">{ascii.join('')}</span>
      </div>,
    );
  }
  return (
    <div className="dbg-page">
      <div className="head">{t('page', { va: hex(page.va), frame: hex(page.frame ?? 0), perms: page.perms ?? '' })}</div>
      {rows}
    </div>
  );
}

function BreakpointsView({ t, store }: { t: T; store: Store }) {
  const s = useDebugState();
  const pids = useStore(store, (a) => a.model.processes);
  if (s.breakpoints.length === 0) return <p className="hint">{t('noBreakpoints')}</p>;
  return (
    <ul className="dbg-breakpoints" data-testid="dbg-breakpoints">
      {s.breakpoints.map((b, i) => {
        const r = s.resolved[i];
        return (
          <li key={`${b.file}:${b.line}`}>
            <button className="loc" onClick={() => reveal(store, b.file)}>
              {short(b.file)}:{b.line}
            </button>
            {r && r.actualLine === null && <em> {t('noCode')}</em>}
            {r && r.actualLine !== null && r.actualLine !== b.line && <em> {t('movedTo', { line: r.actualLine })}</em>}
            <select value={b.pid ?? ''} onChange={(e) => debugStore.restrict(i, e.target.value === '' ? undefined : Number(e.target.value))}>
              <option value="">{t('anyProcess')}</option>
              {[...new Set([...pids.map((p) => p.pid), ...(b.pid !== undefined ? [b.pid] : [])])].map((pid) => (
                <option key={pid} value={pid}>
                  {t('onlyProcess', { pid })}
                </option>
              ))}
            </select>
            <button onClick={() => debugStore.remove(i)}>{t('remove')}</button>
          </li>
        );
      })}
    </ul>
  );
}
