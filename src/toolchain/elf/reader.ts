// ELF64 little-endian reader for RISC-V objects and executables. Used by the linker (ET_REL
// inputs from ForkLab's assembler or from GNU as / gcc -c), by readLineTable, and by the lab layer
// for symbols. Errors are values: a malformed file gives { error }, never an exception.

import { ByteReader, ElfFormatError } from './bytes';
import {
  EHDR_SIZE, ELFCLASS64, ELFDATA2LSB, RELA_SIZE, SHT_NOBITS, SHT_RELA, SHT_SYMTAB, SYM_SIZE,
} from './constants';

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly addr: bigint;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addralign: number;
  readonly entsize: number;
  /** File contents (empty for SHT_NOBITS). A view into the input, not a copy. */
  readonly data: Uint8Array;
}

export interface ElfSymbol {
  readonly index: number;
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  /** STB_* */
  readonly bind: number;
  /** STT_* */
  readonly type: number;
  readonly other: number;
  readonly shndx: number;
}

export interface ElfRela {
  readonly offset: bigint;
  readonly type: number;
  readonly symbol: number;
  readonly addend: bigint;
}

export interface ElfSegment {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: bigint;
  readonly paddr: bigint;
  readonly filesz: bigint;
  readonly memsz: bigint;
  readonly align: bigint;
}

export interface ElfFile {
  readonly type: number;
  readonly machine: number;
  readonly flags: number;
  readonly entry: bigint;
  readonly sections: readonly ElfSection[];
  readonly segments: readonly ElfSegment[];
  /** The symbol table (index 0 is the null symbol); empty when the file has none. */
  readonly symbols: readonly ElfSymbol[];
  /** Relocations that apply to the section with the given index (from its SHT_RELA section). */
  relocationsFor(sectionIndex: number): readonly ElfRela[];
}

export type ElfReadResult = { elf: ElfFile; error?: undefined } | { elf?: undefined; error: string };

const MAX_SECTIONS = 65280;

/** Parses an ELF64 little-endian file. Never throws. */
export function readElf(bytes: Uint8Array): ElfReadResult {
  try {
    return { elf: parse(new ByteReader(bytes)) };
  } catch (e) {
    if (e instanceof ElfFormatError) return { error: e.message };
    return { error: `malformed ELF file (${e instanceof Error ? e.message : String(e)})` };
  }
}

function parse(r: ByteReader): ElfFile {
  if (r.bytes.length < EHDR_SIZE) throw new ElfFormatError('file too small to be ELF');
  if (r.u32(0) !== 0x464c457f) throw new ElfFormatError('not an ELF file (bad magic)');
  if (r.u8(4) !== ELFCLASS64) throw new ElfFormatError('not a 64-bit ELF file');
  if (r.u8(5) !== ELFDATA2LSB) throw new ElfFormatError('not a little-endian ELF file');
  const type = r.u16(16);
  const machine = r.u16(18);
  const entry = r.u64(24);
  const phoff = Number(r.u64(32));
  const shoff = Number(r.u64(40));
  const flags = r.u32(48);
  const phentsize = r.u16(54);
  const phnum = r.u16(56);
  const shentsize = r.u16(58);
  let shnum = r.u16(60);
  let shstrndx = r.u16(62);

  const segments: ElfSegment[] = [];
  if (phnum > 0) {
    if (phentsize < 56) throw new ElfFormatError('bad program header size');
    for (let i = 0; i < phnum; i++) {
      const o = phoff + i * phentsize;
      segments.push({
        type: r.u32(o), flags: r.u32(o + 4), offset: Number(r.u64(o + 8)), vaddr: r.u64(o + 16),
        paddr: r.u64(o + 24), filesz: r.u64(o + 32), memsz: r.u64(o + 40), align: r.u64(o + 48),
      });
    }
  }

  const sections: ElfSection[] = [];
  if (shoff !== 0) {
    if (shentsize < 64) throw new ElfFormatError('bad section header size');
    if (shnum === 0) shnum = Number(r.u64(shoff + 32)); // extended numbering
    if (shstrndx === 0xffff) shstrndx = r.u32(shoff + 40);
    if (shnum > MAX_SECTIONS) throw new ElfFormatError('too many sections');
    const raw: (Omit<ElfSection, 'name' | 'data'> & { nameOff: number })[] = [];
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      raw.push({
        index: i, nameOff: r.u32(o), type: r.u32(o + 4), flags: r.u64(o + 8), addr: r.u64(o + 16),
        offset: Number(r.u64(o + 24)), size: Number(r.u64(o + 32)), link: r.u32(o + 40), info: r.u32(o + 44),
        addralign: Number(r.u64(o + 48)), entsize: Number(r.u64(o + 56)),
      });
    }
    const strtab = raw[shstrndx];
    const strOff = strtab && strtab.type !== SHT_NOBITS ? strtab.offset : -1;
    if (strtab) r.slice(strtab.offset, strtab.size);
    for (const s of raw) {
      const data = s.type === SHT_NOBITS || s.index === 0 ? new Uint8Array(0) : r.slice(s.offset, s.size);
      const name = strOff >= 0 && s.nameOff < (strtab?.size ?? 0) ? r.cstring(strOff + s.nameOff) : '';
      const { nameOff: _unused, ...rest } = s;
      sections.push({ ...rest, name, data });
    }
  }

  const symbols: ElfSymbol[] = [];
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  if (symtab) {
    const strsec = sections[symtab.link];
    const str = strsec ? new ByteReader(strsec.data) : undefined;
    const count = Math.floor(symtab.size / SYM_SIZE);
    const sr = new ByteReader(symtab.data);
    for (let i = 0; i < count; i++) {
      const o = i * SYM_SIZE;
      const info = sr.u8(o + 4);
      symbols.push({
        index: i, name: str ? str.cstring(sr.u32(o)) : '', bind: info >> 4, type: info & 0xf,
        other: sr.u8(o + 5), shndx: sr.u16(o + 6), value: sr.u64(o + 8), size: sr.u64(o + 16),
      });
    }
  }

  const relocs = new Map<number, ElfRela[]>();
  for (const s of sections) {
    if (s.type !== SHT_RELA) continue;
    const rr = new ByteReader(s.data);
    const list = relocs.get(s.info) ?? [];
    for (let o = 0; o + RELA_SIZE <= s.size; o += RELA_SIZE) {
      const info = rr.u64(o + 8);
      list.push({
        offset: rr.u64(o), type: Number(info & 0xffffffffn), symbol: Number(info >> 32n), addend: rr.i64(o + 16),
      });
    }
    relocs.set(s.info, list);
  }

  return {
    type, machine, flags, entry, sections, segments, symbols,
    relocationsFor: (i) => relocs.get(i) ?? [],
  };
}

/** Address of a named symbol in an executable, or undefined. Convenience for the lab layer. */
export function symbolAddress(elf: ElfFile, name: string): bigint | undefined {
  return elf.symbols.find((s) => s.name === name && s.shndx !== 0)?.value;
}

/**
 * The function or object symbol whose [value, value + size) contains `addr`, else the nearest
 * named symbol at or below it (for labels without a size). For symbolizing PCs in the lab.
 */
export function symbolAt(elf: ElfFile, addr: bigint): ElfSymbol | undefined {
  let nearest: ElfSymbol | undefined;
  for (const s of elf.symbols) {
    if (s.index === 0 || s.name === '' || s.shndx === 0 || s.shndx >= 0xff00 || s.type === 3 || s.type === 4) continue;
    if (s.size > 0n && addr >= s.value && addr < s.value + s.size) return s;
    if (s.value <= addr && (!nearest || s.value > nearest.value)) nearest = s;
  }
  return nearest;
}
