// The statement-level layer of GNU as in front of the assembler proper: conditional assembly
// (.if/.ifdef/.ifc/.else/.elseif/.endif), repetition (.rept, .irp, .irpc ... .endr) and macros
// (.macro name params ... .endm, with defaults, :req, :vararg, \param, \() and \@). Bodies are
// kept as text and re-read through the lexer on expansion; statements an expansion produces
// report errors at the line of the invocation, which is the line the student wrote.

import type { Assembler } from './assembler';
import { AsmError, Cursor, parseExpr } from './expr';
import { forEachStatement, type Statement } from './lexer';
import { splitOperands } from './operands';

interface Macro {
  readonly params: { name: string; default?: string; vararg: boolean }[];
  readonly body: string[];
}

interface Collector {
  kind: 'macro' | 'rept' | 'irp' | 'irpc';
  depth: number;
  body: string[];
  start: Statement;
}

interface Condition {
  /** Statements are assembled in this branch. */
  active: boolean;
  /** Some branch of this .if has been taken (later .else/.elseif stay inactive). */
  done: boolean;
  /** The enclosing context is active. */
  outer: boolean;
  /** The .if that opened it (for the missing-.endif error). */
  at: Statement;
}

const OPENERS = new Set(['.macro', '.rept', '.irp', '.irpc']);
const CLOSERS = new Set(['.endm', '.endr']);
const MAX_EXPANSION_DEPTH = 100;
const MAX_EXPANDED_STATEMENTS = 1_000_000;

function statementText(s: Statement): string {
  const labels = s.labels.map((l) => `${l.name}:`).join(' ');
  return `${labels}${labels ? ' ' : ''}${s.op}${s.args ? ` ${s.args}` : ''}`;
}

export class MacroProcessor {
  private readonly macros = new Map<string, Macro>();
  private collector?: Collector;
  private readonly conditions: Condition[] = [];
  private depth = 0;
  private expansions = 0;
  private expanded = 0;

  constructor(private readonly a: Assembler, private readonly assemble: (s: Statement) => void) {}

  /** Handles one statement from the source or from an expansion. */
  feed(s: Statement): void {
    try {
      this.step(s);
    } catch (e) {
      this.a.loc = { file: s.file, line: s.line, column: s.opColumn, endColumn: s.endColumn };
      this.a.reportError(e, s);
    }
  }

  /** Reports anything left open at the end of the input. */
  finish(): void {
    if (this.collector) {
      const s = this.collector.start;
      this.a.error(`'${s.op}' without a matching '${s.op === '.macro' ? '.endm' : '.endr'}'`,
        { file: s.file, line: s.line, column: s.opColumn, endColumn: s.endColumn });
    }
    const open = this.conditions[0];
    if (open) {
      const s = open.at;
      this.a.error(`'${s.op}' without a matching '.endif'`, { file: s.file, line: s.line, column: s.opColumn, endColumn: s.endColumn });
    }
  }

  private get active(): boolean {
    const top = this.conditions[this.conditions.length - 1];
    return !top || top.active;
  }

  private step(s: Statement): void {
    const c = this.collector;
    // Nearly every statement is an instruction outside any macro, loop or condition: nothing
    // below can apply to it (only directives and macro names are looked at), so it goes straight on.
    if (c === undefined && this.conditions.length === 0 && this.macros.size === 0 && (s.op.length === 0 || s.op.charCodeAt(0) !== 46) /* . */) {
      this.assemble(s);
      return;
    }
    if (c) {
      if (OPENERS.has(s.op)) c.depth++;
      else if (CLOSERS.has(s.op) && --c.depth === 0) {
        this.collector = undefined;
        try {
          this.close(c);
        } catch (e) {
          // A bad .rept count or .macro header belongs to the opening line, not to .endr/.endm.
          const at = c.start;
          this.a.loc = { file: at.file, line: at.line, column: at.opColumn, endColumn: at.endColumn };
          this.a.reportError(e, at);
        }
        return;
      }
      c.body.push(statementText(s));
      return;
    }
    if (this.conditional(s)) return;
    if (!this.active) return;
    if (OPENERS.has(s.op)) {
      if (s.labels.length) this.assemble({ ...s, op: '', args: '' });
      this.collector = { kind: s.op.slice(1) as Collector['kind'], depth: 1, body: [], start: s };
      return;
    }
    if (CLOSERS.has(s.op)) throw new AsmError(`'${s.op}' without a matching opening directive`, s.opColumn);
    if (s.op === '.purgem') {
      this.macros.delete(s.args.trim().toLowerCase());
      return;
    }
    const macro = this.macros.get(s.op);
    if (macro) {
      if (s.labels.length) this.assemble({ ...s, op: '', args: '' });
      this.expand(s, macro);
      return;
    }
    this.assemble(s);
  }

  /** .if family; true when `s` was one of them. */
  private conditional(s: Statement): boolean {
    const op = s.op;
    if (op === '.endif') {
      if (!this.conditions.pop()) throw new AsmError("'.endif' without '.if'", s.opColumn);
      return true;
    }
    if (op === '.else' || op === '.elseif') {
      const top = this.conditions[this.conditions.length - 1];
      if (!top) throw new AsmError(`'${op}' without '.if'`, s.opColumn);
      if (top.done || !top.outer) top.active = false;
      else {
        top.active = op === '.else' || this.test('.if', s);
        top.done = top.active;
      }
      return true;
    }
    if (!op.startsWith('.if')) return false;
    const outer = this.active;
    const active = outer && this.test(op, s);
    this.conditions.push({ active, done: active, outer, at: s });
    return true;
  }

  private test(op: string, s: Statement): boolean {
    const value = (): bigint => {
      const c = new Cursor(s.args, s.argsColumn);
      const v = this.a.constant(parseExpr(c, this.a.parse), s.argsColumn);
      if (!c.atEnd()) throw c.error('junk after expression');
      return v;
    };
    const strings = (): [string, string] => {
      const ops = splitOperands(s.args, s.argsColumn).map((o) => o.text.replace(/^"(.*)"$/, '$1'));
      if (ops.length !== 2) throw new AsmError(`'${op}' needs two strings`, s.argsColumn);
      return [ops[0]!, ops[1]!];
    };
    const defined = (): boolean => {
      const sym = this.a.symbols.get(s.args.trim());
      return sym?.definition !== undefined;
    };
    switch (op) {
      case '.if': case '.ifne': return value() !== 0n;
      case '.ifeq': return value() === 0n;
      case '.ifgt': return value() > 0n;
      case '.ifge': return value() >= 0n;
      case '.iflt': return value() < 0n;
      case '.ifle': return value() <= 0n;
      case '.ifdef': return defined();
      case '.ifndef': case '.ifnotdef': return !defined();
      case '.ifc': { const [x, y] = strings(); return x === y; }
      case '.ifnc': { const [x, y] = strings(); return x !== y; }
      case '.ifb': return s.args.trim() === '';
      case '.ifnb': return s.args.trim() !== '';
    }
    throw new AsmError(`unknown directive '${op}'`, s.opColumn);
  }

  private close(c: Collector): void {
    const s = c.start;
    if (c.kind === 'macro') {
      const [nameOp, paramOps] = macroHeader(s.args);
      const name = nameOp?.toLowerCase();
      if (!name || !/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name)) throw new AsmError('.macro needs a name', s.argsColumn);
      const params = paramOps.map((p) => {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::(req|vararg))?(?:\s*=\s*(.*))?$/.exec(p.trim());
        if (!m) throw new AsmError(`bad macro parameter '${p}'`, s.argsColumn);
        return { name: m[1]!, default: m[3], vararg: m[2] === 'vararg' };
      });
      this.macros.set(name, { params, body: c.body });
      return;
    }
    if (c.kind === 'rept') {
      const n = this.a.constant(parseExpr(new Cursor(s.args, s.argsColumn), this.a.parse), s.argsColumn);
      if (n < 0n || n > 100_000n) throw new AsmError(`.rept count ${n} is out of range 0..100000`, s.argsColumn);
      for (let i = 0n; i < n; i++) this.replay(s, c.body, new Map());
      return;
    }
    const ops = splitOperands(s.args, s.argsColumn);
    const param = ops[0]?.text ?? '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(param)) throw new AsmError(`'${s.op}' needs a parameter name`, s.argsColumn);
    const values = c.kind === 'irp' ? ops.slice(1).map((o) => o.text) : [...ops.slice(1).map((o) => o.text).join('')];
    for (const v of values) this.replay(s, c.body, new Map([[param, v]]));
  }

  private expand(s: Statement, macro: Macro): void {
    const args = splitArgs(s.args);
    const values = new Map<string, string>();
    macro.params.forEach((p, i) => {
      if (p.vararg) values.set(p.name, args.slice(i).join(', '));
      else values.set(p.name, args[i] !== undefined && args[i] !== '' ? args[i]! : (p.default ?? ''));
    });
    if (args.length > macro.params.length && !macro.params.some((p) => p.vararg)) {
      throw new AsmError(`too many arguments for macro '${s.op}' (${args.length} for ${macro.params.length})`, s.argsColumn);
    }
    this.replay(s, macro.body, values);
  }

  /** Re-reads `body` with `\name` substitutions, at the location of statement `at`. */
  private replay(at: Statement, body: string[], values: Map<string, string>): void {
    if (this.depth >= MAX_EXPANSION_DEPTH) throw new AsmError('macro expansion nested too deeply (recursive macro?)', at.opColumn);
    const counter = String(this.expansions++);
    this.depth++;
    try {
      for (const line of body) {
        const text = line.replace(/\\(\(\)|@|[A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
          if (name === '()') return '';
          if (name === '@') return counter;
          return values.get(name) ?? whole;
        });
        forEachStatement(text, at.file, (st) => {
          if (++this.expanded > MAX_EXPANDED_STATEMENTS) throw new AsmError('macro expansion produced too many statements', at.opColumn);
          this.feed({ ...st, file: at.file, line: at.line });
        });
      }
    } finally {
      this.depth--;
    }
  }
}

/** Macro arguments: comma-separated, or blank-separated when there is no top-level comma. */
function splitArgs(text: string): string[] {
  const t = text.trim();
  if (t === '') return [];
  const parts = splitOperands(t, 1).map((o) => o.text);
  if (parts.length > 1) return parts;
  // Blank-separated, but a parenthesized or quoted group stays one argument.
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '"') {
      const end = t.indexOf('"', i + 1);
      const stop = end < 0 ? t.length : end + 1;
      cur += t.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if ((ch === ' ' || ch === '\t') && depth <= 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** `.macro name p1, p2=default` (or blank-separated parameters) -> name and parameter texts. */
function macroHeader(text: string): [string | undefined, string[]] {
  const m = /^\s*([^\s,]+)[\s,]*(.*)$/.exec(text);
  if (!m) return [undefined, []];
  return [m[1], splitArgs(m[2]!)];
}
