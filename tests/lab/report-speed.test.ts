// The run speed goes with a session file: exported as chosen, set again when the file is
// opened (host and UI), optional so files written before it still open, and validated.
import { describe, expect, test } from 'vitest';
import type { HostEvent } from '../../src/common/protocol';
import { parseReport } from '../../src/lab/report';
import { initialState, reduceHostEvent } from '../../src/renderer/session/store';
import { cowSource, hostHarness as harness } from './host-harness';

type Ev<T extends HostEvent['type']> = Extract<HostEvent, { type: T }>;

describe('the run speed in a session file', () => {
  test('is exported as chosen and restored on open; a file without it opens and keeps the UI speed', async () => {
    const a = harness();
    a.host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
    a.host.handle({ type: 'pause' });
    a.host.handle({ type: 'run-until', event: 'program-fork' });
    await a.until((e): e is Ev<'status'> => e.type === 'status' && e.state === 'paused' && (e.reason ?? '').includes('fork'));
    a.host.handle({ type: 'speed', ips: 10_000 });
    a.host.handle({ type: 'export-report', title: 'slow' });
    const exported = await a.until((e): e is Ev<'report'> => e.type === 'report');
    a.host.dispose();
    const parsed = parseReport(exported.text);
    expect(parsed.ok && parsed.report.speed).toBe(10_000);

    const b = harness();
    b.host.handle({ type: 'open-report', text: exported.text });
    const opened = await b.until((e): e is Ev<'report-opened'> => e.type === 'report-opened');
    expect(opened.speed).toBe(10_000);
    // The renderer's store takes it over (the speed select shows it).
    const ui = reduceHostEvent({ ...initialState('en', 'light'), speed: null }, opened);
    expect(ui.speed).toBe(10_000);
    // At 10k instructions per second, one second of running retires about 10k instructions,
    // not millions: the host runs at the restored speed.
    const at = parsed.ok ? parsed.report.insn : 0;
    await b.until((e): e is Ev<'status'> => e.type === 'status' && e.state === 'paused' && e.insn === at);
    b.events.length = 0;
    b.host.handle({ type: 'resume' });
    await new Promise((r) => setTimeout(r, 1000));
    b.host.handle({ type: 'pause' });
    const paused = await b.until((e): e is Ev<'status'> => e.type === 'status' && e.state === 'paused');
    expect(paused.insn - at).toBeLessThan(100_000);
    b.host.dispose();

    // A file from before the field existed: it opens, and the UI keeps its speed.
    const old = JSON.parse(exported.text) as Record<string, unknown>;
    delete old.speed;
    const c = harness();
    c.host.handle({ type: 'open-report', text: JSON.stringify(old) });
    const openedOld = await c.until((e): e is Ev<'report-opened'> => e.type === 'report-opened');
    expect('speed' in openedOld).toBe(false);
    expect(reduceHostEvent({ ...initialState('en', 'light'), speed: 1_000_000 }, openedOld).speed).toBe(1_000_000);
    c.host.dispose();

    // Full speed is stored as null and comes back as null.
    expect(parseReport(JSON.stringify({ ...old, speed: null }))).toMatchObject({ ok: true, report: { speed: null } });
    // A speed that is not a positive whole number of instructions per second is refused.
    for (const bad of [-5, 0, 1.5, 'fast']) {
      const r = parseReport(JSON.stringify({ ...old, speed: bad }));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toContain('speed');
    }
  }, 180_000);
});
