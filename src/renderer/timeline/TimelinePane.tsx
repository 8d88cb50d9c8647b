// The timeline: fork, exec, exit, page faults by kind and COW copies, each with the
// instruction count; and the run's time controls. It is a scrubber: clicking an entry brings
// the whole app to that instant (the host goes back or forward to right after the event, at
// the next return to user mode: graph, inspector, console and status follow) and selects what
// the entry touched, the frame when there is one, else the process. Entries after the current
// instant are the run's recorded future, drawn dimmed. The scrub bar goes to any instruction
// of the recorded run; Step back and Back to go back by one instruction or to the previous
// event of a kind. Only the latest entries are drawn.
// The pane re-renders with every status (about a hundred a second while running), so each
// row is a memoised component that renders again only when its own marking changes, and
// numbers are grouped by hand: toLocaleString on 400 rows per status took most of the page's
// time under the fork bomb (docs/perf.md, "The page itself").
import { memo, useEffect, useRef, useState } from 'react';
import type { TimelineEvent } from '../../common/model';
import { STOP_KINDS, type StopKind } from '../../common/protocol';
import { useT, type T } from '../i18n';
import type { Controller } from '../session/controller';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';
import { hex } from '../graph/build-graph';
import { grouped } from '../i18n/grouped';
import { describeMos } from '../mos/timeline';
import { BookmarkButton } from '../report/BookmarkButton';
import { RowBookmark } from '../report/RowBookmark';
import './timeline.css';

const ROWS = 400;
/** Least time between two seeks sent while the scrub bar is dragged. */
const SCRUB_THROTTLE_MS = 120;

function describe(e: TimelineEvent, t: T): string {
  const parts = [`${t('process')} ${e.pid}`];
  if (e.kind === 'fork' && e.other !== undefined) parts.push(`→ ${e.other}`);
  parts.push(...describeMos(e, t));
  if (e.va !== undefined) parts.push(`${t('va')} ${hex(e.va)}`);
  if (e.oldFrame) parts.push(`${hex(e.oldFrame)} →`);
  if (e.frame) parts.push(hex(e.frame));
  return parts.join(' ');
}

/** Index of the last entry at or before `insn` (-1 when none). */
function currentIndex(timeline: readonly TimelineEvent[], insn: number): number {
  let lo = 0, hi = timeline.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid]!.insn <= insn) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

export const TimelinePane = memo(function TimelinePane({ store, controller }: { store: Store; controller?: Controller }) {
  const t = useT();
  const timeline = useStore(store, (s) => s.timeline);
  const insn = useStore(store, (s) => s.insn);
  const frontier = useStore(store, (s) => s.frontier);
  const runState = useStore(store, (s) => s.runState);
  const offset = Math.max(0, timeline.length - ROWS);
  const shown = timeline.slice(offset);
  const current = currentIndex(timeline, insn);
  const listRef = useRef<HTMLOListElement>(null);
  const [backKind, setBackKind] = useState<StopKind>('fork');
  const canTravel = controller !== undefined && (runState === 'paused' || runState === 'halted') && frontier > 0;
  const seekable = controller !== undefined && runState !== 'running' && runState !== 'building' && runState !== 'idle';

  // Keep the current entry in view as time moves: once a frame, and only when it is out of
  // view (scrollIntoView forces a layout every time, even when nothing has to move).
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const list = listRef.current;
      const el = list?.querySelector<HTMLElement>('li.current');
      if (!list || !el) return;
      const top = el.offsetTop - list.offsetTop;
      if (top < list.scrollTop || top + el.offsetHeight > list.scrollTop + list.clientHeight) el.scrollIntoView({ block: 'nearest' });
    });
    return () => cancelAnimationFrame(id);
  }, [current]);

  return (
    <section className="pane timeline-pane">
      <header className="pane-title">
        <span className="pane-name">
          {t('timeline')} ({timeline.length})
        </span>
        <span className="tab-spacer" />
        <BookmarkButton store={store} controller={controller} />
      </header>
      {controller && (
        <div className="time-controls">
          <button data-testid="step-back" disabled={!canTravel || insn === 0} title={!canTravel ? t('noRun') : insn === 0 ? t('atStart') : t('stepBackTip')} onClick={() => controller.stepBack()}>
            {t('stepBack')}
          </button>
          <button data-testid="back-to" disabled={!canTravel || insn === 0} title={!canTravel ? t('noRun') : t('backToTip')} onClick={() => controller.stepBack(backKind)}>
            ◀ {t('backTo')}
          </button>
          <select data-testid="back-kind" value={backKind} onChange={(e) => setBackKind(e.target.value as StopKind)} aria-label={t('backTo')} title={t('backTo')}>
            {STOP_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {controller && <ScrubBar insn={insn} frontier={frontier} enabled={canTravel} onSeek={(n) => controller.seek(n)} label={t('scrub')} tip={t('scrubTip')} />}
      <ol className="timeline" data-testid="timeline" ref={listRef}>
        {shown.length === 0 && <li className="muted">{t('noEvents')}</li>}
        {shown.map((e, i) => {
          const index = offset + i;
          const when = index === current ? 'current' : index > current ? 'future' : 'past';
          return <TimelineRow key={index} e={e} when={when} t={t} store={store} controller={controller} seekable={seekable} canTravel={canTravel} />;
        })}
      </ol>
    </section>
  );
});

type When = 'past' | 'current' | 'future';

interface RowProps {
  e: TimelineEvent;
  when: When;
  t: T;
  store: Store;
  controller: Controller | undefined;
  /** A click on the row moves the machine to its moment (not while running or building). */
  seekable: boolean;
  canTravel: boolean;
}

const TimelineRow = memo(function TimelineRow({ e, when, t, store, controller, seekable, canTravel }: RowProps) {
  const what = describe(e, t);
  const kind = t(`ev.${e.kind}`);
  const at = grouped(e.insn);
  return (
    <li
      className={`ev ev-${e.kind} ${when}`}
      data-kind={e.kind}
      data-pid={e.pid}
      data-insn={e.insn}
      data-when={when}
      data-frame={e.frame ? hex(e.frame) : undefined}
      data-old-frame={e.oldFrame ? hex(e.oldFrame) : undefined}
    >
      <button
        title={`${at} · ${kind} · ${what}${when === 'future' ? ` (${t('future')})` : ''}`}
        onClick={() => {
          store.set({ selection: e.frame ? { kind: 'frame', addr: e.frame } : { kind: 'process', pid: e.kind === 'fork' && e.other ? e.other : e.pid } });
          if (controller && seekable) controller.seek(e.insn, true);
        }}
      >
        <span className="insn">{at}</span>
        <span className="kind">{kind}</span>
        <span className="what">{what}</span>
      </button>
      {controller && <RowBookmark store={store} controller={controller} insn={e.insn} enabled={canTravel} />}
    </li>
  );
});

/** A range input over the run's instructions; seeks while dragged (throttled) and on release. */
function ScrubBar({ insn, frontier, enabled, onSeek, label, tip }: { insn: number; frontier: number; enabled: boolean; onSeek: (insn: number) => void; label: string; tip: string }) {
  const [dragging, setDragging] = useState<number | null>(null);
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const value = dragging ?? insn;
  const send = (n: number, now: boolean) => {
    if (pending.current) clearTimeout(pending.current);
    const wait = now ? 0 : Math.max(0, SCRUB_THROTTLE_MS - (Date.now() - last.current));
    pending.current = setTimeout(() => {
      last.current = Date.now();
      onSeek(n);
    }, wait);
  };
  const release = () => {
    if (dragging !== null) send(dragging, true);
    setDragging(null);
  };
  return (
    <div className="scrub" title={tip}>
      <input
        type="range"
        data-testid="scrub"
        aria-label={label}
        min={0}
        max={Math.max(1, frontier)}
        step={1}
        value={Math.min(value, Math.max(1, frontier))}
        disabled={!enabled}
        onChange={(e) => {
          const n = Number(e.target.value);
          setDragging(n);
          send(n, false);
        }}
        onPointerUp={release}
        onKeyUp={release}
        onBlur={release}
      />
      <span className="scrub-at" data-testid="scrub-at">
        {grouped(value)} / {grouped(frontier)}
      </span>
    </div>
  );
}
