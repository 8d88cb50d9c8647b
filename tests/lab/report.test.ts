// Session reports: export from a real run, open again by replaying to the same instruction.
import { describe, expect, test } from 'vitest';
import type { HostEvent } from '../../src/common/protocol';
import { parseReport } from '../../src/lab/report';
import { cowPausedAtItsFork, cowSource, hostHarness as harness } from './host-harness';

describe('session reports', () => {
  test('a report exported at cow\'s fork reopens to the same instruction with the same model', async () => {
    const a = await cowPausedAtItsFork();
    a.host.handle({ type: 'export-report', title: 'lab 5, cow' });
    const exported = await a.until((e): e is Extract<HostEvent, { type: 'report' }> => e.type === 'report');
    const parsed = parseReport(exported.text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report).toMatchObject({ title: 'lab 5, cow', sources: { 'cow.c': cowSource }, bootargs: 'apps=cow' });
    expect(parsed.report.model.frames.some((f) => f.sharing === 'cow')).toBe(true);
    expect(parsed.report.timeline.filter((t) => t.kind === 'fork')).toHaveLength(2);
    a.host.dispose();

    const b = harness();
    b.host.handle({ type: 'open-report', text: exported.text });
    const opened = await b.until((e): e is Extract<HostEvent, { type: 'report-opened' }> => e.type === 'report-opened');
    expect(opened).toEqual({ type: 'report-opened', title: 'lab 5, cow', sources: { 'cow.c': cowSource }, exact: true, bootargs: 'apps=cow', speed: null });
    const last = b.events.filter((e): e is Extract<HostEvent, { type: 'model' }> => e.type === 'model').at(-1)!;
    expect(last.model).toEqual(parsed.report.model);
    b.host.dispose();
  }, 180_000);

  test('rejects a file that is not JSON, not a session, damaged, or from a newer ForkLab', () => {
    expect(parseReport('{ nope')).toEqual({ ok: false, error: 'this is not a ForkLab session file (it is not JSON)' });
    expect(parseReport('{"name": "package"}')).toEqual({ ok: false, error: 'this is not a ForkLab session file (no "forklab-session" format marker)' });
    expect(parseReport('{"format": "forklab-session", "version": 9}')).toEqual({
      ok: false,
      error: 'this session file is version 9, newer than this ForkLab understands (1); update ForkLab to open it',
    });
    const damaged = parseReport(JSON.stringify({ format: 'forklab-session', version: 1, title: '', sources: { 'a.c': 3 } }));
    expect(damaged.ok).toBe(false);
    expect(!damaged.ok && damaged.error).toMatch(/^the session file is damaged: sources\.a\.c: /);
  });

  test('opening a damaged report reports it and leaves the host usable', async () => {
    const h = harness();
    h.host.handle({ type: 'open-report', text: '[]' });
    expect(h.events).toEqual([{ type: 'error', message: 'this is not a ForkLab session file (no "forklab-session" format marker)' }]);
    h.host.dispose();
  });
});
