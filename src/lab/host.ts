// The lab host: the far end of the renderer's MessagePort. It runs in an Electron utility
// process or a Web Worker (the transport is injected), owns one lab session at a time, and
// speaks src/common/protocol.ts.
//
// Scheduling: the machine runs in slices sized to take ~10 ms at the current speed, each
// scheduled through `opts.schedule`, so pause, step and input are handled between slices.
// Model snapshots are throttled to ~20 per second; console output stops while the renderer is
// more than CONSOLE_WINDOW characters behind (flow control) and resumes on its acks.

import type { LabModel } from '../common/model';
import { CONSOLE_WINDOW, isHostRequest, type HostEvent, type HostRequest, type RunState, type SessionFiles } from '../common/protocol';
import type { TimelineEvent } from '../common/model';
import { buildSession, type LabResources } from './build';
import { createReport, parseReport, serializeReport } from './report';
import { LabSession, type StopOn } from './session';
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

/** Minimum interval between model snapshots sent to the renderer. */
const MODEL_INTERVAL_MS = 50;
/** Target wall time of one slice. */
const SLICE_MS = 10;
/** Most instructions run past a slice's end to reach user mode before a model snapshot. */
const MODEL_SETTLE_LIMIT = 100_000;
/** Console text kept for reports; older text is dropped first (a fork bomb can print a lot). */
const TRANSCRIPT_LIMIT = 4 * 1024 * 1024;

export function createLabHost(resources: LabResources, opts: HostOptions): LabHost {
  let session: LabSession | null = null;
  let lastRun: { files: SessionFiles; apps?: string; bootargs?: string } | null = null;
  let bootargsUsed = '';
  let transcript = '';
  let history: TimelineEvent[] = [];
  /** Set while replaying a report: run to exactly this instruction count, then pause. */
  let target: { insn: number; done: () => void } | null = null;
  let state: RunState = 'idle';
  let sliceInsns = 200_000;
  let ips: number | null = null;
  let stopOn: StopOn = null;
  let scheduled = false;
  let disposed = false;
  let lastModelAt = -Infinity;
  let unacked = 0;
  let pendingConsole = '';
  let mipsWindow = { at: opts.now(), insn: 0 };
  let mips = 0;

  const post = (ev: HostEvent) => {
    if (!disposed) opts.post(ev);
  };
  const debug = createDebugControl(resources.kernel, post);
  const status = (reason?: string) =>
    post({ type: 'status', state, insn: session?.insn ?? 0, mips: state === 'running' ? mips : 0, ...(reason ? { reason } : {}) });

  function flushConsole(): void {
    if (session) {
      const text = session.takeConsole();
      pendingConsole += text;
      transcript += text;
      if (transcript.length > TRANSCRIPT_LIMIT) transcript = transcript.slice(transcript.length - TRANSCRIPT_LIMIT);
    }
    const room = CONSOLE_WINDOW - unacked;
    if (pendingConsole.length === 0 || room <= 0) return;
    const chunk = pendingConsole.slice(0, room);
    pendingConsole = pendingConsole.slice(chunk.length);
    unacked += chunk.length;
    post({ type: 'console', data: chunk });
  }

  function publish(force: boolean): void {
    if (!session) return;
    flushConsole();
    const timeline = session.takeTimeline();
    if (timeline.length > 0) {
      history.push(...timeline);
      post({ type: 'timeline', events: timeline });
    }
    const now = opts.now();
    if (force || now - lastModelAt >= MODEL_INTERVAL_MS) {
      lastModelAt = now;
      const model: LabModel = session.model();
      post({ type: 'model', model });
    }
  }

  function loop(): void {
    scheduled = false;
    if (disposed || !session || state !== 'running') return;
    // Output back-pressure: let the renderer catch up before producing more.
    if (pendingConsole.length > CONSOLE_WINDOW) return;
    const started = opts.now();
    const before = session.insn;
    const budget = target ? Math.min(sliceInsns, target.insn - session.insn) : sliceInsns;
    // When this slice ends with a model update, end it where the kernel is not mid-update (in
    // user mode), so the drawn reference counts always agree with the mappings. A replay must
    // stop at its exact instruction, and run-until has its own stopping point.
    const wantsModel = started - lastModelAt >= MODEL_INTERVAL_MS;
    if (stopOn === null && target === null && debug.active()) {
      // Breakpoints or a debugger goal: the debugger runs the slice (src/lab/debug/host-debug.ts).
      const d = debug.slice(budget);
      if (d.kind !== 'more') {
        state = d.kind === 'halted' ? 'halted' : 'paused';
        publish(true);
        status(d.reason);
        return;
      }
      publish(false);
      status();
      kick();
      return;
    }
    const end =
      stopOn === null && target === null && wantsModel
        ? session.runSliceSettled(budget, MODEL_SETTLE_LIMIT)
        : session.runSlice(budget, stopOn);
    const elapsed = Math.max(0.1, opts.now() - started);
    // Aim the next slice at SLICE_MS of wall time, or at the requested speed.
    const rate = (sliceInsns / elapsed) * 1000;
    sliceInsns = Math.max(1000, Math.min(5_000_000, Math.round(((ips ?? rate) * SLICE_MS) / 1000)));
    // At a chosen speed, wait out the rest of the time this slice should have taken.
    const pause = ips === null ? 0 : ((session.insn - before) / ips) * 1000 - elapsed;
    if (opts.now() - mipsWindow.at >= 1000) {
      mips = (session.insn - mipsWindow.insn) / ((opts.now() - mipsWindow.at) * 1000);
      mipsWindow = { at: opts.now(), insn: session.insn };
    }
    if (end.kind === 'halted') {
      state = 'halted';
      publish(true);
      status(end.reason);
      return;
    }
    if (end.kind === 'event') {
      state = 'paused';
      stopOn = null;
      publish(true);
      status(`stopped after ${end.event.type} at instruction ${end.event.insn}`);
      return;
    }
    if (target && session.insn >= target.insn) {
      const reached = target;
      target = null;
      state = 'paused';
      publish(true);
      status(`replayed to instruction ${session.insn}`);
      reached.done();
      return;
    }
    publish(false);
    status();
    kick(pause);
  }

  function kick(delayMs = 0): void {
    if (!scheduled && !disposed) {
      scheduled = true;
      if (delayMs >= 1) opts.delay(loop, delayMs);
      else opts.schedule(loop);
    }
  }

  function start(req: Extract<HostRequest, { type: 'run' }>): boolean {
    target = null;
    state = 'building';
    status();
    const built = buildSession(resources, req.files, req.apps, req.bootargs);
    post({ type: 'diagnostics', id: req.id, diagnostics: built.diagnostics, ok: built.ok });
    if (!built.ok) {
      state = 'idle';
      status('the build failed');
      return false;
    }
    const booted = LabSession.boot(built.options);
    if (!booted.ok) {
      state = 'idle';
      post({ type: 'error', message: booted.error });
      status(booted.error);
      return false;
    }
    session = booted.session;
    debug.attach(session, built.options.apps);
    bootargsUsed = built.options.bootargs;
    transcript = '';
    history = [];
    lastRun = { files: req.files, ...(req.apps ? { apps: req.apps } : {}), ...(req.bootargs ? { bootargs: req.bootargs } : {}) };
    unacked = 0;
    pendingConsole = '';
    mipsWindow = { at: opts.now(), insn: 0 };
    state = 'running';
    publish(true);
    kick();
    return true;
  }

  function exportReport(title: string): void {
    if (!session || !lastRun) {
      post({ type: 'error', message: 'run a program before exporting the session' });
      return;
    }
    flushConsole();
    const report = createReport({
      title,
      sources: lastRun.files,
      bootargs: bootargsUsed,
      insn: session.insn,
      console: transcript,
      timeline: history,
      model: session.model(),
    });
    post({ type: 'report', text: serializeReport(report), fileName: `forklab-session-${session.insn}.json` });
  }

  function openReport(text: string): void {
    const parsed = parseReport(text);
    if (!parsed.ok) {
      post({ type: 'error', message: parsed.error });
      return;
    }
    const report = parsed.report;
    if (!start({ type: 'run', id: -1, files: report.sources, bootargs: report.bootargs })) return;
    // Runs are deterministic: replaying to the same instruction gives the same model, unless
    // the kernel or the toolchain changed since the export.
    target = {
      insn: report.insn,
      done: () => {
        const exact = JSON.stringify(session?.model()) === JSON.stringify(report.model);
        post({ type: 'report-opened', title: report.title, sources: report.sources, exact });
      },
    };
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
        if (state === 'running') {
          state = 'paused';
          publish(true);
          status();
          debug.paused();
        }
        return;
      case 'resume':
        if (state === 'paused') {
          state = 'running';
          kick();
        }
        return;
      case 'step':
        if (session && (state === 'paused' || state === 'running')) {
          state = 'paused';
          const end = session.runSlice(msg.count);
          if (end.kind === 'halted') state = 'halted';
          publish(true);
          status(end.kind === 'halted' ? end.reason : undefined);
          if (end.kind !== 'halted') debug.paused();
        }
        return;
      case 'run-until':
        if (session && (state === 'paused' || state === 'running')) {
          stopOn = msg.event;
          state = 'running';
          kick();
        }
        return;
      case 'reset':
        if (lastRun) start({ type: 'run', id: -1, ...lastRun });
        return;
      case 'speed':
        ips = msg.ips;
        return;
      case 'input':
        session?.sendInput(msg.data);
        if (state === 'running') kick();
        return;
      case 'console-ack':
        unacked = Math.max(0, unacked - msg.chars);
        flushConsole();
        if (state === 'running') kick();
        return;
      case 'export-report':
        exportReport(msg.title);
        return;
      case 'open-report':
        openReport(msg.text);
        return;
      case 'debug-breakpoints':
      case 'debug-memory':
        debug.handle(msg);
        return;
      case 'debug-run':
        if (session && (state === 'paused' || state === 'running') && debug.handle(msg)) {
          stopOn = null;
          state = 'running';
          kick();
        }
        return;
    }
  }

  return {
    handle,
    dispose() {
      disposed = true;
      session = null;
    },
  };
}
