import { describe, expect, test } from 'vitest';
import type { HostNotice } from '../../src/common/app-api';
import { createSupervisor, MAX_QUICK_CRASHES, type UtilityChild } from '../../src/main/supervisor';

class FakeChild implements UtilityChild {
  posted: { message: unknown; transfer?: unknown[] }[] = [];
  killed = false;
  private exitListeners: ((code: number) => void)[] = [];
  postMessage(message: unknown, transfer?: unknown[]) {
    this.posted.push({ message, transfer });
  }
  on(_event: 'exit', listener: (code: number) => void) {
    this.exitListeners.push(listener);
  }
  kill() {
    this.killed = true;
    return true;
  }
  exit(code: number) {
    for (const l of this.exitListeners) l(code);
  }
}

function harness() {
  const children: FakeChild[] = [];
  const sent: string[] = [];
  const notices: HostNotice[] = [];
  const pending: (() => void)[] = [];
  let clock = 0;
  let channel = 0;
  const sup = createSupervisor<string>(
    {
      forkUtility: () => {
        const c = new FakeChild();
        children.push(c);
        return c;
      },
      createChannel: () => {
        channel += 1;
        return { port1: `host-${channel}`, port2: `renderer-${channel}` };
      },
      sendPort: (p) => sent.push(p),
      notify: (n) => notices.push(n),
      schedule: (fn) => pending.push(fn),
    },
    () => clock,
  );
  const runPending = () => pending.splice(0).forEach((fn) => fn());
  return { sup, children, sent, notices, runPending, tick: (ms: number) => (clock += ms) };
}

describe('lab host supervisor', () => {
  test('starts the utility process once and gives each connection a fresh port pair', () => {
    const h = harness();
    h.sup.connect();
    h.sup.connect();
    expect(h.children).toHaveLength(1);
    expect(h.children[0]!.posted).toEqual([
      { message: { type: 'port' }, transfer: ['host-1'] },
      { message: { type: 'port' }, transfer: ['host-2'] },
    ]);
    expect(h.sent).toEqual(['renderer-1', 'renderer-2']);
  });

  test('when the process dies, tells the window and restarts it with new ports', () => {
    const h = harness();
    h.sup.connect();
    h.tick(10_000);
    h.children[0]!.exit(134);
    expect(h.notices).toContainEqual({ kind: 'crashed', generation: 1, reason: 'the lab host stopped (exit code 134)' });
    h.runPending();
    expect(h.children).toHaveLength(2);
    expect(h.sent).toEqual(['renderer-1', 'renderer-2']);
    expect(h.notices.at(-1)).toEqual({ kind: 'started', generation: 2 });
  });

  test('gives up after repeated crashes right after start, and says so', () => {
    const h = harness();
    h.sup.connect();
    for (let i = 0; i < MAX_QUICK_CRASHES; i++) {
      h.children.at(-1)!.exit(1);
      h.runPending();
    }
    expect(h.children).toHaveLength(MAX_QUICK_CRASHES);
    expect(h.notices.at(-1)).toMatchObject({ kind: 'crashed', reason: expect.stringMatching(/not restarting/) });
  });

  test('does not restart after dispose, and kills the running process', () => {
    const h = harness();
    h.sup.connect();
    const c = h.children[0]!;
    h.sup.dispose();
    expect(c.killed).toBe(true);
    c.exit(0);
    h.runPending();
    expect(h.children).toHaveLength(1);
  });
});
