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
  return { host, events, until, consoleText };
}
