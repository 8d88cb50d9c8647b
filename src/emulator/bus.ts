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

export class Ram {
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  /** Aligned views for the hot paths (instruction fetch, aligned loads and stores). */
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  /** Per 4 KiB page: nonzero when translated code (jit.ts) was made from it. */
  readonly codePages: Uint8Array;
  /** Called when a page with translated code is written (the translations are stale). */
  onCodeWrite: ((page: number) => void) | null = null;
  constructor(readonly base: number, readonly size: number) {
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
    this.u16 = new Uint16Array(this.bytes.buffer);
    this.i32 = new Int32Array(this.bytes.buffer);
    this.codePages = new Uint8Array(Math.ceil(size / 4096));
  }
  /** Every write to RAM outside the CPU's store fast paths reports its range here. */
  noteWrite(off: number, len: number): void {
    for (let p = off >>> 12, last = (off + len - 1) >>> 12; p <= last; p++) {
      if (this.codePages[p] !== 0) this.codeWritten(p);
    }
  }
  codeWritten(page: number): void {
    this.codePages[page] = 0;
    if (this.onCodeWrite !== null) this.onCodeWrite(page);
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

  constructor(readonly ram: Ram) {}

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
