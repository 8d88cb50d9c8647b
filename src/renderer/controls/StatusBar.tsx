// Status bar: run state, instructions retired, MIPS, live processes, frames, build result.
import { memo } from 'react';
import { useLanguage, useT } from '../i18n';
import { grouped } from '../i18n/grouped';
import { translateReason } from '../i18n/reasons';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';

export const StatusBar = memo(function StatusBar({ store }: { store: Store }) {
  const t = useT();
  const language = useLanguage();
  const runState = useStore(store, (s) => s.runState);
  const insn = useStore(store, (s) => s.insn);
  const mips = useStore(store, (s) => s.mips);
  const reason = useStore(store, (s) => s.stopReason);
  const procs = useStore(store, (s) => s.model.processes.filter((p) => p.state !== 'dead').length);
  const frames = useStore(store, (s) => s.model.frames.length);
  const buildOk = useStore(store, (s) => s.buildOk);
  const interpreterOnly = useStore(store, (s) => s.interpreterOnly);
  // A stop's status is painted before its model (controller.ts); until the model of that
  // instant is in, the graph, inspector and timeline still show the one before.
  const settled = useStore(store, (s) => s.model.insn === s.insn);
  return (
    <footer className="status-bar" data-testid="status">
      <span data-testid="run-state" data-state={runState} data-settled={String(settled)}>
        {t(`state.${runState}`)}
        {reason && ` — ${translateReason(language, reason)}`}
      </span>
      <span>
        {t('instructions')}: <b data-testid="insn">{grouped(insn)}</b>
      </span>
      <span>
        {t('mips')}: <b data-testid="mips">{runState === 'running' ? mips.toFixed(1) : '—'}</b>
        {interpreterOnly !== null && (
          <span data-testid="interpreter-only" title={t('interpreterOnlyHint', { reason: interpreterOnly })}>
            {' '}({t('interpreterOnly')})
          </span>
        )}
      </span>
      <span>
        {t('processes')}: <b data-testid="process-count">{procs}</b>
      </span>
      <span>
        {t('frames')}: <b data-testid="frame-count">{frames}</b>
      </span>
      {buildOk !== null && <span className={buildOk ? 'ok' : 'bad'}>{buildOk ? t('buildOk') : '✗'}</span>}
    </footer>
  );
});
