// Run a bare-metal ELF on ForkLab's own emulator the way `forklab emu --bare --tohost` does:
// M-mode at the ELF entry, no firmware, stop when the program writes its `tohost` symbol.
import { Machine, type StopReason } from '../../src/emulator';

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
