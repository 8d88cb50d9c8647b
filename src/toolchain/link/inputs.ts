// Linker inputs: validating ELF64 RISC-V relocatable objects and sorting their sections into the
// output kinds ForkLab's executables have. Sections no program needs at run time (debug info,
// .comment, .riscv.attributes, .eh_frame, notes) are dropped.

import {
  EM_RISCV, ET_REL, LINE_TABLE_SECTION, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS,
  SHT_INIT_ARRAY, SHT_FINI_ARRAY,
} from '../elf/constants';
import { readElf, type ElfFile, type ElfSection } from '../elf/reader';

export type OutKind = 'text' | 'rodata' | 'data' | 'bss' | 'lines';

export const OUT_KINDS: readonly OutKind[] = ['text', 'rodata', 'data', 'bss', 'lines'];

export interface InputObject {
  readonly name: string;
  readonly elf: ElfFile;
  /** Output placement of each kept section, by section index. */
  readonly placed: Map<number, Placed>;
}

export interface Placed {
  readonly kind: OutKind;
  readonly section: ElfSection;
  /** Final address (for 'lines', the offset inside the output line table). */
  addr: bigint;
}

const SHF_TLS = 0x400n;

/**
 * Parsed inputs by byte array. The driver passes the user library's objects (crt0, libc) as the
 * very same arrays build after build, and parsing them again cost a few milliseconds per link;
 * objects are never written after they are made, so the array identifies its contents. The
 * parse (an ElfFile, read-only) is shared, the placement map is new for every link.
 */
const parsed = new WeakMap<Uint8Array, ElfFile | string>();

/** Parses and validates one input; returns an error message instead of throwing. */
export function loadObject(name: string, bytes: Uint8Array): InputObject | string {
  let elf = parsed.get(bytes);
  if (elf === undefined) {
    elf = parseObject(bytes);
    parsed.set(bytes, elf);
  }
  return typeof elf === 'string' ? elf : { name, elf, placed: new Map() };
}

function parseObject(bytes: Uint8Array): ElfFile | string {
  const r = readElf(bytes);
  if (!r.elf) return `not a valid ELF object: ${r.error}`;
  const elf = r.elf;
  if (elf.machine !== EM_RISCV) return `not a RISC-V object (e_machine ${elf.machine})`;
  if (elf.type !== ET_REL) return `not a relocatable object (e_type ${elf.type}); link .o files`;
  if (elf.symbols.length === 0 && elf.sections.some((s) => s.size > 0 && (s.flags & SHF_ALLOC) !== 0n)) {
    return `object has no symbol table`;
  }
  return elf;
}

/** Output kind of a section, or undefined when the linker drops it. */
export function classify(s: ElfSection): OutKind | undefined | 'tls' {
  if (s.name === LINE_TABLE_SECTION) return 'lines';
  if ((s.flags & SHF_ALLOC) === 0n) return undefined;
  if (s.type !== SHT_PROGBITS && s.type !== SHT_NOBITS && s.type !== SHT_INIT_ARRAY && s.type !== SHT_FINI_ARRAY) return undefined;
  if (s.name.startsWith('.eh_frame')) return undefined;
  if ((s.flags & SHF_TLS) !== 0n) return 'tls';
  if ((s.flags & SHF_EXECINSTR) !== 0n) return 'text';
  if (s.type === SHT_NOBITS) return 'bss';
  if ((s.flags & SHF_WRITE) !== 0n) return 'data';
  return 'rodata';
}
