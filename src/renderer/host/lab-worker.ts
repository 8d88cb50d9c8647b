// Web edition: the lab host (src/lab/host.ts) running in a module Web Worker. The worker loads
// the kernel image (a bundled asset fetched by URL) and the user-space text files (inlined at
// build time), then bridges postMessage both ways. If loading fails, the page gets an `error`
// event saying why.

import type { HostEvent } from '../../common/protocol';
import { createLabHost, type LabHost } from '../../lab/host';
import { resourcePath } from '../session/catalog';
import { userFiles } from '../session/resources';

const kernelUrls = import.meta.glob<string>('../../../resources/kernel/build/kernel.elf', { query: '?url', import: 'default', eager: true });

const scope = self as unknown as {
  postMessage(msg: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
};

function post(ev: HostEvent): void {
  scope.postMessage(ev);
}

/** A zero-delay scheduler that does not starve incoming messages (unlike a microtask loop). */
function makeScheduler(): (fn: () => void) => void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(0);
  };
}

async function start(): Promise<LabHost> {
  const kernelUrl = Object.values(kernelUrls)[0];
  if (!kernelUrl) throw new Error('the lab kernel image (resources/kernel/build/kernel.elf) was not bundled; run `npm run kernel` and rebuild');
  const response = await fetch(kernelUrl);
  if (!response.ok) throw new Error(`could not load the kernel image: HTTP ${response.status}`);
  const kernel = new Uint8Array(await response.arrayBuffer());
  const files: Record<string, string> = {};
  for (const [key, text] of Object.entries(userFiles)) files[resourcePath(key).replace(/^user\//, '')] = text;
  return createLabHost({ kernel, userFiles: files }, {
    post,
    schedule: makeScheduler(),
    delay: (fn, ms) => setTimeout(fn, ms),
    now: () => performance.now(),
  });
}

const host = start();
host.catch((err: Error) => post({ type: 'error', message: err.message }));

scope.onmessage = (e) => {
  void host.then((h) => h.handle(e.data), () => undefined);
};
