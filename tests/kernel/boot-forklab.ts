// Boots the committed lab kernel on ForkLab's own emulator, with the same initrd and bootargs
// as on QEMU, collecting the console and the lab trace events. The kernel powers off by itself;
// an instruction budget turns a hang into a failed test.
import { readFileSync } from 'node:fs';
import { Machine, type StopReason } from '../../src/emulator';
import { decodeLabCall, type LabEvent } from '../../src/lab/events';
import { DEFAULT_INITRD, KERNEL_ELF } from './boot';

export interface ForkLabKernelRun {
  readonly console: string;
  readonly events: LabEvent[];
  readonly stop: StopReason | { kind: 'load-error'; error: string };
}

const SLICE = 5_000_000;

/**
 * Boots with bootargs. `typed` lines are sent to the console one at a time, each when a new
 * shell prompt ("$ ") has appeared, like a person typing at the prompt.
 */
export function bootOnForkLab(
  bootargs: string,
  maxInsns = 400_000_000,
  initrdPath = DEFAULT_INITRD,
  typed: readonly string[] = [],
): ForkLabKernelRun {
  const elf = new Uint8Array(readFileSync(KERNEL_ELF));
  const initrd = new Uint8Array(readFileSync(initrdPath));
  const loaded = Machine.fromElf(elf, { initrd, bootargs, ramMiB: 128 });
  if (!loaded.ok) return { console: '', events: [], stop: { kind: 'load-error', error: loaded.error } };
  const m = loaded.machine;
  const decoder = new TextDecoder();
  const events: LabEvent[] = [];
  let text = '';
  m.onConsole = (bytes) => {
    text += decoder.decode(bytes, { stream: true });
  };
  m.onTrace = (call) => {
    events.push(decodeLabCall(call));
  };
  let stop: StopReason;
  let budget = maxInsns;
  let sent = 0;
  const slice = typed.length > 0 ? SLICE / 10 : SLICE;
  do {
    stop = m.run(slice);
    budget -= slice;
    const prompts = text.split('$ ').length - 1;
    if (sent < typed.length && prompts > sent) m.sendInput(new TextEncoder().encode(typed[sent++] + '\n'));
  } while (stop.kind === 'limit' && budget > 0);
  const start = text.indexOf('ForkLab lab kernel');
  return { console: start < 0 ? text : text.slice(start), events, stop };
}

/**
 * Console lines with pid numbers replaced by "N" and sorted: what each process printed,
 * independent of pid assignment and interleaving, which differ between machines with
 * different timer rates. The mm_init line is left out: the free total depends on the size of
 * each machine's device tree, which the kernel reserves.
 */
export function normalizedLines(console: string): string[] {
  return console
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('mm_init:'))
    .map((l) => l.replace(/\[PID = \d+(, parent \d+)?\]/g, '[PID = N]'))
    .sort();
}
