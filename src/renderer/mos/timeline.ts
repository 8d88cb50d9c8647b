// How the timeline words the MOS events (issue 9): the other process of an exofork, an IPC send
// or a mem_* call (who was sent to, whose address space changed), and the value an IPC carried.
// TimelinePane's describe() puts these after the process it names.
import type { TimelineEvent } from '../../common/model';
import type { MessageKey } from '../i18n/messages';

/** The translator (useT's result), typed here so this file needs no JSX module. */
type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const TO_OTHER = new Set<TimelineEvent['kind']>(['exofork', 'ipc-send', 'mem-alloc', 'mem-map', 'mem-unmap']);

export function describeMos(e: TimelineEvent, t: T): string[] {
  const parts: string[] = [];
  if (TO_OTHER.has(e.kind) && e.other !== undefined && (e.other !== e.pid || e.kind === 'exofork')) parts.push(`→ ${e.other}`);
  if (e.kind === 'ipc-send' && e.value !== undefined) parts.push(t('ipcValue', { value: e.value }));
  return parts;
}
