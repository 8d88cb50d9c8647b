// The editor: tabs for the session's files, one Monaco model per file (so undo history
// survives tab switches), a read-only view for kernel and library sources, and diagnostics
// as markers. Edits go to the store and trigger the controller's debounced build.
import { memo, useEffect, useRef } from 'react';
import { useT } from '../i18n';
import type { Controller } from '../session/controller';
import { catalog } from '../session/catalog';
import { isEditedExample, restoreExample } from '../session/files';
import { userFiles } from '../session/resources';
import { closeTab, openTab, type Store } from '../session/store';
import { useStore } from '../session/use-store';
import { markersFor } from './markers';
import { languageFor, monaco, readonlyUri, sessionUri } from './monaco';
import { errorCounts } from './problems';
import { ProblemsList } from './ProblemsList';
import { attachDebugGutter } from '../debugger/gutter';

function modelFor(uri: monaco.Uri, text: string, lang: string): monaco.editor.ITextModel {
  const existing = monaco.editor.getModel(uri);
  if (existing) {
    if (existing.getValue() !== text) existing.setValue(text);
    return existing;
  }
  return monaco.editor.createModel(text, lang, uri);
}

/** Original text of each example by session file name (`cow.c`), for "Restore original". */
const originals: ReadonlyMap<string, string> = new Map(catalog(userFiles).map((e) => [e.file, e.text]));

export const EditorPane = memo(function EditorPane({ store, controller }: { store: Store; controller: Controller }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const open = useStore(store, (s) => s.open);
  const active = useStore(store, (s) => s.active);
  const viewing = useStore(store, (s) => s.viewing);
  const diagnostics = useStore(store, (s) => s.diagnostics);
  const theme = useStore(store, (s) => s.theme);
  const reveal = useStore(store, (s) => s.reveal);
  const files = useStore(store, (s) => s.files);

  useEffect(() => {
    if (!host.current) return;
    const ed = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 4,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      model: null,
    });
    editor.current = ed;
    const gutter = attachDebugGutter(ed, () => store.get().language);
    const sub = ed.onDidChangeModelContent(() => {
      const model = ed.getModel();
      if (!model || ed.getOption(monaco.editor.EditorOption.readOnly)) return;
      const name = model.uri.path.replace(/^\/session\//, '');
      const text = model.getValue();
      store.set((s) => (s.files[name] === text ? s : { ...s, files: { ...s.files, [name]: text } }));
      controller.edited();
    });
    return () => {
      sub.dispose();
      gutter.dispose();
      ed.dispose();
    };
  }, [store, controller]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    const ed = editor.current;
    if (!ed) return;
    if (viewing) {
      ed.setModel(modelFor(readonlyUri(viewing.path), viewing.text, languageFor(viewing.path)));
      ed.updateOptions({ readOnly: true });
    } else if (active !== null) {
      const text = store.get().files[active] ?? '';
      const model = monaco.editor.getModel(sessionUri(active)) ?? monaco.editor.createModel(text, languageFor(active), sessionUri(active));
      ed.updateOptions({ readOnly: false });
      if (ed.getModel() !== model) ed.setModel(model);
    } else {
      ed.setModel(null);
    }
  }, [active, viewing, store]);

  // Text that changed outside the editor (an example restored, a session opened) goes into the
  // models as an edit, so Ctrl+Z brings the student's text back; models of deleted or renamed
  // files are dropped.
  useEffect(() => {
    for (const model of monaco.editor.getModels()) {
      if (!model.uri.path.startsWith('/session/')) continue;
      const name = model.uri.path.slice('/session/'.length);
      const text = files[name];
      if (text === undefined) model.dispose();
      else if (model.getValue() !== text) {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      }
    }
  }, [files]);

  useEffect(() => {
    for (const name of Object.keys(store.get().files)) {
      const model = monaco.editor.getModel(sessionUri(name));
      if (model) monaco.editor.setModelMarkers(model, 'forklab', markersFor(name, diagnostics));
    }
  }, [diagnostics, active, store]);

  // After the model switch above (effects run in order): the tab of `reveal.file` is active now.
  useEffect(() => {
    const ed = editor.current;
    if (!ed || !reveal || ed.getModel()?.uri.toString() !== sessionUri(reveal.file).toString()) return;
    ed.setPosition({ lineNumber: reveal.line, column: reveal.column });
    ed.revealPositionInCenterIfOutsideViewport({ lineNumber: reveal.line, column: reveal.column });
    ed.focus();
  }, [reveal, active]);

  // The badge counts the errors of the file on screen; the others are named in the problems list.
  const counts = errorCounts(diagnostics, Object.keys(files), viewing ? null : active);
  const original = !viewing && active !== null ? originals.get(active) : undefined;
  const edited = active !== null && isEditedExample(store.get(), active, original);
  return (
    <section className="pane editor-pane">
      <div className="tabs" role="tablist">
        {open.map((name) => (
          <div key={name} role="tab" aria-selected={name === active && !viewing} className={`tab ${name === active && !viewing ? 'active' : ''}`}>
            <button className="tab-name" onClick={() => store.set((s) => openTab(s, name))} data-testid={`tab-${name}`}>
              {name}
            </button>
            <button className="tab-close" aria-label={t('closeTab')} onClick={() => store.set((s) => closeTab(s, name))}>
              ×
            </button>
          </div>
        ))}
        {viewing && (
          <div role="tab" aria-selected className="tab active readonly">
            <span className="tab-name">
              {viewing.path} <em>({t('readOnly')})</em>
            </span>
            <button className="tab-close" aria-label={t('closeTab')} onClick={() => store.set({ viewing: null })}>
              ×
            </button>
          </div>
        )}
        <span className="tab-spacer" />
        {edited && (
          <button className="restore-example" data-testid="restore-example" title={t('restoreExampleHint')} onClick={() => store.set((s) => restoreExample(s, active!, original!))}>
            ↺ {t('restoreExample')}
          </button>
        )}
        {counts.here > 0 && <span className="build-errors" data-testid="build-errors">{t('buildFailed', { n: counts.here })}</span>}
        {counts.elsewhere > 0 && (
          <span className="build-errors elsewhere" data-testid="build-errors-elsewhere">
            {t('errorsElsewhere', { n: counts.elsewhere })}
          </span>
        )}
      </div>
      <div className="editor-host" ref={host} data-testid="editor" />
      <ProblemsList store={store} />
    </section>
  );
});
