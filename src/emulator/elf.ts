// ELF64 little-endian RISC-V reader. It validates everything it touches and never throws:
// malformed input comes back as { ok: false, error } with a sentence a student can act on.
// Symbols are read from .symtab on first use (`symbols`, `symbol()`): loading a machine needs
// only the segments, and decoding the kernel's ~2,000 names cost ~4 ms of every cold boot.

export interface ElfSegment {
  readonly type: number;       // PT_LOAD = 1, ...
  readonly flags: number;      // PF_X = 1, PF_W = 2, PF_R = 4
  readonly offset: number;
  readonly vaddr: bigint;
  readonly paddr: bigint;
  readonly filesz: number;
  readonly memsz: number;
}

export interface ElfSymbol {
  readonly name: string;
  readonly value: bigint;
  readonly size: number;
  readonly type: number;       // STT_FUNC = 2, STT_OBJECT = 1, ...
  readonly bind: number;       // STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2
}

export interface ElfFile {
  /** The file itself (segment data is read from here). */
  readonly bytes: Uint8Array;
  readonly entry: bigint;
  readonly type: number;       // ET_EXEC = 2, ET_DYN = 3
  readonly flags: number;      // e_flags: float ABI, RVC
  readonly segments: readonly ElfSegment[];
  readonly symbols: readonly ElfSymbol[];
  /** First symbol with this name (globals preferred), or undefined. */
  symbol(name: string): ElfSymbol | undefined;
}

export type ElfResult = { ok: true; elf: ElfFile } | { ok: false; error: string };

export const PT_LOAD = 1;
const EM_RISCV = 243;
const SHT_SYMTAB = 2;

export function parseElf(bytes: Uint8Array): ElfResult {
  try {
    return parseChecked(bytes);
  } catch (e) {
    // Every read is bounds-checked below; this is a last line of defence, not a code path.
    return { ok: false, error: `not a valid ELF file (${e instanceof Error ? e.message : String(e)})` };
  }
}

function parseChecked(bytes: Uint8Array): ElfResult {
  const fail = (error: string): ElfResult => ({ ok: false, error });
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return fail('not an ELF file (bad magic)');
  }
  if (bytes.length < 64) return fail('truncated ELF file (header is 64 bytes, file is shorter)');
  if (bytes[4] !== 2) return fail('not a 64-bit ELF file (ELFCLASS32); ForkLab runs RV64 only');
  if (bytes[5] !== 1) return fail('not a little-endian ELF file');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = dv.getUint16(18, true);
  if (machine !== EM_RISCV) return fail(`not a RISC-V ELF file (e_machine = ${machine}, expected 243)`);
  const type = dv.getUint16(16, true);
  if (type !== 2 && type !== 3) return fail(`not an executable ELF file (e_type = ${type})`);
  const entry = dv.getBigUint64(24, true);
  const phoff = Number(dv.getBigUint64(32, true));
  const shoff = Number(dv.getBigUint64(40, true));
  const flags = dv.getUint32(48, true);
  const phentsize = dv.getUint16(54, true);
  const phnum = dv.getUint16(56, true);
  const shentsize = dv.getUint16(58, true);
  const shnum = dv.getUint16(60, true);

  if (phnum > 0 && (phentsize < 56 || !inFile(bytes, phoff, phentsize * phnum))) {
    return fail('truncated ELF file (program headers run past the end of the file)');
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const b = phoff + i * phentsize;
    const seg: ElfSegment = {
      type: dv.getUint32(b, true),
      flags: dv.getUint32(b + 4, true),
      offset: Number(dv.getBigUint64(b + 8, true)),
      vaddr: dv.getBigUint64(b + 16, true),
      paddr: dv.getBigUint64(b + 24, true),
      filesz: Number(dv.getBigUint64(b + 32, true)),
      memsz: Number(dv.getBigUint64(b + 40, true)),
    };
    if (seg.type === PT_LOAD) {
      if (!inFile(bytes, seg.offset, seg.filesz)) return fail(`truncated ELF file (segment ${i} data runs past the end of the file)`);
      if (seg.memsz < seg.filesz) return fail(`bad ELF segment ${i}: memsz is smaller than filesz`);
    }
    segments.push(seg);
  }

  let symbols: ElfSymbol[] | null = null;
  let byName: Map<string, ElfSymbol> | null = null;
  // Every read in readSymbols is bounds-checked; the catch keeps parseElf's never-throws promise.
  const allSymbols = (): ElfSymbol[] => {
    if (symbols === null) {
      try {
        symbols = readSymbols(bytes, dv, shoff, shnum, shentsize);
      } catch {
        symbols = [];
      }
    }
    return symbols;
  };
  const elf: ElfFile = {
    bytes, entry, type, flags, segments,
    get symbols() { return allSymbols(); },
    symbol(name: string) {
      if (byName === null) {
        byName = new Map();
        for (const s of allSymbols()) {
          const prev = byName.get(s.name);
          if (prev === undefined || (prev.bind === 0 && s.bind !== 0)) byName.set(s.name, s);
        }
      }
      return byName.get(name);
    },
  };
  return { ok: true, elf };
}

/** Every named symbol of every SHT_SYMTAB section, skipping tables that lie outside the file. */
function readSymbols(bytes: Uint8Array, dv: DataView, shoff: number, shnum: number, shentsize: number): ElfSymbol[] {
  const symbols: ElfSymbol[] = [];
  if (shnum > 0 && shentsize >= 64 && inFile(bytes, shoff, shentsize * shnum)) {
    for (let i = 0; i < shnum; i++) {
      const b = shoff + i * shentsize;
      if (dv.getUint32(b + 4, true) !== SHT_SYMTAB) continue;
      const off = Number(dv.getBigUint64(b + 24, true));
      const size = Number(dv.getBigUint64(b + 32, true));
      const link = dv.getUint32(b + 40, true);
      const entsize = Number(dv.getBigUint64(b + 56, true)) || 24;
      if (!inFile(bytes, off, size) || link >= shnum) continue;
      const sb = shoff + link * shentsize;
      const stroff = Number(dv.getBigUint64(sb + 24, true));
      const strsize = Number(dv.getBigUint64(sb + 32, true));
      if (!inFile(bytes, stroff, strsize)) continue;
      for (let p = off; p + 24 <= off + size; p += entsize) {
        const nameOff = dv.getUint32(p, true);
        const info = bytes[p + 4]!;
        const name = nameOff < strsize ? cString(bytes, stroff + nameOff, stroff + strsize) : '';
        if (name === '') continue;
        symbols.push({
          name,
          value: dv.getBigUint64(p + 8, true),
          size: Number(dv.getBigUint64(p + 16, true)),
          type: info & 0xf,
          bind: info >> 4,
        });
      }
    }
  }
  return symbols;
}

/** True when `len` bytes from `off` lie inside the file. */
function inFile(bytes: Uint8Array, off: number, len: number): boolean {
  return off >= 0 && len >= 0 && off + len <= bytes.length;
}

function cString(bytes: Uint8Array, start: number, limit: number): string {
  let end = start;
  while (end < limit && bytes[end] !== 0) end++;
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
