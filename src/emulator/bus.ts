// The physical address space: RAM plus memory-mapped devices registered as (base, size, read,
// write), laid out like QEMU's `virt` board. The CPU never knows which device it talks to.
// RAM has a fast path (the MMU reads the DataView directly); this module is the slow path for
// devices, page-crossing accesses and holes. Device accesses wider than 4 bytes are split.

export interface Device {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  /** Read `size` (1, 2 or 4) bytes at `offset`; returns the value zero-extended in a number. */
  read(offset: number, size: number): number;
  /** Write the low `size` bytes of `value` at `offset`. */
  write(offset: number, size: number, value: number): void;
}

import { allocateMemory, MEM_CODE_PAGES, type MemoryLayout } from './layout';
import { settleFields } from './fields';

/** codePages bits: the page holds translated code (jit.ts). */
export const PAGE_CODE = 1;
/** codePages bits: the page is clean since the last checkpoint; its first write is recorded. */
export const PAGE_WATCH = 2;

export class Ram {
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  /** Aligned views for the hot paths (instruction fetch, aligned loads and stores). */
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  /**
   * Per 4 KiB page: nonzero when a store must call noteWrite. PAGE_CODE: translated code was
   * made from it (the translations go stale); PAGE_WATCH: dirty tracking waits for the page's
   * first write. The CPU's store fast paths test only `!== 0`, so a clean page costs one
   * noteWrite per checkpoint interval and a dirty page nothing.
   */
  readonly codePages: Uint8Array;
  /** Pages written since the last takeDirty() while tracking is on (1 = dirty). */
  readonly dirty: Uint8Array;
  private tracking = false;
  /** Called when a page with translated code is written (the translations are stale). */
  onCodeWrite: ((page: number) => void) | null = null;
  /** The buffer RAM lives in, with the hart's registers and TLBs (layout.ts). */
  readonly layout: MemoryLayout;
  constructor(readonly base: number, readonly size: number) {
    const layout = allocateMemory(size);
    this.layout = layout;
    const buf = layout.buffer, at = layout.ramOffset;
    this.bytes = new Uint8Array(buf, at, size);
    this.dv = new DataView(buf, at, size);
    this.u16 = new Uint16Array(buf, at, size >>> 1);
    this.i32 = new Int32Array(buf, at, size >>> 2);
    this.codePages = new Uint8Array(buf, MEM_CODE_PAGES, Math.ceil(size / 4096));
    this.dirty = new Uint8Array(this.codePages.length);
  }
  get pages(): number {
    return this.codePages.length;
  }
  /** Every write to RAM outside the CPU's store fast paths reports its range here. */
  noteWrite(off: number, len: number): void {
    const cp = this.codePages;
    for (let p = off >>> 12, last = (off + len - 1) >>> 12; p <= last; p++) {
      const v = cp[p]!;
      if (v === 0) continue;
      if ((v & PAGE_WATCH) !== 0) {
        this.dirty[p] = 1;
        cp[p] = v & ~PAGE_WATCH;
      }
      if ((v & PAGE_CODE) !== 0) this.codeWritten(p);
    }
  }
  codeWritten(page: number): void {
    this.codePages[page]! &= ~PAGE_CODE;
    if (this.onCodeWrite !== null) this.onCodeWrite(page);
  }
  /** The JIT made code from this page. */
  markCode(page: number): void {
    this.codePages[page]! |= PAGE_CODE;
  }
  /** The JIT dropped every translation. */
  clearCode(): void {
    const cp = this.codePages;
    for (let p = 0; p < cp.length; p++) cp[p]! &= ~PAGE_CODE;
  }
  /**
   * Starts dirty-page tracking (every page counts as clean now) or, when already on, returns
   * the pages written since the last call and starts a new interval.
   */
  takeDirty(): number[] {
    const out: number[] = [];
    const cp = this.codePages, d = this.dirty;
    if (this.tracking) {
      for (let p = 0; p < d.length; p++) {
        if (d[p] !== 0) { out.push(p); d[p] = 0; }
      }
    }
    this.tracking = true;
    for (let p = 0; p < cp.length; p++) cp[p]! |= PAGE_WATCH;
    return out;
  }
  /** Pages written since the last takeDirty(), without starting a new interval. */
  peekDirty(): number[] {
    const out: number[] = [];
    const d = this.dirty;
    for (let p = 0; p < d.length; p++) if (d[p] !== 0) out.push(p);
    return out;
  }
  /**
   * Overwrites a whole page from outside the CPU (checkpoint restore): stale translations
   * are dropped, and the page counts as written in the current interval.
   */
  loadPage(page: number, data: Uint8Array | null): void {
    if (data === null) this.bytes.fill(0, page * 4096, (page + 1) * 4096);
    else this.bytes.set(data, page * 4096);
    this.noteWrite(page * 4096, 4096);
  }
  /** RAM offset of [pa, pa+len) or -1 if it is not all RAM. */
  offsetOf(pa: number, len: number): number {
    const off = pa - this.base;
    return off >= 0 && off + len <= this.size ? off : -1;
  }
}

export class Bus {
  private devices: Device[] = [];
  /** Result of the last successful load(): the low and high 32-bit halves. */
  lo = 0;
  hi = 0;

  constructor(readonly ram: Ram) {
    settleFields(this, ['lo', 'hi']); // fields.ts
  }

  addDevice(d: Device): void {
    this.devices.push(d);
  }

  private find(pa: number, len: number): Device | null {
    for (const d of this.devices) {
      if (pa >= d.base && pa + len <= d.base + d.size) return d;
    }
    return null;
  }

  /** True when [pa, pa+len) is RAM or a device (so an access would not fault). */
  isMapped(pa: number, len: number): boolean {
    return this.ram.offsetOf(pa, len) >= 0 || this.find(pa, len) !== null;
  }

  /** Physical load of 1, 2, 4 or 8 bytes, sign handling left to the caller. False = access fault. */
  load(pa: number, size: number): boolean {
    const off = this.ram.offsetOf(pa, size);
    if (off >= 0) {
      const dv = this.ram.dv;
      if (size === 8) { this.lo = dv.getInt32(off, true); this.hi = dv.getInt32(off + 4, true); }
      else if (size === 4) { this.lo = dv.getInt32(off, true); this.hi = 0; }
      else if (size === 2) { this.lo = dv.getUint16(off, true); this.hi = 0; }
      else { this.lo = dv.getUint8(off); this.hi = 0; }
      return true;
    }
    const d = this.find(pa, size);
    if (d === null) return false;
    if (size === 8) {
      this.lo = d.read(pa - d.base, 4) | 0;
      this.hi = d.read(pa - d.base + 4, 4) | 0;
    } else {
      this.lo = d.read(pa - d.base, size) | 0;
      this.hi = 0;
    }
    return true;
  }

  /** Physical store; false = access fault. */
  store(pa: number, size: number, lo: number, hi: number): boolean {
    const off = this.ram.offsetOf(pa, size);
    if (off >= 0) {
      const dv = this.ram.dv;
      if (size === 8) { dv.setInt32(off, lo, true); dv.setInt32(off + 4, hi, true); }
      else if (size === 4) dv.setInt32(off, lo, true);
      else if (size === 2) dv.setInt16(off, lo, true);
      else dv.setInt8(off, lo);
      this.ram.noteWrite(off, size);
      return true;
    }
    const d = this.find(pa, size);
    if (d === null) return false;
    if (size === 8) {
      d.write(pa - d.base, 4, lo);
      d.write(pa - d.base + 4, 4, hi);
    } else {
      d.write(pa - d.base, size, lo & (size === 4 ? -1 : (1 << (size * 8)) - 1));
    }
    return true;
  }
}
