// Sections and symbols as the assembler builds them, before they become an ELF object.

import { ByteWriter } from '../elf/bytes';
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS } from '../elf/constants';
import type { Expr } from './expr';
import type { Field } from './emitter';
import type { Immediate } from './operands';

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

export interface Fixup {
  readonly offset: number;
  readonly field: Field;
  readonly imm: Immediate;
  readonly loc: Location;
}

export interface Reloc {
  readonly offset: number;
  readonly type: number;
  /** Section number (relocation against its section symbol) or a symbol name. */
  readonly target: { section: number } | { symbol: string };
  readonly addend: bigint;
}

export class AsmSection {
  readonly data = new ByteWriter(64);
  readonly fixups: Fixup[] = [];
  readonly relocs: Reloc[] = [];
  align = 1;
  /** Size of a NOBITS section (its data stays empty). */
  nobitsSize = 0;

  constructor(
    readonly number: number,
    readonly name: string,
    readonly type: number,
    readonly flags: bigint,
    readonly entsize = 0,
  ) {}

  get isNobits(): boolean {
    return this.type === SHT_NOBITS;
  }
  get isCode(): boolean {
    return (this.flags & SHF_EXECINSTR) !== 0n;
  }
  get size(): number {
    return this.isNobits ? this.nobitsSize : this.data.length;
  }
}

/** Default type and flags for a section known by name (used when .section gives no flags). */
export function defaultSectionKind(name: string): { type: number; flags: bigint } {
  const is = (prefix: string): boolean => name === prefix || name.startsWith(`${prefix}.`);
  if (is('.text')) return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR };
  if (is('.bss') || is('.sbss') || is('.tbss')) return { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE };
  if (is('.rodata') || is('.srodata')) return { type: SHT_PROGBITS, flags: SHF_ALLOC };
  if (is('.data') || is('.sdata') || is('.init_array') || is('.fini_array')) {
    return { type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE };
  }
  return { type: SHT_PROGBITS, flags: 0n };
}

export type Binding = 'local' | 'global' | 'weak';

export interface AsmSymbol {
  readonly name: string;
  binding: Binding;
  /** STT_* from .type */
  type: number;
  sizeExpr?: Expr;
  definition?:
    | { kind: 'label'; section: number; offset: number }
    | { kind: 'equ'; value: bigint }
    | { kind: 'expr'; expr: Expr }
    | { kind: 'common'; size: bigint; align: bigint };
  /** Where it was first defined, for duplicate-definition errors. */
  definedAt?: Location;
  /** Referenced by an expression (so an undefined one goes to the symbol table). */
  referenced: boolean;
  /** Must appear in the symbol table even if local .L (a %pcrel_lo relocation names it). */
  keep: boolean;
}
