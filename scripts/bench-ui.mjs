#!/usr/bin/env node
// UI benchmark: time to apply a model update and re-layout for 100 processes and 1,000 frames,
// measured in Chromium (the renderer's engine). Bundles scripts/bench-ui-entry.ts with Vite,
// runs it in headless Chromium through playwright-core, and prints two JSON lines:
//   {"bench":"ui-update-100p-1000f","value":<median ms>,"unit":"ms"}              frames changed
//   {"bench":"ui-update-100p-1000f-new-process","value":<median ms>,"unit":"ms"}  tree changed too
// Then (not with --node) it builds and serves the web edition and drives the real page, the
// fork bomb at 1M instructions per second, for three more lines:
//   ui-pause-forkbomb-1m        click on Pause -> the status bar says paused (ms)
//   ui-longest-task-forkbomb-1m the longest main-thread task from the click on Run to after the
//                               pause (ms; opening the example comes before)
// with CPU time beside the wall time (`cpu`, from a Chromium trace: the thread time of the
// main thread between the click and the paint, and of its longest task), because on a shared
// machine a task's wall time is mostly the time its thread waited for a core;
//   ui-draw-64p                 every process of the paused bomb drawn: a click that redraws
//                               the whole graph -> the next paint (ms, median of 5)
// Chromium: $FORKLAB_CHROMIUM, else /usr/bin/chromium. With --node it runs in Node instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
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

if (!process.argv.includes('--node')) {
  const line = (bench, value, extra = {}) => console.log(JSON.stringify({ bench, value: round(value), unit: 'ms', ...extra }));
  for (const [bench, value, extra] of await interactionFigures()) line(bench, value, extra);
}

/** The web edition in Chromium: Pause while the fork bomb runs at 1M/s, and drawing 64 processes. */
async function interactionFigures() {
  const port = await new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  const outDir = new URL('../test-results/bench-web', import.meta.url).pathname;
  const server = spawn(process.execPath, [new URL('./web.mjs', import.meta.url).pathname, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORKLAB_WEB_OUT: outDir } });
  await new Promise((resolve, reject) => {
    let log = '';
    server.stdout.on('data', (b) => (log += b) && log.includes('ForkLab web edition:') && resolve());
    server.once('exit', (code) => reject(new Error(`web server exited with ${code}`)));
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.FORKLAB_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByTestId('run').waitFor();
    // Opening the example is not part of the figure (Monaco creates and tokenises its model in
    // the click's task, tens of ms): long tasks count from the click on Run.
    await page.getByTestId('example-forkbomb').click();
    await page.getByTestId('speed').selectOption('1000000');
    await page.waitForTimeout(500);
    await page.evaluate(`(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    })()`);
    // Thread (CPU) time of the main thread's tasks, from a trace of the run and the pause.
    const tracePath = join(outDir, '..', `bench-ui-trace-${process.pid}.json`);
    await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'toplevel'] });
    await page.getByTestId('run').click();
    // Until the process table is nearly full (the bomb makes 64 processes at its peak).
    const count = () => page.evaluate(`(() => [...document.querySelectorAll('[data-testid=process-node], [data-testid=group-node]')].reduce((n, e) => n + (e.dataset.count ? Number(e.dataset.count) : 1), 0))()`);
    // (or 20 s in: at 1M/s the whole bomb takes about 10 s on a quiet machine, and reaped pids
    // come back; a loaded machine runs it slower)
    for (let i = 0; i < 200 && (await count()) < 40; i++) await page.waitForTimeout(100);
    const atPause = await count();
    if ((await page.getByTestId('run-state').getAttribute('data-state')) !== 'running') throw new Error('bench-ui: the fork bomb ended before Pause');
    // console.timeStamp marks the click and the paint in the trace's own clock.
    const pause = await page.evaluate(`new Promise((resolve) => {
      const state = document.querySelector('[data-testid=run-state]');
      const t0 = performance.now();
      new MutationObserver((_, obs) => {
        if (state.dataset.state === 'paused') { obs.disconnect(); requestAnimationFrame(() => { console.timeStamp('forklab-paused-painted'); resolve(performance.now() - t0); }); }
      }).observe(state, { attributes: true });
      setTimeout(() => resolve(-1), 10000);
      console.timeStamp('forklab-pause-click');
      document.querySelector('[data-testid=pause]').click();
    })`);
    await page.waitForTimeout(300);
    await browser.stopTracing();
    const cpu = mainThreadCpu(JSON.parse(readFileSync(tracePath, 'utf8')));
    if (!process.env.KEEP_TRACE) rmSync(tracePath, { force: true });
    const longest = await page.evaluate('Math.max(0, ...window.__long)');
    const tasks = await page.evaluate('window.__long.length');
    // Every process drawn: open each sibling group, then time a redraw of the whole graph.
    for (let i = 0; i < 100 && (await page.getByTestId('group-node').count()) > 0; i++) {
      await page.getByTestId('group-node').first().dispatchEvent('click');
      await page.waitForTimeout(50);
    }
    const processes = await page.getByTestId('process-node').count();
    const draws = [];
    for (let i = 0; i < 5; i++) {
      draws.push(await page.evaluate(`new Promise((resolve) => {
        const t0 = performance.now();
        document.querySelector('[data-testid=frames-mode]').click();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      })`));
      await page.waitForTimeout(200);
    }
    draws.sort((a, b) => a - b);
    return [
      ['ui-pause-forkbomb-1m', pause, { processes: atPause, cpu: round(cpu.pause) }],
      ['ui-longest-task-forkbomb-1m', longest, { longTasks: tasks, cpu: round(cpu.longest) }],
      ['ui-draw-64p', draws[2], { processes }],
    ];
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * From a Chromium trace: the main thread's CPU time between the Pause click and the paint that
 * shows "paused" (ms), and the CPU time of its longest task (ms).
 */
function mainThreadCpu(trace) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return { pause: -1, longest: -1 };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const mark = (name) => onMain.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === name)?.ts;
  const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && typeof e.tdur === 'number');
  const longest = Math.max(0, ...tasks.map((e) => e.tdur)) / 1000;
  const from = mark('forklab-pause-click');
  const to = mark('forklab-paused-painted');
  if (from === undefined || to === undefined) return { pause: -1, longest };
  // A task that straddles a mark counts in proportion to the part inside the window.
  let us = 0;
  for (const e of tasks) {
    const overlap = Math.min(e.ts + e.dur, to) - Math.max(e.ts, from);
    if (overlap > 0) us += e.tdur * (overlap / Math.max(1, e.dur));
  }
  return { pause: us / 1000, longest };
}
