// Run a bare-metal ELF on ForkLab's own emulator the way `forklab emu --bare --tohost` does:
// M-mode at the ELF entry, no firmware, stop when the program writes its `tohost` symbol.
import { Machine, type MachineOptions, type StopReason } from '../../src/emulator';

export interface ForkLabRun {
  readonly stop: StopReason | { kind: 'load-error'; error: string };
  /** Where the hart was and its last M-mode trap when it stopped, for failure messages. */
  readonly where: string;
}

/** Generous: the ISA programs retire a few thousand instructions, plus timer waits. */
export const DEFAULT_INSTRUCTION_LIMIT = 50_000_000;

export interface ForkLabOptions {
  readonly maxInsns?: number;
  /** Bytes delivered to the UART receiver before the guest starts. */
  readonly input?: string;
}

export function runBareOnForkLab(elf: Uint8Array, options: ForkLabOptions = {}): ForkLabRun {
  const loaded = Machine.fromElf(elf, { bare: true, tohost: true });
  if (!loaded.ok) return { stop: { kind: 'load-error', error: loaded.error }, where: 'not loaded' };
  const m = loaded.machine;
  if (options.input !== undefined) m.sendInput(new TextEncoder().encode(options.input));
  const maxInsns = options.maxInsns ?? DEFAULT_INSTRUCTION_LIMIT;
  const stop = m.run(maxInsns);
  const hex = (v: bigint) => '0x' + v.toString(16);
  const where =
    `pc ${hex(m.pc)} after ${m.instret} instructions; gp (check number) ${m.getReg(3)}; ` +
    `mcause ${hex(m.readCsr(0x342))} mepc ${hex(m.readCsr(0x341))} mtval ${hex(m.readCsr(0x343))}`;
  return { stop, where };
}

export interface ForkLabConsoleRun {
  readonly stop: StopReason | { kind: 'load-error'; error: string };
  /** Everything the guest wrote to the console (UART or SBI), decoded as UTF-8. */
  readonly output: string;
}

/**
 * Run an ELF until it stops (shutdown, tohost, error or the limit) and collect its console
 * output: bare programs that print on the UART, or kernels booted through ForkLab's firmware.
 */
export function runForkLabConsole(
  elf: Uint8Array,
  options: MachineOptions & { readonly maxInsns?: number; readonly input?: string } = {},
): ForkLabConsoleRun {
  const { maxInsns, input, ...machineOptions } = options;
  const loaded = Machine.fromElf(elf, machineOptions);
  if (!loaded.ok) return { stop: { kind: 'load-error', error: loaded.error }, output: '' };
  const m = loaded.machine;
  let output = '';
  const decoder = new TextDecoder();
  m.onConsole = (bytes) => {
    output += decoder.decode(bytes, { stream: true });
  };
  if (input !== undefined) m.sendInput(new TextEncoder().encode(input));
  const stop = m.run(maxInsns ?? DEFAULT_INSTRUCTION_LIMIT);
  return { stop, output: output + decoder.decode() };
}
