// The renderer's connection to the lab host, as an interface free of DOM types, so the
// controller (and its tests under Node) depend on this and not on a transport.
import type { HostEvent, HostRequest } from '../../common/protocol';

export interface HostLink {
  send(req: HostRequest): void;
  onEvent(listener: (ev: HostEvent) => void): () => void;
  dispose(): void;
}
