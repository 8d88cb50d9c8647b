// Global symbol resolution across objects, with the usual static-linking rules: a strong
// definition beats weak and common ones, two strong definitions are an error naming both
// objects, commons merge to the largest size and alignment, undefined weak symbols are 0.

import { SHN_ABS, SHN_COMMON, SHN_UNDEF, STB_LOCAL, STB_WEAK, type ElfSymbol } from '../elf';
import type { InputObject } from './inputs';

export type GlobalDef =
  | { kind: 'defined'; obj: InputObject; sym: ElfSymbol; weak: boolean }
  | { kind: 'abs'; obj?: InputObject; value: bigint; weak: boolean; sym?: ElfSymbol }
  | { kind: 'common'; obj: InputObject; size: bigint; align: bigint; sym: ElfSymbol; addr?: bigint };

export interface SymbolTable {
  readonly defs: Map<string, GlobalDef>;
  /** First object that references each undefined-at-the-time name (for error messages). */
  readonly refs: Map<string, { obj: InputObject; weak: boolean }>;
  /** Duplicate definitions: the message and the second definition (for a source position). */
  readonly errors: { message: string; obj: InputObject; sym: ElfSymbol }[];
}

export function resolveSymbols(objects: readonly InputObject[]): SymbolTable {
  const defs = new Map<string, GlobalDef>();
  const refs = new Map<string, { obj: InputObject; weak: boolean }>();
  const errors: SymbolTable['errors'] = [];
  for (const obj of objects) {
    for (const sym of obj.elf.symbols) {
      if (sym.index === 0 || sym.bind === STB_LOCAL || sym.name === '') continue;
      const weak = sym.bind === STB_WEAK;
      if (sym.shndx === SHN_UNDEF) {
        const prev = refs.get(sym.name);
        if (!prev || (prev.weak && !weak)) refs.set(sym.name, { obj, weak });
        continue;
      }
      const prev = defs.get(sym.name);
      if (sym.shndx === SHN_COMMON) {
        if (!prev) defs.set(sym.name, { kind: 'common', obj, size: sym.size, align: sym.value || 1n, sym });
        else if (prev.kind === 'common') {
          if (sym.size > prev.size) prev.size = sym.size;
          if (sym.value > prev.align) prev.align = sym.value;
        }
        continue;
      }
      const def: GlobalDef = sym.shndx === SHN_ABS
        ? { kind: 'abs', obj, value: sym.value, weak, sym }
        : { kind: 'defined', obj, sym, weak };
      if (!prev || prev.kind === 'common' || (prev.weak && !weak)) {
        defs.set(sym.name, def);
      } else if (!prev.weak && !weak) {
        errors.push({ message: `duplicate symbol '${sym.name}': defined in ${prev.obj?.name ?? 'the linker'} and in ${obj.name}`, obj, sym });
      }
    }
  }
  return { defs, refs, errors };
}
