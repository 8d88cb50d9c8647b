// The app shell: creates the store, the link to the lab host (Web Worker or Electron port)
// and the controller, restores the workspace (Electron: userData via the preload; web: the
// browser's localStorage, validated the same way), and lays out the panes.
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { REPORT_COMMAND_EVENT } from './report/ReportButtons';
import { checkWorkspace, type MenuCommand, type Workspace } from '../common/app-api';
import { ConsolePane } from './console/ConsolePane';
import { StatusBar } from './controls/StatusBar';
import { Toolbar } from './controls/Toolbar';
import { EditorPane } from './editor/EditorPane';
import { GraphPane } from './graph/GraphPane';
import { createElectronLink, createWorkerLink, desktopApi } from './host/host-link';
import { LanguageProvider } from './i18n';
import { detectLanguage, translate } from './i18n/messages';
import { translateHostError } from './i18n/reasons';
import { InspectorPane } from './inspector/InspectorPane';
import { clampSize, MIN_PANE_PX as MIN, parseSizes, type PaneSizes } from './layout/panes';
import { Splitter } from './layout/Splitter';
import { SESSION_COMMAND_EVENT } from './controls/SessionButtons';
import { createController } from './session/controller';
import { Sidebar } from './session/Sidebar';
import { addExample, createStore, initialState, type AppState, type Store } from './session/store';
import { useStore } from './session/use-store';
import { TimelinePane } from './timeline/TimelinePane';
import { DebuggerPane, useDebugging } from './debugger/DebuggerPane';
import { debugStore } from './debugger/store';
import { readonlySource } from './debugger/sources';

const LOCAL_KEY = 'forklab.workspace';
const SIZES_KEY = 'forklab.panes';

function toWorkspace(s: AppState): Workspace {
  return { version: 1, files: s.files, open: s.open, active: s.active, language: s.language, theme: s.theme };
}

function applyWorkspace(store: Store, ws: Workspace): void {
  store.set((s) => ({
    ...s,
    files: ws.files,
    open: ws.open,
    active: ws.active,
    language: ws.language ?? s.language,
    theme: ws.theme ?? s.theme,
  }));
}

function useWorkspacePersistence(store: Store): void {
  useEffect(() => {
    const api = desktopApi();
    let ready = false;
    const load = async () => {
      if (api) {
        const r = await api.loadWorkspace();
        if (r.workspace) applyWorkspace(store, r.workspace);
        if (r.error) store.set((s) => ({ ...s, notice: translate(s.language, 'workspaceError', { error: r.error! }) }));
      } else {
        const text = localStorage.getItem(LOCAL_KEY);
        if (text) {
          try {
            const checked = checkWorkspace(JSON.parse(text));
            if (checked.ok) applyWorkspace(store, checked.workspace);
            else throw new Error(checked.error);
          } catch (err) {
            localStorage.setItem(`${LOCAL_KEY}.bad`, text);
            localStorage.removeItem(LOCAL_KEY);
            store.set((s) => ({ ...s, notice: translate(s.language, 'workspaceError', { error: (err as Error).message }) }));
          }
        }
      }
      ready = true;
    };
    void load().catch((err: Error) => {
      ready = true;
      store.set((s) => ({ ...s, notice: translate(s.language, 'workspaceError', { error: err.message }) }));
    });
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last: AppState | null = null;
    const unsub = store.subscribe(() => {
      const s = store.get();
      if (!ready || (last && last.files === s.files && last.open === s.open && last.active === s.active && last.language === s.language && last.theme === s.theme)) return;
      last = s;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 500);
    });
    function save(): void {
      timer = null;
      const ws = toWorkspace(store.get());
      if (api) void api.saveWorkspace(ws).catch(() => undefined);
      else localStorage.setItem(LOCAL_KEY, JSON.stringify(ws));
    }
    // Closing the window inside the debounce must not lose the last keystrokes.
    const flush = () => {
      if (timer) {
        clearTimeout(timer);
        save();
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      unsub();
      window.removeEventListener('pagehide', flush);
      if (timer) clearTimeout(timer);
    };
  }, [store]);
}

export function App() {
  const store = useMemo(() => {
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    return createStore(initialState(detectLanguage(navigator.languages ?? [navigator.language]), dark ? 'dark' : 'light'));
  }, []);
  const link = useMemo(() => {
    const api = desktopApi();
    return api ? createElectronLink(api) : createWorkerLink();
  }, []);
  const controller = useMemo(() => createController(link, store), [link, store]);
  useEffect(() => debugStore.connect(link, store, readonlySource), [link, store]);
  const debugging = useDebugging();
  // The host lives as long as the page (StrictMode's mount-unmount-mount must not kill it).
  useEffect(() => {
    const onHide = (e: PageTransitionEvent) => {
      if (!e.persisted) controller.dispose();
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [controller]);
  useWorkspacePersistence(store);

  const [sizes, setSizes] = useState<PaneSizes>(() => parseSizes(localStorage.getItem(SIZES_KEY)));
  useEffect(() => {
    const id = setTimeout(() => localStorage.setItem(SIZES_KEY, JSON.stringify(sizes)), 300);
    return () => clearTimeout(id);
  }, [sizes]);
  const resize = (key: keyof PaneSizes, value: number) => setSizes((z) => ({ ...z, [key]: clampSize(key, value) }));
  const step = (key: keyof PaneSizes) => (dir: -1 | 1) => resize(key, sizes[key] + dir * (key === 'sidebar' ? 16 : 0.02));
  const SPLIT = 5; // px, the splitter's thickness (styles.css .splitter)

  const language = useStore(store, (s) => s.language);
  const theme = useStore(store, (s) => s.theme);
  const notice = useStore(store, (s) => s.notice);

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dataset.theme = theme;
  }, [language, theme]);

  useEffect(() => {
    desktopApi()?.setLanguage(language);
  }, [language]);

  const api = desktopApi();
  const openFile = api
    ? async () => {
        try {
          const f = await api.openFile();
          if (f) store.set((s) => addExample(s, f.name, f.text));
        } catch (err) {
          store.set({ notice: (err as Error).message });
        }
      }
    : undefined;
  const saveFile = api
    ? async () => {
        const s = store.get();
        if (!s.active) return;
        try {
          await api.saveFile(s.active, s.files[s.active] ?? '');
        } catch (err) {
          store.set({ notice: (err as Error).message });
        }
      }
    : undefined;

  useEffect(() => {
    if (!api) return;
    const offMenu = api.onMenu((cmd: MenuCommand) => {
      switch (cmd) {
        case 'open': return void openFile?.();
        case 'save': return void saveFile?.();
        case 'build': return controller.build();
        case 'run': return controller.run();
        case 'pause': return controller.pause();
        case 'step': return controller.step(1);
        case 'reset': return controller.reset();
        case 'export-session':
        case 'open-session':
          return void window.dispatchEvent(new CustomEvent(SESSION_COMMAND_EVENT, { detail: cmd }));
        case 'export-png':
        case 'export-svg':
          return void window.dispatchEvent(new CustomEvent('forklab-export', { detail: cmd.slice(7) }));
        case 'export-report-md':
        case 'export-report-html':
        case 'export-report-pdf':
          return void window.dispatchEvent(new CustomEvent(REPORT_COMMAND_EVENT, { detail: cmd.slice('export-report-'.length) }));
        case 'lang-en': return store.set({ language: 'en' });
        case 'lang-zh-CN': return store.set({ language: 'zh-CN' });
        case 'theme-light': return store.set({ theme: 'light' });
        case 'theme-dark': return store.set({ theme: 'dark' });
      }
    });
    const offNotice = api.onHostNotice((n) =>
      store.set((s) => ({
        ...s,
        notice: n.kind === 'crashed' ? translate(s.language, 'hostCrashed', { reason: n.reason }) : n.generation > 1 ? translate(s.language, 'hostRestarted') : s.notice,
        runState: n.kind === 'crashed' ? 'halted' : s.runState,
      })),
    );
    return () => {
      offMenu();
      offNotice();
    };
    // openFile/saveFile close over stable store/api only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, controller, store]);

  return (
    <LanguageProvider value={language}>
      <div className="app">
        <Toolbar store={store} controller={controller} onOpen={openFile} onSave={saveFile} />
        {notice && (
          <div className="banner" role="alert" data-testid="notice">
            {translateHostError(language, notice)}
            <button onClick={() => store.set({ notice: null })}>×</button>
          </div>
        )}
        <div
          className="workspace"
          style={{ gridTemplateColumns: `${sizes.sidebar}px ${SPLIT}px minmax(${MIN.center}px, ${sizes.center}fr) ${SPLIT}px minmax(${MIN.right}px, ${1 - sizes.center}fr)` } as CSSProperties}
        >
          <Sidebar store={store} />
          <Splitter axis="x" testId="split-sidebar" label={translate(language, 'resizePanes')} onMove={(px) => resize('sidebar', px)} onStep={step('sidebar')} />
          <div className="column center" style={{ gridTemplateRows: `minmax(${MIN.editor}px, ${sizes.editor}fr) ${SPLIT}px minmax(${MIN.console}px, ${1 - sizes.editor}fr)` }}>
            <EditorPane store={store} controller={controller} />
            <Splitter axis="y" testId="split-editor" label={translate(language, 'resizePanes')} onMove={(px, len) => resize('editor', px / len)} onStep={step('editor')} />
            <div className={`center-bottom${debugging ? ' debugging' : ''}`}>
              {debugging && <DebuggerPane store={store} />}
              <ConsolePane store={store} controller={controller} />
            </div>
          </div>
          <Splitter
            axis="x"
            testId="split-center"
            label={translate(language, 'resizePanes')}
            onMove={(px, len) => resize('center', (px - sizes.sidebar - 2 * SPLIT) / Math.max(1, len - sizes.sidebar - 2 * SPLIT))}
            onStep={step('center')}
          />
          <div className="column right" style={{ gridTemplateRows: `minmax(${MIN.graph}px, ${sizes.graph}fr) ${SPLIT}px minmax(${MIN.bottom}px, ${1 - sizes.graph}fr)` }}>
            <GraphPane store={store} />
            <Splitter axis="y" testId="split-graph" label={translate(language, 'resizePanes')} onMove={(px, len) => resize('graph', px / len)} onStep={step('graph')} />
            <div className="row bottom" style={{ gridTemplateColumns: `minmax(${MIN.inspector}px, ${sizes.inspector}fr) ${SPLIT}px minmax(${MIN.timeline}px, ${1 - sizes.inspector}fr)` }}>
              <InspectorPane store={store} />
              <Splitter axis="x" testId="split-inspector" label={translate(language, 'resizePanes')} onMove={(px, len) => resize('inspector', px / len)} onStep={step('inspector')} />
              <TimelinePane store={store} controller={controller} />
            </div>
          </div>
        </div>
        <StatusBar store={store} />
      </div>
    </LanguageProvider>
  );
}
