// Time travel through the host protocol, as the renderer uses it: a run of cow to its end,
// then clicks on timeline entries (seek with settle), step back, reset; and the controls that
// start a run from nothing and stop at an event (issue 13).
import { describe, expect, test } from 'vitest';
import type { HostEvent } from '../../src/common/protocol';
import type { LabModel } from '../../src/common/model';
import { cowSource, hostHarness } from './host-harness';

const lastModel = (events: HostEvent[]): LabModel => events.flatMap((e) => (e.type === 'model' ? [e.model] : [])).at(-1)!;
const cowFrames = (m: LabModel) => m.frames.filter((f) => f.sharing === 'cow');

describe('lab host: time travel', () => {
  test('after cow ran to its end, its fork and its first COW copy can be revisited', async () => {
    const { host, events, until } = hostHarness();
    host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
    await until((e) => e.type === 'status' && e.state === 'halted');
    const end = lastModel(events);
    expect(cowFrames(end)).toEqual([]);
    const timeline = events.flatMap((e) => (e.type === 'timeline' ? e.events : []));
    const fork = timeline.filter((t) => t.kind === 'fork')[1]!; // [0] is kinit starting cow
    const copy = timeline.find((t) => t.kind === 'cow-copy')!;

    events.length = 0;
    host.handle({ type: 'seek', insn: fork.insn, settle: true });
    const rewound = events.find((e) => e.type === 'rewound');
    expect(rewound).toMatchObject({ type: 'rewound' });
    const atFork = lastModel(events);
    expect(cowFrames(atFork).length).toBeGreaterThan(0);
    expect(cowFrames(atFork).every((f) => f.refcount === 2 && f.mismatch === null)).toBe(true);
    expect(events.find((e) => e.type === 'status')).toMatchObject({ state: 'paused' });
    // The console is the text up to then: the program has not printed PASS yet.
    expect(rewound?.type === 'rewound' && rewound.console).not.toContain('PASS cow');

    events.length = 0;
    host.handle({ type: 'seek', insn: copy.insn, settle: true });
    const atCopy = lastModel(events);
    const split = [copy.frame, copy.oldFrame];
    // Both frames of the split are there: the writer's new private copy and the old frame,
    // now mapped by the other process alone.
    for (const f of split) expect(atCopy.frames.find((x) => x.addr === f)).toMatchObject({ refcount: 1 });
    expect(atCopy.frames.find((x) => x.addr === copy.frame)!.mappings.map((m) => m.pid)).toEqual([copy.pid]);

    // One instruction back and forth, then Reset: instruction 0, paused.
    events.length = 0;
    host.handle({ type: 'step-back' });
    expect(events.find((e) => e.type === 'status')).toMatchObject({ state: 'paused' });
    host.handle({ type: 'reset' });
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({ state: 'paused', insn: 0 });
    host.dispose();
  }, 180_000);

  test('Run to this program\'s fork from nothing builds, boots and stops with refcount-2 frames and no split; Step past the write splits', async () => {
    const { host, events, until } = hostHarness();
    host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource }, then: { kind: 'until', event: 'program-fork' } });
    await until((e) => e.type === 'status' && e.state === 'paused' && (e.reason ?? '').includes('fork'));
    const atFork = lastModel(events);
    expect(cowFrames(atFork).length).toBeGreaterThan(0);
    expect(cowFrames(atFork).every((f) => f.refcount === 2)).toBe(true);
    // No COW copy has happened (the look-ahead that found the fork is not shown).
    expect(events.some((e) => e.type === 'timeline' && e.events.some((t) => t.kind === 'cow-copy'))).toBe(false);
    const now = () => {
      const st = events.filter((e) => e.type === 'status').at(-1);
      return st?.type === 'status' ? st.insn : -1;
    };
    const forkAt = now();
    // Step on, a thousand instructions at a time, until the first write splits a frame.
    const copies = () => events.flatMap((e) => (e.type === 'timeline' ? e.events : [])).filter((t) => t.kind === 'cow-copy');
    for (let i = 0; i < 100 && copies().length === 0; i++) host.handle({ type: 'step', count: 1000 });
    const copy = copies()[0]!;
    expect(copy.insn).toBeGreaterThan(forkAt);
    const after = lastModel(events);
    expect(after.frames.find((f) => f.addr === copy.oldFrame)).toMatchObject({ refcount: 1 });
    // Stop ends the run where it stands.
    host.handle({ type: 'stop' });
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({ state: 'halted', reason: 'stopped by the user' });
    host.dispose();
  }, 180_000);
});
