// Reading ForkLab's line table from an executable (format in docs/assembler.md): a sequence of
// units, one per object, each with its own file-name list and rows of (address, file, line,
// column, is_stmt). The linker only concatenated them and relocated the addresses.

import { LINE_TABLE_SECTION } from '../elf/constants';
import { readElf, type ElfFile } from '../elf/reader';
import { utf8Decode } from '../elf/utf8';

export interface LineRow {
  readonly addr: bigint;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly isStmt: boolean;
}

const MAGIC = 0x544c4c46;
const HEADER = 24;
const ROW = 24;

/** All rows of the executable's line table, sorted by address; empty when there is none or it is malformed. */
export function readLineTable(elf: Uint8Array): LineRow[] {
  const r = readElf(elf);
  if (!r.elf) return [];
  const sec = r.elf.sections.find((s) => s.name === LINE_TABLE_SECTION);
  if (!sec) return [];
  return sortedRows(parseUnits(sec.data));
}

/**
 * The rows without their offsets, sorted by address. A linked table is usually in order already
 * (units in link order, rows in assembly order): then the sort, which is stable and so would
 * return the same array, and its ~n log n BigInt comparisons are skipped.
 */
function sortedRows(units: readonly (LineRow & { at: number })[]): LineRow[] {
  const rows: LineRow[] = [];
  let sorted = true;
  for (let i = 0; i < units.length; i++) {
    const r = units[i]!;
    // (a literal, not `({ at, ...row }) => row`: a rest copy is a generic, slow property walk)
    rows.push({ addr: r.addr, file: r.file, line: r.line, column: r.column, isStmt: r.isStmt });
    if (i > 0 && r.addr < units[i - 1]!.addr) sorted = false;
  }
  return sorted ? rows : rows.sort((x, y) => (x.addr < y.addr ? -1 : x.addr > y.addr ? 1 : 0));
}

/**
 * The row covering `addr` in a table sorted by address (as readLineTable returns it): the last
 * row at or below `addr`. Undefined before the first row. Binary search, for stepping by line.
 */
export function lineAt(rows: readonly LineRow[], addr: bigint): LineRow | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  let found: LineRow | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = rows[mid]!;
    if (row.addr <= addr) {
      found = row;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A row of an object's (unlinked) table: its address is a section plus an offset. */
export interface ObjectLineRow {
  readonly section: number;
  readonly offset: bigint;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The rows of a relocatable object's table, located through their R_RISCV_64 relocations. */
export function objectLineRows(elf: ElfFile): ObjectLineRow[] {
  const sec = elf.sections.find((s) => s.name === LINE_TABLE_SECTION);
  if (!sec) return [];
  const byOffset = new Map(elf.relocationsFor(sec.index).map((r) => [Number(r.offset), r]));
  const out: ObjectLineRow[] = [];
  for (const row of parseUnits(sec.data)) {
    const rel = byOffset.get(row.at);
    const sym = rel ? elf.symbols[rel.symbol] : undefined;
    if (!rel || !sym) continue;
    out.push({ section: sym.shndx, offset: sym.value + rel.addend, file: row.file, line: row.line, column: row.column });
  }
  return out;
}

/**
 * Rows of every unit in a line-table section; `at` is the byte offset of each row's address.
 * The per-unit and per-row work are functions of their own: this runs once per link over
 * ~1,000 rows, and a loop body inlined here would make V8 compile it twice (on-stack
 * replacement in the first big link, then in full at the next), while small functions called
 * per row are optimized once, early, like any other hot function.
 */
function parseUnits(b: Uint8Array): (LineRow & { at: number })[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const rows: (LineRow & { at: number })[] = [];
  let at = 0;
  while (at + HEADER <= b.length) {
    if (v.getUint32(at, true) !== MAGIC) {
      at += 8; // alignment padding between units
      continue;
    }
    const total = v.getUint32(at + 8, true);
    if (!parseUnit(b, v, at, total, rows)) break;
    at += Math.max(8, (total + 7) & ~7);
  }
  return rows;
}

/** One unit's rows, appended to `rows`; false (nothing appended) when its header is malformed. */
function parseUnit(b: Uint8Array, v: DataView, at: number, total: number, rows: (LineRow & { at: number })[]): boolean {
  const fileCount = v.getUint32(at + 12, true);
  const rowCount = v.getUint32(at + 16, true);
  const namesSize = v.getUint32(at + 20, true);
  if (total < HEADER || at + total > b.length || HEADER + namesSize + rowCount * ROW > total) return false;
  const names: string[] = [];
  let p = at + HEADER;
  const namesEnd = p + namesSize;
  for (let i = 0; i < fileCount && p < namesEnd; i++) {
    let e = p;
    while (e < namesEnd && b[e] !== 0) e++;
    names.push(utf8Decode(b.subarray(p, e)));
    p = e + 1;
  }
  for (let i = 0, q = namesEnd; i < rowCount; i++, q += ROW) rows.push(parseRow(v, q, names));
  return true;
}

function parseRow(v: DataView, q: number, names: readonly string[]): LineRow & { at: number } {
  return {
    at: q,
    addr: v.getBigUint64(q, true),
    file: names[v.getUint32(q + 8, true)] ?? '?',
    line: v.getUint32(q + 12, true),
    column: v.getUint32(q + 16, true),
    isStmt: (v.getUint32(q + 20, true) & 1) !== 0,
  };
}
