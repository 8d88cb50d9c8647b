// The machine: one hart, RAM, the QEMU `virt` devices and ForkLab's firmware, put together and
// run in bounded slices. This is the public face of the emulator (see index.ts): load an ELF,
// run(n) until something worth reporting happens, inspect state, snapshot and restore.

import { Ram } from './bus';
import type { Hart } from './hart';
import { Board } from './board';
import { parseElf, PT_LOAD, type ElfFile } from './elf';
import { PRIV_M, PRIV_S } from './trap';
import { bigToNumber } from './bits';
import type { LabCall } from './trace';
import { csrRead as csrReadHook } from './csr';
import { SbiFirmware } from './firmware/sbi';
import { settleFields } from './fields';
import { boardTree, writeFdt } from './fdt';
import { applyState, captureState, parseSnapshot, saveSnapshot, stateHash, type MachineMeta, type SnapshotState } from './snapshot';

/**
 * An initrd that writes itself: `writeTo` puts its `length` bytes at the start of `dest`, so
 * it goes into guest RAM without a buffer of its own first (src/lab/initrd.ts planInitrd).
 */
export interface InitrdWriter {
  readonly length: number;
  writeTo(dest: Uint8Array): void;
}

export interface MachineOptions {
  /** RAM size in MiB (default 128). */
  ramMiB?: number;
  /** Kernel command line, in /chosen/bootargs (default ''). */
  bootargs?: string;
  /** Initial ramdisk, placed per docs/abi.md: its bytes, or a writer that puts them there. */
  initrd?: Uint8Array | InitrdWriter;
  /** M-mode at the ELF entry, no firmware/SBI, no FDT (a1 = 0). */
  bare?: boolean;
  /** Stop when the ELF symbol `tohost` is written. */
  tohost?: boolean;
}

export type StopReason =
  | { kind: 'limit' }
  | { kind: 'breakpoint'; pc: bigint }
  | { kind: 'shutdown'; clean: boolean; code: number }
  | { kind: 'tohost'; value: bigint }
  | { kind: 'idle' }
  | { kind: 'error'; message: string };

export type LoadResult = { ok: true; machine: Machine } | { ok: false; error: string };

export const RAM_BASE = 0x80000000;
const DEFAULT_RAM_MIB = 128;
const MAX_RAM_MIB = 2047;

export class Machine {
  readonly breakpoints = new Set<bigint>();
  onConsole: ((bytes: Uint8Array) => void) | null = null;
  onTrace: ((call: LabCall) => void) | null = null;
  readonly ramBase: bigint;
  readonly ramSize: number;
  /** A terminal stop (shutdown, tohost, error) repeats on every later run(). */
  finalStop: StopReason | null = null;
  readonly hart: Hart;
  /** Console bytes not yet handed to onConsole (flushed at the end of a slice and before events). */
  private consoleBuf: number[] = [];
  /** Physical address of `tohost` when watched, else -1. */
  tohostAddr = -1;

  /** @internal use Machine.fromElf or Machine.restore */
  constructor(readonly board: Board, readonly options: Readonly<MachineOptions>) {
    this.hart = board.hart;
    this.ramBase = BigInt(board.ram.base);
    this.ramSize = board.ram.size;
    board.consoleOut = (b) => { this.consoleBuf.push(b); };
    if (!options.bare) {
      board.hart.firmware = new SbiFirmware({
        board,
        // Indexed: an iterator's result objects, one per byte, ran in cold code.
        consoleWrite: (bytes) => { for (let i = 0; i < bytes.length; i++) this.consoleBuf.push(bytes[i]!); },
        trace: (call) => {
          this.flushConsole();
          if (this.onTrace !== null) this.onTrace(call);
        },
      });
    }
    // Changed by the first console output and by the shutdown (fields.ts).
    settleFields(this, ['onConsole', 'onTrace', 'finalStop', 'consoleBuf', 'tohostAddr']);
  }

  private flushConsole(): void {
    if (this.consoleBuf.length === 0) return;
    const bytes = Uint8Array.from(this.consoleBuf);
    this.consoleBuf = [];
    if (this.onConsole !== null) this.onConsole(bytes);
  }

  /** Load a RISC-V ELF and prepare the boot state; never throws. */
  static fromElf(elfBytes: Uint8Array, opts: MachineOptions = {}): LoadResult {
    try {
      return loadElf(elfBytes, opts);
    } catch (e) {
      return { ok: false, error: `cannot load the ELF: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** Restore a machine saved with snapshot(); never throws. */
  static restore(snapshot: Uint8Array): LoadResult {
    try {
      const parsed = parseSnapshot(snapshot);
      if (!parsed.ok) return parsed;
      const meta = parsed.meta;
      const board = new Board(RAM_BASE, meta.ramMiB * 1024 * 1024);
      parsed.apply(board);
      const m = new Machine(board, { ramMiB: meta.ramMiB, bare: meta.bare, tohost: meta.tohostAddr >= 0 });
      m.finalStop = reviveStop(meta.finalStop);
      if (meta.tohostAddr >= 0) {
        m.tohostAddr = meta.tohostAddr;
        watchTohost(board.hart, board.ram, meta.tohostAddr);
      }
      return { ok: true, machine: m };
    } catch (e) {
      return { ok: false, error: `cannot restore the snapshot: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** The whole machine state (see snapshot.ts for the format). */
  snapshot(): Uint8Array {
    this.flushConsole();
    return saveSnapshot(this.board, this.meta());
  }

  /** The state of everything but RAM (time travel keeps RAM itself, as delta pages). */
  captureState(): SnapshotState {
    this.flushConsole();
    return captureState(this.board, this.meta());
  }

  /**
   * Puts back a state taken with captureState on this machine (RAM is the caller's business,
   * through Ram.loadPage). Console bytes not yet delivered are dropped: they belong to the
   * future being left.
   */
  restoreState(state: SnapshotState): void {
    this.consoleBuf = [];
    applyState(this.board, state);
    this.finalStop = reviveStop(state.meta.finalStop);
  }

  /** A hash of the whole machine state (snapshot.ts): equal states, equal hashes. */
  stateHash(): string {
    this.flushConsole();
    return stateHash(this.board, this.meta());
  }

  private meta(): MachineMeta {
    const finalStop = this.finalStop === null ? null : JSON.parse(JSON.stringify(this.finalStop, (_k, v) => (typeof v === 'bigint' ? `bigint:${v}` : v)));
    return { ramMiB: this.ramSize / (1024 * 1024), bare: this.options.bare === true, tohostAddr: this.tohostAddr, finalStop };
  }

  /**
   * Which execution tier runs the guest: 'wasm' (hot blocks become WebAssembly functions, the
   * rest is interpreted), 'translated' (hot blocks become JS functions: a host that compiles
   * no WebAssembly, e.g. a Content-Security-Policy without 'wasm-unsafe-eval') or
   * 'interpreter' only, with the reason (e.g. a CSP that allows neither); the interpreter is
   * several times slower on hot loops, so hosts show it.
   */
  get tier(): { kind: 'wasm' | 'translated' | 'interpreter'; reason: string } {
    const jit = this.hart.jit;
    if (jit === null) return { kind: 'interpreter', reason: 'block translation is off' };
    if (jit.disabled) return { kind: 'interpreter', reason: jit.disabledReason };
    return { kind: jit.backend === 'wasm' ? 'wasm' : 'translated', reason: '' };
  }

  get instret(): number {
    return this.hart.instret;
  }

  get pc(): bigint {
    const h = this.hart;
    if (Number.isNaN(h.pc)) return h.pcExact ?? 0n;
    return BigInt.asUintN(64, BigInt(h.pc));
  }

  getReg(i: number): bigint {
    return BigInt.asUintN(64, this.hart.getReg(i));
  }

  setReg(i: number, v: bigint): void {
    this.hart.setReg(i, v);
  }

  /** Read a CSR as M-mode would (for debugging and tests); unknown CSRs read 0. */
  readCsr(n: number): bigint {
    const h = this.hart;
    const saved = h.priv;
    h.priv = PRIV_M;
    const v = csrReadHook(h, n);
    h.priv = saved;
    return v === null ? 0n : BigInt.asUintN(64, v);
  }

  /** Copy of physical memory; bytes outside RAM read as zero. */
  readPhys(addr: bigint, len: number): Uint8Array {
    const n = Number.isFinite(len) ? Math.max(0, Math.min(Math.floor(len), 1 << 30)) : 0;
    const out = new Uint8Array(n);
    const ram = this.board.ram;
    const start = addr - this.ramBase;
    // Intersect [start, start + n) with [0, ram.size).
    const from = start < 0n ? 0n : start;
    const to = start + BigInt(n) > BigInt(ram.size) ? BigInt(ram.size) : start + BigInt(n);
    if (from < to) out.set(ram.bytes.subarray(Number(from), Number(to)), Number(from - start));
    return out;
  }

  /** Console input: UART receive FIFO, also read by SBI getchar and DBCN read. */
  sendInput(bytes: Uint8Array): void {
    this.board.uart.receive(bytes);
  }

  /** Run up to maxInsns steps (instructions or trap entries); returns why it stopped. */
  run(maxInsns: number): StopReason {
    let stop: StopReason;
    try {
      stop = this.runSlice(maxInsns);
    } catch (e) {
      // A bug in the emulator (or an exception thrown by a listener) must not escape as a
      // JS exception into the host: report it as a final error stop.
      stop = { kind: 'error', message: `internal error at pc 0x${this.pc.toString(16)}: ${e instanceof Error ? e.message : String(e)}` };
      this.finalStop = stop;
    }
    this.flushConsole();
    return stop;
  }

  private runSlice(maxInsns: number): StopReason {
    if (this.finalStop !== null) return this.finalStop;
    const h = this.hart;
    let bps: Set<number> | null = null;
    if (this.breakpoints.size > 0) {
      bps = new Set();
      for (const b of this.breakpoints) {
        const n = bigToNumber(b);
        if (!Number.isNaN(n)) bps.add(n);
      }
    }
    let left = Math.max(0, Math.floor(maxInsns));
    while (left > 0) {
      const ran = h.run(Math.min(left, 1 << 30), bps);
      left -= ran;
      const stop = h.stop;
      if (stop !== null) {
        h.stop = null;
        if (stop.kind !== 'idle') this.finalStop = stop;
        return stop;
      }
      if (bps !== null && left > 0 && bps.has(h.pc)) return { kind: 'breakpoint', pc: this.pc };
      if (ran === 0) break;
    }
    return { kind: 'limit' };
  }

  /** Exactly one instruction (or trap entry). */
  step(): StopReason {
    return this.run(1);
  }
}

function reviveStop(saved: unknown): StopReason | null {
  return JSON.parse(JSON.stringify(saved), (_k, v: unknown) =>
    (typeof v === 'string' && v.startsWith('bigint:') ? BigInt(v.slice(7)) : v)) as StopReason | null;
}

function loadElf(bytes: Uint8Array, opts: MachineOptions): LoadResult {
  const parsed = parseElf(bytes);
  if (!parsed.ok) return parsed;
  const elf = parsed.elf;
  const ramMiB = opts.ramMiB ?? DEFAULT_RAM_MIB;
  if (!Number.isInteger(ramMiB) || ramMiB < 4 || ramMiB > MAX_RAM_MIB) {
    return { ok: false, error: `RAM size must be a whole number of MiB between 4 and ${MAX_RAM_MIB} (got ${ramMiB})` };
  }
  const board = new Board(RAM_BASE, ramMiB * 1024 * 1024);
  const ram = board.ram;
  const loaded = loadSegments(elf, ram);
  if (!loaded.ok) return loaded;
  const entry = physicalOf(elf, elf.entry);
  if (entry === null || ram.offsetOf(entry, 2) < 0) {
    return { ok: false, error: `the ELF entry point 0x${elf.entry.toString(16)} is not inside a loaded segment in RAM` };
  }
  const m = new Machine(board, { ...opts });
  const hart = board.hart;
  hart.pc = entry;
  if (!opts.bare) {
    const boot = prepareBoot(board, opts);
    if (!boot.ok) return boot;
    // docs/abi.md section 1: S-mode, a0 = hart id, a1 = FDT, OpenSBI's delegation.
    hart.setReg(10, 0n);
    hart.setReg(11, BigInt(boot.fdt));
    hart.mideleg = 0x222;
    hart.medeleg = 0xb109;
    hart.mcounteren = 7;
    hart.setPriv(PRIV_S);
  }
  if (opts.tohost) {
    const sym = elf.symbol('tohost');
    if (sym === undefined) return { ok: false, error: "--tohost needs the ELF symbol 'tohost', and this ELF has none (stripped?)" };
    m.tohostAddr = physicalOf(elf, sym.value) ?? Number(sym.value);
    watchTohost(hart, ram, m.tohostAddr);
  }
  return { ok: true, machine: m };
}

/** Place the initrd and the FDT as QEMU `virt` does (docs/abi.md section 1). */
function prepareBoot(board: Board, opts: MachineOptions): { ok: true; fdt: number } | { ok: false; error: string } {
  const ram = board.ram;
  const ramEnd = ram.base + ram.size;
  let initrd: { start: number; end: number } | null = null;
  if (opts.initrd !== undefined && opts.initrd.length > 0) {
    const start = ram.size <= 256 * 1024 * 1024 ? ram.base + ram.size / 2 : ram.base + 128 * 1024 * 1024;
    initrd = { start, end: start + opts.initrd.length };
  }
  const fdtBytes = writeFdt(boardTree({ ramBase: ram.base, ramSize: ram.size, bootargs: opts.bootargs ?? '', initrd }));
  const fdt = Math.floor((ramEnd - fdtBytes.length) / 0x200000) * 0x200000;
  if (initrd !== null) {
    if (initrd.end > fdt) {
      return { ok: false, error: `the initrd (${opts.initrd!.length} bytes) does not fit in RAM below the device tree at 0x${fdt.toString(16)}; use a larger --ram` };
    }
    const dest = ram.bytes.subarray(initrd.start - ram.base, initrd.end - ram.base);
    if (opts.initrd instanceof Uint8Array) dest.set(opts.initrd);
    else opts.initrd!.writeTo(dest);
  }
  ram.bytes.set(fdtBytes, fdt - ram.base);
  return { ok: true, fdt };
}

function loadSegments(elf: ElfFile, ram: Ram): { ok: true } | { ok: false; error: string } {
  for (const seg of elf.segments) {
    if (seg.type !== PT_LOAD || seg.memsz === 0) continue;
    const pa = Number(seg.paddr);
    const off = ram.offsetOf(pa, seg.memsz);
    if (off < 0) {
      const end = seg.paddr + BigInt(seg.memsz);
      return {
        ok: false,
        error: `ELF segment at physical 0x${seg.paddr.toString(16)}-0x${end.toString(16)} lies outside RAM (0x${ram.base.toString(16)}-0x${(ram.base + ram.size).toString(16)})`,
      };
    }
    // The file bytes, then zeros up to memsz (RAM starts zeroed, but segments may overlap).
    ram.bytes.fill(0, off + seg.filesz, off + seg.memsz);
  }
  for (const seg of elf.segments) {
    if (seg.type !== PT_LOAD || seg.memsz === 0) continue;
    return copySegments(elf, ram);
  }
  return { ok: false, error: 'the ELF has no loadable segments' };
}

function copySegments(elf: ElfFile, ram: Ram): { ok: true } {
  for (const seg of elf.segments) {
    if (seg.type !== PT_LOAD || seg.filesz === 0) continue;
    const off = ram.offsetOf(Number(seg.paddr), seg.memsz);
    ram.bytes.set(elf.bytes.subarray(seg.offset, seg.offset + seg.filesz), off);
  }
  return { ok: true };
}

/** Physical address of virtual address `va` through the PT_LOAD segment containing it. */
export function physicalOf(elf: ElfFile, va: bigint): number | null {
  for (const seg of elf.segments) {
    if (seg.type === PT_LOAD && va >= seg.vaddr && va < seg.vaddr + BigInt(Math.max(seg.memsz, 1))) {
      return Number(seg.paddr + (va - seg.vaddr));
    }
  }
  return null;
}

function watchTohost(hart: Hart, ram: Ram, pa: number): void {
  hart.storeWatch = (addr, size) => {
    if (addr + size <= pa || addr >= pa + 8) return;
    const off = ram.offsetOf(pa, 8);
    if (off < 0) return;
    const v = ram.dv.getBigUint64(off, true);
    if (v !== 0n) hart.stop = { kind: 'tohost', value: v };
  };
}
