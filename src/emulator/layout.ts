// The machine's one block of memory: hart registers, the TLBs, the translated blocks' lookup
// cache, the code-page marks and RAM side by side in a single buffer, so translated WebAssembly code (wasm/translate.ts)
// reaches all of them through one linear memory and the JS side keeps plain typed-array
// views of the same bytes. This file is the one source of truth for the offsets; hart.ts,
// mmu.ts, bus.ts and the wasm translator all take them from here.
//
// The buffer is a WebAssembly.Memory's when the host has WebAssembly (fixed size, never
// grown, so views never detach), else a plain ArrayBuffer of the same layout. The memory is
// shared (its buffer a SharedArrayBuffer) wherever the host allows it, for at most
// MAX_SHARED machines alive at once: V8 counts an unshared memory's 128+ MiB as external
// memory and answers with an incremental marking and a full collection on the main thread at
// every machine's start (~5-7 ms measured), and a shared one it does not count at all. That
// is also why the number is capped: machines dropped in a loop (reboots, tests) are then
// never pressed out by the GC, and 300 of them touching 32 MiB each held 3.6 GB; past the cap
// new machines get unshared memory, whose pressure collects the old ones. Browsers allow
// shared memory only to cross-origin isolated pages; the web edition's page is not one, so it
// gets the unshared memory (docs/perf.md).

import { wasmApi, type WasmMemory } from './wasm/host';

/** 33 register slots of 8 bytes (x0..x31, then the scratch slot writes to x0 go to). */
export const MEM_REGS = 0;
/** The pc a translated block leaves behind (a float64: the pc is a JS number). */
export const MEM_PC = 512;
/**
 * What the wasm interpreter (wasm/interp.ts) leaves beside MEM_PC: an Int32 that is 1 when it
 * retired a control transfer, then the compressed parcel it found no expansion for (0: none).
 */
export const MEM_INTERP = 520;
/**
 * What the wasm interpreter's Sv39 walk needs to know (Mmu.modeChanged writes it), Int32
 * words at the WALK_* indexes: the root table's physical address (low, high word), the fetch
 * privilege, the data privilege (MPRV applied) and mstatus & (SUM | MXR).
 */
export const MEM_WALK = 528;
export const WALK_ROOT = 0, WALK_FETCH_PRIV = 2, WALK_DATA_PRIV = 3, WALK_SUM_MXR = 4, WALK_WORDS = 5;
/**
 * The Jit's translation threshold (Int32, Jit.hotThreshold capped at 2^30), which the wasm
 * interpreter compares MEM_HOT counts with; the caller writes it at every call.
 */
export const MEM_HOT_THRESHOLD = 560;
/**
 * The supervisor trap CSRs sscratch, sepc, scause and stval (Uint64 each, in that order: CSR
 * number - 0x140), which the Hart reads and writes here and the wasm interpreter's Zicsr
 * instructions too (wasm/interp.ts).
 */
export const MEM_SCSR = 576;
export const SCSR_COUNT = 4;
/**
 * mstatus (its low word, Int32; the high word is the constant UXL = SXL = 2: csr.ts), which the
 * Hart keeps here and the wasm interpreter's sstatus accesses and sfence.vma read and write;
 * then an Int32 the interpreter sets to 1 when it wrote mstatus (the caller clears it and sets
 * hart.irqDirty, as csr.ts does).
 */
export const MEM_MSTATUS = 608;
/** TLB tags (Int32, 512 per access kind: fetch, load, store), then the RAM offsets. */
export const MEM_TLB_TAG = 1024;
export const MEM_TLB_OFF = MEM_TLB_TAG + 3 * 512 * 4;
/** Bytes of one kind's tag (or offset) table. */
export const TLB_KIND_BYTES = 512 * 4;
/**
 * The translated blocks' lookup cache (jit.ts), BLOCK_CACHE_SIZE entries of
 * BLOCK_CACHE_ENTRY bytes: RAM offset (Int32, -1 = empty), table slot << 7 | instructions
 * (Int32), pc (Float64). Wasm blocks read it to go on into blocks of other modules.
 */
export const MEM_BLOCK_CACHE = 16384;
export const BLOCK_CACHE_SIZE = 4096;
export const BLOCK_CACHE_ENTRY = 16;
/**
 * The expansions of compressed parcels the wasm interpreter reads (Int32 per 16-bit parcel,
 * rvc.expandCompressed's values; 0 = not filled in yet, or illegal): JS fills them in.
 */
export const MEM_RVC = MEM_BLOCK_CACHE + BLOCK_CACHE_SIZE * BLOCK_CACHE_ENTRY;
export const RVC_ENTRIES = 65536;
/**
 * How often each block start (RAM offset, pc) has been reached (jit.ts countRun, and the wasm
 * interpreter at its control transfers): HOT_SIZE entries of HOT_ENTRY bytes at index
 * (offset >>> 1) & (HOT_SIZE - 1): Int32 RAM offset + 1 (0 = empty, -1 = gone), Int32 count,
 * Int32 limit (the count at which the interpreter next leaves the block start to
 * Jit.lookup), Int32 pc (its low 32 bits). Only perf depends on it, never results: the pc is a
 * tag, so two block starts at one offset whose pcs differ only above bit 31 would share a
 * count, which moves only the moment a block is translated (Jit.lookup checks the whole pc).
 * Sixteen bytes an entry, not 32 with the whole pc: the interpreter's counts touch every page
 * of the table in a lab run, each first touch a page fault (~10 us on these VMs), so half the
 * bytes is 128 faults fewer (docs/perf.md, "A hot table of 16-byte entries").
 */
export const MEM_HOT = MEM_RVC + RVC_ENTRIES * 4;
export const HOT_SIZE = 32768;
export const HOT_ENTRY = 16;
/** A hot-table tag that is no RAM offset's but not empty either (Jit.dropPage). */
export const HOT_GONE = -1;
/** Ram.codePages: one byte per 4 KiB page of RAM. */
export const MEM_CODE_PAGES = MEM_HOT + HOT_SIZE * HOT_ENTRY;

const WASM_PAGE = 65536;

export interface MemoryLayout {
  /** The WebAssembly.Memory holding everything, or null when the host has no WebAssembly. */
  readonly memory: WasmMemory | null;
  readonly buffer: ArrayBuffer;
  /** Byte offset of RAM in the buffer (64 KiB aligned). */
  readonly ramOffset: number;
  /** Size of the buffer in 64 KiB pages. */
  readonly pages: number;
  /** Whether `memory` is shared (wasm modules must import it as shared). */
  readonly shared: boolean;
}

/** Shared memories at most alive at once (see the top of this file). */
export const MAX_SHARED = 2;
let liveShared = 0;
/** Counts shared buffers down as the GC collects them (no registry: never shared). */
const sharedCollected = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<null>(() => { liveShared--; })
  : null;

/**
 * Whether the next memory may be shared: under the cap, and not in a browser page that is not
 * cross-origin isolated (other hosts, node among them, have no such rule).
 */
function mayShare(): boolean {
  return sharedCollected !== null && liveShared < MAX_SHARED &&
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

export function allocateMemory(ramSize: number): MemoryLayout {
  const codePages = Math.ceil(ramSize / 4096);
  const ramOffset = Math.ceil((MEM_CODE_PAGES + codePages) / WASM_PAGE) * WASM_PAGE;
  const pages = Math.ceil((ramOffset + ramSize) / WASM_PAGE);
  let memory: WasmMemory | null = null;
  let shared = false;
  if (wasmApi !== null && pages <= 65536) {
    for (const share of mayShare() ? [true, false] : [false]) {
      try {
        memory = new wasmApi.Memory({ initial: pages, maximum: pages, shared: share });
        shared = share;
        if (share) {
          liveShared++;
          sharedCollected!.register(memory.buffer, null); // the views keep the buffer alive
        }
        break;
      } catch {
        memory = null; // no shared memory here, or address space exhausted: try the next
      }
    }
  }
  const buffer = memory !== null ? memory.buffer : new ArrayBuffer(pages * WASM_PAGE);
  return { memory, buffer, ramOffset, pages, shared };
}
