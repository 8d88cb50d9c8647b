// Vite settings shared by the Electron renderer build and the web edition: the renderer's
// root, module workers (Monaco's and the lab host's), and read access to resources/ for the
// examples, kernel sources and the kernel image that the renderer bundles.
import { resolve } from 'node:path';

export const rendererShared = {
  root: resolve('src/renderer'),
  base: './',
  worker: { format: 'es' as const },
  server: { fs: { allow: [resolve('.')] } },
};
