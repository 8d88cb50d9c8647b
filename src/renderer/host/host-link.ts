// The renderer's one connection to the lab host, whatever carries it: a Web Worker (web
// edition) or a MessagePort to the Electron utility process. Requests sent before the
// connection is up are queued; after a host restart (Electron) the new port replaces the old
// one and the queue is not replayed (a dead machine's requests mean nothing to a new one).

import { HOST_PORT_MESSAGE, type ForkLabApi } from '../../common/app-api';
import type { HostEvent, HostRequest } from '../../common/protocol';
import type { HostLink } from './link';

export type { HostLink } from './link';

function listeners() {
  const set = new Set<(ev: HostEvent) => void>();
  return {
    add(l: (ev: HostEvent) => void) {
      set.add(l);
      return () => void set.delete(l);
    },
    emit(ev: unknown) {
      if (typeof ev === 'object' && ev !== null && typeof (ev as { type?: unknown }).type === 'string') {
        set.forEach((l) => l(ev as HostEvent));
      }
    },
  };
}

export function createWorkerLink(): HostLink {
  const worker = new Worker(new URL('./lab-worker.ts', import.meta.url), { type: 'module', name: 'forklab-lab-host' });
  const ls = listeners();
  worker.onmessage = (e) => ls.emit(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    ls.emit({ type: 'error', message: `the lab host worker failed: ${e.message || 'unknown error'}` });
  };
  return {
    send: (req) => worker.postMessage(req),
    onEvent: ls.add,
    dispose: () => worker.terminate(),
  };
}

export function createElectronLink(api: ForkLabApi): HostLink {
  const ls = listeners();
  let port: MessagePort | null = null;
  const queue: HostRequest[] = [];
  const onWindowMessage = (e: MessageEvent) => {
    if (e.source !== window || e.origin !== window.location.origin || e.data !== HOST_PORT_MESSAGE) return;
    const p = e.ports[0];
    if (!p) return;
    port?.close();
    port = p;
    port.onmessage = (m) => ls.emit(m.data);
    port.start();
    for (const req of queue.splice(0)) port.postMessage(req);
  };
  window.addEventListener('message', onWindowMessage);
  const offNotice = api.onHostNotice((n) => {
    if (n.kind === 'crashed') {
      port?.close();
      port = null;
    }
  });
  api.connectHost();
  return {
    send(req) {
      if (port) port.postMessage(req);
      else if (queue.length < 64) queue.push(req);
    },
    onEvent: ls.add,
    dispose() {
      window.removeEventListener('message', onWindowMessage);
      offNotice();
      port?.close();
    },
  };
}

/** The Electron preload's API when running in the desktop app, else null (web edition). */
export function desktopApi(): ForkLabApi | null {
  return (window as unknown as { forklab?: ForkLabApi }).forklab ?? null;
}
