// The lab host driven as the renderer drives it, over an in-process transport, with the real
// kernel, the real toolchain and the cow lab test's source.
import { describe, expect, test } from 'vitest';
import type { HostEvent } from '../../src/common/protocol';
import { createLabHost } from '../../src/lab/host';
import { cowSource, hostHarness as harness, resources } from './host-harness';

describe('lab host', () => {
  test('builds, boots and runs the cow test to PASS, streaming console, model and timeline', async () => {
    const { host, events, until, consoleText } = harness();
    host.handle({ type: 'run', id: 7, files: { 'cow.c': cowSource } });
    await until((e) => e.type === 'status' && e.state === 'halted');
    expect(events.find((e) => e.type === 'diagnostics')).toMatchObject({ id: 7, ok: true });
    // Node allows code generation, so no status says the run is interpreter-only.
    expect(events.some((e) => e.type === 'status' && e.interpreterOnly !== undefined)).toBe(false);
    // the renderer never acked: output stops at the window, so ack and collect the rest
    host.handle({ type: 'console-ack', chars: 1 << 20 });
    expect(consoleText()).toContain('PASS cow');
    const models = events.flatMap((e) => (e.type === 'model' ? [e.model] : []));
    // the last model is the halted machine: every cow process gone, no user frame left
    const last = models.at(-1)!;
    expect(last.processes.filter((p) => p.name === 'cow').map((p) => p.state)).toEqual(['dead', 'dead']);
    expect(last.frames).toEqual([]);
    const timeline = events.flatMap((e) => (e.type === 'timeline' ? e.events : []));
    expect(timeline.filter((t) => t.kind === 'cow-copy').length).toBeGreaterThanOrEqual(4);
    expect(timeline.filter((t) => t.kind === 'fork').length).toBeGreaterThanOrEqual(2);
    host.dispose();
  }, 180_000);

  test('reports compile errors as diagnostics and does not boot', async () => {
    const { host, events, until } = harness();
    host.handle({ type: 'run', id: 3, files: { 'oops.c': 'int main(void) { return y }\n' } });
    await until((e) => e.type === 'status' && e.state === 'idle' && e.reason !== undefined);
    const diag = events.find((e) => e.type === 'diagnostics');
    expect(diag).toMatchObject({ id: 3, ok: false });
    expect(diag?.type === 'diagnostics' && diag.diagnostics[0]).toMatchObject({ file: 'oops.c', line: 1, severity: 'error' });
    expect(events.some((e) => e.type === 'model')).toBe(false);
  }, 60_000);

  test('run until the next fork pauses with the child sharing its parent\'s frames', async () => {
    const { host, events, until } = harness();
    host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
    host.handle({ type: 'pause' });
    host.handle({ type: 'run-until', event: 'fork' }); // kinit starting cow
    await until((e) => e.type === 'status' && e.state === 'paused' && (e.reason ?? '').includes('fork'));
    events.length = 0;
    host.handle({ type: 'run-until', event: 'fork' }); // cow's own fork
    await until((e) => e.type === 'status' && e.state === 'paused' && (e.reason ?? '').includes('fork'));
    const model = events.flatMap((e) => (e.type === 'model' ? [e.model] : [])).at(-1)!;
    const live = model.processes.filter((p) => p.name === 'cow' && p.state !== 'dead');
    expect(live).toHaveLength(2);
    expect(model.frames.filter((f) => f.sharing === 'cow').every((f) => f.refcount === 2 && f.mismatch === null)).toBe(true);
    expect(model.frames.some((f) => f.sharing === 'cow')).toBe(true);
    host.dispose();
  }, 120_000);

  test('a stop sends its status before its model, with the stop\'s timeline entries before both', async () => {
    const { host, events, until } = harness();
    host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
    host.handle({ type: 'pause' });
    events.length = 0;
    host.handle({ type: 'run-until', event: 'fork' }); // kinit starting cow
    await until((e) => e.type === 'status' && e.state === 'paused');
    const paused = events.findIndex((e) => e.type === 'status' && e.state === 'paused');
    const lastModel = events.map((e) => e.type).lastIndexOf('model');
    const forkEntry = events.findIndex((e) => e.type === 'timeline' && e.events.some((t) => t.kind === 'fork'));
    expect(forkEntry).toBeGreaterThanOrEqual(0);
    expect(forkEntry).toBeLessThan(paused);
    expect(lastModel).toBeGreaterThan(paused);
    // The model sent after the status is the stopped machine's: taken at the status's instant.
    const status = events[paused] as Extract<HostEvent, { type: 'status' }>;
    expect((events[lastModel] as Extract<HostEvent, { type: 'model' }>).model.insn).toBe(status.insn);
    host.dispose();
  }, 120_000);

  test('answers a malformed request with an error event and keeps working', () => {
    const { host, events } = harness();
    host.handle({ type: 'run', id: 'x', files: null });
    expect(events).toEqual([{ type: 'error', message: 'the lab host received a malformed request and ignored it' }]);
    host.dispose();
  });

  test('holds a chosen speed by waiting out each slice before running the next', async () => {
    // A fake clock that never moves: every slice seems to take no time, so at 1,000,000
    // instructions per second a slice of n instructions must be followed by a wait of n/1000 ms.
    const delays: { fn: () => void; ms: number }[] = [];
    const statuses: number[] = [];
    const host = createLabHost(resources, {
      post: (ev) => {
        if (ev.type === 'status') statuses.push(ev.insn);
      },
      schedule: (fn) => setImmediate(fn),
      delay: (fn, ms) => delays.push({ fn, ms }),
      now: () => 0,
    });
    host.handle({ type: 'speed', ips: 1_000_000 });
    host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
    for (let i = 0; i < 200 && delays.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(delays).toHaveLength(1);
    const ran = statuses.at(-1)!;
    const [first] = delays;
    // the first slice started at instruction 0; allow for the few it runs on to reach user mode
    expect(first!.ms).toBeCloseTo(ran / 1000 - 0.1, 1);
    // nothing runs while the host waits
    await new Promise((r) => setTimeout(r, 50));
    expect(statuses.at(-1)).toBe(ran);
    first!.fn();
    for (let i = 0; i < 200 && delays.length === 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(statuses.at(-1)!).toBeGreaterThan(ran);
    host.dispose();
  }, 60_000);
});
