// The lab host: the far end of the renderer's MessagePort. It runs in an Electron utility
// process or a Web Worker (the transport is injected), owns one lab session at a time, and
// speaks src/common/protocol.ts. Its jobs: dispatch requests, stream console text, models and
// timeline entries to the renderer with flow control, and export / open session reports.
// Running is the runner's business (runner.ts: checkpoints, seek, run-until, step back;
// run-loop.ts: slices and speed).
//
// Flow control, the same for both streams: console output stops while the renderer is more
// than CONSOLE_WINDOW characters behind and resumes on its acks; a model walk is taken only
// once the renderer has acked the previous model (it acks after drawing), so a slow graph
// slows the model stream, never the page. A stop always sends its model.

import { CONSOLE_WINDOW, isHostRequest, type HostEvent, type HostRequest, type RunThen, type SessionFiles } from '../common/protocol';
import { buildSession, type LabResources } from './build';
import { createReport, parseReport, serializeReport, type Bookmark } from './report';
import { momentsFromRunner } from './report-replay';
import { LabSession, type SessionOptions } from './session';
import { Runner } from './runner';
import { RunLoop } from './run-loop';
import { createDebugControl } from './debug/host-debug';

export type { LabResources } from './build';

export interface HostOptions {
  post(ev: HostEvent): void;
  /** Runs `fn` soon, after pending messages are handled (setTimeout(fn, 0) or a MessageChannel). */
  schedule(fn: () => void): void;
  /** Runs `fn` after `ms` milliseconds (setTimeout); used to hold a chosen speed. */
  delay(fn: () => void, ms: number): void;
  /** Milliseconds from a monotonic clock. */
  now(): number;
}

export interface LabHost {
  handle(msg: unknown): void;
  dispose(): void;
}

/** Console text sent with a jump in time (the terminal shows the tail of the text up to then). */
const REWIND_CONSOLE = 256 * 1024;

export function createLabHost(resources: LabResources, opts: HostOptions): LabHost {
  let runner: Runner | null = null;
  let lastRun: { files: SessionFiles; apps?: string; bootargs?: string } | null = null;
  let bootargsUsed = '';
  let optionsUsed: SessionOptions | null = null;
  let disposed = false;
  let unacked = 0;
  let pendingConsole = '';
  let modelInFlight = false;
  let seenRewinds = 0;

  const post = (ev: HostEvent) => {
    if (!disposed) opts.post(ev);
  };
  const debug = createDebugControl(resources.kernel, post);
  const status = (reason?: string) =>
    post({
      type: 'status',
      state: loop.state,
      insn: runner?.insn ?? 0,
      mips: loop.state === 'running' ? loop.mips : 0,
      frontier: runner?.reached ?? 0,
      ...(reason ? { reason } : {}),
      ...(runner?.session.machine.tier.kind === 'interpreter' ? { interpreterOnly: runner.session.machine.tier.reason } : {}),
    });

  const loop = new RunLoop(null, {
    schedule: opts.schedule,
    delay: opts.delay,
    now: opts.now,
    publish,
    wantsModel: () => !modelInFlight,
    backlogged: () => pendingConsole.length > CONSOLE_WINDOW,
    status,
    stopped: publishStop,
    debug,
  });

  function flushConsole(): void {
    if (runner) pendingConsole += runner.takeConsole();
    const room = CONSOLE_WINDOW - unacked;
    if (pendingConsole.length === 0 || room <= 0) return;
    const chunk = pendingConsole.slice(0, room);
    pendingConsole = pendingConsole.slice(chunk.length);
    unacked += chunk.length;
    post({ type: 'console', data: chunk });
  }

  /** Timeline, console and (when the renderer is ready, or `force`) the model; `streamsOnly` leaves the model out. */
  function publish(force: boolean, streamsOnly = false): void {
    if (!runner) return;
    const timeline = runner.takeTimeline();
    if (runner.rewinds !== seenRewinds) {
      // The machine went back in time: the terminal restarts from the text up to now.
      seenRewinds = runner.rewinds;
      runner.takeConsole();
      pendingConsole = '';
      unacked = 0;
      const text = runner.consoleText();
      post({ type: 'rewound', insn: runner.insn, console: text.slice(-REWIND_CONSOLE), frontier: runner.reached });
    }
    flushConsole();
    if (timeline.length > 0) post({ type: 'timeline', events: timeline });
    if (streamsOnly) return;
    if (force || !modelInFlight) {
      modelInFlight = true;
      post({ type: 'model', model: runner.session.model() });
    }
  }

  /**
   * A stop: timeline and console first (the renderer's status reducer reads the timeline), then
   * the status, then the model walk, so the page paints the stop without waiting for the graph.
   */
  function publishStop(reason?: string): void {
    publish(false, true);
    status(reason);
    publish(true);
  }

  function start(req: Extract<HostRequest, { type: 'run' }>): boolean {
    loop.attach(null);
    loop.state = 'building';
    status();
    const built = buildSession(resources, req.files, req.apps, req.bootargs);
    post({ type: 'diagnostics', id: req.id, diagnostics: built.diagnostics, ok: built.ok });
    if (!built.ok) {
      runner = null;
      loop.state = 'idle';
      status('the build failed');
      return false;
    }
    const booted = LabSession.boot(built.options);
    if (!booted.ok) {
      runner = null;
      loop.state = 'idle';
      post({ type: 'error', message: booted.error });
      status(booted.error);
      return false;
    }
    runner = new Runner(booted.session);
    debug.attach(booted.session, built.options.apps);
    seenRewinds = 0;
    bootargsUsed = built.options.bootargs;
    optionsUsed = built.options;
    lastRun = { files: req.files, ...(req.apps ? { apps: req.apps } : {}), ...(req.bootargs ? { bootargs: req.bootargs } : {}) };
    unacked = 0;
    pendingConsole = '';
    modelInFlight = false;
    loop.attach(runner);
    loop.state = 'paused';
    then(req.then ?? { kind: 'run' });
    return true;
  }

  /** What to do once booted, or from a paused machine. */
  function then(what: RunThen): void {
    if (!runner) return;
    switch (what.kind) {
      case 'run':
        publish(true);
        loop.start();
        return;
      case 'pause':
        loop.state = 'paused';
        publishStop();
        return;
      case 'step':
        jumped(() => runner!.step(1));
        return;
      case 'until':
        loop.start({ kind: 'until', event: what.event });
        return;
    }
  }

  /** Runs a bounded jump (step, seek, step back) right away and shows where it landed. */
  function jumped(move: () => ReturnType<Runner['seek']> | null, reason?: string): void {
    if (!runner) return;
    if (loop.state === 'running') loop.state = 'paused';
    const end = move();
    if (end?.kind === 'halted') return loop.ended(end);
    if (loop.state === 'halted' && !runner.finished) loop.state = 'paused';
    publishStop(reason);
    debug.paused();
  }

  function exportReport(title: string, marks: readonly Bookmark[], withMoments: boolean): void {
    if (!runner || !lastRun || !optionsUsed) {
      post({ type: 'error', message: 'run a program before exporting the session' });
      return;
    }
    flushConsole();
    const r = runner;
    // Bookmarks may lie in the run's recorded future (the student went back in time after
    // marking them): the saved run then ends at the last bookmark, so none is dropped. The
    // moments come from the runner's checkpoints, and the runner comes back to where it was:
    // the screen stays, and the console re-executed on the way is not sent again.
    const kept = marks.filter((b) => b.insn <= Math.max(r.insn, r.reached)).sort((a, b) => a.insn - b.insn);
    const end = Math.max(r.insn, ...kept.map((b) => b.insn));
    const instants = kept.map((b) => b.insn);
    const needReplay = withMoments || end > r.insn;
    const replayed = needReplay ? momentsFromRunner(r, [...instants, end]) : null;
    if (needReplay) {
      r.takeConsole();
      seenRewinds = r.rewinds;
    }
    if (replayed && !replayed.ok) {
      post({ type: 'error', message: replayed.error });
      return;
    }
    const last = replayed?.ok ? replayed.moments[replayed.moments.length - 1]! : null;
    const atEnd = end > r.insn && last !== null;
    const report = createReport({
      title,
      sources: lastRun.files,
      bootargs: bootargsUsed,
      insn: end,
      console: atEnd ? last.console : r.consoleText(),
      timeline: atEnd ? r.timeline.filter((e) => e.insn <= end) : r.timeline.slice(0, r.timelineCount),
      model: atEnd ? last.model : r.session.model(),
      bookmarks: kept,
      speed: loop.ips,
    });
    const fileName = `forklab-session-${end}.json`;
    if (!withMoments || !replayed?.ok) post({ type: 'report', text: serializeReport(report), fileName });
    else post({ type: 'report', text: serializeReport(report), fileName, moments: replayed.moments.slice(0, instants.length) });
  }

  function openReport(text: string): void {
    const parsed = parseReport(text);
    if (!parsed.ok) {
      post({ type: 'error', message: parsed.error });
      return;
    }
    const report = parsed.report;
    if (!start({ type: 'run', id: -1, files: report.sources, bootargs: report.bootargs, then: { kind: 'pause' } })) return;
    // Runs are deterministic: replaying to the same instruction gives the same model, unless
    // the kernel or the toolchain changed since the export.
    loop.start({
      kind: 'target',
      insn: report.insn,
      done: () => {
        const exact = JSON.stringify(runner?.session.model()) === JSON.stringify(report.model);
        // The replay itself ran flat out; from here on the run goes at the exported speed.
        if (report.speed !== undefined) loop.ips = report.speed;
        post({
          type: 'report-opened',
          title: report.title,
          sources: report.sources,
          exact,
          bootargs: report.bootargs,
          ...(report.bookmarks.length > 0 ? { bookmarks: report.bookmarks } : {}),
          ...(report.speed !== undefined ? { speed: report.speed } : {}),
        });
      },
    });
  }

  function handle(msg: unknown): void {
    if (disposed) return;
    if (!isHostRequest(msg)) {
      post({ type: 'error', message: 'the lab host received a malformed request and ignored it' });
      return;
    }
    switch (msg.type) {
      case 'build': {
        const built = buildSession(resources, msg.files, undefined, undefined);
        post({ type: 'diagnostics', id: msg.id, diagnostics: built.diagnostics, ok: built.ok });
        return;
      }
      case 'run':
        start(msg);
        return;
      case 'pause':
        if (loop.state === 'running') {
          loop.pause();
          debug.paused();
        }
        return;
      case 'resume':
        if (loop.state === 'paused') loop.start();
        return;
      case 'step':
        if (runner && loop.state !== 'building') jumped(() => runner!.step(msg.count));
        return;
      case 'run-until':
        if (runner && (loop.state === 'paused' || loop.state === 'running')) loop.start({ kind: 'until', event: msg.event });
        return;
      case 'step-back':
        if (runner && loop.state !== 'building') {
          const to = msg.to;
          if (to) jumped(() => runner!.backTo(to));
          else jumped(() => runner!.stepBack(msg.count ?? 1));
        }
        return;
      case 'seek':
        if (runner && loop.state !== 'building') {
          const r = runner;
          jumped(() => {
            if (!msg.settle) return r.seek(msg.insn);
            const ev = r.timelineEvent(msg.insn);
            return ev ? r.settleAfter(ev) : r.seek(msg.insn);
          });
        }
        return;
      case 'stop':
        if (runner && loop.state !== 'idle' && loop.state !== 'building') {
          if (loop.state === 'running') loop.state = 'paused';
          loop.ended({ kind: 'halted', clean: true, reason: 'stopped by the user' });
        }
        return;
      case 'reset':
        if (runner) jumped(() => runner!.seek(0));
        else if (lastRun) start({ type: 'run', id: -1, ...lastRun, then: { kind: 'pause' } });
        return;
      case 'speed':
        loop.ips = msg.ips;
        return;
      case 'input':
        runner?.sendInput(msg.data);
        if (loop.state === 'running') loop.kick();
        return;
      case 'console-ack':
        unacked = Math.max(0, unacked - msg.chars);
        flushConsole();
        if (loop.state === 'running') loop.kick();
        return;
      case 'model-ack':
        modelInFlight = false;
        return;
      case 'export-report':
        exportReport(msg.title, msg.bookmarks ?? [], msg.moments === true);
        return;
      case 'open-report':
        openReport(msg.text);
        return;
      case 'debug-breakpoints':
      case 'debug-memory':
        debug.handle(msg);
        return;
      case 'debug-run':
        if (runner && (loop.state === 'paused' || loop.state === 'running') && debug.handle(msg)) loop.start();
        return;
      case 'debug-back':
        if (runner && loop.state !== 'building' && loop.state !== 'idle') {
          let reason = '';
          jumped(() => {
            reason = debug.back(runner!, msg);
            return null;
          }, undefined);
          status(reason);
        }
        return;
    }
  }

  return {
    handle,
    dispose() {
      disposed = true;
      loop.dispose();
      runner = null;
    },
  };
}
