// Reverse debugging through the lab host (on the runner's checkpoints): issue 10's scenario
// at the protocol level (run cow to the end, seek to its first COW copy, step back one source
// line: the state before the write), and reverse-continue to the previous breakpoint hit.
import { expect, test } from 'vitest';
import type { HostEvent } from '../../../src/common/protocol';
import type { LabModel } from '../../../src/common/model';
import { cowSource, hostHarness } from '../host-harness';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineOf } from './harness';

/** The `ret` after the ecall in the user library's system-call stub. */
const stubRet = (() => {
  const lines = readFileSync(join(__dirname, '../../../resources/user/lib/syscall.S'), 'utf8').split('\n');
  const ecall = lines.findIndex((l) => l.trim() === 'ecall');
  return ecall + 1 + lines.slice(ecall + 1).findIndex((l) => l.trim() === 'ret') + 1;
})();

type Stopped = Extract<HostEvent, { type: 'debug-stopped' }>;

function harness() {
  const h = hostHarness();
  const after = <T extends HostEvent>(from: number, pred: (ev: HostEvent) => ev is T) => h.until((ev): ev is T => pred(ev) && h.events.indexOf(ev) >= from);
  const stoppedAfter = (from: number) => after(from, (ev): ev is Stopped => ev.type === 'debug-stopped');
  const modelAfter = async (from: number) => {
    await after(from, (ev): ev is Extract<HostEvent, { type: 'status' }> => ev.type === 'status' && ev.state !== 'running');
    const models = h.events.filter((e, i): e is Extract<HostEvent, { type: 'model' }> => i >= from && e.type === 'model');
    return models.at(-1)!.model;
  };
  return { ...h, stoppedAfter, modelAfter };
}

const mapsOf = (m: LabModel, frame: number) => m.frames.find((f) => f.addr === frame);

test('after seeking to the first COW copy, stepping back one line is the state before the write', async () => {
  const { host, events, until, stoppedAfter, modelAfter } = harness();
  host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
  await until((ev) => ev.type === 'status' && ev.state === 'halted');
  const copy = events.flatMap((e) => (e.type === 'timeline' ? e.events : [])).find((e) => e.kind === 'cow-copy')!;
  expect(copy).toBeDefined();

  let from = events.length;
  host.handle({ type: 'seek', insn: copy.insn, settle: true });
  const atCopy = await modelAfter(from);
  const stop = await stoppedAfter(from);
  // The copy made: the new frame is the faulting process's own, the old one no longer shared with it.
  expect(mapsOf(atCopy, copy.frame!)?.mappings).toEqual([expect.objectContaining({ pid: copy.pid, va: copy.va! - (copy.va! % 4096), writable: true })]);
  expect(stop.stop.pid).toBe(copy.pid);
  expect(stop.stop.space).toBe('user');
  expect(stop.stop.line).not.toBeNull();

  from = events.length;
  host.handle({ type: 'debug-back', goal: 'line' });
  const back = await stoppedAfter(from);
  const before = await modelAfter(from);
  expect(back.stop.reason).toEqual({ kind: 'step', goal: 'back' });
  expect(back.stop.insn).toBeLessThan(copy.insn);
  expect(back.stop.pid).toBe(copy.pid);
  // The write follows fork's system call on the same line: one line back is the end of that
  // call (the system-call stub's last line), where fork is done and the write is not.
  expect(back.stop.line).toEqual({ file: '/forklab/lib/syscall.S', line: stubRet });
  expect(back.stop.space).toBe('user');
  // Before the write: the new frame does not exist for the process, the old one is shared (COW, refcount 2).
  expect(mapsOf(before, copy.frame!)).toBeUndefined();
  const old = mapsOf(before, copy.oldFrame!)!;
  expect(old.sharing).toBe('cow');
  expect(old.refcount).toBe(2);
  expect(old.mappings.map((m) => m.pid)).toContain(copy.pid);
  host.dispose();
}, 180_000);

test('reverse-continue goes back to the previous breakpoint hit, at its exact instruction', async () => {
  const { host, events, until, stoppedAfter } = harness();
  const line = lineOf(cowSource, 'global = 2;');
  host.handle({ type: 'debug-breakpoints', breakpoints: [{ file: 'cow.c', line }] });
  host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
  const hit = await stoppedAfter(0);
  expect(hit.stop.line).toEqual({ file: 'cow.c', line });
  let from = events.length;
  host.handle({ type: 'debug-run', goal: 'continue' });
  await until((ev) => ev.type === 'status' && ev.state === 'halted' && events.indexOf(ev) >= from);

  from = events.length;
  host.handle({ type: 'debug-back', goal: 'continue' });
  const back = await stoppedAfter(from);
  expect(back.stop).toMatchObject({ insn: hit.stop.insn, pid: hit.stop.pid, pc: hit.stop.pc, line: { file: 'cow.c', line }, reason: { kind: 'breakpoint' } });
  host.dispose();
}, 180_000);
