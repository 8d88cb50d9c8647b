// "Export session" and "Open session": a session report (src/lab/report.ts) saved to a file
// and opened again. The host writes and replays reports; this component only moves the JSON
// text between the host and a file — through the preload's dialogs in the desktop app, and
// a download link and a file input in the web edition.
import { memo, useEffect, useRef } from 'react';
import { MAX_REPORT_CHARS, type ForkLabApi } from '../../common/app-api';
import { useT } from '../i18n';
import { translate } from '../i18n/messages';
import type { Controller } from '../session/controller';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';
import { ReportButtons } from '../report/ReportButtons';

/** Window event carrying an application-menu command ('export-session' | 'open-session'). */
export const SESSION_COMMAND_EVENT = 'forklab-session-command';

/** Saves report text in the web edition: a Blob URL behind a download link. */
function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A title for the report: the program that ran, so a folder of reports stays readable. */
function reportTitle(store: Store): string {
  const s = store.get();
  return translate(s.language, 'sessionTitle', { name: s.active ?? Object.keys(s.files).join(', ') });
}

export const SessionButtons = memo(function SessionButtons({ store, controller, api }: { store: Store; controller: Controller; api: ForkLabApi | null }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const hasRun = useStore(store, (s) => s.runState !== 'idle' || s.insn > 0);
  const fail = (err: unknown) => store.set((s) => ({ ...s, notice: translate(s.language, 'reportOpenFailed', { error: (err as Error).message }) }));

  useEffect(
    () =>
      controller.onReport((text, fileName) => {
        if (!api) return downloadText(text, fileName);
        api.saveReport(fileName, text).catch((err: Error) => store.set({ notice: err.message }));
      }),
    [api, controller, store],
  );

  const open = () => {
    if (!api) return input.current?.click();
    api.openReport().then((f) => f && controller.openReport(f.text), fail);
  };

  const exportNow = () => controller.exportReport(reportTitle(store));

  // The desktop menu's File > Export/Open Session arrive as window events (see App).
  const latest = useRef({ exportNow, open });
  latest.current = { exportNow, open };
  useEffect(() => {
    const onCommand = (e: Event) => {
      const cmd = (e as CustomEvent<string>).detail;
      if (cmd === 'export-session') latest.current.exportNow();
      else if (cmd === 'open-session') latest.current.open();
    };
    window.addEventListener(SESSION_COMMAND_EVENT, onCommand);
    return () => window.removeEventListener(SESSION_COMMAND_EVENT, onCommand);
  }, []);

  const onFile = (files: FileList | null) => {
    const file = files?.[0];
    if (input.current) input.current.value = ''; // choosing the same file again must fire again
    if (!file) return;
    if (file.size > MAX_REPORT_CHARS) return fail(new Error(`${file.name} is larger than ${MAX_REPORT_CHARS} bytes`));
    file.text().then((text) => controller.openReport(text), fail);
  };

  return (
    <>
      <button data-testid="export-session" onClick={exportNow} disabled={!hasRun}>
        {t('exportSession')}
      </button>
      <button data-testid="open-session" onClick={open}>
        {t('openSession')}
      </button>
      <ReportButtons store={store} controller={controller} api={api} />
      {!api && (
        <input
          ref={input}
          data-testid="open-session-file"
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => onFile(e.target.files)}
        />
      )}
    </>
  );
});
