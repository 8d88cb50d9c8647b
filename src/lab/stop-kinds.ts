// Which lab events "run until" and "step back to" can stop at. The kinds are named in
// src/common/protocol.ts (STOP_KINDS); this file says which event is which kind.

import type { StopKind } from '../common/protocol';
import type { LabEvent } from './events';

/**
 * True when `ev` is an event of `kind`. `history` is every event before it (a program's fork
 * is a fork by a process that has run exec, which the kernel's start-up forks are not).
 */
export function isStopEvent(kind: StopKind, ev: LabEvent, history: readonly LabEvent[]): boolean {
  switch (kind) {
    case 'fork':
      return ev.type === 'fork';
    case 'program-fork':
      return ev.type === 'fork' && history.some((h) => h.type === 'exec' && h.pid === ev.parent && h.insn <= ev.insn);
    case 'fault':
      return ev.type === 'fault';
    case 'cow-copy':
      return ev.type === 'fault' && ev.resolution === 'cow-copy';
    case 'exit':
      return ev.type === 'exit';
    case 'ipc':
      return ev.type === 'ipc_send';
  }
}
