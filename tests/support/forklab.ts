// Run a bare-metal ELF on ForkLab's own emulator the way `forklab emu --bare --tohost` does:
// M-mode at the ELF entry, no firmware, stop when the program writes its `tohost` symbol.
import { Machine, type MachineOptions, type StopReason } from '../../src/emulator';

export interface ForkLabRun {
  readonly stop: StopReason | { kind: 'load-error'; error: string };
  /** Where the hart was and its last M-mode trap when it stopped, for failure messages. */
  readonly where: string;
  /** Blocks the emulator translated (to wasm or JS) during the run (0 when interpreting only). */
  readonly translatedBlocks: number;
}

/** Generous: the ISA programs retire a few thousand instructions, plus timer waits. */
export const DEFAULT_INSTRUCTION_LIMIT = 50_000_000;

export interface ForkLabOptions {
  readonly maxInsns?: number;
  /** Bytes delivered to the UART receiver before the guest starts. */
  readonly input?: string;
  /**
   * Executions of a block before the emulator translates it to JS (default: the emulator's
   * own, 256). 1 translates everything at once, so a program checks the translator as well.
   */
  readonly jitThreshold?: number;
  /** Interpret only: no block translation at all. */
  readonly noJit?: boolean;
  /** What blocks become: WebAssembly functions or JS functions (default: the emulator's choice). */
  readonly jitBackend?: 'wasm' | 'js';
  /**
   * What runs the code outside blocks: the WebAssembly interpreter (wasm/interp.ts, the
   * default where the host has wasm) or the JS loop (interp.ts, what a host without wasm runs).
   */
  readonly interpreter?: 'wasm' | 'js';
}

type JitOptions = Pick<ForkLabOptions, 'jitThreshold' | 'noJit' | 'jitBackend' | 'interpreter'>;

/** Applies the translation options to a freshly loaded machine (hart.jit is internal). */
function configureJit(m: Machine, options: JitOptions): void {
  const hart = m.hart as unknown as { jit: { hotThreshold: number; backend: string } | null; wasmInterp: unknown };
  if (options.interpreter === 'js') hart.wasmInterp = null;
  if (options.interpreter === 'wasm' && hart.wasmInterp === null) throw new Error('this host has no wasm interpreter');
  if (options.noJit === true) { hart.jit = null; return; }
  if (options.jitThreshold !== undefined || options.jitBackend !== undefined) {
    if (hart.jit === null || typeof hart.jit.hotThreshold !== 'number') throw new Error('this emulator has no block translator to configure');
  }
  if (options.jitThreshold !== undefined) hart.jit!.hotThreshold = options.jitThreshold;
  if (options.jitBackend !== undefined) hart.jit!.backend = options.jitBackend;
}

export function runBareOnForkLab(elf: Uint8Array, options: ForkLabOptions = {}): ForkLabRun {
  const loaded = Machine.fromElf(elf, { bare: true, tohost: true });
  if (!loaded.ok) return { stop: { kind: 'load-error', error: loaded.error }, where: 'not loaded', translatedBlocks: 0 };
  const m = loaded.machine;
  configureJit(m, options);
  if (options.input !== undefined) m.sendInput(new TextEncoder().encode(options.input));
  const maxInsns = options.maxInsns ?? DEFAULT_INSTRUCTION_LIMIT;
  const stop = m.run(maxInsns);
  const hex = (v: bigint) => '0x' + v.toString(16);
  const where =
    `pc ${hex(m.pc)} after ${m.instret} instructions; gp (check number) ${m.getReg(3)}; ` +
    `mcause ${hex(m.readCsr(0x342))} mepc ${hex(m.readCsr(0x341))} mtval ${hex(m.readCsr(0x343))}`;
  return { stop, where, translatedBlocks: translatedBlocks(m) };
}

function translatedBlocks(m: Machine): number {
  const jit = (m.hart as unknown as { jit: { translated?: number } | null }).jit;
  return typeof jit?.translated === 'number' ? jit.translated : 0;
}

export interface ForkLabConsoleRun {
  readonly stop: StopReason | { kind: 'load-error'; error: string };
  /** Everything the guest wrote to the console (UART or SBI), decoded as UTF-8. */
  readonly output: string;
  /** Instructions retired when it stopped. */
  readonly instret: number;
}

/**
 * Run an ELF until it stops (shutdown, tohost, error or the limit) and collect its console
 * output: bare programs that print on the UART, or kernels booted through ForkLab's firmware.
 */
export function runForkLabConsole(
  elf: Uint8Array,
  options: MachineOptions & ForkLabOptions = {},
): ForkLabConsoleRun {
  const { maxInsns, input, jitThreshold, noJit, jitBackend, interpreter, ...machineOptions } = options;
  const loaded = Machine.fromElf(elf, machineOptions);
  if (!loaded.ok) return { stop: { kind: 'load-error', error: loaded.error }, output: '', instret: 0 };
  const m = loaded.machine;
  configureJit(m, {
    ...(jitThreshold === undefined ? {} : { jitThreshold }),
    ...(noJit === undefined ? {} : { noJit }),
    ...(jitBackend === undefined ? {} : { jitBackend }),
    ...(interpreter === undefined ? {} : { interpreter }),
  });
  let output = '';
  const decoder = new TextDecoder();
  m.onConsole = (bytes) => {
    output += decoder.decode(bytes, { stream: true });
  };
  if (input !== undefined) m.sendInput(new TextEncoder().encode(input));
  const stop = m.run(maxInsns ?? DEFAULT_INSTRUCTION_LIMIT);
  return { stop, output: output + decoder.decode(), instret: m.instret };
}
