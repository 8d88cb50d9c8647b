#!/usr/bin/env node
// UI benchmark: time to apply a model update and re-layout for 100 processes and 1,000 frames,
// measured in Chromium (the renderer's engine). Bundles scripts/bench-ui-entry.ts with Vite,
// runs it in headless Chromium through playwright-core, and prints two JSON lines:
//   {"bench":"ui-update-100p-1000f","value":<median ms>,"unit":"ms"}              frames changed
//   {"bench":"ui-update-100p-1000f-new-process","value":<median ms>,"unit":"ms"}  tree changed too
// Chromium: $FORKLAB_CHROMIUM, else /usr/bin/chromium. With --node it runs in Node instead.
import { existsSync } from 'node:fs';
import { build } from 'vite';

const RUNS = 21;
const entry = new URL('./bench-ui-entry.ts', import.meta.url).pathname;

const out = await build({
  configFile: false,
  logLevel: 'silent',
  build: {
    write: false,
    minify: true,
    lib: { entry, formats: ['iife'], name: 'ForkLabBench', fileName: 'bench' },
  },
});
const code = (Array.isArray(out) ? out[0] : out).output[0].code;

let result;
if (process.argv.includes('--node')) {
  const fn = new Function(`${code}; return ForkLabBench;`);
  result = fn().benchUpdate(RUNS, () => performance.now());
} else {
  const executablePath = process.env.FORKLAB_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(`bench-ui: no Chromium at ${executablePath}; set FORKLAB_CHROMIUM or pass --node`);
    process.exit(1);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: code });
    result = await page.evaluate((runs) => globalThis.ForkLabBench.benchUpdate(runs, () => performance.now()), RUNS);
  } finally {
    await browser.close();
  }
}
const round = (x) => Math.round(x * 10) / 10;
console.log(JSON.stringify({ bench: 'ui-update-100p-1000f', value: round(result.median), unit: 'ms', nodes: result.nodes, edges: result.edges }));
console.log(JSON.stringify({ bench: 'ui-update-100p-1000f-new-process', value: round(result.fullLayout), unit: 'ms', nodes: result.nodes, edges: result.edges }));
