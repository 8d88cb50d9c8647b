// The timeline: fork, exec, exit, page faults by kind and COW copies, each with the
// instruction count. Clicking an entry selects what it touched: the frame when there is one,
// else the process. Only the latest entries are drawn.
import { memo } from 'react';
import type { TimelineEvent } from '../../common/model';
import { useT, type T } from '../i18n';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';
import { hex } from '../graph/build-graph';
import { describeMos } from '../mos/timeline';
import { BookmarkButton } from '../report/BookmarkButton';

const ROWS = 400;

function describe(e: TimelineEvent, t: T): string {
  const parts = [`${t('process')} ${e.pid}`];
  if (e.kind === 'fork' && e.other !== undefined) parts.push(`→ ${e.other}`);
  parts.push(...describeMos(e, t));
  if (e.va !== undefined) parts.push(`${t('va')} ${hex(e.va)}`);
  if (e.oldFrame) parts.push(`${hex(e.oldFrame)} →`);
  if (e.frame) parts.push(hex(e.frame));
  return parts.join(' ');
}

export const TimelinePane = memo(function TimelinePane({ store }: { store: Store }) {
  const t = useT();
  const timeline = useStore(store, (s) => s.timeline);
  const shown = timeline.slice(-ROWS);
  return (
    <section className="pane timeline-pane">
      <header className="pane-title">
        {t('timeline')} ({timeline.length})
        <BookmarkButton store={store} />
      </header>
      <ol className="timeline" data-testid="timeline">
        {shown.length === 0 && <li className="muted">{t('noEvents')}</li>}
        {shown.map((e, i) => (
          <li
            key={timeline.length - shown.length + i}
            className={`ev ev-${e.kind}`}
            data-kind={e.kind}
            data-pid={e.pid}
            data-frame={e.frame ? hex(e.frame) : undefined}
            data-old-frame={e.oldFrame ? hex(e.oldFrame) : undefined}
          >
            <button
              onClick={() =>
                store.set({ selection: e.frame ? { kind: 'frame', addr: e.frame } : { kind: 'process', pid: e.kind === 'fork' && e.other ? e.other : e.pid } })
              }
            >
              <span className="insn">{e.insn.toLocaleString('en')}</span>
              <span className="kind">{t(`ev.${e.kind}`)}</span>
              <span className="what">{describe(e, t)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
});
