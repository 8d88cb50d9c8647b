// Entry of the Electron utility process that runs the lab host (src/lab/host.ts). Main posts
// {type: 'port'} with a MessagePort for each renderer connection; the host speaks the protocol
// of src/common/protocol.ts on it. One host serves the latest port: a reconnecting renderer
// (a reload) gets the same machine. argv[2] is the resources folder.
// If the host cannot start, the renderer gets an `error` event saying why.

import type { HostEvent } from '../common/protocol';
import { createLabHost, type LabHost } from '../lab/host';
import { loadLabResources } from './lab-resources';

interface PortLike {
  postMessage(msg: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  start(): void;
}
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void;
}

const parentPort = (process as unknown as { parentPort: ParentPort }).parentPort;
let current: PortLike | null = null;
let hostPromise: Promise<LabHost | string> | null = null;

function post(ev: HostEvent): void {
  current?.postMessage(ev);
}

async function startHost(): Promise<LabHost | string> {
  try {
    const resources = await loadLabResources(process.argv[2] ?? 'resources');
    return createLabHost(resources, {
      post,
      schedule: (fn) => setImmediate(fn),
      delay: (fn, ms) => setTimeout(fn, ms),
      now: () => performance.now(),
    });
  } catch (err) {
    return `the lab host could not start: ${(err as Error).message}`;
  }
}

parentPort.on('message', (e) => {
  const port = e.ports[0];
  if (!port) return;
  current = port;
  hostPromise ??= startHost();
  void hostPromise.then((host) => {
    if (typeof host === 'string') port.postMessage({ type: 'error', message: host } satisfies HostEvent);
  });
  port.on('message', (m) => {
    if (port !== current) return;
    void hostPromise?.then((host) => {
      if (typeof host !== 'string') host.handle(m.data);
    });
  });
  port.start();
});
