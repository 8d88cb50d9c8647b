// The assembler core: walks statements once, defining labels, running directives and encoding
// instructions into sections; immediates that need symbol values become fixups resolved after
// the last statement (so forward references work without a second pass — instruction sizes never
// depend on symbols because ForkLab does no relaxation). Errors are collected per statement;
// one bad line never stops the rest from being checked.

import type { Diagnostic } from '../diagnostics';
import { SHT_NOBITS, SHT_PROGBITS } from '../elf/constants';
import { runDirective } from './directives';
import type { Emitter, FixupRequest } from './emitter';
import { AsmError, evaluate, type Expr, type Linear, type ParseContext, type SymbolMeaning } from './expr';
import { assembleFast } from './fast';
import { forEachStatement, forEachStatementOfLines, type Statement } from './lexer';
import { MacroProcessor } from './macros';
import { splitOperands } from './operands';
import { assembleAny, knownMnemonics } from './pseudo';
import { suggestMnemonic } from './suggest';
import { fitsSigned, iImm, sImm, uImm, uType } from './encode';
import { AsmSection, defaultSectionKind, type AsmSymbol, type Location } from './sections';

export interface LineRow {
  readonly section: number;
  readonly offset: number;
  readonly file: number;
  readonly line: number;
  readonly column: number;
  readonly isStmt: boolean;
}

const MAX_ERRORS = 200;

// Statement locations and line rows are class instances, not object literals: V8 tracks the
// objects a literal makes and, once a big file's rows and locations (kept by fixups and
// symbols) outlive a few collections, moves the literal's allocations to the old generation,
// throwing away the optimized statement loop to compile it again in the middle of a build.
class SourceLoc implements Location {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly endColumn: number) {}
}

class Row implements LineRow {
  constructor(
    readonly section: number, readonly offset: number, readonly file: number, readonly line: number,
    readonly column: number, readonly isStmt: boolean,
  ) {}
}

/** Bits of a plain numeric immediate for I/S/U fields (the common case), or undefined to defer. */
function encodeNow(field: FixupRequest['field'], v: bigint, column: number): number | undefined {
  if (field === 'I' || field === 'S') {
    if (!fitsSigned(v, 12)) throw new AsmError(`immediate ${v} is out of range -2048..2047`, column);
    return field === 'I' ? iImm(Number(v)) : sImm(Number(v));
  }
  if (field === 'U') {
    if (v < 0n || v > 0xfffffn) throw new AsmError(`immediate ${v} is out of range 0..1048575`, column);
    return uImm(Number(v));
  }
  return undefined;
}

export class Assembler implements Emitter {
  readonly sections: AsmSection[] = [];
  readonly symbols = new Map<string, AsmSymbol>();
  readonly diagnostics: Diagnostic[] = [];
  /** `.file N "name"` table for the line table. */
  readonly lineFiles = new Map<number, string>();
  readonly lineRows: LineRow[] = [];
  pendingLoc?: { file: number; line: number; column: number; isStmt: boolean };
  /** True once any .loc is seen: the source then describes its own lines (compiler output). */
  sawLoc = false;
  /**
   * Rows for hand-written assembly (no .loc anywhere): one per instruction, at the statement's
   * own file and line, so the lab can step through a .s/.S program by source line too.
   */
  private readonly autoFiles = new Map<string, number>();
  private readonly autoRows: LineRow[] = [];
  locIsStmt = true;
  current!: AsmSection;
  previous?: AsmSection;
  readonly sectionStack: AsmSection[] = [];
  /** Location of the statement being assembled (for fixups and diagnostics). */
  loc: Location = { file: '', line: 0, column: 1, endColumn: 1 };
  private readonly localCounts = new Map<string, number>();
  private pcrelCount = 0;
  private errorCount = 0;

  readonly parse: ParseContext = {
    localLabel: (n, forward) => {
      const count = this.localCounts.get(n) ?? 0;
      if (!forward && count === 0) throw new AsmError(`local label '${n}b' has no earlier definition`);
      return `.L${n}\u0002${forward ? count + 1 : count}`;
    },
    dot: () => ({ k: 'dot', section: this.current.number, offset: this.current.size }),
  };

  constructor(readonly fileName: string) {
    this.switchSection('.text');
  }

  /** Assembles `source`: GNU as text, or its lines (the C compiler's output, not joined). */
  run(source: string | readonly string[]): void {
    const macros = new MacroProcessor(this, (s) => this.statement(s));
    if (typeof source === 'string') forEachStatement(source, this.fileName, (s) => macros.feed(s));
    else forEachStatementOfLines(source, this.fileName, (s) => macros.feed(s));
    macros.finish();
  }

  private statement(s: Statement): void {
    const loc = new SourceLoc(s.file, s.line, s.opColumn, s.endColumn);
    this.loc = loc;
    try {
      if (s.labels.length > 0) {
        for (const label of s.labels) {
          this.loc = new SourceLoc(s.file, s.line, label.column, label.column + label.name.length);
          this.defineLabel(label.name);
        }
        this.loc = loc;
      }
      if (s.op === '') return;
      if (s.args.startsWith('=') && !s.args.startsWith('==')) {
        // `name = expr` is GNU shorthand for `.set name, expr`.
        runDirective(this, { ...s, op: '.set', args: `${s.op},${s.args.slice(1)}` });
        return;
      }
      if (s.op.startsWith('.')) {
        runDirective(this, s);
        return;
      }
      if (this.current.isNobits) throw new AsmError(`instruction in section '${this.current.name}' which holds no data`);
      const before = this.current.size;
      if (!assembleFast(this, s.op, s.args, s.argsColumn) && !assembleAny(this, s.op, splitOperands(s.args, s.argsColumn), s.argsColumn)) {
        throw new AsmError(`unknown instruction '${s.op}'${suggestMnemonic(s.op, knownMnemonics())}`, s.opColumn);
      }
      if (this.pendingLoc && this.current.size > before) {
        const p = this.pendingLoc;
        this.lineRows.push(new Row(this.current.number, before, p.file, p.line, p.column, p.isStmt));
        this.pendingLoc = undefined;
      }
      if (!this.sawLoc && this.current.size > before) this.autoRow(s, before);
    } catch (e) {
      this.reportError(e, s);
    }
  }

  private autoRow(s: Statement, offset: number): void {
    let file = this.autoFiles.get(s.file);
    if (file === undefined) {
      file = this.autoFiles.size + 1;
      this.autoFiles.set(s.file, file);
    }
    this.autoRows.push(new Row(this.current.number, offset, file, s.line, s.opColumn, true));
  }

  /** Uses the automatic rows when the source had no .loc of its own. Call once, after run(). */
  finishLineTable(): void {
    if (this.sawLoc || this.lineRows.length || !this.autoRows.length) return;
    for (const [name, n] of this.autoFiles) this.lineFiles.set(n, name);
    this.lineRows.push(...this.autoRows);
  }

  reportError(e: unknown, s?: Statement): void {
    const message = e instanceof Error ? e.message : String(e);
    const column = e instanceof AsmError && e.column !== undefined ? e.column : this.loc.column;
    this.error(message, { ...this.loc, column, endColumn: Math.max(column, s?.endColumn ?? this.loc.endColumn) });
  }

  error(message: string, loc: Location = this.loc): void {
    if (this.errorCount === MAX_ERRORS) {
      this.diagnostics.push({ ...loc, severity: 'error', message: 'too many errors; stopping here' });
    }
    if (++this.errorCount > MAX_ERRORS) return;
    this.diagnostics.push({
      file: loc.file, line: loc.line, column: loc.column, endColumn: loc.endColumn, severity: 'error', message,
    });
  }

  warn(message: string): void {
    this.diagnostics.push({ ...this.loc, severity: 'warning', message });
  }

  // ---- sections ----

  section(name: string, kind = defaultSectionKind(name), entsize = 0): AsmSection {
    const found = this.sections.find((s) => s.name === name);
    if (found) return found;
    const s = new AsmSection(this.sections.length, name, kind.type === SHT_NOBITS ? SHT_NOBITS : kind.type || SHT_PROGBITS,
      kind.flags, entsize);
    this.sections.push(s);
    return s;
  }

  switchSection(name: string, kind?: { type: number; flags: bigint }, entsize?: number): void {
    const next = this.section(name, kind, entsize);
    if (next !== this.current) this.previous = this.current;
    this.current = next;
  }

  /** Appends bytes to the current section (zeros only in a NOBITS section). */
  appendBytes(bytes: ArrayLike<number>): void {
    const s = this.current;
    if (s.isNobits) {
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== 0) throw new AsmError(`non-zero data in section '${s.name}' which holds no data`);
      }
      s.nobitsSize += bytes.length;
      return;
    }
    for (let i = 0; i < bytes.length; i++) s.data.u8(bytes[i]!);
  }

  appendZeros(n: number, fill = 0): void {
    const s = this.current;
    if (s.isNobits) {
      if (fill !== 0) throw new AsmError(`non-zero fill in section '${s.name}' which holds no data`);
      s.nobitsSize += n;
    } else if (fill === 0) s.data.zeros(n);
    else for (let i = 0; i < n; i++) s.data.u8(fill);
  }

  addFixup(field: FixupRequest['field'], imm: FixupRequest['imm'], offset = this.current.size): void {
    this.current.fixups.push({ offset, field, imm, loc: { ...this.loc, column: imm.column } });
  }

  // ---- symbols ----

  symbol(name: string): AsmSymbol {
    let s = this.symbols.get(name);
    if (!s) {
      s = { name, binding: 'local', type: 0, referenced: false, keep: false };
      this.symbols.set(name, s);
    }
    return s;
  }

  defineLabel(name: string): void {
    if (/^\d+$/.test(name)) {
      const n = String(Number(name));
      const count = (this.localCounts.get(n) ?? 0) + 1;
      this.localCounts.set(n, count);
      name = `.L${n}\u0002${count}`;
    }
    this.define(name, { kind: 'label', section: this.current.number, offset: this.current.size });
  }

  define(name: string, definition: NonNullable<AsmSymbol['definition']>, redefinable = false): void {
    const s = this.symbol(name);
    if (s.definition && !(redefinable && s.definition.kind !== 'label')) {
      const at = s.definedAt ? ` (first defined at ${s.definedAt.file}:${s.definedAt.line})` : '';
      throw new AsmError(`symbol '${name}' is already defined${at}`, this.loc.column);
    }
    s.definition = definition;
    s.definedAt ??= this.loc;
  }

  readonly resolve = (name: string): SymbolMeaning => {
    const s = this.symbol(name);
    s.referenced = true;
    const d = s.definition;
    if (!d || d.kind === 'common' || (s.binding === 'weak' && d.kind === 'label')) return { kind: 'extern' };
    if (d.kind === 'label') return { kind: 'label', section: d.section, offset: d.offset };
    if (d.kind === 'equ') return { kind: 'const', value: d.value };
    return { kind: 'expr', expr: d.expr };
  };

  evaluateNow(e: Expr): Linear {
    return evaluate(e, this.resolve);
  }

  readonly constant = (e: Expr, column: number): bigint => {
    let v: Linear;
    try {
      v = evaluate(e, this.resolve);
    } catch (err) {
      throw new AsmError(err instanceof Error ? err.message : String(err), column);
    }
    if (v.terms.size) throw new AsmError('expression must be a constant known at this point', column);
    return v.c;
  };

  // ---- Emitter ----

  emit(word: number, fix?: FixupRequest): void {
    if (fix) {
      const direct = fix.imm.mod === '' && fix.imm.expr.k === 'num' ? encodeNow(fix.field, fix.imm.expr.v, fix.imm.column) : undefined;
      if (direct === undefined) this.addFixup(fix.field, fix.imm);
      else word = (word | direct) >>> 0;
    }
    this.current.data.u32(word);
  }

  emit16(half: number, fix?: FixupRequest): void {
    if (fix) this.addFixup(fix.field, fix.imm);
    this.current.data.u16(half);
  }

  pcrelHi(rd: number, target: Expr, column: number): string {
    const label = `.Lpcrel_hi${this.pcrelCount++}`;
    this.define(label, { kind: 'label', section: this.current.number, offset: this.current.size });
    this.emit(uType(0x17, rd, 0), { field: 'U', imm: { mod: 'pcrel_hi', expr: target, column } });
    return label;
  }
}
