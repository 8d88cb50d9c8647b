// `forklab emu IMAGE.elf [--initrd FILE] [--bootargs STR] [--ram MiB] [--max-insns N] [--bare]
// [--tohost] [--trace]`: run an ELF on ForkLab's machine with the console on stdout.
// The machine runs in slices; between slices the event loop delivers stdin to the UART/SBI
// console, so input never blocks the guest and the guest never blocks input.
// Exit status: 0 clean shutdown or tohost pass; 1 failure shutdown, tohost failure, guest
// error or idle; 2 bad usage or a bad ELF; 3 --max-insns ran out.

import { readBytes } from './resources';
import { Machine, type MachineOptions, type StopReason } from '../emulator/index';
import { formatLabCall } from '../lab/events';
import { keepInterpreterInBuild } from './interp-store';

const SLICE = 2_000_000;

interface EmuArgs {
  image: string;
  initrd?: string;
  bootargs?: string;
  ramMiB?: number;
  maxInsns: number;
  bare: boolean;
  tohost: boolean;
  trace: boolean;
}

const usage = 'usage: forklab emu IMAGE.elf [--initrd FILE] [--bootargs STR] [--ram MiB] [--max-insns N] [--bare] [--tohost] [--trace]\n';

export function parseEmuArgs(args: string[]): EmuArgs | string {
  const out: Partial<EmuArgs> = { maxInsns: Infinity, bare: false, tohost: false, trace: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => args[++i];
    switch (a) {
      case '--bare': out.bare = true; break;
      case '--tohost': out.tohost = true; break;
      case '--trace': out.trace = true; break;
      case '--initrd': { const v = value(); if (v === undefined) return '--initrd needs a file'; out.initrd = v; break; }
      case '--bootargs': { const v = value(); if (v === undefined) return '--bootargs needs a string'; out.bootargs = v; break; }
      case '--ram': {
        const v = Number(value());
        if (!Number.isInteger(v) || v <= 0) return '--ram needs a whole number of MiB';
        out.ramMiB = v;
        break;
      }
      case '--max-insns': {
        const v = Number(value());
        if (!Number.isInteger(v) || v <= 0) return '--max-insns needs a positive whole number';
        out.maxInsns = v;
        break;
      }
      default:
        if (a.startsWith('-')) return `unknown option '${a}'`;
        if (out.image !== undefined) return `only one image, got '${out.image}' and '${a}'`;
        out.image = a;
    }
  }
  if (out.image === undefined) return 'no image given';
  return out as EmuArgs;
}

export async function emuCommand(args: string[]): Promise<number> {
  keepInterpreterInBuild();
  const parsed = parseEmuArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`forklab emu: ${parsed}\n${usage}`);
    return 2;
  }
  let elf: Uint8Array;
  let initrd: Uint8Array | undefined;
  try {
    elf = readBytes(parsed.image);
    if (parsed.initrd !== undefined) initrd = readBytes(parsed.initrd);
  } catch (e) {
    process.stderr.write(`forklab emu: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const opts: MachineOptions = { bare: parsed.bare, tohost: parsed.tohost, bootargs: parsed.bootargs ?? '' };
  if (parsed.ramMiB !== undefined) opts.ramMiB = parsed.ramMiB;
  if (initrd !== undefined) opts.initrd = initrd;
  const loaded = Machine.fromElf(elf, opts);
  if (!loaded.ok) {
    process.stderr.write(`forklab emu: ${parsed.image}: ${loaded.error}\n`);
    return 2;
  }
  const m = loaded.machine;
  m.onConsole = (bytes) => { process.stdout.write(bytes); };
  if (parsed.trace) m.onTrace = (ev) => { process.stderr.write(formatLabCall(ev) + '\n'); };

  const input = new StdinFeed(m);
  try {
    return await runToEnd(m, parsed, input);
  } finally {
    input.close();
  }
}

async function runToEnd(m: Machine, a: EmuArgs, input: StdinFeed): Promise<number> {
  let left = a.maxInsns;
  for (;;) {
    const before = m.instret;
    const stop: StopReason = m.run(Math.min(SLICE, left));
    left -= Math.max(1, m.instret - before);
    switch (stop.kind) {
      case 'limit':
        if (left <= 0) {
          process.stderr.write(`forklab emu: stopped after ${m.instret} instructions (--max-insns ${a.maxInsns})\n`);
          return 3;
        }
        await yieldToEventLoop();
        continue;
      case 'breakpoint':
        continue;
      case 'idle':
        // The hart waits for input: only stdin can wake it now.
        if (await input.waitForData()) continue;
        process.stderr.write(`forklab emu: the machine is idle (wfi with no interrupt that can wake it) at pc 0x${m.pc.toString(16)}\n`);
        return 1;
      case 'shutdown':
        if (stop.clean) return 0;
        process.stderr.write(`forklab emu: failure shutdown (code ${stop.code})\n`);
        return stop.code === 0 ? 1 : Math.min(stop.code, 255);
      case 'tohost':
        if (stop.value === 1n) return 0;
        if ((stop.value & 1n) === 1n) process.stderr.write(`tohost: test ${stop.value >> 1n} failed\n`);
        else process.stderr.write(`tohost: unexpected value 0x${stop.value.toString(16)}\n`);
        return 1;
      case 'error':
        process.stderr.write(`forklab emu: ${stop.message}\n`);
        return 1;
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Delivers stdin to the machine without ever blocking it; ended when stdin closes. */
class StdinFeed {
  private ended = false;
  private waiter: ((more: boolean) => void) | null = null;
  private readonly onData = (chunk: Buffer): void => {
    this.m.sendInput(new Uint8Array(chunk));
    this.wake(true);
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake(false);
  };

  constructor(private readonly m: Machine) {
    process.stdin.on('data', this.onData);
    process.stdin.on('end', this.onEnd);
    process.stdin.on('error', this.onEnd);
  }

  private wake(more: boolean): void {
    const w = this.waiter;
    this.waiter = null;
    if (w !== null) w(more);
  }

  /** Resolves true when input arrived, false when stdin has ended. */
  waitForData(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return new Promise((resolve) => { this.waiter = resolve; });
  }

  close(): void {
    process.stdin.off('data', this.onData);
    process.stdin.off('end', this.onEnd);
    process.stdin.off('error', this.onEnd);
    process.stdin.pause();
    if (typeof (process.stdin as { unref?: () => void }).unref === 'function') (process.stdin as { unref: () => void }).unref();
  }
}
