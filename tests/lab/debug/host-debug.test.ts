// The debugger through the lab host's protocol, as the renderer drives it: breakpoints set
// before Run stop the run, debug-run steps, debug-memory reads the stopped process's pages.
import { expect, test } from 'vitest';
import type { HostEvent } from '../../../src/common/protocol';
import { cowSource, hostHarness } from '../host-harness';
import { lineOf } from './harness';

type Stopped = Extract<HostEvent, { type: 'debug-stopped' }>;
const isStopped = (ev: HostEvent): ev is Stopped => ev.type === 'debug-stopped';

test('a breakpoint set before Run pauses the run there; over steps a line; memory reads the page', async () => {
  const { host, events, until } = hostHarness();
  const line = lineOf(cowSource, 'global = 2;');
  host.handle({ type: 'debug-breakpoints', breakpoints: [{ file: 'cow.c', line }] });
  host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
  const bps = await until((ev): ev is Extract<HostEvent, { type: 'debug-breakpoints' }> => ev.type === 'debug-breakpoints');
  expect(bps.breakpoints).toMatchObject([{ file: 'cow.c', line, actualLine: line, addresses: 1 }]);
  const first = await until(isStopped);
  expect(first.stop).toMatchObject({ space: 'user', program: 'cow', line: { file: 'cow.c', line }, reason: { kind: 'breakpoint' } });
  expect(first.stop.stack.map((f) => f.function).slice(0, 2)).toEqual(['child', 'main']);
  expect(first.stop.registers.values.pc).toBe(`0x${BigInt(first.stop.pc).toString(16).padStart(16, '0')}`);
  await until((ev) => ev.type === 'status' && ev.state === 'paused');

  const seen = events.length;
  host.handle({ type: 'debug-run', goal: 'over' });
  const next = await until((ev): ev is Stopped => isStopped(ev) && events.indexOf(ev) >= seen);
  expect(next.stop).toMatchObject({ pid: first.stop.pid, line: { file: 'cow.c', line: line + 1 }, reason: { kind: 'step', goal: 'over' } });
  // The store to `global` changed a register (at least the pc) and they are reported as changed.
  expect(next.stop.registers.changed).toContain('pc');

  host.handle({ type: 'debug-memory', pgd: next.stop.pgd, va: 0, length: 32 });
  const mem = await until((ev): ev is Extract<HostEvent, { type: 'debug-memory' }> => ev.type === 'debug-memory');
  expect(mem.pages).toEqual([{ va: 0, mapped: false, from: 0, length: 32 }]);
  host.dispose();
});
