// "Export report": the session's bookmarks as a lab report document (docs/reports.md). The host
// replays the run to each bookmark and sends the states back; the document is built here with
// the pure report modules, in the UI's language:
// - Markdown: figures drawn to PNG on a canvas, written with the .md and the session into a
//   folder the student picks (desktop) or packed in a .zip (web);
// - HTML: one self-contained page;
// - PDF: the desktop app prints that page with Electron's printToPDF (main process); the web
//   edition prints it from a hidden frame through the browser, using the page's print stylesheet.
import { memo, useEffect, useRef, useState } from 'react';
import type { ForkLabApi } from '../../common/app-api';
import type { MomentData } from '../../common/protocol';
import { parseReport } from '../../lab/report';
import { markdownBundle, zipBundle } from '../../lab/report-bundle';
import { reportContent, toHtml } from '../../lab/report-doc';
import { download, svgToPng } from '../graph/export';
import { useT } from '../i18n';
import { translate } from '../i18n/messages';
import type { Controller } from '../session/controller';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';

export type ReportFormat = 'md' | 'html' | 'pdf';

/** Window event carrying an application-menu "Export Report" command; detail is the format. */
export const REPORT_COMMAND_EVENT = 'forklab-report-command';

const FORMATS: readonly ReportFormat[] = ['md', 'html', 'pdf'];

/** Prints HTML in the web edition: a hidden frame holding the report, printed by the browser. */
function printInFrame(html: string): void {
  document.querySelector('[data-testid="report-print-frame"]')?.remove();
  const frame = document.createElement('iframe');
  frame.dataset.testid = 'report-print-frame';
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  frame.onload = () => frame.contentWindow?.print();
  frame.srcdoc = html;
  document.body.appendChild(frame);
}

async function buildAndSave(format: ReportFormat, text: string, moments: readonly MomentData[], store: Store, api: ForkLabApi | null): Promise<void> {
  const lang = store.get().language;
  const parsed = parseReport(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const content = reportContent(parsed.report, moments, lang);
  const base = `forklab-report-${content.program}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 50);
  if (format === 'md') {
    const pngs: Uint8Array[] = [];
    for (const s of content.sections) pngs.push(new Uint8Array(await (await svgToPng(s.figure)).arrayBuffer()));
    const files = markdownBundle(content, pngs, base);
    // The desktop app writes a folder (.md with its figures beside it); the browser, a .zip.
    if (api) await api.saveFolder(files);
    else download(new Blob([zipBundle(files) as BlobPart], { type: 'application/zip' }), `${base}.zip`);
    return;
  }
  const html = toHtml(content);
  if (format === 'html') {
    if (api) await api.saveDocument(`${base}.html`, html);
    else download(new Blob([html], { type: 'text/html' }), `${base}.html`);
  } else if (api) await api.savePdf(`${base}.pdf`, html);
  else printInFrame(html);
}

export const ReportButtons = memo(function ReportButtons({ store, controller, api }: { store: Store; controller: Controller; api: ForkLabApi | null }) {
  const t = useT();
  const hasRun = useStore(store, (s) => s.runState !== 'idle' || s.insn > 0);
  const [format, setFormat] = useState<ReportFormat>('html');
  const [working, setWorking] = useState(false);
  const wanted = useRef<ReportFormat>('html');

  useEffect(
    () =>
      controller.onDocument((text, moments) => {
        buildAndSave(wanted.current, text, moments, store, api)
          .catch((err: Error) => store.set((s) => ({ ...s, notice: translate(s.language, 'reportFailed', { error: err.message }) })))
          .finally(() => setWorking(false));
      }),
    [api, controller, store],
  );

  const exportNow = (f: ReportFormat) => {
    const s = store.get();
    if (s.runState === 'idle' && s.insn === 0) return;
    wanted.current = f;
    setWorking(true);
    if (s.bookmarks.length === 0) store.set({ notice: translate(s.language, 'reportNoBookmarks') });
    controller.exportDocument(translate(s.language, 'sessionTitle', { name: s.active ?? Object.keys(s.files).join(', ') }));
  };

  const latest = useRef(exportNow);
  latest.current = exportNow;
  useEffect(() => {
    const onCommand = (e: Event) => {
      const f = (e as CustomEvent<string>).detail as ReportFormat;
      if (FORMATS.includes(f)) {
        setFormat(f);
        latest.current(f);
      }
    };
    window.addEventListener(REPORT_COMMAND_EVENT, onCommand);
    return () => window.removeEventListener(REPORT_COMMAND_EVENT, onCommand);
  }, []);

  // The host's error (a replay that failed) ends the wait too.
  const notice = useStore(store, (s) => s.notice);
  useEffect(() => {
    if (notice) setWorking(false);
  }, [notice]);

  const label = { md: t(api ? 'reportFormatMdFolder' : 'reportFormatMd'), html: t('reportFormatHtml'), pdf: t('reportFormatPdf') };
  return (
    <span className="report-buttons">
      <select data-testid="report-format" style={{ width: 'auto', flex: '0 0 auto' }} aria-label={t('reportFormat')} title={t('reportFormat')} value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
        {FORMATS.map((f) => (
          <option key={f} value={f}>
            {label[f]}
          </option>
        ))}
      </select>
      <button data-testid="export-report" disabled={!hasRun || working} title={working ? t('reportWorking') : undefined} onClick={() => exportNow(format)}>
        {working ? t('reportWorking') : t('exportReport')}
      </button>
    </span>
  );
});

