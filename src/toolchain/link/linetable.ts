// Reading ForkLab's line table from an executable (format in docs/assembler.md): a sequence of
// units, one per object, each with its own file-name list and rows of (address, file, line,
// column, is_stmt). The linker only concatenated them and relocated the addresses.

import { LINE_TABLE_SECTION } from '../elf/constants';
import { readElf } from '../elf/reader';
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
  const b = sec.data;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const rows: LineRow[] = [];
  let at = 0;
  while (at + HEADER <= b.length) {
    if (v.getUint32(at, true) !== MAGIC) {
      at += 8; // alignment padding between units
      continue;
    }
    const total = v.getUint32(at + 8, true);
    const fileCount = v.getUint32(at + 12, true);
    const rowCount = v.getUint32(at + 16, true);
    const namesSize = v.getUint32(at + 20, true);
    if (total < HEADER || at + total > b.length || HEADER + namesSize + rowCount * ROW > total) break;
    const names: string[] = [];
    let p = at + HEADER;
    const namesEnd = p + namesSize;
    for (let i = 0; i < fileCount && p < namesEnd; i++) {
      let e = p;
      while (e < namesEnd && b[e] !== 0) e++;
      names.push(utf8Decode(b.subarray(p, e)));
      p = e + 1;
    }
    let q = namesEnd;
    for (let i = 0; i < rowCount; i++, q += ROW) {
      rows.push({
        addr: v.getBigUint64(q, true),
        file: names[v.getUint32(q + 8, true)] ?? '?',
        line: v.getUint32(q + 12, true),
        column: v.getUint32(q + 16, true),
        isStmt: (v.getUint32(q + 20, true) & 1) !== 0,
      });
    }
    at += Math.max(8, (total + 7) & ~7);
  }
  return rows.sort((x, y) => (x.addr < y.addr ? -1 : x.addr > y.addr ? 1 : 0));
}
