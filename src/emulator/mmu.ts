// Address translation: Sv39 page walk and a software TLB per access kind (fetch, load, store).
//
// Sv39 virtual address (a JS number; valid ones are in [-2^38, 2^38) as signed values):
//   38        30 29        21 20        12 11          0
//   | VPN[2]    | VPN[1]    | VPN[0]    | page offset |
// PTE: PPN in bits 53:10, then D A G U X W R V in bits 7:0; bits 63:54 reserved (must be 0).
//
// Each TLB is direct-mapped on the 4 KiB virtual page number and caches only pages that are
// RAM and already permitted for that kind with A (and D for stores) set, so a hit needs no
// checks at all. Each TLB has two halves, one per translating privilege (S at 0, U at
// TLB_SIZE): fetchSlot/dataSlot select the half, so the kernel's many U<->S transitions keep
// both working sets. Entries are dropped by sfence.vma, satp writes and changes of SUM or MXR
// (modeChanged(true)). Faults are values: a failed translation records the cause and tval on
// the hart and returns -1.

import type { Hart } from './hart';
import type { Bus } from './bus';
import {
  PRIV_M, PRIV_S, PRIV_U, MSTATUS_MPRV, MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_SUM, MSTATUS_MXR,
  CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS, CAUSE_FETCH_PAGE, CAUSE_LOAD_PAGE,
  CAUSE_STORE_PAGE,
} from './trap';
import {
  MEM_TLB_OFF, MEM_TLB_TAG, MEM_WALK, TLB_KIND_BYTES, WALK_DATA_PRIV, WALK_FETCH_PRIV, WALK_ROOT,
  WALK_SUM_MXR, WALK_WORDS,
} from './layout';
import { settleFields } from './fields';

export const ACCESS_FETCH = 0;
export const ACCESS_LOAD = 1;
export const ACCESS_STORE = 2;

const TLB_BITS = 8;
const TLB_SIZE = 1 << TLB_BITS;
export const TLB_MASK = TLB_SIZE - 1;
export const NO_TAG = 0x7fffffff; // never a valid Sv39 VPN (those lie in [-2^26, 2^26))

/** PTE bits (also the wasm interpreter's walk, wasm/interp.ts). */
export const PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_A = 64, PTE_D = 128;

const PAGE_FAULT = [CAUSE_FETCH_PAGE, CAUSE_LOAD_PAGE, CAUSE_STORE_PAGE];
const ACCESS_FAULT = [CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS];

export class Mmu {
  /** Per kind: tag = VPN, off = RAM offset of the page. */
  readonly tag: Int32Array[];
  readonly off: Int32Array[];
  /** Whether fetches / loads and stores go through Sv39, and at which privilege they check. */
  fetchVirt = false;
  dataVirt = false;
  dataPriv = PRIV_M;
  /** Index offset of the TLB half for the fetch / data privilege (0 = S, TLB_SIZE = U). */
  fetchSlot = 0;
  dataSlot = 0;
  /**
   * dataSlot | (dataVirt ? 1 : 0) | (fetchVirt ? 4 : 0) | fetchSlot << 1: the translation mode
   * a wasm block is called with (wasm/translate.ts).
   */
  wasmMode = 0;
  private lastSum = 0;
  /**
   * satp as last seen by modeChanged, and what it says as numbers: whether it selects Sv39 and
   * the root table's physical address. Traps and returns change the mode twice per system
   * call, and 11 k walks per boot start at the root: doing that BigInt math each time made
   * garbage on every one.
   */
  private satpSeen = 0n;
  private sv39 = false;
  private rootAddr = 0;
  readonly ramBase: number;
  readonly ramSize: number;
  /**
   * MEM_WALK (layout.ts): what the wasm interpreter's walk reads, kept equal to satp, the
   * privileges and SUM/MXR here by modeChanged, which runs whenever any of them changes.
   */
  private readonly walkState: Int32Array;

  constructor(private readonly h: Hart, private readonly bus: Bus) {
    // The TLBs live in RAM's buffer (layout.ts), where translated wasm code reads them too.
    const buf = bus.ram.layout.buffer;
    this.tag = [0, 1, 2].map((k) => new Int32Array(buf, MEM_TLB_TAG + k * TLB_KIND_BYTES, 2 * TLB_SIZE));
    this.off = [0, 1, 2].map((k) => new Int32Array(buf, MEM_TLB_OFF + k * TLB_KIND_BYTES, 2 * TLB_SIZE));
    this.ramBase = bus.ram.base;
    this.ramSize = bus.ram.size;
    this.walkState = new Int32Array(buf, MEM_WALK, WALK_WORDS);
    // MEM_WALK as modeChanged leaves it, from the reset state on: the wasm interpreter's
    // Zicsr instructions check the hart's privilege there, also in M-mode before any privilege
    // change (wasm/interp.ts).
    this.modeChanged();
    this.flush();
    // They change when the kernel turns on paging and at its first load across a page,
    // after the run loop was optimized (fields.ts).
    settleFields(this, ['fetchVirt', 'dataVirt', 'dataPriv', 'fetchSlot', 'dataSlot', 'wasmMode', 'lastSum', 'lo', 'hi', 'satpSeen', 'sv39'], ['rootAddr']);
  }

  flush(): void {
    const tag = this.tag; // indexed: an iterator per flush (every sfence.vma) in cold code
    for (let k = 0; k < tag.length; k++) tag[k]!.fill(NO_TAG);
  }

  /**
   * Recompute the translation mode after priv, mstatus (MPRV/MPP/SUM/MXR) or satp changed;
   * `flush` when cached permissions may be stale (satp, SUM, MXR).
   */
  modeChanged(flush = false): void {
    const h = this.h;
    if (h.satp !== this.satpSeen) {
      this.satpSeen = h.satp;
      this.sv39 = h.satp >> 60n === 8n;
      this.rootAddr = Number(h.satp & ((1n << 44n) - 1n)) * 4096;
      this.walkState[WALK_ROOT] = this.rootAddr % 4294967296;
      this.walkState[WALK_ROOT + 1] = Math.floor(this.rootAddr / 4294967296);
    }
    const sv39 = this.sv39;
    this.dataPriv = h.priv === PRIV_M && (h.mstatus & MSTATUS_MPRV) !== 0
      ? (h.mstatus & MSTATUS_MPP) >>> MSTATUS_MPP_SHIFT
      : h.priv;
    this.fetchVirt = sv39 && h.priv !== PRIV_M;
    this.dataVirt = sv39 && this.dataPriv !== PRIV_M;
    this.fetchSlot = h.priv === PRIV_U ? TLB_SIZE : 0;
    this.dataSlot = this.dataPriv === PRIV_U ? TLB_SIZE : 0;
    this.wasmMode = this.dataSlot | (this.dataVirt ? 1 : 0) | (this.fetchVirt ? 4 : 0) | (this.fetchSlot << 1);
    const sumMxr = h.mstatus & (MSTATUS_SUM | MSTATUS_MXR);
    const ws = this.walkState;
    ws[WALK_FETCH_PRIV] = h.priv;
    ws[WALK_DATA_PRIV] = this.dataPriv;
    ws[WALK_SUM_MXR] = sumMxr;
    if (flush || sumMxr !== this.lastSum) this.flush();
    this.lastSum = sumMxr;
  }

  /**
   * Physical address of `va` for an access of `kind`, or -1 with the fault recorded on the
   * hart. Fills the TLB of that kind when the page is RAM.
   */
  translate(va: number, kind: number): number {
    const virt = kind === ACCESS_FETCH ? this.fetchVirt : this.dataVirt;
    // Untranslated: a "negative" address is above 2^63 unsigned, where nothing is mapped.
    if (!virt) return va >= 0 ? va : Infinity;
    return this.walk(va, kind);
  }

  /**
   * The Sv39 walk, following the numbered steps of the privileged spec (section "Virtual
   * Address Translation Process"), with hardware A/D updates written back to memory.
   */
  private walk(va: number, kind: number): number {
    const h = this.h;
    const priv = kind === ACCESS_FETCH ? h.priv : this.dataPriv;
    // Sv39 requires bits 63:39 to equal bit 38.
    if (!(va >= -(2 ** 38) && va < 2 ** 38)) return this.fault(PAGE_FAULT[kind]!, va);
    const vpn = Math.floor(va / 4096);
    // Step 1: a = satp.ppn * PAGESIZE (kept by modeChanged), i = LEVELS - 1.
    let a = this.rootAddr;
    let level = 2;
    const ram = this.bus.ram;
    for (;;) {
      // Step 2: pte = the PTE at a + va.vpn[i] * PTESIZE; an access fault if that is not RAM.
      const pteAddr = a + ((vpn >> (9 * level)) & 0x1ff) * 8;
      const pteOff = ram.offsetOf(pteAddr, 8);
      if (pteOff < 0) return this.fault(ACCESS_FAULT[kind]!, va);
      const lo = ram.dv.getInt32(pteOff, true);
      const hi = ram.dv.getInt32(pteOff + 4, true);
      // Step 3: invalid, reserved W-without-R, or reserved high bits -> page fault.
      // Every page fault leaves the loop to one exit below: the first fault of any kind gives
      // it type feedback, so the first of another kind does not deoptimize walk (the first
      // permission fault, a copy-on-write store, comes long after walk was optimized).
      if ((lo & PTE_V) === 0 || ((lo & PTE_R) === 0 && (lo & PTE_W) !== 0) || (hi >>> 22) !== 0) break;
      const ppn = (hi & 0x3fffff) * 4194304 + (lo >>> 10);
      // Step 4: a pointer to the next level when R = X = 0.
      if ((lo & (PTE_R | PTE_X)) === 0) {
        level--;
        if (level < 0) break;
        a = ppn * 4096;
        continue;
      }
      // Step 5: a leaf. Check the permissions for this kind and privilege.
      if (!this.permitted(lo, kind, priv)) break;
      // Step 6: a misaligned superpage.
      if (level > 0 && ppn % (1 << (9 * level)) !== 0) break;
      // Step 7: A, and D for stores, set by hardware (Svadu, as QEMU does).
      let newLo = lo | PTE_A;
      if (kind === ACCESS_STORE) newLo |= PTE_D;
      if (newLo !== lo) {
        ram.dv.setInt32(pteOff, newLo, true);
        ram.noteWrite(pteOff, 4);
      }
      // Step 8: the physical address; a superpage supplies the low VPN bits from va.
      const low = level === 0 ? 0 : vpn & ((1 << (9 * level)) - 1);
      const pageBase = (ppn + low) * 4096;
      const ramOff = ram.offsetOf(pageBase, 4096);
      if (ramOff >= 0) {
        const i = (vpn & TLB_MASK) + (kind === ACCESS_FETCH ? this.fetchSlot : this.dataSlot);
        this.tag[kind]![i] = vpn;
        this.off[kind]![i] = ramOff;
      }
      return pageBase + (va & 0xfff);
    }
    return this.fault(PAGE_FAULT[kind]!, va);
  }

  private permitted(pte: number, kind: number, priv: number): boolean {
    const h = this.h;
    if ((pte & PTE_U) !== 0) {
      if (priv === PRIV_S && (kind === ACCESS_FETCH || (h.mstatus & MSTATUS_SUM) === 0)) return false;
    } else if (priv === PRIV_U) {
      return false;
    }
    if (kind === ACCESS_FETCH) return (pte & PTE_X) !== 0;
    if (kind === ACCESS_LOAD) return (pte & PTE_R) !== 0 || ((h.mstatus & MSTATUS_MXR) !== 0 && (pte & PTE_X) !== 0);
    return (pte & PTE_W) !== 0;
  }

  private fault(cause: number, va: number): number {
    this.h.raise(cause, this.h.exactAddress(va));
    return -1;
  }

  /** Raise the access fault of `kind` at va (used when the physical address is a hole). */
  accessFault(kind: number, va: number): void {
    this.h.raise(ACCESS_FAULT[kind]!, this.h.exactAddress(va));
  }

  // ---- slow paths for data (page-crossing, device, TLB miss) -------------------------------

  /** Load `size` bytes at va into this.lo/this.hi (zero-extended); false on a fault. */
  lo = 0;
  hi = 0;
  load(va: number, size: number): boolean {
    if ((va & 0xfff) + size > 4096 && size > 1) return this.loadBytes(va, size);
    const pa = this.translate(va, ACCESS_LOAD);
    if (pa < 0) return false;
    if (!this.bus.load(pa, size)) { this.accessFault(ACCESS_LOAD, va); return false; }
    this.lo = this.bus.lo;
    this.hi = this.bus.hi;
    return true;
  }

  private loadBytes(va: number, size: number): boolean {
    let lo = 0, hi = 0;
    for (let i = 0; i < size; i++) {
      const pa = this.translate(va + i, ACCESS_LOAD);
      if (pa < 0) return false;
      if (!this.bus.load(pa, 1)) { this.accessFault(ACCESS_LOAD, va + i); return false; }
      if (i < 4) lo |= this.bus.lo << (8 * i); else hi |= this.bus.lo << (8 * (i - 4));
    }
    this.lo = lo;
    this.hi = hi;
    return true;
  }

  /** Store the low `size` bytes of (lo, hi) at va; false on a fault. */
  store(va: number, size: number, lo: number, hi: number): boolean {
    if ((va & 0xfff) + size > 4096 && size > 1) {
      // Translate every byte first so a fault on the second page leaves memory untouched.
      const pas: number[] = [];
      for (let i = 0; i < size; i++) {
        const pa = this.translate(va + i, ACCESS_STORE);
        if (pa < 0) return false;
        if (!this.bus.isMapped(pa, 1)) { this.accessFault(ACCESS_STORE, va + i); return false; }
        pas.push(pa);
      }
      for (let i = 0; i < size; i++) {
        const byte = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
        this.bus.store(pas[i]!, 1, byte, 0);
        this.h.noteStore(pas[i]!, 1);
      }
      return true;
    }
    const pa = this.translate(va, ACCESS_STORE);
    if (pa < 0) return false;
    if (!this.bus.store(pa, size, lo, hi)) { this.accessFault(ACCESS_STORE, va); return false; }
    this.h.noteStore(pa, size);
    return true;
  }

  /** Fetch a 16-bit parcel at va; the value or -1 with a fault recorded. */
  fetch16(va: number): number {
    const pa = this.translate(va, ACCESS_FETCH);
    if (pa < 0) return -1;
    const off = this.bus.ram.offsetOf(pa, 2);
    if (off < 0) { this.accessFault(ACCESS_FETCH, va); return -1; }
    return this.bus.ram.dv.getUint16(off, true);
  }
}
