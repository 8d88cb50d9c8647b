// Drives the lab host as the renderer does, over an in-process transport, with the real kernel,
// the real toolchain and the user library from resources/. Shared by the host and report tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostEvent } from '../../src/common/protocol';
import { createLabHost } from '../../src/lab/host';
import { loadUserFiles } from '../../src/cli/resources';

const root = join(__dirname, '../..');

export const resources = {
  kernel: new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf'))),
  userFiles: loadUserFiles(),
};

export const cowSource = readFileSync(join(root, 'resources/user/tests/cow.c'), 'utf8');

export function hostHarness() {
  const events: HostEvent[] = [];
  // Acks each model as a renderer does once it has drawn it (the host's model flow control).
  const host = createLabHost(resources, {
    post: (ev) => {
      events.push(ev);
      if (ev.type === 'model') setImmediate(() => host.handle({ type: 'model-ack' }));
    },
    schedule: (fn) => setImmediate(fn),
    delay: (fn, ms) => setTimeout(fn, ms),
    now: () => performance.now(),
  });
  /** Resolves with the first event (so far or to come) that matches; fails after two minutes. */
  function until<T extends HostEvent>(pred: (ev: HostEvent) => ev is T): Promise<T>;
  function until(pred: (ev: HostEvent) => boolean): Promise<HostEvent>;
  async function until(pred: (ev: HostEvent) => boolean): Promise<HostEvent> {
    for (let waited = 0; waited < 120_000; waited += 5) {
      const found = events.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('timed out waiting for a host event');
  }
  const consoleText = () => events.flatMap((e) => (e.type === 'console' ? [e.data] : [])).join('');
  /** The next pause (after the events so far have been cleared by the caller). */
  const untilPaused = () => until((e): e is Extract<HostEvent, { type: 'status' }> => e.type === 'status' && e.state === 'paused');
  /** The newest model the host has sent. */
  const lastModel = () => events.filter((e): e is Extract<HostEvent, { type: 'model' }> => e.type === 'model').at(-1)!.model;
  return { host, events, until, consoleText, untilPaused, lastModel };
}

/**
 * A host running cow.c, paused at cow's own fork: the first fork event is kinit starting cow,
 * the second the program's. The events so far are those of the second stop.
 */
export async function cowPausedAtItsFork(): Promise<ReturnType<typeof hostHarness>> {
  const a = hostHarness();
  a.host.handle({ type: 'run', id: 1, files: { 'cow.c': cowSource } });
  a.host.handle({ type: 'pause' });
  for (let i = 0; i < 2; i++) {
    a.events.length = 0;
    a.host.handle({ type: 'run-until', event: 'fork' });
    await a.untilPaused();
  }
  return a;
}
