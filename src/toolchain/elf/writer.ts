// ELF64 little-endian writer shared by the assembler (ET_REL) and the linker (ET_EXEC).
// The caller lists sections in their final order (index 1 onward); the writer appends
// .shstrtab, assigns file offsets (alloc sections of executables at offsets congruent to their
// address modulo the page size, so each PT_LOAD maps straight from the file), and emits headers.

import { ByteWriter, StringTable } from './bytes';
import {
  EHDR_SIZE, ELFCLASS64, ELFDATA2LSB, EM_RISCV, EV_CURRENT, PHDR_SIZE, SHDR_SIZE, SHF_ALLOC, SHT_NOBITS,
  SHT_STRTAB, STB_LOCAL, SYM_SIZE,
} from './constants';

export interface OutSection {
  name: string;
  type: number;
  flags: bigint;
  addr?: bigint;
  /** Contents; for SHT_NOBITS pass `size` instead. */
  data?: Uint8Array;
  size?: number;
  /** Section index (1-based, in the order given) for sh_link / sh_info. */
  link?: number;
  info?: number;
  align?: number;
  entsize?: number;
}

/** A PT_LOAD spanning sections [first, last] (1-based indices, consecutive in address). */
export interface OutSegment {
  type: number;
  flags: number;
  first: number;
  last: number;
}

export interface OutElf {
  type: number;
  entry?: bigint;
  flags?: number;
  sections: OutSection[];
  segments?: OutSegment[];
  pageSize?: number;
}

export function writeElf(spec: OutElf): Uint8Array {
  const pageSize = spec.pageSize ?? 0x1000;
  const segments = spec.segments ?? [];
  const shstr = new StringTable();
  const sections = [...spec.sections];
  sections.push({ name: '.shstrtab', type: SHT_STRTAB, flags: 0n, data: new Uint8Array(0), align: 1 });
  const nameOffsets = sections.map((s) => shstr.add(s.name));
  sections[sections.length - 1]!.data = shstr.toBytes();

  const out = new ByteWriter(4096);
  out.zeros(EHDR_SIZE);
  const phoff = segments.length ? out.length : 0;
  out.zeros(segments.length * PHDR_SIZE);

  const offsets: number[] = [];
  for (const s of sections) {
    const size = s.type === SHT_NOBITS ? 0 : (s.data?.length ?? 0);
    if (spec.type !== 1 && (s.flags & SHF_ALLOC) !== 0n && s.addr !== undefined) {
      const want = Number(s.addr % BigInt(pageSize));
      const pad = (want - (out.length % pageSize) + pageSize) % pageSize;
      out.zeros(pad);
    } else {
      out.align(Math.max(1, s.align ?? 1));
    }
    offsets.push(out.length);
    if (size) out.bytes(s.data!);
  }
  out.align(8);
  const shoff = out.length;

  // Section headers: the null entry, then each section.
  out.zeros(SHDR_SIZE);
  sections.forEach((s, i) => {
    const size = s.type === SHT_NOBITS ? (s.size ?? 0) : (s.data?.length ?? 0);
    out.u32(nameOffsets[i]!);
    out.u32(s.type);
    out.u64(s.flags);
    out.u64(s.addr ?? 0n);
    out.u64(BigInt(offsets[i]!));
    out.u64(BigInt(size));
    out.u32(s.link ?? 0);
    out.u32(s.info ?? 0);
    out.u64(BigInt(s.align ?? 1));
    out.u64(BigInt(s.entsize ?? 0));
  });
  const bytes = out.toBytes();
  const view = new DataView(bytes.buffer);

  // ELF header.
  bytes.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT], 0);
  view.setUint16(16, spec.type, true);
  view.setUint16(18, EM_RISCV, true);
  view.setUint32(20, EV_CURRENT, true);
  view.setBigUint64(24, spec.entry ?? 0n, true);
  view.setBigUint64(32, BigInt(phoff), true);
  view.setBigUint64(40, BigInt(shoff), true);
  view.setUint32(48, spec.flags ?? 0, true);
  view.setUint16(52, EHDR_SIZE, true);
  view.setUint16(54, segments.length ? PHDR_SIZE : 0, true);
  view.setUint16(56, segments.length, true);
  view.setUint16(58, SHDR_SIZE, true);
  view.setUint16(60, sections.length + 1, true);
  view.setUint16(62, sections.length, true);

  // Program headers.
  segments.forEach((seg, i) => {
    const first = sections[seg.first - 1]!;
    const o = phoff + i * PHDR_SIZE;
    const start = first.addr ?? 0n;
    let fileEnd = start;
    let memEnd = start;
    for (let k = seg.first; k <= seg.last; k++) {
      const s = sections[k - 1]!;
      const size = BigInt(s.type === SHT_NOBITS ? (s.size ?? 0) : (s.data?.length ?? 0));
      const end = (s.addr ?? 0n) + size;
      if (s.type !== SHT_NOBITS) fileEnd = end;
      if (end > memEnd) memEnd = end;
    }
    view.setUint32(o, seg.type, true);
    view.setUint32(o + 4, seg.flags, true);
    view.setBigUint64(o + 8, BigInt(offsets[seg.first - 1]!), true);
    view.setBigUint64(o + 16, start, true);
    view.setBigUint64(o + 24, start, true);
    view.setBigUint64(o + 32, fileEnd - start, true);
    view.setBigUint64(o + 40, memEnd - start, true);
    view.setBigUint64(o + 48, BigInt(pageSize), true);
  });
  return bytes;
}

export interface OutSymbol {
  name: string;
  value: bigint;
  size: bigint;
  bind: number;
  type: number;
  shndx: number;
  other?: number;
}

/**
 * Encodes a symbol table and its string table. Locals must come first (the gABI requires it);
 * this function sorts stably so they do, and returns sh_info (index of the first non-local).
 */
export function buildSymtab(symbols: readonly OutSymbol[]): {
  symtab: Uint8Array; strtab: Uint8Array; firstGlobal: number; order: OutSymbol[];
} {
  const order = [...symbols.filter((s) => s.bind === STB_LOCAL), ...symbols.filter((s) => s.bind !== STB_LOCAL)];
  const str = new StringTable();
  const out = new ByteWriter((order.length + 1) * SYM_SIZE);
  out.zeros(SYM_SIZE);
  for (const s of order) {
    out.u32(s.name ? str.add(s.name) : 0);
    out.u8((s.bind << 4) | (s.type & 0xf));
    out.u8(s.other ?? 0);
    out.u16(s.shndx);
    out.u64(s.value);
    out.u64(s.size);
  }
  const firstGlobal = 1 + order.filter((s) => s.bind === STB_LOCAL).length;
  return { symtab: out.toBytes(), strtab: str.toBytes(), firstGlobal, order };
}
