// Little-endian byte buffers: a growable writer for building ELF images and section contents,
// and bounds-checked reads so a truncated or hostile file yields an error, never a RangeError.

import { utf8Decode, utf8Encode } from './utf8';

/** Growable little-endian output buffer. Offsets are plain numbers (objects stay far below 2 GiB). */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
  }
  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, v & 0xffff, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  u64(v: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.length, BigInt.asUintN(64, v), true);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  zeros(n: number): void {
    this.ensure(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }
  /** Pads with `fill` bytes up to a multiple of `align` (a power of two, or 1). */
  align(align: number, fill = 0): void {
    const pad = (align - (this.length % align)) % align;
    this.ensure(pad);
    this.buf.fill(fill, this.length, this.length + pad);
    this.length += pad;
  }
  patch8(offset: number, v: number): void {
    this.buf[offset] = v & 0xff;
  }
  patch16(offset: number, v: number): void {
    this.view.setUint16(offset, v & 0xffff, true);
  }
  read16(offset: number): number {
    return this.view.getUint16(offset, true);
  }
  patch32(offset: number, v: number): void {
    this.view.setUint32(offset, v >>> 0, true);
  }
  read32(offset: number): number {
    return this.view.getUint32(offset, true);
  }
  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Builds a string table (leading NUL, each name once) and returns offsets by name. */
export class StringTable {
  private readonly offsets = new Map<string, number>();
  private readonly out = new ByteWriter();
  
  constructor() {
    this.out.u8(0);
    this.offsets.set('', 0);
  }

  add(name: string): number {
    const known = this.offsets.get(name);
    if (known !== undefined) return known;
    const offset = this.out.length;
    this.out.bytes(utf8Encode(name));
    this.out.u8(0);
    this.offsets.set(name, offset);
    return offset;
  }

  toBytes(): Uint8Array {
    return this.out.toBytes();
  }
}

/** Thrown only inside the ELF reader and caught at its boundary; never escapes a public API. */
export class ElfFormatError extends Error {}

/** Bounds-checked little-endian reader over a byte array. */
export class ByteReader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private check(offset: number, size: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + size > this.bytes.length) {
      throw new ElfFormatError(`truncated file (read of ${size} bytes at offset ${offset})`);
    }
  }
  u8(o: number): number {
    this.check(o, 1);
    return this.bytes[o]!;
  }
  u16(o: number): number {
    this.check(o, 2);
    return this.view.getUint16(o, true);
  }
  u32(o: number): number {
    this.check(o, 4);
    return this.view.getUint32(o, true);
  }
  u64(o: number): bigint {
    this.check(o, 8);
    return this.view.getBigUint64(o, true);
  }
  i64(o: number): bigint {
    this.check(o, 8);
    return this.view.getBigInt64(o, true);
  }
  slice(o: number, size: number): Uint8Array {
    this.check(o, size);
    return this.bytes.subarray(o, o + size);
  }
  /** NUL-terminated string starting at `o` (ends at the buffer end if unterminated). */
  cstring(o: number): string {
    if (o < 0 || o >= this.bytes.length) return '';
    let end = o;
    while (end < this.bytes.length && this.bytes[end] !== 0) end++;
    return utf8Decode(this.bytes.subarray(o, end));
  }
}
