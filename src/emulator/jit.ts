// Basic-block translation: straight-line runs of guest instructions become one function each,
// so the hot loop pays fetch, decode, dispatch and the per-instruction bookkeeping once per
// block instead of once per instruction. Two backends: WebAssembly (wasm/translate.ts, the
// default where the host compiles wasm: hot blocks are batched into modules over the
// machine's memory, layout.ts) and JS functions built with `new Function` (below). Both
// follow the contract described here; the run loop does not know which one made a block.
//
// A block starts at a (physical RAM offset, virtual pc) pair, stays inside one 4 KiB page and
// holds at most MAX_BLOCK instructions: integer ALU ops (inline JS on the register pairs), M
// ops (helpers from exec-muldiv.ts) and loads and stores (the RAM/TLB fast path inline), and
// may end with one branch, jal or jalr. System instructions, atomics, fences and anything
// illegal are left to the interpreter. A block function sets h.pc and returns how many
// instructions retired, k >= 0; or -(k + 1) when the interpreter must execute the next
// instruction (at h.pc, after k retired) because it left the fast path: a TLB miss, a
// device, a page-crossing access, a store to a page with translations or a watched store.
//
// A block function is called with `room`, the instructions left before the slice budget or
// the next timer deadline (at least MAX_BLOCK): a JS block ignores it, a wasm block may run
// on into further blocks (loops, chaining: wasm/translate.ts) while a whole one still fits,
// and returns the total.
//
// Exactness: the machine must behave the same instruction by instruction whether or not a
// block ran (determinism does not depend on slice sizes). So the run loop only enters a block
// when neither the slice budget nor a timer deadline can fall inside it, and everything that
// can fault, touch a device, change interrupts or stop the machine is done by the interpreter
// with exact instret/cycles. Every exit goes through one shared `h.pc = e; return r` (a
// labelled break), so a rarely taken exit has no property access of its own: such a site
// without type feedback would make V8 deoptimize the block the first time it is taken (each
// TLB flush at a context switch did that, and the delay loop of `print` was compiled 17
// times in one boot).
//
// Translations are dropped per page when the page is written (Ram.codePages), so
// self-modifying code and program loading are safe.

import type { Hart } from './hart';
import * as rvc from './rvc';
import * as base from './exec-base';
import * as muldiv from './exec-muldiv';
import { BLOCK_CACHE_ENTRY, BLOCK_CACHE_SIZE, HOT_ENTRY, HOT_GONE, HOT_SIZE, MEM_BLOCK_CACHE, MEM_HOT, MEM_PC } from './layout';
import { beginModule, buildModule } from './wasm/emit';
import { wasmApi, type WasmTable } from './wasm/host';
import { entryFunction, translateModule } from './wasm/translate';
import { keptModule } from './wasm/interp';
import { settleFields } from './fields';

export const MAX_BLOCK = 64;
const FAST_SIZE = BLOCK_CACHE_SIZE; // the wasm lookup cache mirrors the fast cache slot by slot
const FAST_MASK = FAST_SIZE - 1;
/**
 * Executions of a block start before it is translated. A translation costs far more than
 * `new Function`: V8 runs the new function in its bytecode interpreter (slower than ours) and
 * TurboFan-compiles it later, on CPU time the process pays. The lab kernel's blocks run a few
 * hundred to a few ten thousand times each; translated at 256 runs, they made the boot slower
 * than interpreting it (perf.md), so only really hot code (loops) is translated.
 */
export const HOT_THRESHOLD = 32768;

/**
 * Executions of a block start before the wasm backend translates it. A wasm block never
 * deoptimizes, so far lukewarmer code pays than with JS blocks; on the kernel boot 256 and
 * 1024 were alike and better than 64 or 8 (more modules to compile, perf.md). Since the wasm
 * interpreter counts block starts itself and calls translated blocks directly, cold code
 * costs less to interpret and each module more in comparison (~1.3 ms per batch: decode,
 * code space, instance): on the whole lab run 4096 beat 256 by 7-15 ms and matched 2048 and
 * 8192; the kernel boot's MIPS stayed the same (perf.md, "The translation threshold again").
 */
export const WASM_HOT_THRESHOLD = 4096;
/** Blocks per wasm module, and how long (in thresholds) a hot block waits for the batch. */
const WASM_BATCH = 256;
/** A run count no block start reaches (a hot-table limit that never returns to lookup()). */
const NEVER = 0x40000000;

/** The first Int32 of the hot-table entry of RAM offset `off` (layout.ts MEM_HOT). */
function hotIndex(off: number): number {
  return ((off >>> 1) & (HOT_SIZE - 1)) * (HOT_ENTRY / 4);
}
const WASM_BATCH_WAIT = 4;

/** A translated block: runs from h.pc, sets h.pc, returns retired or -(k + 1) (see above). */
export type BlockFn = (h: Hart, room: number) => number;
/** The wasm entry function: (room, mode, table slot) (wasm/translate.ts entryFunction). */
type WasmBlockFn = (room: number, mode: number, slot: number) => number;
export type JitBackend = 'wasm' | 'js';
class Block {
  // Declared, not initialized, so the constructor's stores are each field's first: a class
  // field starts as undefined, and pc's first number then changed its representation, which
  // gave later blocks another hidden class than the first few (without their type feedback).
  declare readonly pc: number;
  declare fn: BlockFn | null;
  /** True when translation found nothing to translate at this pc. */
  declare untranslatable: boolean;
  /** Hot, waiting in the wasm batch (jit.ts compileBatch). */
  declare queued: boolean;
  /** A wasm block's slot in the shared table << 7 | its instruction count, or -1. */
  declare wasmSlot: number;
  constructor(pc: number) {
    this.pc = pc;
    // These change long after Jit.lookup was optimized: a second value now (fields.ts).
    this.fn = nothingFn; this.fn = null;
    this.untranslatable = true; this.untranslatable = false;
    this.queued = true; this.queued = false;
    this.wasmSlot = 0; this.wasmSlot = -1;
  }
}

/**
 * Forget the run counts of every block start on RAM page `page` in the hot table `hot`
 * (Int32 view of MEM_HOT): their tags become HOT_GONE (Jit.dropPage says why). The wasm
 * interpreter's dropRuns does exactly this (wasm/interp.ts dropBody).
 */
export function dropRuns(hot: Int32Array, page: number): void {
  const words = HOT_ENTRY / 4, first = page * 4096 + 1;
  for (let k = 0, e = ((page << 11) & (HOT_SIZE - 1)) * words; k < 2048; k++, e += words) {
    const tag = hot[e]!;
    if (tag >= first && tag <= first + 4094) { hot[e] = HOT_GONE; hot[e + 1] = 0; hot[e + 2] = 0; }
  }
}

/** A function that is never a block's, for Block's constructor. */
const nothingFn: BlockFn = () => 0;

export class Jit {
  private readonly blocks = new Map<number, Block>();
  private readonly pageBlocks = new Map<number, number[]>();
  /** Direct-mapped cache of translated blocks: RAM offset, pc, function. */
  private readonly fastOff = new Int32Array(FAST_SIZE).fill(-1);
  private readonly fastPc = new Float64Array(FAST_SIZE);
  private readonly fastFn: Array<BlockFn | null> = new Array<BlockFn | null>(FAST_SIZE).fill(null);
  /** The Block entry of each fast slot, so counting runs of cold blocks needs no Map lookup. */
  private readonly fastBlock: Array<Block | null> = new Array<Block | null>(FAST_SIZE).fill(null);
  private env: Record<string, unknown>;
  /** Set when `new Function` is not allowed (e.g. a CSP without unsafe-eval): interpret only. */
  disabled = false;
  disabledReason = '';
  /** Runs of a block start before translation (tests lower it). */
  hotThreshold = HOT_THRESHOLD;
  translated = 0;
  /**
   * What blocks become: WebAssembly functions over the machine's memory (the default where
   * the host compiles WebAssembly), or JS functions made with `new Function`.
   */
  backend: JitBackend = 'js';
  /** Hot blocks waiting for the next wasm module, and their RAM offsets. */
  private readonly queue: Block[] = [];
  private readonly queueOff: number[] = [];
  /** The pc a wasm block left behind (layout.ts MEM_PC). */
  private readonly wasmPc: Float64Array;
  /**
   * The wasm blocks' lookup cache (layout.ts MEM_BLOCK_CACHE), kept equal to the fast cache:
   * slot i names the fast cache's block when that is a wasm block, so a wasm block going on
   * through it finds exactly what lookup() would.
   */
  private readonly cacheI32: Int32Array;
  private readonly cacheF64: Float64Array;
  /** Every wasm block's function, by slot, for wasm blocks to tail-call (null: no wasm). */
  private table: WasmTable | null = null;
  private nextSlot = 0;
  /**
   * Every wasm block is entered through one function, wasmEntry (with the block's table slot
   * in `entrySlot`, set by lookup): so the run loop's call site and the call into wasm see
   * one target each, and V8 never deoptimizes Hart.run for "wrong call target" when a new
   * block appears.
   */
  private wasmEntry: BlockFn | null = null;
  entrySlot = 0;
  /** The table slot of each fast slot's wasm block, or -1. */
  private readonly fastSlot = new Int32Array(FAST_SIZE).fill(-1);
  /**
   * Runs of each block start (layout.ts MEM_HOT), counted here at lookups and by the wasm
   * interpreter at its control transfers, in the one table, so both reach the threshold at
   * the same run (countRun). Each entry's limit says when the interpreter must come back to
   * lookup(): at the threshold, at the end of the batch wait once queued, never when
   * untranslatable, at every run once translated (the lookup cache may have lost the block).
   */
  private readonly hot: Int32Array;

  constructor(private readonly h: Hart) {
    const ram = h.bus.ram;
    this.wasmPc = new Float64Array(ram.layout.buffer, MEM_PC, 1);
    this.cacheI32 = new Int32Array(ram.layout.buffer, MEM_BLOCK_CACHE, BLOCK_CACHE_SIZE * BLOCK_CACHE_ENTRY / 4);
    this.cacheF64 = new Float64Array(ram.layout.buffer, MEM_BLOCK_CACHE, BLOCK_CACHE_SIZE * BLOCK_CACHE_ENTRY / 8);
    this.hot = new Int32Array(ram.layout.buffer, MEM_HOT, HOT_SIZE * HOT_ENTRY / 4);
    this.clearCache();
    if (ram.layout.memory !== null && wasmProblem() === null) {
      this.backend = 'wasm';
      this.hotThreshold = WASM_HOT_THRESHOLD;
    }
    this.env = {
      x: h.x, dv: ram.dv, ram, cm: ram.codePages, mmu: h.mmu,
      TL: h.mmu.tag[1], OL: h.mmu.off[1], TS: h.mmu.tag[2], OS: h.mmu.off[2],
      DO: base.dataOffset, EA: base.effectiveAddress,
      jalr: base.execJalr, op: base.execOp,
      md: muldiv.execMulDiv, md32: muldiv.execMulDiv32,
    };
    ram.onCodeWrite = (page) => this.dropPage(page);
    // The inline address fast path assumes RAM at 0x80000000 (the virt board's RAM base).
    if (ram.base !== 0x80000000) {
      this.disabled = true;
      this.disabledReason = 'RAM is not at 0x80000000';
    }
    // Known from the start, so a host can say which tier runs before anything is hot.
    const evalProblem = codeGenerationProblem();
    if (evalProblem !== null && this.backend === 'js') {
      this.disabled = true;
      this.disabledReason = evalProblem;
    }
    // The first translation sets these in the middle of a boot (fields.ts).
    settleFields(this, ['disabled', 'disabledReason', 'hotThreshold', 'translated', 'backend', 'table', 'nextSlot', 'wasmEntry', 'entrySlot']);
    this.primeLookup();
  }

  /**
   * Runs lookup() once down each of its paths for cold blocks, then forgets all of it. V8
   * optimizes lookup (and Hart.run, which inlines it) from the type feedback of the paths that
   * have run; a boot took the rarer ones (a block found in the Map after its fast slot was
   * reused, a pc seen at a second RAM offset) only after that, and each threw the optimized
   * run loop away ("insufficient type feedback"). Nothing here stays: the blocks, the caches,
   * the code-page marks and the hart's pc are as they were.
   */
  private primeLookup(): void {
    const h = this.h;
    const ram = h.bus.ram;
    const a = ram.size - 4096; // the last page, and a page one cache size below it: same fast slot
    const b = a - 2 * FAST_SIZE;
    if (b < 0) return;
    const pc = h.pc;
    const marks = [ram.codePages[a >>> 12]!, ram.codePages[b >>> 12]!];
    const threshold = this.hotThreshold;
    const entrySlot = this.entrySlot;
    this.hotThreshold = Infinity; // count, never translate
    const at = (off: number, alias: number): void => {
      h.pc = ram.base + off + alias; // a number outside the Smi range, as kernel pcs are
      this.lookup(off);
    };
    // V8 records no feedback until a function has run for a while (its feedback vector is made
    // lazily: 12 calls were not enough, 100 are).
    for (let k = 0; k < 100; k++) at(a, 0); // a new block, then its fast slot, still cold
    at(a + 2, 0); // a second block on that page
    at(b, 0); // takes a's fast slot
    at(a, 0); // a again, from the Map
    at(a, 4096); // a's RAM offset at another pc
    // A translated block, from the fast slot and from the Map (its function is never called).
    const block = this.blocks.get(a)!;
    block.fn = nothingFn;
    this.fastFn[(a >>> 1) & FAST_MASK] = nothingFn;
    at(a, 4096);
    at(b, 0);
    at(a, 4096);
    if (this.backend === 'wasm' && !this.disabled) {
      // Blocks turning hot: they join the wasm batch, which stays far from due (nothing
      // compiles); 100 of them, so queueWasm too gets its feedback vector.
      this.hotThreshold = 2;
      for (let k = 2; k < 202; k += 2) { at(a + k, 0); at(a + k, 0); }
    }
    this.hotThreshold = threshold;
    this.entrySlot = entrySlot;
    h.pc = pc;
    this.forgetBlocks(false); // the whole table untouched: its pages are never faulted in
    for (const off of [a, a + 2, b]) this.forgetRuns(off);
    for (let k = 2; k < 202; k += 2) this.forgetRuns(a + k);
    ram.codePages[a >>> 12] = marks[0]!;
    ram.codePages[b >>> 12] = marks[1]!;
  }

  /** Forget every translation (fence.i, restore). */
  flush(): void {
    this.forgetBlocks();
    this.nextSlot = 0; // the table's old functions are reachable only through the cache
    this.h.bus.ram.clearCode();
  }

  /** Drop every block, the hot queue and both lookup caches (flush, and after priming). */
  private forgetBlocks(runs = true): void {
    // Their runs start again from 0, as a new Block's count did.
    if (runs) this.hot.fill(0);
    for (const b of this.queue) b.queued = false;
    this.queue.length = 0;
    this.queueOff.length = 0;
    this.blocks.clear();
    this.pageBlocks.clear();
    this.fastOff.fill(-1);
    this.fastFn.fill(null);
    this.fastBlock.fill(null);
    this.fastSlot.fill(-1);
    this.clearCache();
  }

  private clearCache(): void {
    // Every word, not only the offsets: one native fill instead of a loop that ran in V8's
    // interpreter at every machine's start (~3 ms). A slot of -1 and a pc of NaN are as empty.
    this.cacheI32.fill(-1);
  }

  /** Make the wasm cache's slot i say what fast slot i says (see cacheI32). */
  private syncCache(i: number): void {
    const b = this.fastBlock[i];
    const j = i * (BLOCK_CACHE_ENTRY / 4);
    if (b === null || b === undefined || b.wasmSlot < 0 || this.fastFn[i] !== b.fn) { this.cacheI32[j] = -1; return; }
    this.cacheI32[j] = this.fastOff[i]!;
    this.cacheI32[j + 1] = b.wasmSlot;
    this.cacheF64[j / 2 + 1] = this.fastPc[i]!;
  }

  private dropPage(page: number): void {
    // The runs of every block start on the page start again from 0, as a new Block's count
    // did (the page is marked where only the wasm interpreter has counted, without Blocks);
    // the page's offsets are 2048 consecutive entries. Their tag becomes HOT_GONE, not empty: an
    // entry may have been another block's, translated, before this page's took it, and the
    // interpreter must leave that block's next run to lookup(), which finds it in the Map.
    // The wasm interpreter does the same loop where there is one: 2048 entries per page in
    // JS that runs cold cost ~0.2 ms a page (16 pages per lab run; docs/perf.md).
    const w = this.h.wasmInterp;
    if (w !== null) w.dropRuns(page);
    else dropRuns(this.hot, page);
    const offs = this.pageBlocks.get(page);
    if (offs === undefined) return;
    for (const off of offs) {
      this.blocks.delete(off);
      const i = (off >>> 1) & FAST_MASK;
      if (this.fastOff[i] === off) {
        this.fastOff[i] = -1; this.fastFn[i] = null; this.fastBlock[i] = null;
        this.cacheI32[i * (BLOCK_CACHE_ENTRY / 4)] = -1;
      }
    }
    this.pageBlocks.delete(page);
  }

  /**
   * The translated block for the hart's pc at RAM offset `off`, or null when the interpreter
   * should step. A direct-mapped cache answers hits without touching the Map; the pc is read
   * from the hart and kept in a Float64Array, so no call passes a (boxed) double.
   */
  lookup(off: number): BlockFn | null {
    const pc = this.h.pc;
    const i = (off >>> 1) & FAST_MASK;
    let b: Block | undefined;
    if (this.fastOff[i] === off && this.fastPc[i] === pc) {
      const fn = this.fastFn[i]!;
      if (fn !== null) { this.entrySlot = this.fastSlot[i]!; return fn; }
      b = this.fastBlock[i]!;
    } else {
      b = this.blocks.get(off);
      if (b === undefined || b.pc !== pc) {
        b = new Block(pc);
        this.blocks.set(off, b);
        const page = off >>> 12;
        const list = this.pageBlocks.get(page);
        if (list === undefined) this.pageBlocks.set(page, [off]); else list.push(off);
        this.h.bus.ram.markCode(page);
      }
      this.remember(i, off, pc, b);
      if (b.fn !== null) { this.entrySlot = this.fastSlot[i]!; return b.fn; }
    }
    // Counted first, also when untranslatable: the interpreter counts those runs too.
    const runs = this.countRun(off, pc);
    if (b.untranslatable) { this.setLimit(off, pc, NEVER); return null; }
    if (runs < this.hotThreshold || this.disabled) return null;
    if (this.backend === 'wasm') {
      const fn = this.queueWasm(b, off);
      this.entrySlot = b.wasmSlot >> 7;
      return fn;
    }
    b.fn = this.translateJs(off, pc);
    if (b.fn === null) {
      b.untranslatable = true;
      this.setLimit(off, pc, NEVER);
      return null;
    }
    this.fastFn[i] = b.fn;
    return b.fn;
  }

  /**
   * One more run of the block start at (RAM offset `off`, `pc`); returns its count. A new
   * entry's limit is the threshold. The wasm interpreter (wasm/interp.ts) counts exactly so
   * at its control transfers, except that it leaves to this lookup a run that reaches the
   * limit and an entry of another block start.
   */
  private countRun(off: number, pc: number): number {
    const j = hotIndex(off);
    const hot = this.hot;
    if (hot[j] === off + 1 && hot[j + 3] === (pc | 0)) {
      const c = hot[j + 1]! + 1;
      hot[j + 1] = c;
      return c;
    }
    hot[j] = off + 1;
    hot[j + 1] = 1;
    hot[j + 2] = Math.min(this.hotThreshold, NEVER);
    hot[j + 3] = pc | 0; // the low 32 bits, as the interpreter's i32.wrap_i64
    return 1;
  }

  /** The count at which the interpreter next leaves the block start to lookup() (`hot`). */
  private setLimit(off: number, pc: number, limit: number): void {
    const j = hotIndex(off);
    if (this.hot[j] === off + 1 && this.hot[j + 3] === (pc | 0)) this.hot[j + 2] = limit;
  }

  private forgetRuns(off: number): void {
    const j = hotIndex(off);
    this.hot.fill(0, j, j + HOT_ENTRY / 4);
  }

  /** The count countRun last left for the block start (0 when its entry holds another). */
  private runs(off: number, pc: number): number {
    const j = hotIndex(off);
    return this.hot[j] === off + 1 && this.hot[j + 3] === (pc | 0) ? this.hot[j + 1]! : 0;
  }

  /** Make block `b` the fast slot i's entry (its function, or null while it is cold). */
  private remember(i: number, off: number, pc: number, b: Block): void {
    this.fastOff[i] = off;
    this.fastPc[i] = pc;
    this.fastFn[i] = b.fn;
    this.fastBlock[i] = b;
    this.fastSlot[i] = b.wasmSlot >> 7;
    this.syncCache(i);
  }

  /**
   * A hot block for the wasm backend: it waits in a batch, still interpreted, until
   * WASM_BATCH blocks are hot or it has run WASM_BATCH_WAIT times its threshold; then the
   * whole batch becomes one module. Each module costs V8 a fixed ~0.3 ms on top of its
   * functions (measured on the kernel boot), so one module per block made translation a
   * quarter of the boot.
   */
  private queueWasm(b: Block, off: number): BlockFn | null {
    if (!b.queued) {
      b.queued = true;
      this.queue.push(b);
      this.queueOff.push(off);
      this.setLimit(off, b.pc, Math.min(this.hotThreshold * WASM_BATCH_WAIT, NEVER));
    }
    // A threshold of 1 means "translate everything at first sight" (the tests' setting).
    if (this.hotThreshold > 1 && this.queue.length < WASM_BATCH && this.runs(off, b.pc) < this.hotThreshold * WASM_BATCH_WAIT) return null;
    this.compileBatch();
    return b.fn;
  }

  /** Translate every queued block that is still current into one wasm module. */
  private compileBatch(): void {
    const ram = this.h.bus.ram;
    const layout = ram.layout;
    const owners: Array<{ b: Block; off: number }> = [];
    for (let j = 0; j < this.queue.length; j++) {
      const b = this.queue[j]!, off = this.queueOff[j]!;
      b.queued = false;
      if (this.blocks.get(off) === b) owners.push({ b, off }); // else its page was written meanwhile
    }
    this.queue.length = 0;
    this.queueOff.length = 0;
    if (owners.length === 0) return;
    const table = this.table ??= this.makeTable(); // before beginModule: it makes a module too
    beginModule();
    const code = translateModule(ram.u16, owners.map((o) => ({ off: o.off, pc: o.b.pc })), layout.ramOffset, ram.size);
    if (code === null) {
      for (const o of owners) { o.b.untranslatable = true; this.setLimit(o.off, o.b.pc, NEVER); }
      return;
    }
    const api = wasmApi!;
    const base = this.nextSlot;
    const count = code.funcs.length - 1; // the chain helper is not in the table
    if (base + count > table.length) table.grow(Math.max(base + count - table.length, table.length));
    this.nextSlot += count;
    const module = new api.Module(buildModule(code.funcs, layout, base, 1));
    const exports = new api.Instance(module, { e: { m: layout.memory, t: table } }).exports;
    for (let j = 0; j < owners.length; j++) {
      const { b, off } = owners[j]!;
      const entry = code.entries[j]!;
      if (entry < 0) { b.untranslatable = true; this.setLimit(off, b.pc, NEVER); continue; }
      this.setLimit(off, b.pc, 1);
      b.fn = this.wasmEntry;
      b.wasmSlot = ((base + entry - 1) << 7) | code.insns[j]!;
      const i = (off >>> 1) & FAST_MASK;
      if (this.fastBlock[i] === b) { this.fastFn[i] = b.fn; this.fastSlot[i] = base + entry - 1; this.syncCache(i); }
      this.translated++;
    }
  }

  /**
   * The table of every wasm block's function (made now if no block was yet), which the wasm
   * interpreter calls blocks through; null when blocks are not wasm.
   */
  wasmTable(): WasmTable | null {
    if (this.backend !== 'wasm' || this.disabled) return null;
    return this.table ??= this.makeTable();
  }

  /** The shared table, and the one entry function into it (see wasmEntry). */
  private makeTable(): WasmTable {
    const api = wasmApi!;
    const layout = this.h.bus.ram.layout;
    const table = new api.Table({ element: 'anyfunc', initial: 1024 });
    const module = keptModule(api, `entry-${layout.pages}-${layout.shared ? 'shared' : 'plain'}`, () => {
      beginModule();
      return buildModule([entryFunction()], layout, 0, 1);
    });
    const enter = new api.Instance(module, { e: { m: layout.memory, t: table } }).exports.f0 as WasmBlockFn;
    const pcSlot = this.wasmPc;
    this.wasmEntry = (h, room) => {
      const r = enter(room, h.wasmMode(), this.entrySlot);
      h.pc = pcSlot[0]!;
      return r;
    };
    return table;
  }

  private translateJs(off: number, pc: number): BlockFn | null {
    const ram = this.h.bus.ram;
    const pageEnd = (off & ~0xfff) + 4096;
    const body: string[] = [];
    let n = 0;
    let p = off;
    let vpc = pc;
    let terminated = false;
    while (n < MAX_BLOCK && p + 2 <= pageEnd) {
      let insn = ram.u16[p >>> 1]!;
      let len = 2;
      if ((insn & 3) === 3) {
        if (p + 4 > pageEnd) break;
        insn = (insn | (ram.u16[(p >>> 1) + 1]! << 16)) | 0;
        len = 4;
      } else {
        insn = rvc.expandCompressed(insn);
        if (insn === 0) break;
      }
      const code = emit(insn, vpc, len, n);
      if (code === null) break;
      body.push(`// ${hex(vpc)}: ${hex(insn >>> 0)}\n${code.text}`);
      n++;
      p += len;
      vpc += len;
      if (code.terminal) { terminated = true; break; }
    }
    if (n === 0) return null;
    const src = `"use strict";
const x = E.x, dv = E.dv, ram = E.ram, cm = E.cm, mmu = E.mmu, DO = E.DO, EA = E.EA;
const TL = E.TL, OL = E.OL, TS = E.TS, OS = E.OS;
const jalr = E.jalr, op = E.op, md = E.md, md32 = E.md32;
return function block_${hex(pc)}(h) {
let off = 0, e = ${vpc}, r = ${n};
b: {
${body.join('\n')}
}
h.pc = e; return r;
};`;
    try {
      const fn = new Function('E', src)(this.env) as BlockFn;
      this.translated++;
      return fn;
    } catch (e) {
      // Only a host that forbids `new Function` gets here (the source is generated from a
      // fixed set of templates); interpret from now on.
      this.disabled = true;
      this.disabledReason = e instanceof Error ? e.message : String(e);
      return null;
    }
  }
}

let wasmChecked = false;
let wasmCompileProblem: string | null = null;

/**
 * A module with two functions (i32) -> i32, the first tail-calling the second (return_call):
 * blocks chain with tail calls, which V8 has had since 11.2 (Chrome 112, Node 20).
 */
const TAIL_CALL_PROBE = Uint8Array.of(
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 6, 1, 0x60, 1, 0x7f, 1, 0x7f, 3, 3, 2, 0, 0,
  10, 13, 2, 6, 0, 0x20, 0, 0x12, 1, 0x0b, 4, 0, 0x20, 0, 0x0b,
);

/**
 * Why this host cannot compile WebAssembly (none; a Content-Security-Policy without
 * 'wasm-unsafe-eval'; no tail calls), or null when it can; probed once per process.
 */
export function wasmProblem(): string | null {
  if (!wasmChecked) {
    wasmChecked = true;
    if (wasmApi === null) wasmCompileProblem = 'this host has no WebAssembly';
    else {
      try {
        new wasmApi.Module(TAIL_CALL_PROBE);
      } catch (e) {
        wasmCompileProblem = e instanceof Error ? e.message : String(e);
      }
    }
  }
  return wasmCompileProblem;
}

let evalChecked = false;
let evalProblem: string | null = null;

/**
 * Why this host cannot make functions from source (a Content-Security-Policy without
 * 'unsafe-eval' forbids `new Function`), or null when it can; probed once per process.
 */
export function codeGenerationProblem(): string | null {
  if (!evalChecked) {
    evalChecked = true;
    try {
      new Function('return 0');
    } catch (e) {
      evalProblem = e instanceof Error ? e.message : String(e);
    }
  }
  return evalProblem;
}

function hex(v: number): string {
  return v < 0 ? 'm' + (-v).toString(16) : v.toString(16);
}

interface Emitted { text: string; terminal: boolean }

/**
 * JS that sets `off` to the RAM offset of rs1 + imm for a `size`-byte access of `kind`
 * (1 load, 2 store) when the fast path hits, else -1 — using only int32 arithmetic, so even
 * unoptimized block code allocates nothing: the carry of the low add comes from the sign
 * bits ((a & b) | ((a | b) & ~sum)), the Sv39 VPN of a canonical address is
 * (hi << 20) | (lo >>> 12), and a bare address hi:lo is RAM (at 0x80000000) when hi is 0 and
 * lo ^ 0x80000000 is a valid offset.
 */
function fastOffset(rs1: number, imm: number, size: number, kind: number): string {
  const tag = kind === 1 ? 'TL' : 'TS';
  const offs = kind === 1 ? 'OL' : 'OS';
  return `{ const l = x[${rs1 << 1}], s = (l + ${imm}) | 0;
  const hh = (x[${(rs1 << 1) + 1}] + ${imm >> 31} + (((l & ${imm}) | ((l | ${imm}) & ~s)) >>> 31)) | 0;
  if (mmu.dataVirt) {
    if (((hh << 25) >> 25) === hh && (s & 4095) <= ${4096 - size}) {
      const vpn = (hh << 20) | (s >>> 12), i = (vpn & 255) + mmu.dataSlot;
      off = ${tag}[i] === vpn ? ${offs}[i] + (s & 4095) : -1;
    } else off = -1;
  } else {
    off = hh === 0 ? s ^ -2147483648 : -1;
    if (off > mmu.ramSize - ${size}) off = -1;
  } }`;
}

const lo = (r: number): string => `x[${r << 1}]`;
const hi = (r: number): string => `x[${(r << 1) + 1}]`;

/** JS for one instruction at `pc`, the k-th of its block (k instructions retired before it). */
function emit(insn: number, pc: number, len: number, k: number): Emitted | null {
  const opcode = insn & 0x7f;
  const rd = (insn >>> 7) & 31;
  const rs1 = (insn >>> 15) & 31;
  const rs2 = (insn >>> 20) & 31;
  const f3 = (insn >>> 12) & 7;
  const f7 = insn >>> 25;
  const immI = insn >> 20;
  const next = pc + len;
  const plain = (text: string): Emitted => ({ text, terminal: false });
  // Leave the fast path: the interpreter executes this instruction next, k retired before it.
  const interpret = `{ e = ${pc}; r = ${-(k + 1)}; break b; }`;
  const setNum = (d: number, v: number): string => `${lo(d)} = ${v | 0}; ${hi(d)} = ${Math.floor(v / 4294967296) | 0};`;

  switch (opcode) {
    case 0x37: // LUI
      if (rd === 0) return plain('');
      return plain(`${lo(rd)} = ${insn & 0xfffff000}; ${hi(rd)} = ${(insn & 0xfffff000) >> 31};`);
    case 0x17: // AUIPC
      if (rd === 0) return plain('');
      return plain(setNum(rd, pc + (insn & 0xfffff000)));
    case 0x13: { // OP-IMM
      if (f3 === 1 && (insn >>> 26) !== 0) return null;
      if (f3 === 5 && (insn >>> 26) !== 0 && (insn >>> 26) !== 0x10) return null;
      if (rd === 0) return plain('');
      const imm = immI;
      const ihi = imm >> 31;
      switch (f3) {
        case 0:
          if (rs1 === 0) return plain(`${lo(rd)} = ${imm}; ${hi(rd)} = ${ihi};`);
          return plain(`{ const s = (${lo(rs1)} >>> 0) + ${imm >>> 0}; ${hi(rd)} = ${hi(rs1)} + ${ihi} + (s > 4294967295 ? 1 : 0); ${lo(rd)} = s; }`);
        case 4: return plain(`${lo(rd)} = ${lo(rs1)} ^ ${imm}; ${hi(rd)} = ${hi(rs1)} ^ ${ihi};`);
        case 6: return plain(`${lo(rd)} = ${lo(rs1)} | ${imm}; ${hi(rd)} = ${hi(rs1)} | ${ihi};`);
        case 7: return plain(`${lo(rd)} = ${lo(rs1)} & ${imm}; ${hi(rd)} = ${hi(rs1)} & ${ihi};`);
        case 2: return plain(`{ const a = ${hi(rs1)}; ${lo(rd)} = (a < ${ihi} || (a === ${ihi} && (${lo(rs1)} >>> 0) < ${imm >>> 0})) ? 1 : 0; ${hi(rd)} = 0; }`);
        case 3: return plain(`{ const a = ${hi(rs1)} >>> 0; ${lo(rd)} = (a < ${ihi >>> 0} || (a === ${ihi >>> 0} && (${lo(rs1)} >>> 0) < ${imm >>> 0})) ? 1 : 0; ${hi(rd)} = 0; }`);
        case 1: {
          if ((insn >>> 26) !== 0) return null;
          const s = (insn >>> 20) & 63;
          if (s === 0) return plain(`${lo(rd)} = ${lo(rs1)}; ${hi(rd)} = ${hi(rs1)};`);
          if (s < 32) return plain(`{ const l = ${lo(rs1)}; ${hi(rd)} = (${hi(rs1)} << ${s}) | (l >>> ${32 - s}); ${lo(rd)} = l << ${s}; }`);
          return plain(`${hi(rd)} = ${lo(rs1)} << ${s - 32}; ${lo(rd)} = 0;`);
        }
        default: { // 5: SRLI / SRAI
          const f6 = insn >>> 26;
          if (f6 !== 0 && f6 !== 0x10) return null;
          const s = (insn >>> 20) & 63;
          const arith = f6 === 0x10;
          if (s === 0) return plain(`${lo(rd)} = ${lo(rs1)}; ${hi(rd)} = ${hi(rs1)};`);
          if (s < 32) return plain(`{ const h1 = ${hi(rs1)}; ${lo(rd)} = (${lo(rs1)} >>> ${s}) | (h1 << ${32 - s}); ${hi(rd)} = h1 ${arith ? '>>' : '>>>'} ${s}; }`);
          return plain(`{ const h1 = ${hi(rs1)}; ${lo(rd)} = h1 ${arith ? '>>' : '>>>'} ${s - 32}; ${hi(rd)} = ${arith ? 'h1 >> 31' : '0'}; }`);
        }
      }
    }
    case 0x1b: { // OP-IMM-32
      const sh = (insn >>> 20) & 31;
      let expr: string;
      if (f3 === 0) expr = `(${lo(rs1)} + ${immI}) | 0`;
      else if (f3 === 1 && f7 === 0) expr = `${lo(rs1)} << ${sh}`;
      else if (f3 === 5 && f7 === 0) expr = `(${lo(rs1)} >>> ${sh}) | 0`;
      else if (f3 === 5 && f7 === 0x20) expr = `${lo(rs1)} >> ${sh}`;
      else return null;
      if (rd === 0) return plain('');
      return plain(`{ const v = ${expr}; ${lo(rd)} = v; ${hi(rd)} = v >> 31; }`);
    }
    case 0x33: { // OP
      if (f7 === 1) return plain(rd === 0 ? '' : `md(h, ${insn});`);
      if (f7 !== 0 && !(f7 === 0x20 && (f3 === 0 || f3 === 5))) return null;
      if (rd === 0) return plain('');
      if (f7 === 0x20 && f3 === 0) {
        return plain(`{ const al = ${lo(rs1)}, bl = ${lo(rs2)}; ${hi(rd)} = ${hi(rs1)} - ${hi(rs2)} - ((al >>> 0) < (bl >>> 0) ? 1 : 0); ${lo(rd)} = al - bl; }`);
      }
      switch (f3) {
        case 0: return plain(`{ const s = (${lo(rs1)} >>> 0) + (${lo(rs2)} >>> 0); ${hi(rd)} = ${hi(rs1)} + ${hi(rs2)} + (s > 4294967295 ? 1 : 0); ${lo(rd)} = s; }`);
        case 4: return plain(`${lo(rd)} = ${lo(rs1)} ^ ${lo(rs2)}; ${hi(rd)} = ${hi(rs1)} ^ ${hi(rs2)};`);
        case 6: return plain(`${lo(rd)} = ${lo(rs1)} | ${lo(rs2)}; ${hi(rd)} = ${hi(rs1)} | ${hi(rs2)};`);
        case 7: return plain(`${lo(rd)} = ${lo(rs1)} & ${lo(rs2)}; ${hi(rd)} = ${hi(rs1)} & ${hi(rs2)};`);
        case 2: return plain(`{ const a = ${hi(rs1)}, b = ${hi(rs2)}; ${lo(rd)} = (a < b || (a === b && (${lo(rs1)} >>> 0) < (${lo(rs2)} >>> 0))) ? 1 : 0; ${hi(rd)} = 0; }`);
        case 3: return plain(`{ const a = ${hi(rs1)} >>> 0, b = ${hi(rs2)} >>> 0; ${lo(rd)} = (a < b || (a === b && (${lo(rs1)} >>> 0) < (${lo(rs2)} >>> 0))) ? 1 : 0; ${hi(rd)} = 0; }`);
        default: return plain(`op(h, ${insn});`); // shifts by register
      }
    }
    case 0x3b: { // OP-32
      if (f7 === 1) {
        if (f3 === 1 || f3 === 2 || f3 === 3) return null;
        return plain(rd === 0 ? '' : `md32(h, ${insn});`);
      }
      let expr: string;
      if (f7 === 0 && f3 === 0) expr = `(${lo(rs1)} + ${lo(rs2)}) | 0`;
      else if (f7 === 0x20 && f3 === 0) expr = `(${lo(rs1)} - ${lo(rs2)}) | 0`;
      else if (f7 === 0 && f3 === 1) expr = `${lo(rs1)} << (${lo(rs2)} & 31)`;
      else if (f7 === 0 && f3 === 5) expr = `(${lo(rs1)} >>> (${lo(rs2)} & 31)) | 0`;
      else if (f7 === 0x20 && f3 === 5) expr = `${lo(rs1)} >> (${lo(rs2)} & 31)`;
      else return null;
      if (rd === 0) return plain('');
      return plain(`{ const v = ${expr}; ${lo(rd)} = v; ${hi(rd)} = v >> 31; }`);
    }
    case 0x03: { // LOAD
      const size = [1, 2, 4, 8, 1, 2, 4, 0][f3]!;
      if (size === 0) return null;
      const d = rd === 0 ? 64 : rd << 1;
      const read = [
        `{ const v = dv.getInt8(off); x[${d}] = v; x[${d + 1}] = v >> 31; }`,
        `{ const v = dv.getInt16(off, true); x[${d}] = v; x[${d + 1}] = v >> 31; }`,
        `{ const v = dv.getInt32(off, true); x[${d}] = v; x[${d + 1}] = v >> 31; }`,
        `x[${d}] = dv.getInt32(off, true); x[${d + 1}] = dv.getInt32(off + 4, true);`,
        `x[${d}] = dv.getUint8(off); x[${d + 1}] = 0;`,
        `x[${d}] = dv.getUint16(off, true); x[${d + 1}] = 0;`,
        `x[${d}] = dv.getInt32(off, true); x[${d + 1}] = 0;`,
      ][f3]!;
      return plain(`${fastOffset(rs1, immI, size, 1)}
if (off < 0) ${interpret}
${read}`);
    }
    case 0x23: { // STORE
      if (f3 > 3) return null;
      const size = 1 << f3;
      const imm = ((insn >> 25) << 5) | ((insn >>> 7) & 31);
      const write = [
        `dv.setInt8(off, ${lo(rs2)});`,
        `dv.setInt16(off, ${lo(rs2)}, true);`,
        `dv.setInt32(off, ${lo(rs2)}, true);`,
        `dv.setInt32(off, ${lo(rs2)}, true); dv.setInt32(off + 4, ${hi(rs2)}, true);`,
      ][f3]!;
      // Stores to pages with translations (or watched for dirty tracking) and watched
      // stores (tohost) go through the interpreter's store path, which reports them.
      return plain(`${fastOffset(rs1, imm, size, 2)}
if (off < 0 || cm[off >>> 12] !== 0 || cm[(off + ${size - 1}) >>> 12] !== 0 || h.storeWatch !== null) ${interpret}
${write}`);
    }
    case 0x63: { // BRANCH
      const off = ((insn >> 31) << 12) | (((insn >>> 7) & 1) << 11) | (((insn >>> 25) & 0x3f) << 5) | (((insn >>> 8) & 0xf) << 1);
      const a = [lo(rs1), hi(rs1)], b = [lo(rs2), hi(rs2)];
      let cond: string;
      switch (f3) {
        case 0: cond = `${a[0]} === ${b[0]} && ${a[1]} === ${b[1]}`; break;
        case 1: cond = `${a[0]} !== ${b[0]} || ${a[1]} !== ${b[1]}`; break;
        case 4: cond = `${a[1]} < ${b[1]} || (${a[1]} === ${b[1]} && (${a[0]} >>> 0) < (${b[0]} >>> 0))`; break;
        case 5: cond = `!(${a[1]} < ${b[1]} || (${a[1]} === ${b[1]} && (${a[0]} >>> 0) < (${b[0]} >>> 0)))`; break;
        case 6: cond = `(${a[1]} >>> 0) < (${b[1]} >>> 0) || (${a[1]} === ${b[1]} && (${a[0]} >>> 0) < (${b[0]} >>> 0))`; break;
        case 7: cond = `!((${a[1]} >>> 0) < (${b[1]} >>> 0) || (${a[1]} === ${b[1]} && (${a[0]} >>> 0) < (${b[0]} >>> 0)))`; break;
        default: return null;
      }
      return { text: `e = (${cond}) ? ${pc + off} : ${next}; r = ${k + 1};`, terminal: true };
    }
    case 0x6f: { // JAL
      const off = ((insn >> 31) << 20) | (insn & 0xff000) | (((insn >>> 20) & 1) << 11) | (((insn >>> 21) & 0x3ff) << 1);
      return { text: `${rd === 0 ? '' : setNum(rd, next)} e = ${pc + off}; r = ${k + 1};`, terminal: true };
    }
    case 0x67: // JALR
      if (f3 !== 0) return null;
      // execJalr reads the link value from h.npc and leaves the target there (it cannot fault:
      // with RVC every even target is aligned).
      return { text: `h.npc = ${next}; jalr(h, ${insn}); e = h.npc; r = ${k + 1};`, terminal: true };
    default:
      return null;
  }
}
