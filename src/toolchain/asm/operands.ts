// Operand parsing for instructions: registers, immediates with %hi/%lo/%pcrel_hi/%pcrel_lo,
// memory operands `offset(base)`, CSRs and fence sets. Each operand keeps its column so an
// error points at the operand, not just the line.

import { csrNumber, gprNumber } from './registers';
import { AsmError, Cursor, parseExpr, type Expr, type ParseContext } from './expr';

export interface Operand {
  readonly text: string;
  readonly column: number;
}

export type Modifier = '' | 'hi' | 'lo' | 'pcrel_hi' | 'pcrel_lo';

export interface Immediate {
  readonly mod: Modifier;
  readonly expr: Expr;
  readonly column: number;
}

/** Splits operand text at top-level commas (not inside parentheses, strings or char constants). */
function operandAt(args: string, start: number, end: number, column: number): Operand {
  const raw = args.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), column: column + start + lead };
}

export function splitOperands(args: string, column: number): Operand[] {
  const out: Operand[] = [];
  if (args.trim() === '') return out;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '"') {
      i++;
      while (i < args.length && args[i] !== '"') i += args[i] === '\\' ? 2 : 1;
    } else if (c === "'") {
      i += args[i + 1] === '\\' ? 2 : 1;
      if (args[i + 1] === "'") i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth <= 0) {
      out.push(operandAt(args, start, i, column));
      start = i + 1;
    }
  }
  out.push(operandAt(args, start, args.length, column));
  return out;
}

export function isRegister(op: Operand): boolean {
  return gprNumber(op.text) !== undefined;
}

export function register(op: Operand): number {
  const r = gprNumber(op.text);
  if (r === undefined) {
    throw new AsmError(op.text === '' ? 'missing register operand' : `'${op.text}' is not a register`, op.column);
  }
  return r;
}

const MODIFIER = /^%(hi|lo|pcrel_hi|pcrel_lo)\s*\(/;

/** Parses an immediate that may carry a relocation modifier, from cursor position onward. */
export function immediateAt(c: Cursor, ctx: ParseContext): Immediate {
  c.ws();
  const column = c.column();
  const m = c.text.charCodeAt(c.pos) === 37 /* % */ ? MODIFIER.exec(c.text.slice(c.pos)) : null;
  if (m) {
    c.pos += m[0].length;
    const expr = parseExpr(c, ctx);
    c.expect(')');
    return { mod: m[1] as Modifier, expr, column };
  }
  if (c.text[c.pos] === '%') throw c.error('unknown relocation modifier');
  return { mod: '', expr: parseExpr(c, ctx), column };
}

export function immediate(op: Operand, ctx: ParseContext): Immediate {
  if (op.text === '') throw new AsmError('missing operand', op.column);
  const c = new Cursor(op.text, op.column);
  const imm = immediateAt(c, ctx);
  if (!c.atEnd()) throw c.error('junk after operand');
  return imm;
}

/** A plain expression operand (branch and jump targets, data values). */
export function expression(op: Operand, ctx: ParseContext): Expr {
  const plain = plainExpression(op.text, ctx);
  if (plain !== undefined) return plain;
  const imm = immediate(op, ctx);
  if (imm.mod) throw new AsmError(`%${imm.mod} is not allowed here`, op.column);
  return imm.expr;
}

const BARE_BASE = /^\(\s*([A-Za-z0-9_.$]+)\s*\)$/;

/** `offset(base)`, `(base)` or `%lo(sym)(base)`. */
export function memory(op: Operand, ctx: ParseContext): { imm: Immediate; base: number } {
  const bare = BARE_BASE.exec(op.text);
  if (bare) {
    const base = register({ text: bare[1]!, column: op.column + 1 });
    return { imm: { mod: '', expr: { k: 'num', v: 0n }, column: op.column }, base };
  }
  const c = new Cursor(op.text, op.column);
  const imm = immediateAt(c, ctx);
  c.expect('(');
  c.ws();
  const start = c.pos;
  const name = c.ident() ?? '';
  const base = register({ text: name, column: op.column + start });
  c.expect(')');
  if (!c.atEnd()) throw c.error('junk after memory operand');
  return { imm, base };
}

/** True when the operand looks like a memory operand (ends with `(reg)`). */
export function isMemory(op: Operand): boolean {
  const m = /\(\s*([A-Za-z0-9_.$]+)\s*\)$/.exec(op.text);
  return m !== null && gprNumber(m[1]!) !== undefined;
}

/** True when the operand ends with `(name)`, whether or not name is a register (for error messages). */
export function looksLikeMemory(op: Operand): boolean {
  return /\(\s*[A-Za-z0-9_.$]*\s*\)$/.test(op.text);
}

/** CSR by name or number (0..4095). */
export function csr(op: Operand, ctx: ParseContext, constant: (e: Expr, column: number) => bigint): number {
  const named = csrNumber(op.text);
  if (named !== undefined) return named;
  const v = constant(expression(op, ctx), op.column);
  if (v < 0n || v > 4095n) throw new AsmError(`CSR number ${v} is out of range 0..4095`, op.column);
  return Number(v);
}

/** Fence predecessor/successor set: a subset of "iorw" in that order, or a number 0..15. */
export function fenceSet(op: Operand): number {
  const t = op.text.toLowerCase();
  if (/^[0-9]+$/.test(t) && Number(t) < 16) return Number(t);
  if (t === '0') return 0;
  const m = /^(i?)(o?)(r?)(w?)$/.exec(t);
  if (!m || t === '') throw new AsmError(`bad fence set '${op.text}' (expected a subset of iorw)`, op.column);
  return (m[1] ? 8 : 0) | (m[2] ? 4 : 0) | (m[3] ? 2 : 0) | (m[4] ? 1 : 0);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46 || c === 36;

/**
 * The two operand spellings compiler output is full of, read without the expression parser:
 * a decimal of 1-9 digits with no leading zero (or `0`), as in `.byte 119,111,0` and
 * `.size .LC0, 6`, and `.-name`, as in `.size f, .-f`. The tree is the one parseExpr builds
 * for the same text; anything else (blanks, other forms) is undefined and goes to the parser.
 * Without this the parser ran ~700 times per 1,000-line program and V8 compiled it in the
 * third build of a process.
 */
function plainExpression(t: string, ctx: ParseContext): Expr | undefined {
  const n = t.length;
  if (n === 0) return undefined;
  const c0 = t.charCodeAt(0);
  if (isDigit(c0)) {
    if (n > 9 || (c0 === 48 && n > 1)) return undefined;
    for (let i = 1; i < n; i++) if (!isDigit(t.charCodeAt(i))) return undefined;
    return { k: 'num', v: BigInt(Number(t)) };
  }
  // `.-name`; `.-.` (two location counters) is left to the parser.
  if (c0 !== 46 || n < 3 || t.charCodeAt(1) !== 45 || !isNameStart(t.charCodeAt(2)) || t === '.-.') return undefined;
  for (let i = 3; i < n; i++) {
    const c = t.charCodeAt(i);
    if (!isNameStart(c) && !isDigit(c)) return undefined;
  }
  return { k: 'bin', op: '-', a: ctx.dot(), b: { k: 'sym', name: t.slice(2) } };
}
