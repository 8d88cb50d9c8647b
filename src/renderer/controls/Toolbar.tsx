// Run controls, language and theme. Buttons keep their data-testids whatever the language.
// One row from 1280 px up in both languages: the session and report commands sit in the File
// menu, the language select says its name in its tooltip, and the controls come in two groups
// (start and stop a run; stop at a point of it).
import { memo, useMemo } from 'react';
import { useT } from '../i18n';
import { LANGUAGES, type Language } from '../i18n/messages';
import type { Controller } from '../session/controller';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';
import { desktopApi } from '../host/host-link';
import { FileMenu } from './FileMenu';
import { SessionButtons } from './SessionButtons';
import { sendsIpc } from '../mos/ipc';

/** Speed presets in instructions per second; null is flat out. */
export const SPEEDS: readonly (number | null)[] = [null, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000];

function speedLabel(ips: number | null, max: string): string {
  if (ips === null) return max;
  return ips >= 1e6 ? `${ips / 1e6}M/s` : `${ips / 1e3}k/s`;
}

export const Toolbar = memo(function Toolbar({ store, controller, onOpen, onSave }: { store: Store; controller: Controller; onOpen?: () => void; onSave?: () => void }) {
  const t = useT();
  const runState = useStore(store, (s) => s.runState);
  const language = useStore(store, (s) => s.language);
  const theme = useStore(store, (s) => s.theme);
  const speed = useStore(store, (s) => s.speed);
  const hasProgram = useStore(store, (s) => s.active !== null);
  // Step, Run to fork / fault and Reset act from any state: with no run to continue they
  // build, boot and then stop where asked. They cannot act without a program or mid-build.
  const canStart = hasProgram && runState !== 'building';
  // Run to IPC stops after an IPC send: only a program that calls ipc_send can get there.
  const source = useStore(store, (s) => (s.active !== null ? s.files[s.active] : undefined));
  const ipc = useMemo(() => sendsIpc(source ?? ''), [source]);
  const live = runState === 'running' || runState === 'paused';
  const startTip = (tip: string) => (!hasProgram ? t('needProgram') : runState === 'building' ? t('busyBuilding') : tip);
  return (
    <header className="toolbar" role="toolbar">
      <span className="brand">ForkLab</span>
      <FileMenu>
        {onOpen && <button onClick={onOpen}>{t('open')}</button>}
        {onSave && <button onClick={onSave}>{t('save')}</button>}
        <SessionButtons store={store} controller={controller} api={desktopApi()} />
      </FileMenu>
      <span className="sep" />
      <button data-testid="build" onClick={() => controller.build()} disabled={!hasProgram} title={hasProgram ? undefined : t('needProgram')}>
        {t('build')}
      </button>
      <button data-testid="run" className="primary" onClick={() => controller.run()} disabled={!hasProgram} title={hasProgram ? t('runTip') : t('needProgram')}>
        ▶ {t('run')}
      </button>
      {runState === 'paused' ? (
        <button data-testid="pause" onClick={() => controller.resume()}>
          {t('resume')}
        </button>
      ) : (
        <button data-testid="pause" onClick={() => controller.pause()} disabled={runState !== 'running'} title={runState === 'running' ? undefined : t('nothingRunning')}>
          {t('pause')}
        </button>
      )}
      <button data-testid="stop" onClick={() => controller.stop()} disabled={!live} title={live ? t('stopTip') : t('nothingRunning')}>
        ■ {t('stop')}
      </button>
      <span className="sep" />
      <button data-testid="step" onClick={() => controller.step(1)} disabled={!canStart} title={startTip(t('stepTip'))}>
        {t('step')}
      </button>
      <button data-testid="until-fork" onClick={() => controller.runUntil('program-fork')} disabled={!canStart} title={startTip(t('untilForkTip'))}>
        {t('untilFork')}
      </button>
      <button data-testid="until-fault" onClick={() => controller.runUntil('fault')} disabled={!canStart} title={startTip(t('untilFaultTip'))}>
        {t('untilFault')}
      </button>
      <button data-testid="until-ipc" onClick={() => controller.runUntil('ipc')} disabled={!canStart || !ipc} title={!ipc && hasProgram ? t('noIpcSend') : startTip(t('untilIpcTip'))}>
        {t('untilIpc')}
      </button>
      <button data-testid="reset" onClick={() => controller.reset()} disabled={!canStart} title={startTip(t('resetTip'))}>
        {t('reset')}
      </button>
      <label className="speed">
        {t('speed')}{' '}
        <select
          data-testid="speed"
          value={speed === null ? 'max' : String(speed)}
          onChange={(e) => controller.setSpeed(e.target.value === 'max' ? null : Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={s === null ? 'max' : String(s)}>
              {speedLabel(s, t('speedMax'))}
            </option>
          ))}
        </select>
      </label>
      <span className="tab-spacer" />
      <label title={t('language')}>
        <select data-testid="language" aria-label={t('language')} value={language} onChange={(e) => store.set({ language: e.target.value as Language })}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'en' ? 'English' : '中文'}
            </option>
          ))}
        </select>
      </label>
      <button data-testid="theme" onClick={() => store.set({ theme: theme === 'dark' ? 'light' : 'dark' })}>
        {theme === 'dark' ? t('themeLight') : t('themeDark')}
      </button>
    </header>
  );
});
