// What the debugger knows about one executable, kernel or user program: its line table, its
// function symbols and its code bytes. Code is read from the ELF file, not from guest memory,
// because the prologue analysis of the stack walker must see the instructions as linked even
// where the page holding them is not mapped yet (demand paging).

import { readElf } from '../../toolchain/elf/reader';
import { SHF_EXECINSTR, STT_FUNC } from '../../toolchain/elf/constants';
import { readLineTable } from '../../toolchain/link/linetable';
import { readDwarfLineTable } from './dwarf-line';
import { LineIndex } from './line-index';

export interface FunctionSymbol {
  readonly name: string;
  readonly start: bigint;
  readonly end: bigint;
}

export interface DebugImage {
  /** Program name (the session file without .c) or 'kernel'. */
  readonly name: string;
  readonly lines: LineIndex;
  /** Function symbols sorted by start address. */
  readonly functions: readonly FunctionSymbol[];
  readonly problems: readonly string[];
  /** The function containing `pc`, if any. */
  functionAt(pc: bigint): FunctionSymbol | undefined;
  /** `len` code bytes at `addr` from the executable's code sections, or null outside them. */
  code(addr: bigint, len: number): Uint8Array | null;
  /** Address of a symbol by name. */
  symbol(name: string): bigint | undefined;
  /** The nearest code symbol at or below `pc` (names assembly labels without a size). */
  labelAt(pc: bigint): string | undefined;
}

/** The kernel: gcc's DWARF line table. */
export function kernelImage(elf: Uint8Array): DebugImage {
  const dwarf = readDwarfLineTable(elf);
  return makeImage('kernel', elf, new LineIndex(dwarf.rows), dwarf.problems);
}

/** A user program built by ForkLab's toolchain: its own line table. */
export function programImage(name: string, elf: Uint8Array): DebugImage {
  const rows = readLineTable(elf);
  return makeImage(name, elf, new LineIndex(rows), rows.length === 0 ? [`${name} has no line table`] : []);
}

function makeImage(name: string, elf: Uint8Array, lines: LineIndex, problems: string[]): DebugImage {
  const r = readElf(elf);
  const parsed = r.elf;
  const functions: FunctionSymbol[] = [];
  const symbols = new Map<string, bigint>();
  const code: { addr: bigint; data: Uint8Array }[] = [];
  const labels: { name: string; addr: bigint }[] = [];
  if (parsed) {
    for (const s of parsed.symbols) {
      if (s.name === '' || s.shndx === 0) continue;
      if (!symbols.has(s.name)) symbols.set(s.name, s.value);
      if (s.type === STT_FUNC && s.size > 0n) functions.push({ name: s.name, start: s.value, end: s.value + s.size });
    }
    for (const sec of parsed.sections) if ((sec.flags & SHF_EXECINSTR) !== 0n && sec.addr !== 0n) code.push({ addr: sec.addr, data: sec.data });
    const inCode = (a: bigint) => code.some((c) => a >= c.addr && a < c.addr + BigInt(c.data.length));
    for (const s of parsed.symbols) if (s.name !== '' && !s.name.startsWith('.L') && s.shndx !== 0 && s.type !== 3 && s.type !== 4 && inCode(s.value)) labels.push({ name: s.name, addr: s.value });
    labels.sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  } else problems = [...problems, `${name}: ${r.error}`];
  functions.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return {
    name,
    lines,
    functions,
    problems,
    functionAt(pc) {
      let lo = 0;
      let hi = functions.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const f = functions[mid]!;
        if (pc < f.start) hi = mid - 1;
        else if (pc >= f.end) lo = mid + 1;
        else return f;
      }
      return undefined;
    },
    code(addr, len) {
      for (const c of code) {
        if (addr >= c.addr && addr + BigInt(len) <= c.addr + BigInt(c.data.length)) {
          const off = Number(addr - c.addr);
          return c.data.subarray(off, off + len);
        }
      }
      return null;
    },
    symbol: (n) => symbols.get(n),
    labelAt(pc) {
      let found: string | undefined;
      for (const l of labels) {
        if (l.addr > pc) break;
        found = l.name;
      }
      return found;
    },
  };
}
