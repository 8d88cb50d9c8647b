// Breakpoints in the Monaco gutter and the stopped line's highlight. Attached once to the
// editor (one call in EditorPane); it follows the editor's model and the debugger store: a
// click in the glyph margin toggles a breakpoint on that line of the file shown, red dots mark
// breakpoints (hollow when the line has no code), and the line the stopped process is on is
// highlighted and scrolled into view.
import { debugFileOf, debugStore } from './store';
import { translateDebug } from './messages';
import type { Language } from '../i18n/messages';
import { monaco } from '../editor/monaco';

/** The debugger's file name for a model: session files by name, resources under /forklab/. */
export function fileOfModel(model: monaco.editor.ITextModel | null): string | null {
  if (!model) return null;
  const path = model.uri.path;
  if (path.startsWith('/session/')) return debugFileOf(path.slice('/session/'.length), false);
  if (path.startsWith('/resources/')) return debugFileOf(path.slice('/resources/'.length), true);
  return null;
}

export function attachDebugGutter(ed: monaco.editor.IStandaloneCodeEditor, language: () => Language): { dispose(): void } {
  ed.updateOptions({ glyphMargin: true });
  const decorations = ed.createDecorationsCollection();
  let lastSerial = -1;

  const render = () => {
    const file = fileOfModel(ed.getModel());
    const s = debugStore.get();
    const list: monaco.editor.IModelDeltaDecoration[] = [];
    if (file !== null) {
      s.breakpoints.forEach((b, i) => {
        if (b.file !== file) return;
        const r = s.resolved[i];
        const line = r?.actualLine ?? b.line;
        const dead = r !== undefined && r.actualLine === null;
        list.push({
          range: new monaco.Range(line, 1, line, 1),
          options: {
            glyphMarginClassName: dead ? 'dbg-bp dbg-bp-dead' : b.pid !== undefined ? 'dbg-bp dbg-bp-pid' : 'dbg-bp',
            glyphMarginHoverMessage: {
              value: b.pid !== undefined ? translateDebug(language(), 'onlyProcess', { pid: b.pid }) : translateDebug(language(), 'toggleBreakpoint'),
            },
          },
        });
      });
      const stop = s.stop;
      if (stop?.line && stop.line.file === file && !s.running) {
        const line = stop.line.line;
        list.push({
          range: new monaco.Range(line, 1, line, 1),
          options: { isWholeLine: true, className: 'dbg-current-line', glyphMarginClassName: 'dbg-current-arrow' },
        });
        if (lastSerial !== s.stopSerial) {
          lastSerial = s.stopSerial;
          ed.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column: 1 });
        }
      }
    }
    decorations.set(list);
  };

  const mouse = ed.onMouseDown((e) => {
    const t = e.target;
    if (t.type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && t.type !== monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS) return;
    if (t.type === monaco.editor.MouseTargetType.GUTTER_LINE_NUMBERS && !e.event.altKey) return;
    const file = fileOfModel(ed.getModel());
    const line = t.position?.lineNumber;
    if (file === null || line === undefined) return;
    debugStore.toggle(file, line);
  });
  const model = ed.onDidChangeModel(render);
  const unsub = debugStore.subscribe(render);
  render();
  return {
    dispose() {
      mouse.dispose();
      model.dispose();
      unsub();
      decorations.clear();
    },
  };
}
