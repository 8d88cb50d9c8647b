// Turns an assembled module into an ELF64 relocatable object (ET_REL) that GNU ld accepts:
// one ELF section per assembler section, a .rela section beside each that has relocations,
// section symbols, the kept symbols (locals first), and the ForkLab line table as an ordinary
// non-alloc section whose addresses are R_RISCV_64 relocations — so any linker, ours or GNU
// ld, produces a correct table in the executable simply by applying relocations.

import {
  LINE_TABLE_SECTION, RELA_SIZE, SHF_INFO_LINK, SHN_ABS, SHN_COMMON, SHN_UNDEF, SHT_RELA, SHT_SYMTAB, SHT_STRTAB,
  STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_SECTION, SYM_SIZE, ET_REL, SHT_PROGBITS, R_RISCV,
} from '../elf/constants';
import { ByteWriter } from '../elf/bytes';
import { buildSymtab, writeElf, type OutSection, type OutSymbol } from '../elf/writer';
import { utf8Encode } from '../elf/utf8';
import type { Assembler } from './assembler';
import { AsmError, evaluate } from './expr';
import type { AsmSection, AsmSymbol, Reloc } from './sections';

export const LINE_MAGIC = 0x544c4c46; // 'FLLT'
export const LINE_VERSION = 1;
export const LINE_HEADER_SIZE = 24;
export const LINE_ROW_SIZE = 24;

/** Appends the line-table unit for this module as a section of D8 fixups (see docs/assembler.md). */
export function emitLineTable(a: Assembler): void {
  if (a.lineRows.length === 0) return;
  const fileNumbers = [...a.lineFiles.keys()].sort((x, y) => x - y);
  const fileIndex = new Map(fileNumbers.map((n, i) => [n, i]));
  const names = new ByteWriter();
  for (const n of fileNumbers) {
    names.bytes(utf8Encode(a.lineFiles.get(n)!));
    names.u8(0);
  }
  names.align(8);
  const rows = a.lineRows;
  const saved = a.current;
  a.switchSection(LINE_TABLE_SECTION, { type: SHT_PROGBITS, flags: 0n });
  const sec = a.current;
  sec.align = 8;
  const total = LINE_HEADER_SIZE + names.length + rows.length * LINE_ROW_SIZE;
  sec.data.u32(LINE_MAGIC);
  sec.data.u16(LINE_VERSION);
  sec.data.u16(0);
  sec.data.u32(total);
  sec.data.u32(fileNumbers.length);
  sec.data.u32(rows.length);
  sec.data.u32(names.length);
  sec.data.bytes(names.toBytes());
  // A row's address is its section plus an offset, known now: the relocation is written here
  // rather than as a fixup for resolveFixups to evaluate (a row per C statement, ~1,000 here).
  // Only when hand-written code put fixups of its own in this section do the rows queue behind
  // them, so the relocations keep the order resolveFixups would give them.
  sec.data.bytes(rowBlock(a, sec, fileIndex));
  a.current = saved;
}

/**
 * The unit's rows as one block (each address word stays 0 for its relocation), with their
 * relocations or fixups. A function of its own so that V8 optimizes this loop alone, not the
 * whole of emitLineTable, which runs once per file.
 */
function rowBlock(a: Assembler, sec: AsmSection, fileIndex: Map<number, number>): Uint8Array {
  const rows = a.lineRows;
  const direct = sec.fixups.length === 0;
  const first = sec.data.length;
  const block = new Uint8Array(rows.length * LINE_ROW_SIZE);
  const v = new DataView(block.buffer);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const at = i * LINE_ROW_SIZE;
    if (direct) sec.relocs.push({ offset: first + at, type: R_RISCV.R64, target: { section: r.section }, addend: BigInt(r.offset) });
    else {
      sec.fixups.push({
        offset: first + at, field: 'D8', imm: { mod: '', expr: { k: 'dot', section: r.section, offset: r.offset }, column: 1 },
        loc: a.loc,
      });
    }
    v.setUint32(at + 8, fileIndex.get(r.file) ?? 0, true);
    v.setUint32(at + 12, r.line, true);
    v.setUint32(at + 16, r.column, true);
    v.setUint32(at + 20, r.isStmt ? 1 : 0, true);
  }
  return block;
}

/**
 * Builds the ELF REL image. Adds diagnostics for symbols that cannot be represented.
 * The loops over symbols and relocations are functions of their own: writeObject runs once per
 * file, so V8 optimizes only those small loops, not the whole of it with all it inlines.
 */
export function writeObject(a: Assembler): Uint8Array {
  const sectionSyms: OutSymbol[] = a.sections.map((s) => ({
    name: '', value: 0n, size: 0n, bind: STB_LOCAL, type: STT_SECTION, shndx: s.number + 1,
  }));
  const named = namedSymbols(a);
  const { symtab, strtab, firstGlobal, order } = buildSymtab([...sectionSyms, ...named.values()]);
  const indexOf = new Map<OutSymbol, number>(order.map((s, i) => [s, i + 1]));

  const sections: OutSection[] = a.sections.map((s) => ({
    name: s.name, type: s.type, flags: s.flags, data: s.isNobits ? undefined : s.data.toBytes(),
    size: s.isNobits ? s.nobitsSize : undefined, align: s.align, entsize: s.entsize || undefined,
  }));
  const symtabIndex = sections.length + a.sections.filter((s) => s.relocs.length).length + 1;
  for (const s of a.sections) {
    if (!s.relocs.length) continue;
    sections.push({
      name: `.rela${s.name}`, type: SHT_RELA, flags: SHF_INFO_LINK, data: relaBytes(s.relocs, sectionSyms, named, indexOf), link: symtabIndex,
      info: s.number + 1, align: 8, entsize: RELA_SIZE,
    });
  }
  sections.push({ name: '.symtab', type: SHT_SYMTAB, flags: 0n, data: symtab, link: symtabIndex + 1, info: firstGlobal, align: 8, entsize: SYM_SIZE });
  sections.push({ name: '.strtab', type: SHT_STRTAB, flags: 0n, data: strtab, align: 1 });
  return writeElf({ type: ET_REL, flags: 0, sections });
}

/** The symbols the object names, by name: the kept ones, then those only relocations use. */
function namedSymbols(a: Assembler): Map<string, OutSymbol> {
  const named = new Map<string, OutSymbol>();
  for (const sym of a.symbols.values()) {
    try {
      const out = symbolFor(a, sym);
      if (out) named.set(sym.name, out);
    } catch (e) {
      a.error(e instanceof Error ? e.message : String(e), sym.definedAt ?? a.loc);
    }
  }
  // Relocations may name symbols that are otherwise dropped (for example an undefined local).
  for (const s of a.sections) {
    for (const r of s.relocs) {
      if ('symbol' in r.target && !named.has(r.target.symbol)) {
        named.set(r.target.symbol, { name: r.target.symbol, value: 0n, size: 0n, bind: STB_GLOBAL, type: 0, shndx: SHN_UNDEF });
      }
    }
  }
  return named;
}

/** A section's SHT_RELA contents. */
function relaBytes(
  relocs: readonly Reloc[], sectionSyms: readonly OutSymbol[], named: Map<string, OutSymbol>, indexOf: Map<OutSymbol, number>,
): Uint8Array {
  const w = new ByteWriter(relocs.length * RELA_SIZE);
  for (const r of relocs) {
    const sym = 'section' in r.target ? sectionSyms[r.target.section]! : named.get(r.target.symbol)!;
    // r_offset and r_info as 32-bit halves (an offset is below 2^32; r_info is the symbol
    // index above the type), without a BigInt per field
    w.u32(r.offset);
    w.u32(0);
    w.u32(r.type);
    w.u32(indexOf.get(sym)!);
    w.u64(r.addend);
  }
  return w.toBytes();
}

function symbolFor(a: Assembler, sym: AsmSymbol): OutSymbol | undefined {
  const d = sym.definition;
  const bind = sym.binding === 'weak' ? STB_WEAK : sym.binding === 'global' ? STB_GLOBAL : STB_LOCAL;
  const hiddenLocal = sym.name.startsWith('.L') && !sym.keep;
  let size = 0n;
  if (sym.sizeExpr) {
    const v = evaluate(sym.sizeExpr, a.resolve);
    if (v.terms.size) throw new AsmError(`.size of '${sym.name}' is not a constant`);
    size = v.c;
  }
  const base = { name: sym.name, size, bind, type: sym.type };
  if (!d) {
    if (/^\.L\d+\u0002/.test(sym.name)) {
      const n = sym.name.slice(2, sym.name.indexOf('\u0002'));
      throw new AsmError(`local label '${n}f' is never defined after its use`);
    }
    if (!sym.referenced && bind === STB_LOCAL) return undefined;
    return { ...base, bind: bind === STB_WEAK ? STB_WEAK : STB_GLOBAL, value: 0n, shndx: SHN_UNDEF };
  }
  if (d.kind === 'common') return { ...base, value: d.align, size: d.size, shndx: SHN_COMMON };
  if (hiddenLocal && bind === STB_LOCAL) return undefined;
  if (d.kind === 'label') return { ...base, value: BigInt(d.offset), shndx: d.section + 1 };
  if (d.kind === 'equ') return { ...base, value: d.value, shndx: SHN_ABS };
  const v = evaluate(d.expr, a.resolve);
  if (v.terms.size === 0) return { ...base, value: v.c, shndx: SHN_ABS };
  const [key, coef] = [...v.terms][0]!;
  if (v.terms.size === 1 && coef === 1n && key.startsWith('s')) {
    return { ...base, value: v.c, shndx: Number(key.slice(1)) + 1 };
  }
  throw new AsmError(`symbol '${sym.name}' is defined by an expression that is not a constant or a label`);
}
