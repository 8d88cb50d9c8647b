// Entry of the Electron utility process that runs the lab host (src/lab/host.ts). Main posts
// {type: 'port'} with a MessagePort for each renderer connection; the host speaks the protocol
// of src/common/protocol.ts on it. One host serves the latest port: a reconnecting renderer
// (a reload) gets the same machine. argv[2] is the resources folder.
//
// The host module is found through import.meta.glob so the app still builds while src/lab is
// being written; if it is missing the renderer gets an `error` event saying so.

import type { HostEvent } from '../common/protocol';
import { loadLabResources, type LabResourcesData } from './lab-resources';

interface LabHost {
  handle(msg: unknown): void;
  dispose(): void;
}
type CreateLabHost = (
  resources: LabResourcesData,
  opts: { post(ev: HostEvent): void; schedule(fn: () => void): void; now(): number },
) => LabHost;

interface PortLike {
  postMessage(msg: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  start(): void;
}
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void;
}

const hostModules = import.meta.glob<{ createLabHost: CreateLabHost }>('../lab/host.ts');

const parentPort = (process as unknown as { parentPort: ParentPort }).parentPort;
let current: PortLike | null = null;
let hostPromise: Promise<LabHost | string> | null = null;

function post(ev: HostEvent): void {
  current?.postMessage(ev);
}

async function startHost(): Promise<LabHost | string> {
  const load = hostModules['../lab/host.ts'];
  if (!load) return 'this build of ForkLab has no lab host (src/lab/host.ts is missing)';
  try {
    const [{ createLabHost }, resources] = await Promise.all([load(), loadLabResources(process.argv[2] ?? 'resources')]);
    return createLabHost(resources, { post, schedule: (fn) => setImmediate(fn), now: () => performance.now() });
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
