// Monaco, bundled locally: the editor API, every standard editor feature (hover with marker
// messages, find and replace, F8 error navigation, folding, multi-cursor, the command palette
// ...: `features/register.all`, which `editor.api` alone leaves out), the C language (cpp
// definitions), and its one web worker through Vite's `?worker` import, so nothing is fetched
// from a CDN and the CSP holds.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/cpp/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };

export function sessionUri(name: string): monaco.Uri {
  return monaco.Uri.parse(`file:///session/${name}`);
}

export function readonlyUri(path: string): monaco.Uri {
  return monaco.Uri.parse(`file:///resources/${path}`);
}

export function languageFor(name: string): string {
  return /\.(c|h)$/.test(name) ? 'c' : /\.(S|s)$/.test(name) ? 'asm' : 'plaintext';
}
