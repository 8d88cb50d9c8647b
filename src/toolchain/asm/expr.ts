// Assembler expressions: parsing operand text into a small tree, and evaluating a tree to a
// linear form `constant + sum(coefficient * symbol)`. Evaluation is deferred until the end of
// assembly so forward references work; a result with one symbol of coefficient 1 becomes a
// relocation, a difference of two labels in one section folds to a constant (no relaxation).
// GNU as precedence: unary > (* / % << >>) > (| & ^) > (+ - comparisons) > (&& ||).

export class AsmError extends Error {
  constructor(message: string, readonly column?: number) {
    super(message);
  }
}

export type Expr =
  | { k: 'num'; v: bigint }
  | { k: 'sym'; name: string }
  | { k: 'dot'; section: number; offset: number }
  | { k: 'un'; op: string; a: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr };

/** Resolves names met while parsing: numeric local labels (1f, 1b) and '.'. */
export interface ParseContext {
  localLabel(n: string, forward: boolean): string;
  dot(): Expr;
}

const SYM_CHAR = /[A-Za-z0-9_.$]/;
const isSymStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46 || c === 36;
const isSymChar = (c: number): boolean => isSymStart(c) || (c >= 48 && c <= 57);
const NUMBER = /(0[xX][0-9a-fA-F]+|0[bB][01]+|\d+)([fFbB]?)/y;

/** A cursor over operand text; parse functions advance `pos`. */
export class Cursor {
  pos = 0;
  constructor(readonly text: string, readonly baseColumn: number) {}

  ws(): void {
    while (this.pos < this.text.length && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++;
  }
  peek(): string {
    this.ws();
    return this.text[this.pos] ?? '';
  }
  eat(ch: string): boolean {
    this.ws();
    if (this.text.startsWith(ch, this.pos)) {
      this.pos += ch.length;
      return true;
    }
    return false;
  }
  expect(ch: string): void {
    if (!this.eat(ch)) throw this.error(`expected '${ch}'`);
  }
  atEnd(): boolean {
    this.ws();
    return this.pos >= this.text.length;
  }
  column(): number {
    return this.baseColumn + this.pos;
  }
  error(message: string): AsmError {
    const near = this.text.slice(this.pos, this.pos + 20);
    return new AsmError(near ? `${message} near '${near}'` : `${message} at end of line`, this.column());
  }
  /** An identifier (symbol name) or undefined when none starts here. */
  ident(): string | undefined {
    this.ws();
    const start = this.pos;
    if (start < this.text.length && isSymStart(this.text.charCodeAt(start))) {
      let p = start + 1;
      while (p < this.text.length && isSymChar(this.text.charCodeAt(p))) p++;
      this.pos = p;
      return this.text.slice(start, p);
    }
    return undefined;
  }
}

const BINARY_LEVELS: string[][] = [
  ['||', '&&'],
  ['==', '!=', '<>', '<=', '>=', '+', '-', '<', '>'],
  ['|', '&', '^'],
  ['*', '/', '%', '<<', '>>'],
];

export function parseExpr(c: Cursor, ctx: ParseContext): Expr {
  return parseLevel(c, ctx, 0, 0);
}

function parseLevel(c: Cursor, ctx: ParseContext, level: number, depth: number): Expr {
  if (depth > 200) throw c.error('expression nested too deeply');
  if (level >= BINARY_LEVELS.length) return parseUnary(c, ctx, depth);
  let left = parseLevel(c, ctx, level + 1, depth);
  for (;;) {
    c.ws();
    const op = matchOp(c, BINARY_LEVELS[level]!);
    if (!op) return left;
    const right = parseLevel(c, ctx, level + 1, depth + 1);
    left = { k: 'bin', op, a: left, b: right };
  }
}

function matchOp(c: Cursor, ops: string[]): string | undefined {
  const rest = c.text.slice(c.pos, c.pos + 2);
  // Longest match first; '<' and '>' must not swallow '<<' / '>>' from a tighter level.
  for (const op of ops) {
    if (op.length === 2 && rest === op) {
      c.pos += 2;
      return op;
    }
  }
  for (const op of ops) {
    if (op.length === 1 && rest[0] === op) {
      const two = rest;
      if ((op === '<' || op === '>') && (two === '<<' || two === '>>' || two === '<=' || two === '>=' || two === '<>')) continue;
      if ((op === '|' && two === '||') || (op === '&' && two === '&&')) continue;
      c.pos += 1;
      return op;
    }
  }
  return undefined;
}

function parseUnary(c: Cursor, ctx: ParseContext, depth: number): Expr {
  if (depth > 200) throw c.error('expression nested too deeply');
  const ch = c.peek();
  if (ch === '-' || ch === '~' || ch === '!' || ch === '+') {
    c.pos++;
    return { k: 'un', op: ch, a: parseUnary(c, ctx, depth + 1) };
  }
  if (ch === '(') {
    c.pos++;
    const e = parseLevel(c, ctx, 0, depth + 1);
    c.expect(')');
    return e;
  }
  if (ch === "'") return { k: 'num', v: BigInt(parseCharConstant(c)) };
  if (ch >= '0' && ch <= '9') return parseNumberOrLocal(c, ctx);
  if (ch === '.' && !SYM_CHAR.test(c.text[c.pos + 1] ?? ' ')) {
    c.pos++;
    return ctx.dot();
  }
  const name = c.ident();
  if (name !== undefined) return { k: 'sym', name };
  throw c.error(ch === '' ? 'missing expression' : 'bad expression');
}

function parseNumberOrLocal(c: Cursor, ctx: ParseContext): Expr {
  NUMBER.lastIndex = c.pos;
  const m = NUMBER.exec(c.text);
  if (!m) throw c.error('bad number');
  const after = c.text[c.pos + m[0].length] ?? '';
  if (/[A-Za-z0-9_$]/.test(after)) throw c.error('bad number');
  c.pos += m[0].length;
  const digits = m[1]!;
  if (m[2] && !/^0[xXbB]/.test(digits)) {
    try {
      return { k: 'sym', name: ctx.localLabel(String(Number(digits)), m[2].toLowerCase() === 'f') };
    } catch (e) {
      throw new AsmError(e instanceof Error ? e.message : String(e), c.column() - m[0].length);
    }
  }
  if (m[2]) throw c.error('bad number');
  let v: bigint;
  if (digits.length < 10 && digits.charCodeAt(0) !== 48) v = BigInt(Number(digits)); // common small decimal
  else if (/^0[0-7]+$/.test(digits)) v = BigInt(`0o${digits.slice(1)}`);
  else if (/^0\d+$/.test(digits)) throw c.error('bad octal number');
  else v = BigInt(digits);
  return { k: 'num', v: BigInt.asIntN(64, v) };
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };

function parseCharConstant(c: Cursor): number {
  c.pos++; // the quote
  let v: number;
  if (c.text[c.pos] === '\\') {
    const e = c.text[c.pos + 1] ?? '';
    const known = ESCAPES[e];
    if (known === undefined) throw c.error('bad escape in character constant');
    v = known;
    c.pos += 2;
  } else {
    if (c.pos >= c.text.length) throw c.error('bad character constant');
    v = c.text.codePointAt(c.pos)!;
    c.pos += v > 0xffff ? 2 : 1;
  }
  if (c.text[c.pos] === "'") c.pos++;
  return v;
}

/** Decodes a "string" literal with C escapes into bytes (UTF-8 for non-ASCII). */
export function parseStringLiteral(c: Cursor): number[] {
  c.ws();
  if (c.text[c.pos] !== '"') throw c.error('expected a string');
  const start = c.column();
  c.pos++;
  const out: number[] = [];
  for (;;) {
    if (c.pos >= c.text.length) throw new AsmError('unterminated string', start);
    const ch = c.text[c.pos]!;
    if (ch === '"') {
      c.pos++;
      return out;
    }
    if (ch === '\\') {
      const e = c.text[c.pos + 1] ?? '';
      if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(c.text.slice(c.pos + 1))!;
        out.push(parseInt(m[0], 8) & 0xff);
        c.pos += 1 + m[0].length;
      } else if (e === 'x' || e === 'X') {
        const m = /^[0-9a-fA-F]+/.exec(c.text.slice(c.pos + 2));
        if (!m) throw c.error('bad \\x escape');
        out.push(parseInt(m[0].slice(-2), 16));
        c.pos += 2 + m[0].length;
      } else {
        const known = ESCAPES[e];
        if (known === undefined) throw c.error('bad escape in string');
        out.push(known);
        c.pos += 2;
      }
      continue;
    }
    const cp = c.text.codePointAt(c.pos)!;
    c.pos += cp > 0xffff ? 2 : 1;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
}

/**
 * Linear value: `c + sum(terms)`. Term keys are `s<N>` (start of section N of this object) or
 * `u<name>` (a symbol whose address only the linker knows: undefined, global weak, common).
 */
export interface Linear {
  c: bigint;
  terms: Map<string, bigint>;
}

/** What a symbol name means while evaluating. */
export type SymbolMeaning =
  | { kind: 'const'; value: bigint }
  | { kind: 'label'; section: number; offset: number }
  | { kind: 'extern' }
  | { kind: 'expr'; expr: Expr };

export type Resolver = (name: string) => SymbolMeaning;

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

export function evaluate(e: Expr, resolve: Resolver, depth = 0): Linear {
  // Long left-deep chains (a+b+c+...) are legal, so the bound is generous; cycles still end here.
  if (depth > 4000) throw new AsmError('symbol definitions are circular or nested too deeply');
  switch (e.k) {
    case 'num':
      return { c: e.v, terms: new Map() };
    case 'dot':
      return { c: BigInt(e.offset), terms: new Map([[`s${e.section}`, 1n]]) };
    case 'sym': {
      const m = resolve(e.name);
      if (m.kind === 'const') return { c: m.value, terms: new Map() };
      if (m.kind === 'label') return { c: BigInt(m.offset), terms: new Map([[`s${m.section}`, 1n]]) };
      if (m.kind === 'extern') return { c: 0n, terms: new Map([[`u${e.name}`, 1n]]) };
      return evaluate(m.expr, resolve, depth + 1);
    }
    case 'un': {
      const a = evaluate(e.a, resolve, depth + 1);
      if (e.op === '+') return a;
      if (e.op === '-') return scale(a, -1n);
      const v = constantOf(a, e.op);
      return { c: e.op === '~' ? wrap(~v) : v === 0n ? 1n : 0n, terms: new Map() };
    }
    case 'bin': {
      const a = evaluate(e.a, resolve, depth + 1);
      const b = evaluate(e.b, resolve, depth + 1);
      if (e.op === '+') return add(a, b, 1n);
      if (e.op === '-') {
        // Comparisons of two labels in one section fold like differences.
        return add(a, b, -1n);
      }
      if (e.op === '*' && a.terms.size === 0) return scale(b, a.c);
      if (e.op === '*' && b.terms.size === 0) return scale(a, b.c);
      const x = constantOf(a, e.op);
      const y = constantOf(b, e.op);
      return { c: binary(e.op, x, y), terms: new Map() };
    }
  }
}

function binary(op: string, x: bigint, y: bigint): bigint {
  switch (op) {
    case '*': return wrap(x * y);
    case '/': if (y === 0n) throw new AsmError('division by zero'); return wrap(x / y);
    case '%': if (y === 0n) throw new AsmError('division by zero'); return wrap(x % y);
    case '<<': return y >= 64n || y < 0n ? 0n : wrap(x << y);
    case '>>': return y >= 64n || y < 0n ? (x < 0n ? -1n : 0n) : x >> y;
    case '|': return x | y;
    case '&': return x & y;
    case '^': return x ^ y;
    case '&&': return x !== 0n && y !== 0n ? 1n : 0n;
    case '||': return x !== 0n || y !== 0n ? 1n : 0n;
    // GNU as yields -1 for true comparisons.
    case '==': return x === y ? -1n : 0n;
    case '!=': case '<>': return x !== y ? -1n : 0n;
    case '<': return x < y ? -1n : 0n;
    case '>': return x > y ? -1n : 0n;
    case '<=': return x <= y ? -1n : 0n;
    case '>=': return x >= y ? -1n : 0n;
  }
  throw new AsmError(`unknown operator '${op}'`);
}

function constantOf(a: Linear, op: string): bigint {
  if (a.terms.size) throw new AsmError(`operator '${op}' needs constant operands (symbol address is not known until link time)`);
  return a.c;
}

function scale(a: Linear, k: bigint): Linear {
  const terms = new Map<string, bigint>();
  if (k !== 0n) for (const [key, v] of a.terms) terms.set(key, v * k);
  return { c: wrap(a.c * k), terms };
}

function add(a: Linear, b: Linear, sign: bigint): Linear {
  const terms = new Map(a.terms);
  for (const [key, v] of b.terms) {
    const sum = (terms.get(key) ?? 0n) + sign * v;
    if (sum === 0n) terms.delete(key);
    else terms.set(key, sum);
  }
  return { c: wrap(a.c + sign * b.c), terms };
}
