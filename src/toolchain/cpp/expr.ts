// Constant expressions of #if and #elif (C11 6.10.1).
//
// The caller has already replaced `defined X` and expanded macros; identifiers left over count
// as 0. Arithmetic is done as the standard says, in intmax_t / uintmax_t: 64-bit BigInts that
// carry an `unsigned` flag, with the usual arithmetic conversions (unsigned wins) and
// wrap-around. Operators that are not evaluated (the dead side of && || ?:) may divide by zero
// without complaint, as in gcc. Errors come back as a message; the evaluator never throws.

import { copyToken, type Token } from './lexer';

export interface Value {
  v: bigint;
  unsigned: boolean;
  /** Set by parseIntLiteral for constants gcc warns about. */
  warning?: string;
}

const MASK = (1n << 64n) - 1n;
/** Nesting limit for parentheses and unary operators, far below the JS stack's. */
const MAX_DEPTH = 256;

function norm(v: bigint, unsigned: boolean): Value {
  return { v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), unsigned };
}

class ExprError {
  constructor(readonly message: string, readonly token: Token) {}
}

/** Parses an integer constant or character constant as #if sees it. */
export function parseIntLiteral(text: string): Value | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/.exec(text);
  if (m === null) return undefined;
  const digits = m[1]!;
  const suffix = m[2]!.toLowerCase();
  if (!['', 'u', 'l', 'ul', 'lu', 'll', 'ull', 'llu'].includes(suffix)) return undefined;
  let v: bigint;
  let radixExplicit = false;
  if (/^0[xX]/.test(digits) || /^0[bB]/.test(digits)) {
    v = BigInt(digits);
    radixExplicit = true;
  } else if (digits.length > 1 && digits.startsWith('0')) {
    if (/[89]/.test(digits)) return undefined;
    v = BigInt('0o' + digits.slice(1));
    radixExplicit = true;
  } else {
    v = BigInt(digits);
  }
  let warning: string | undefined;
  if (v > MASK) {
    v &= MASK; // gcc keeps the low bits too
    warning = 'integer constant is too large for its type';
  } else if (!radixExplicit && !suffix.includes('u') && v > (1n << 63n) - 1n) {
    warning = 'integer constant is so large that it is unsigned';
  }
  // a constant too big for intmax_t becomes unsigned, as in C
  const unsigned = suffix.includes('u') || v > (1n << 63n) - 1n;
  const value = norm(v, unsigned);
  if (warning !== undefined) value.warning = warning;
  return value;
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };

/**
 * Value of a character constant as gcc's #if sees it: a plain one-character constant is an
 * unsigned value (char is unsigned on RISC-V, and cpplib carries that into intmax_t
 * arithmetic), a multi-character one a signed int; L'x' is signed (wchar_t is int), u'x',
 * U'x' and u8'x' unsigned.
 */
export function parseCharLiteral(text: string): Value | undefined {
  const m = /^(L|u|U|u8)?'(.*)'$/s.exec(text);
  if (m === null) return undefined;
  const prefix = m[1] ?? '';
  const body = m[2]!;
  const values: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c !== '\\') {
      values.push(body.codePointAt(i)!);
      i += body.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? '';
    if (ESCAPES[e] !== undefined) {
      values.push(ESCAPES[e]!);
      i += 2;
    } else if (e === 'x') {
      const h = /^[0-9a-fA-F]+/.exec(body.slice(i + 2));
      if (h === null) return undefined;
      values.push(parseInt(h[0].slice(-8), 16));
      i += 2 + h[0].length;
    } else if (/[0-7]/.test(e)) {
      const o = /^[0-7]{1,3}/.exec(body.slice(i + 1))!;
      values.push(parseInt(o[0], 8));
      i += 1 + o[0].length;
    } else {
      return undefined;
    }
  }
  if (values.length === 0) return undefined;
  if (prefix === '') {
    // multi-character constants: int, big-endian packing as gcc does; single: unsigned char
    if (values.length === 1) return { v: BigInt(values[0]! & 0xff), unsigned: true };
    let v = 0n;
    for (const x of values) v = (v << 8n) | BigInt(x & 0xff);
    return { v: BigInt.asIntN(32, v), unsigned: false, warning: 'multi-character character constant' };
  }
  return { v: BigInt(values[values.length - 1]!), unsigned: prefix !== 'L' };
}

/**
 * Evaluates the tokens of one #if line; `lineEnd` locates errors about a missing operand. Returns
 * the value, or an error with the token where it was found.
 */
export interface IfResult {
  value?: bigint;
  error?: string;
  at?: Token;
  /**
   * Messages that do not stop evaluation: warnings (overflow, oversized constants) and, as in
   * gcc, division by zero, after which the left operand's magnitude stands as the result.
   */
  warnings: { message: string; at: Token; severity?: 'error' }[];
}

export function evalIfExpr(tokens: Token[], lineEnd: Token): IfResult {
  const warnings: IfResult['warnings'] = [];
  const end = lineEnd.kind === 'eof' ? lineEnd : copyToken(lineEnd, { kind: 'eof', text: '' });
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos] ?? end;
  const take = (): Token => tokens[pos++] ?? end;
  const isOp = (s: string): boolean => {
    const t = peek();
    return t.kind === 'punct' && t.text === s;
  };

  // signed results that do not fit intmax_t wrap, with gcc's warning
  const overflowed = (exact: bigint, r: Value, live: boolean): void => {
    if (live && !r.unsigned && exact !== r.v) {
      // gcc points at the token after the operation, where its parser reduces it
      warnings.push({ message: 'integer overflow in preprocessor expression', at: peek() });
    }
  };
  const arith = (a: Value, b: Value, f: (x: bigint, y: bigint) => bigint, live = false): Value => {
    const u = a.unsigned || b.unsigned;
    const x = u ? BigInt.asUintN(64, a.v) : a.v;
    const y = u ? BigInt.asUintN(64, b.v) : b.v;
    const exact = f(x, y);
    const r = norm(exact, u);
    overflowed(exact, r, live);
    return r;
  };
  const compare = (a: Value, b: Value, f: (x: bigint, y: bigint) => boolean): Value => {
    const u = a.unsigned || b.unsigned;
    const x = u ? BigInt.asUintN(64, a.v) : a.v;
    const y = u ? BigInt.asUintN(64, b.v) : b.v;
    return { v: f(x, y) ? 1n : 0n, unsigned: false };
  };
  const truth = (b: boolean): Value => ({ v: b ? 1n : 0n, unsigned: false });

  // primary = number | char | ident (=0) | "(" expr ")"
  const primary = (live: boolean): Value => {
    const t = take();
    if (t.kind === 'number') {
      const v = parseIntLiteral(t.text);
      if (v?.warning !== undefined) warnings.push({ message: v.warning, at: t });
      if (v === undefined) {
        if (/^[0-9.]/.test(t.text) && /[.eEpP]/.test(t.text) && !/^0[xX][0-9a-fA-F]+$/.test(t.text)) {
          throw new ExprError('floating constant in preprocessor expression', t);
        }
        const octal = /^0[0-7]*([89])/.exec(t.text);
        if (octal !== null) throw new ExprError(`invalid digit "${octal[1]}" in octal constant`, t);
        throw new ExprError(`invalid integer constant "${t.text}" in #if expression`, t);
      }
      return v;
    }
    if (t.kind === 'char') {
      const v = parseCharLiteral(t.text);
      if (v?.warning !== undefined) warnings.push({ message: v.warning, at: t });
      if (v === undefined) throw new ExprError(`invalid character constant ${t.text} in #if expression`, t);
      return v;
    }
    if (t.kind === 'ident') return { v: 0n, unsigned: false };
    if (t.kind === 'punct' && t.text === '(') {
      const v = comma(live);
      if (!isOp(')')) throw new ExprError("missing ')' in expression", t);
      take();
      return v;
    }
    if (t.kind === 'eof') {
      const op = tokens[pos - 2];
      throw new ExprError(op === undefined ? '#if with no expression' : `operator '${op.text}' has no right operand`, t);
    }
    throw new ExprError(`token "${t.text}" is not valid in preprocessor expressions`, t);
  };

  // unary = ("+" | "-" | "~" | "!") unary | primary
  const unary = (live: boolean): Value => {
    const t = peek();
    if (++depth > MAX_DEPTH) throw new ExprError('#if expression too deeply nested', t);
    try {
      return unaryInner(live, t);
    } finally {
      depth--;
    }
  };
  const unaryInner = (live: boolean, t: Token): Value => {
    if (t.kind === 'punct') {
      if (t.text === '+') return take(), unary(live);
      if (t.text === '-') {
        take();
        const v = unary(live);
        return norm(-v.v, v.unsigned);
      }
      if (t.text === '~') {
        take();
        const v = unary(live);
        return norm(~v.v, v.unsigned);
      }
      if (t.text === '!') {
        take();
        return truth(unary(live).v === 0n);
      }
    }
    return primary(live);
  };

  // binary operators by precedence, lowest last
  const levels: string[][] = [['*', '/', '%'], ['+', '-'], ['<<', '>>'], ['<', '>', '<=', '>='], ['==', '!='], ['&'], ['^'], ['|']];
  const binary = (level: number, live: boolean): Value => {
    if (level < 0) return unary(live);
    let a = binary(level - 1, live);
    for (;;) {
      const t = peek();
      if (t.kind !== 'punct' || !levels[level]!.includes(t.text)) return a;
      take();
      const b = binary(level - 1, live);
      switch (t.text) {
        case '*': a = arith(a, b, (x, y) => x * y, live); break;
        case '/':
        case '%':
          if (b.v === 0n) {
            if (live) warnings.push({ message: 'division by zero in #if', at: t, severity: 'error' });
            // gcc divides magnitudes and, on a zero divisor, hands back the left one as it was
            // typed (the usual conversions are not applied to it)
            const u = a.unsigned || b.unsigned;
            a = norm(!u && a.v < 0n ? -a.v : a.v, a.unsigned);
          } else {
            a = arith(a, b, t.text === '/' ? (x, y) => x / y : (x, y) => x % y);
          }
          break;
        case '+': a = arith(a, b, (x, y) => x + y, live); break;
        case '-': a = arith(a, b, (x, y) => x - y, live); break;
        case '<<':
        case '>>': {
          // the result has the left operand's type; negative counts shift the other way (gcc)
          let count = b.unsigned ? BigInt.asUintN(64, b.v) : b.v;
          let left = t.text === '<<';
          if (count < 0n) { count = -count; left = !left; }
          if (count > 127n) count = 127n;
          const x = a.unsigned ? BigInt.asUintN(64, a.v) : a.v;
          const exact = left ? x << count : x >> count;
          a = norm(exact, a.unsigned);
          overflowed(exact, a, live);
          break;
        }
        case '<': a = compare(a, b, (x, y) => x < y); break;
        case '>': a = compare(a, b, (x, y) => x > y); break;
        case '<=': a = compare(a, b, (x, y) => x <= y); break;
        case '>=': a = compare(a, b, (x, y) => x >= y); break;
        case '==': a = compare(a, b, (x, y) => x === y); break;
        case '!=': a = compare(a, b, (x, y) => x !== y); break;
        case '&': a = arith(a, b, (x, y) => x & y); break;
        case '^': a = arith(a, b, (x, y) => x ^ y); break;
        case '|': a = arith(a, b, (x, y) => x | y); break;
      }
    }
  };

  // logand = binary ("&&" binary)* ; logor = logand ("||" logand)*
  const logand = (live: boolean): Value => {
    let a = binary(levels.length - 1, live);
    while (isOp('&&')) {
      take();
      const b = binary(levels.length - 1, live && a.v !== 0n);
      a = truth(a.v !== 0n && b.v !== 0n);
    }
    return a;
  };
  const logor = (live: boolean): Value => {
    let a = logand(live);
    while (isOp('||')) {
      take();
      const b = logand(live && a.v === 0n);
      a = truth(a.v !== 0n || b.v !== 0n);
    }
    return a;
  };
  // cond = logor ("?" comma ":" cond)?
  const cond = (live: boolean): Value => {
    const c = logor(live);
    if (!isOp('?')) return c;
    take();
    const a = comma(live && c.v !== 0n);
    if (!isOp(':')) throw new ExprError("'?' without following ':'", peek());
    take();
    const b = cond(live && c.v === 0n);
    const u = a.unsigned || b.unsigned;
    return norm(c.v !== 0n ? a.v : b.v, u);
  };
  // comma = cond ("," cond)*   (gcc accepts it in #if)
  const comma = (live: boolean): Value => {
    let a = cond(live);
    while (isOp(',')) {
      take();
      a = cond(live);
    }
    return a;
  };

  try {
    if (tokens.length === 0) return { error: '#if with no expression', at: end, warnings };
    const v = comma(true);
    if (pos < tokens.length) {
      const t = tokens[pos]!;
      return { error: `missing binary operator before token "${t.text}"`, at: t, warnings };
    }
    return { value: v.v, warnings };
  } catch (e) {
    if (e instanceof ExprError) return { error: e.message, at: e.token, warnings };
    if (e instanceof RangeError) return { error: '#if expression too deeply nested', at: end, warnings };
    throw e;
  }
}
