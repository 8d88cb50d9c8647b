// The web edition: the same renderer as the desktop app, with the lab host in a Web Worker
// (src/renderer/host/lab-worker.ts). Built to out/web and served by scripts/web.mjs.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { rendererShared } from './vite.shared';

export default defineConfig({
  ...rendererShared,
  plugins: [react()],
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8192,
    rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
  },
});
