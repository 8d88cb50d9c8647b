// One RV64IMAC hart: architectural state, fetch, dispatch and the bounded run loop.
//
// Registers are 32 pairs of signed 32-bit halves in an Int32Array (x[2i] = low, x[2i+1] =
// high) aliased by a BigInt64Array for the slow paths (mul/div, CSRs, debugging), so the hot
// integer paths never allocate a BigInt. The pc is a JS number holding the signed 64-bit value
// (every address the machine can execute is far below 2^53); a jump to an address a number
// cannot hold sets pc = NaN and keeps the exact value in pcExact, so the fetch faults exactly.
//
// Faults are values: an instruction that faults calls raise(), and step() takes the trap after
// the instruction returns, through one path (trap.ts). Interrupts are checked only when
// something that can change their outcome happened (irqDirty) or a timer deadline passed.

import { Bus } from './bus';
import { Mmu } from './mmu';
import { Jit, wasmProblem } from './jit';
import * as rvc from './rvc';
import * as decode from './decode';
import * as interp from './interp';
import * as winterp from './wasm/interp';
import {
  takeTrap, pendingInterrupt, PRIV_M, CAUSE_ILLEGAL_INSN,
} from './trap';
import { numberToBig } from './bits';
import { MEM_MSTATUS, MEM_REGS, MEM_SCSR, SCSR_COUNT } from './layout';
import { settleFields } from './fields';

/** Firmware that sees traps into M-mode first (ForkLab's SBI); true = handled. */
export interface Firmware {
  handleTrap(h: Hart, cause: number, interrupt: boolean, tval: bigint, epc: bigint): boolean;
}

export type HartStop =
  | { kind: 'shutdown'; clean: boolean; code: number }
  | { kind: 'tohost'; value: bigint }
  | { kind: 'idle' }
  | { kind: 'error'; message: string };

const FAULT_LOOP_LIMIT = 64;

// Hot imports bound locally once (imported bindings are getters under tsx); must match mmu.ts.
const expandCompressed = rvc.expandCompressed;
const execute = decode.execute;
const interpret = interp.interpret;
const interpretWasm = winterp.interpretWasm;
const ACCESS_FETCH = 0;
const TLB_MASK = 255;
const MAX_BLOCK = 64; // jit.ts MAX_BLOCK

export class Hart {
  /** 32 registers plus a scratch slot (index 32) that writes to x0 go to, so no op tests rd. */
  readonly regBuf: ArrayBuffer;
  /** x[2i] = low 32 bits of register i, x[2i+1] = high 32 bits (layout.ts: in RAM's buffer). */
  readonly x: Int32Array;
  readonly x64: BigInt64Array;
  pc = 0;
  npc = 0;
  pcExact: bigint | null = null;
  priv = PRIV_M;

  // CSR state. Interrupt and delegation registers are numbers (their bits all lie below 32).
  /** mstatus's low word, kept in the machine's memory for the wasm interpreter (layout.ts MEM_MSTATUS). */
  get mstatus(): number { return this.mstatusWord[0]!; }
  set mstatus(v: number) { this.mstatusWord[0] = v; }
  mie = 0;
  mip = 0;
  medeleg = 0;
  mideleg = 0;
  mcounteren = 0;
  scounteren = 0;
  mcountinhibit = 0;
  mtvec = 0n; stvec = 0n;
  mepc = 0n;
  mcause = 0n;
  mtval = 0n;
  mscratch = 0n;
  /**
   * sscratch, sepc, scause and stval live in the machine's memory (layout.ts MEM_SCSR), where
   * the wasm interpreter runs the Zicsr instructions on them itself: a kernel's trap entry and
   * exit take about eight per trap, and each one left to step() was a return to JS (2,641 of
   * a lab run's 7,575 steps; docs/perf.md). Unsigned 64-bit patterns, as csr.ts and the trap
   * paths write them.
   */
  private readonly scsr: BigUint64Array;
  private readonly mstatusWord: Int32Array;
  get sscratch(): bigint { return this.scsr[0]!; }
  set sscratch(v: bigint) { this.scsr[0] = v; }
  get sepc(): bigint { return this.scsr[1]!; }
  set sepc(v: bigint) { this.scsr[1] = v; }
  get scause(): bigint { return this.scsr[2]!; }
  set scause(v: bigint) { this.scsr[2] = v; }
  get stval(): bigint { return this.scsr[3]!; }
  set stval(v: bigint) { this.scsr[3] = v; }
  satp = 0n;
  readonly pmpcfg: bigint[] = new Array<bigint>(8).fill(0n);
  readonly pmpaddr: bigint[] = new Array<bigint>(64).fill(0n);

  /** Retired instructions, and machine cycles (retired + skipped in wfi). */
  instret = 0;
  cycles = 0;
  cycleOffset = 0;
  instretOffset = 0;

  /** LR/SC reservation: physical address, or -1. */
  reservation = -1;
  /** In wfi, waiting for an interrupt. */
  waiting = false;

  /** Pending exception of the current instruction (-1 = none). */
  excCause = -1;
  excTval = 0n;
  /** Exact 64-bit address of the current data access when it is not a safe integer. */
  vaExact = 0n;

  irqDirty = true;
  /**
   * The pc may start a block: set after control transfers, system instructions, atomics,
   * fences, traps and blocks. Straight-line code between them is never looked up, so cold
   * code does not fill the block table with every pc.
   */
  edge = true;
  /** Cycle count at which a timer needs attention (Infinity: never). */
  timerCycle = Infinity;
  /** Called when cycles >= timerCycle or time jumped; updates mip and timerCycle. */
  timerHook: () => void = () => { this.timerCycle = Infinity; };
  /** Called after every store that reached RAM or a device (physical address, size). */
  storeWatch: ((pa: number, size: number) => void) | null = null;

  firmware: Firmware | null = null;
  stop: HartStop | null = null;

  readonly mmu: Mmu;
  /** Block translator; null runs everything through the interpreter. */
  jit: Jit | null;
  /**
   * Run every instruction through step() instead of the interpreter's fast loop (interp.ts):
   * the reference the tests compare the loop against.
   */
  stepwise = false;
  /**
   * The plain-instruction interpreter in WebAssembly (wasm/interp.ts), where the machine's
   * memory is a wasm memory and the host compiles wasm; null runs interp.ts / step() instead.
   */
  wasmInterp: winterp.WasmInterp | null = null;
  private lastTrapCause = -1;
  private lastTrapPc = NaN;
  private lastTrapInstret = -1;
  private sameTrapCount = 0;

  constructor(readonly bus: Bus) {
    this.regBuf = bus.ram.layout.buffer;
    this.scsr = new BigUint64Array(this.regBuf, MEM_SCSR, SCSR_COUNT);
    this.mstatusWord = new Int32Array(this.regBuf, MEM_MSTATUS, 1);
    this.x = new Int32Array(this.regBuf, MEM_REGS, 66);
    this.x64 = new BigInt64Array(this.regBuf, MEM_REGS, 33);
    this.mmu = new Mmu(this, bus);
    this.jit = new Jit(this);
    const layout = bus.ram.layout;
    if (layout.memory !== null && wasmProblem() === null) {
      this.wasmInterp = winterp.createWasmInterp(layout, bus.ram.base, bus.ram.size, this.jit.wasmTable());
    }
    // Every one of these changes during a boot, most for the first time after the run loop
    // was optimized (fields.ts); the reservation holds physical addresses (doubles).
    // cycles is tagged, as timerCycle: primeRun's wait jumps time to a deadline the timer hook
    // computed as a heap number, which made the field a double, and then every read of it in
    // the run loop's cold code made a new heap number (~530 KB of a lab run, one scavenge in
    // four; docs/perf.md). Sums of Smis stay Smis in a tagged field.
    settleFields(this, [
      'pc', 'npc', 'pcExact', 'priv', 'mie', 'mip', 'medeleg', 'mideleg', 'mcounteren',
      'scounteren', 'mcountinhibit', 'mtvec', 'stvec', 'mepc', 'mcause', 'mtval',
      'mscratch', 'satp', 'instret', 'cycles', 'cycleOffset', 'instretOffset',
      'waiting', 'excCause', 'excTval', 'vaExact', 'irqDirty', 'edge', 'timerCycle', 'timerHook',
      'storeWatch', 'firmware', 'stop', 'jit', 'wasmInterp', 'lastTrapCause', 'lastTrapPc',
      'lastTrapInstret', 'sameTrapCount',
    ], ['pc', 'npc', 'reservation'], ['timerCycle', 'cycles']);
  }

  /** mtime: cycles / 10 (10 MHz nominal with one instruction per 100 ns cycle). */
  mtime(): number {
    return Math.floor(this.cycles / 10);
  }

  /** The mode word a wasm tier is entered with: Mmu.wasmMode, | 2 while stores are watched. */
  wasmMode(): number {
    return this.mmu.wasmMode | (this.storeWatch !== null ? 2 : 0);
  }

  getReg(i: number): bigint {
    return this.x64[i]!;
  }

  setReg(i: number, v: bigint): void {
    if (i !== 0) this.x64[i] = BigInt.asIntN(64, v);
  }

  setPriv(p: number): void {
    this.priv = p;
    this.irqDirty = true;
    this.mmu.modeChanged();
  }

  /** Record an exception for the current instruction. */
  raise(cause: number, tval: bigint): void {
    this.excCause = cause;
    this.excTval = tval;
  }

  raiseIllegal(insn: number): void {
    this.raise(CAUSE_ILLEGAL_INSN, BigInt(insn >>> 0));
  }

  /** The exact unsigned 64-bit value of address `va` as computed by the current access. */
  exactAddress(va: number): bigint {
    if (Number.isSafeInteger(va)) return BigInt.asUintN(64, BigInt(va));
    if (Number.isNaN(va) && this.pcExact !== null) return this.pcExact;
    return this.vaExact;
  }

  /** Set the next pc to a 64-bit target (mret, sret, jalr slow path). */
  jumpBig(target: bigint): void {
    const t = BigInt.asIntN(64, target);
    if (t >= -(1n << 53n) && t <= 1n << 53n) {
      this.npc = Number(t);
    } else {
      this.npc = NaN;
      this.pcExact = BigInt.asUintN(64, t);
    }
  }

  noteStore(pa: number, size: number): void {
    if (this.storeWatch !== null) this.storeWatch(pa, size);
  }

  /**
   * RAM offset of the instruction at the pc when the fetch fast path hits, else -1. It reads
   * the pc itself: kernel pcs are not small integers, so passing one to a call V8 does not
   * inline boxes a heap number (measured: 64 MB of garbage per kernel boot).
   */
  fetchOffset(): number {
    const pc = this.pc;
    const mmu = this.mmu;
    if (!mmu.fetchVirt) {
      const off = pc - mmu.ramBase;
      return off >= 0 && off <= mmu.ramSize - 4 ? off : -1;
    }
    const vpn = Math.floor(pc / 4096);
    const i = (vpn & TLB_MASK) + mmu.fetchSlot;
    return mmu.tag[ACCESS_FETCH]![i] === vpn && (pc & 0xfff) !== 0xffe ? mmu.off[ACCESS_FETCH]![i]! + (pc & 0xfff) : -1;
  }

  /**
   * Fetch, execute and retire one instruction, or take the trap it raises. Interrupts are the
   * run loop's business.
   */
  step(): void {
    const pc = this.pc;
    let insn: number;
    const off = this.fetchOffset();
    if (off >= 0) {
      // pc is even, so the two halves are aligned 16-bit parcels (a 32-bit instruction may
      // sit at a 2-byte boundary).
      const u16 = this.bus.ram.u16;
      const k = off >>> 1;
      insn = u16[k]! | (u16[k + 1]! << 16);
    } else {
      insn = this.fetchSlow(pc);
      if (this.excCause >= 0) { this.trap(numberToBigPc(this, pc)); return; }
    }
    if ((insn & 3) !== 3) {
      this.npc = pc + 2;
      const expanded = expandCompressed(insn & 0xffff);
      if (expanded === 0) this.raiseIllegal(insn & 0xffff);
      else execute(this, expanded);
    } else {
      this.npc = pc + 4;
      execute(this, insn);
    }
    if (this.excCause >= 0) { this.trap(BigInt.asUintN(64, BigInt(pc))); return; }
    this.pc = this.npc;
    this.instret++;
    this.cycles++;
  }

  private fetchSlow(pc: number): number {
    if (Number.isNaN(pc)) {
      this.mmu.accessFault(ACCESS_FETCH, pc);
      return 0;
    }
    const low = this.mmu.fetch16(pc);
    if (low < 0) return 0;
    if ((low & 3) !== 3) return low;
    const high = this.mmu.fetch16(pc + 2);
    if (high < 0) return 0;
    return low | (high << 16);
  }

  private trap(epc: bigint): void {
    this.edge = true;
    const cause = this.excCause;
    const tval = this.excTval;
    this.excCause = -1;
    this.pcExact = null;
    this.reservation = -1;
    // A trap that repeats at the same pc without any instruction retiring in between can
    // never make progress (e.g. a trap vector pointing at nowhere): stop instead of spinning.
    if (cause === this.lastTrapCause && Object.is(this.pc, this.lastTrapPc) && this.instret === this.lastTrapInstret) {
      if (++this.sameTrapCount >= FAULT_LOOP_LIMIT) {
        this.stop = {
          kind: 'error',
          message: `fault loop: exception ${cause} (${causeName(cause)}) at pc 0x${epc.toString(16)}, tval 0x${tval.toString(16)}, repeated ${FAULT_LOOP_LIMIT} times; the trap vector leads nowhere`,
        };
        return;
      }
    } else {
      this.sameTrapCount = 0;
    }
    this.lastTrapCause = cause;
    this.lastTrapInstret = this.instret;
    takeTrap(this, cause, false, tval, epc);
    this.lastTrapPc = this.pc;
  }

  /** Take the highest-priority enabled pending interrupt, if any; true when one was taken. */
  checkInterrupts(): boolean {
    const irq = pendingInterrupt(this);
    if (irq < 0) return false;
    this.waiting = false;
    this.reservation = -1;
    this.edge = true;
    takeTrap(this, irq, true, 0n, this.pcExact ?? BigInt.asUintN(64, BigInt(this.pc)));
    return true;
  }

  /**
   * Runs the top of the run loop (a due timer, the interrupt check, a wait with nothing to
   * wake it) 100 times without executing anything, then puts every field it touched back.
   * The first timer and the first wait of a boot came after V8 had optimized run() without
   * feedback for them, which threw the optimized loop away; V8 makes a function's feedback
   * vector only after it has run for a while, hence the count. Board calls it once its timer
   * hook is in place.
   */
  primeRun(): void {
    // A wait jumps time to the timer deadline, where the hook raises MTIP: mip is put back too.
    const { timerCycle, cycles, irqDirty, waiting, stop, edge, mip } = this;
    for (let k = 0; k < 100; k++) {
      this.timerCycle = this.cycles; // due: run() calls the hook, which sets it again
      this.irqDirty = true;
      this.waiting = true;
      this.stop = null;
      this.run(1, null);
      this.cycles = cycles;
    }
    this.timerCycle = timerCycle;
    this.irqDirty = irqDirty;
    this.waiting = waiting;
    this.stop = stop;
    this.edge = edge;
    this.mip = mip;
  }

  /**
   * Run up to `max` steps (instructions or trap entries); returns how many ran. Stops early
   * when `stop` is set, at a breakpoint (not checked for the first step) or when wfi waits
   * with nothing that can wake the hart.
   */
  run(max: number, breakpoints: Set<number> | null): number {
    let n = 0;
    // The wasm interpreter takes block starts itself where it calls the translated blocks
    // (wasm/interp.ts, interpretWasm's atBlockStart: it decides where it does); `lookupNow`
    // when it left one to lookup().
    const wasmEdges = this.wasmInterp !== null && !this.stepwise;
    let lookupNow = false;
    while (n < max) {
      if (this.cycles >= this.timerCycle) this.timerHook();
      if (this.irqDirty) {
        this.irqDirty = false;
        // Counted on both outcomes, so primeRun gives the addition its feedback too.
        const taken = this.checkInterrupts();
        n += taken ? 1 : 0;
        if (taken) continue;
      }
      if (this.waiting) {
        if ((this.mip & this.mie) !== 0) { this.waiting = false; this.irqDirty = true; continue; }
        if (this.timerCycle === Infinity) { this.stop = { kind: 'idle' }; break; }
        // Nothing can happen before the next timer deadline: let time jump there.
        if (this.timerCycle > this.cycles) this.cycles = this.timerCycle;
        this.timerHook();
        this.irqDirty = true;
        continue;
      }
      // Steps left before the slice ends or a timer is due, min(max - n, timerCycle - cycles),
      // without computing the difference while the deadline is far: timerCycle is Infinity
      // most of the time, and each difference was a new heap number in cold code.
      const left = max - n;
      const room = this.cycles + left <= this.timerCycle ? left : this.timerCycle - this.cycles;
      if (breakpoints !== null) {
        if (n > 0 && breakpoints.has(this.pc)) break;
      } else if (this.edge && this.jit !== null && room >= MAX_BLOCK) {
        // A translated block cannot overrun the slice or a timer deadline (see jit.ts).
        this.edge = false;
        if (wasmEdges && !lookupNow) {
          // The interpreter counts the start, or calls its block, as lookup() would; most
          // starts here follow a step() (a system instruction, a trap): ~5.6 k lookups per
          // lab run that V8 ran cold (docs/perf.md, "Block starts after step()").
          const r = interpretWasm(this, room, true);
          if (r === 0) { lookupNow = true; continue; } // left to lookup(); hart.edge is set again
          n += r;
          if (this.stop !== null) break;
          continue;
        }
        lookupNow = false;
        const off = this.fetchOffset();
        const block = off >= 0 ? this.jit.lookup(off) : null;
        if (block !== null) {
          this.edge = true;
          // room: a wasm block may go on into further blocks within it (jit.ts).
          const r = block(this, room);
          if (r >= 0) {
            this.instret += r;
            this.cycles += r;
            n += r;
            continue; // blocks hold nothing that can fault (jit.ts)
          }
          // The block stopped before an instruction its fast path cannot do (jit.ts); the
          // interpreter does it now. The budget and timer checks above covered the whole
          // block, and nothing a block runs changes interrupts, so no other check is due.
          // Most such stops are TLB misses, which the wasm interpreter walks without step().
          const k = -r - 1;
          this.instret += k;
          this.cycles += k;
          n += k;
          if (this.wasmInterp !== null) n += interpretWasm(this, 1);
          else { this.step(); n++; }
          if (this.stop !== null) break;
          continue;
        }
      }
      // The wasm interpreter for plain instructions wherever the host has it (with blocks on
      // it stops at control transfers, so lookups stay where they are); else the JS fast loop
      // only where nothing gets translated: with blocks on, the few cold instructions between
      // them did not pay for V8 compiling the loop (interp.ts).
      if (breakpoints !== null || this.stepwise) {
        this.step();
        n++;
      } else if (this.wasmInterp !== null) {
        n += interpretWasm(this, room);
      } else if (this.jit === null || this.jit.disabled) {
        n += interpret(this, room);
      } else {
        this.step();
        n++;
      }
      if (this.stop !== null) break;
    }
    return n;
  }
}

function numberToBigPc(h: Hart, pc: number): bigint {
  if (Number.isNaN(pc)) return h.pcExact ?? 0n;
  return BigInt.asUintN(64, numberToBig(pc));
}

export function causeName(cause: number): string {
  return [
    'instruction address misaligned', 'instruction access fault', 'illegal instruction', 'breakpoint',
    'load address misaligned', 'load access fault', 'store/AMO address misaligned', 'store/AMO access fault',
    'ecall from U-mode', 'ecall from S-mode', 'reserved', 'ecall from M-mode',
    'instruction page fault', 'load page fault', 'reserved', 'store/AMO page fault',
  ][cause] ?? 'unknown';
}
