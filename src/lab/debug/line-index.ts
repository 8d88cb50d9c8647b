// One lookup structure over a line table, whichever tool wrote it: gcc's DWARF for the kernel,
// ForkLab's own table for user programs. It answers the debugger's two questions: which source
// line is this PC on (current-line highlight, stepping), and where does the code of this line
// start (breakpoints).
//
// Rows come sorted by address. A DWARF `end` row closes a sequence: addresses from it up to the
// next sequence belong to no line. Several rows may share one address (gcc's "views", inlined
// calls): the last one is the line in effect for the instruction there, as in the state
// machine. Breakpoint addresses are the is_stmt rows where a new line starts.

import type { LineRow } from '../../toolchain/link/linetable';

export interface IndexedRow {
  readonly addr: bigint;
  readonly file: string;
  readonly line: number;
  readonly isStmt: boolean;
  /** First address after a sequence: no line from here on. */
  readonly end: boolean;
}

export interface SourceLine {
  readonly file: string;
  readonly line: number;
}

export class LineIndex {
  /** Sorted by address; at one address the rows keep their program order, an `end` first. */
  private readonly rows: IndexedRow[];
  private byLine: Map<string, bigint[]> | null = null;
  private starts: Set<bigint> | null = null;

  constructor(rows: readonly (LineRow & { end?: boolean })[]) {
    const list = rows.map((r, i) => ({ r: { addr: r.addr, file: r.file, line: r.line, isStmt: r.isStmt, end: r.end === true }, i }));
    list.sort((a, b) => (a.r.addr < b.r.addr ? -1 : a.r.addr > b.r.addr ? 1 : a.r.end !== b.r.end ? (a.r.end ? -1 : 1) : a.i - b.i));
    this.rows = list.map((x) => x.r);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Every file the table names (relative paths as the compiler wrote them). */
  files(): string[] {
    return [...new Set(this.rows.filter((r) => !r.end).map((r) => r.file))].sort();
  }

  /** The source line of the instruction at `pc`, or undefined outside every sequence. */
  lineAt(pc: bigint): SourceLine | undefined {
    const i = this.lastAtOrBelow(pc);
    if (i < 0) return undefined;
    const row = this.rows[i]!;
    return row.end ? undefined : { file: row.file, line: row.line };
  }

  /**
   * The line a statement starting exactly at `pc` belongs to: the first is_stmt row there. gcc
   * often puts several lines at one address (a function's opening line and its first
   * statement); the first is the one a breakpoint there was set on.
   */
  statementAt(pc: bigint): SourceLine | undefined {
    let i = this.lastAtOrBelow(pc);
    if (i < 0 || this.rows[i]!.addr !== pc) return undefined;
    while (i > 0 && this.rows[i - 1]!.addr === pc) i--;
    for (; i < this.rows.length && this.rows[i]!.addr === pc; i++) {
      const r = this.rows[i]!;
      if (!r.end && r.isStmt) return { file: r.file, line: r.line };
    }
    return undefined;
  }

  /** The line to show for `pc`: its statement when one starts there, else the row in effect. */
  displayLineAt(pc: bigint): SourceLine | undefined {
    return this.statementAt(pc) ?? this.lineAt(pc);
  }

  /** Start of the row range containing `pc` and the first address after it (same line run). */
  rangeAt(pc: bigint): { start: bigint; end: bigint } | undefined {
    const i = this.lastAtOrBelow(pc);
    if (i < 0 || this.rows[i]!.end) return undefined;
    const { file, line } = this.rows[i]!;
    let s = i;
    while (s > 0 && !this.rows[s - 1]!.end && this.rows[s - 1]!.file === file && this.rows[s - 1]!.line === line) s--;
    let e = i + 1;
    while (e < this.rows.length && this.rows[e]!.addr === this.rows[i]!.addr) e++;
    while (e < this.rows.length && !this.rows[e]!.end && this.rows[e]!.file === file && this.rows[e]!.line === line) e++;
    const end = e < this.rows.length ? this.rows[e]!.addr : this.rows[i]!.addr + 1n;
    return { start: this.rows[s]!.addr, end };
  }

  /**
   * Where a breakpoint on `file`:`line` goes: the addresses where an is_stmt row of that line
   * begins after a row of another line. Empty when the line has no code.
   */
  addressesOf(file: string, line: number): bigint[] {
    return this.lineMap().get(key(file, line)) ?? [];
  }

  /** True when `pc` is where a line's code starts (a breakpoint address of some line). */
  isStatementStart(pc: bigint): boolean {
    return this.statementStarts().has(pc);
  }

  /** Every address where a line's code starts. */
  statementStarts(): ReadonlySet<bigint> {
    if (!this.starts) {
      this.starts = new Set();
      for (const list of this.lineMap().values()) for (const a of list) this.starts.add(a);
    }
    return this.starts;
  }

  /** The first line at or after `line` in `file` that has code (a breakpoint moves there), or undefined. */
  nearestLineWithCode(file: string, line: number, maxDistance = 50): number | undefined {
    const map = this.lineMap();
    for (let l = line; l <= line + maxDistance; l++) if (map.has(key(file, l))) return l;
    return undefined;
  }

  private lineMap(): Map<string, bigint[]> {
    if (this.byLine) return this.byLine;
    const map = new Map<string, bigint[]>();
    let prev: IndexedRow | undefined;
    for (const r of this.rows) {
      const startsLine = !r.end && r.isStmt && (!prev || prev.end || prev.file !== r.file || prev.line !== r.line);
      if (startsLine) {
        const k = key(r.file, r.line);
        const list = map.get(k) ?? [];
        if (!list.includes(r.addr)) list.push(r.addr);
        map.set(k, list);
      }
      prev = r;
    }
    this.byLine = map;
    return map;
  }

  private lastAtOrBelow(pc: bigint): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid]!.addr <= pc) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

function key(file: string, line: number): string {
  return `${file}:${line}`;
}
