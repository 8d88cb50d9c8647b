// Lexer: preprocessed C text (gcc -E format) -> tokens.
//
// The input has already been through the preprocessor, so the only `#` lines left are line
// markers (`# 12 "file.c" 1`, `#line 12 "file.c"`) and pragmas. Line markers are consumed here:
// every token remembers the file and line the user wrote, which is what diagnostics and the
// line table need. Numbers are converted (with C11's rules for the type of an integer constant),
// strings become bytes (UTF-8), and keywords are told apart from identifiers.
// One pass over the text with an index, no regular expressions in the hot loop.

import type { Diagnostic } from '../diagnostics';
import { tyDouble, tyFloat, tyInt, tyLong, tyUInt, tyULong, tyLDouble, type Type } from './types';

export type TokenKind = 'ident' | 'keyword' | 'punct' | 'num' | 'str' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  file: string;
  line: number;
  col: number;
  endCol: number;
  /** Integer value of a number or character constant. */
  val?: bigint;
  /** Value of a floating constant. */
  fval?: number;
  /** Type of a number literal. */
  ty?: Type;
  /** Bytes of a string literal, without the terminating zero. */
  bytes?: number[];
  /** First token on its source line (used only for error recovery heuristics). */
  atBol: boolean;
}

const KEYWORDS = new Set([
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum',
  'extern', 'float', 'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return',
  'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union', 'unsigned', 'void',
  'volatile', 'while', '_Bool', '_Alignas', '_Alignof', '_Noreturn', '_Static_assert', '__attribute__',
  '__restrict', '__restrict__', '__inline', '__inline__', '__const', '__volatile__', '__signed__',
  '__extension__', '__asm__', 'asm', '__asm', 'typeof', '__typeof__', '__alignof__', '_Thread_local',
  '__thread', '__builtin_va_arg', '__builtin_offsetof', '_Generic', '_Complex',
]);

const PUNCTS3 = new Set(['<<=', '>>=', '...']);
const PUNCTS2 = new Set(['==', '!=', '<=', '>=', '->', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '&&', '||', '++', '--', '<<', '>>', '##']);
const PUNCTS1 = '+-*/%&|^~!<>=?:;,.()[]{}#';

/** Length of the punctuator at text[i] (longest match), 0 when there is none. */
function punctLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 128 || !IS_PUNCT1[c]) return 0;
  const d = text.charCodeAt(i + 1);
  // most punctuators stand alone: only look further when the next character can continue one
  if (d !== d || d >= 128 || !CAN_FOLLOW[d]) return 1;
  const two = text.substr(i, 2);
  if (PUNCTS2.has(two) || (two === '..' && text[i + 2] === '.')) {
    if (PUNCTS3.has(text.substr(i, 3))) return 3;
    return two === '..' ? 1 : 2;
  }
  return 1;
}

const IS_PUNCT1: boolean[] = [];
for (const ch of PUNCTS1) IS_PUNCT1[ch.charCodeAt(0)] = true;
/** Characters that appear as the second character of a multi-character punctuator. */
const CAN_FOLLOW: boolean[] = [];
for (const ch of '=<>&|+-.#') CAN_FOLLOW[ch.charCodeAt(0)] = true;

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

const MAX_U64 = (1n << 64n) - 1n;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
}
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** Splits preprocessed text into tokens; never throws, reports bad characters as errors. */
export function tokenize(text: string, fileName: string): LexResult {
  const lx = new Lexer(text, fileName);
  while (lx.i < lx.n) lx.step();
  return lx.finish();
}

/**
 * The scanner's state, and one step of it per call. The loop over the text is in tokenize, the
 * work in step: V8 then optimizes step once, as a function called per token, where one loop
 * over the whole file was compiled twice per process (on-stack replacement in the middle of a
 * file, then again at the next file), the costliest compiles of a cold build.
 */
class Lexer {
  readonly tokens: Token[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly n: number;
  i = 0;
  file: string;
  line = 1;
  lineStart = 0;
  atBol = true;
  /** The token being scanned: its column, first character and whether it starts its line. */
  col = 1;
  start = 0;
  tokAtBol = true;

  constructor(readonly text: string, fileName: string) {
    this.n = text.length;
    this.file = fileName;
  }

  // Every token gets every field, in one order (the literal ones undefined until set), so V8
  // keeps one hidden class for tokens and the parser's reads of them stay monomorphic.
  make(kind: TokenKind, end: number, s = this.text.slice(this.start, end)): Token {
    const tok: Token = {
      kind, text: s, file: this.file, line: this.line, col: this.col, endCol: end - this.lineStart + 1,
      val: undefined, fval: undefined, ty: undefined, bytes: undefined, atBol: this.tokAtBol,
    };
    this.tokens.push(tok);
    return tok;
  }

  err(l: number, c: number, ec: number, message: string): void {
    if (this.diagnostics.length < 200) this.diagnostics.push({ file: this.file, line: l, column: c, endColumn: ec, severity: 'error', message });
  }

  finish(): LexResult {
    const end = this.i - this.lineStart + 1;
    this.tokens.push({
      kind: 'eof', text: '', file: this.file, line: this.line, col: end, endCol: end,
      val: undefined, fval: undefined, ty: undefined, bytes: undefined, atBol: true,
    });
    return { tokens: this.tokens, diagnostics: this.diagnostics };
  }

  /** From `i`: a newline, a blank, a directive line or a comment, or one token. */
  step(): void {
    const text = this.text;
    const n = this.n;
    let i = this.i;
    const c = text.charCodeAt(i);
    if (c === 10) {
      i++;
      this.line++;
      this.lineStart = i;
      this.atBol = true;
      this.i = i;
      return;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      // a run of blanks in one step
      i++;
      while (i < n && isBlank(text.charCodeAt(i))) i++;
      this.i = i;
      return;
    }
    // Line markers and other directives left by the preprocessor.
    if (c === 35 && this.atBol) {
      let j = i + 1;
      let end = text.indexOf('\n', j);
      if (end < 0) end = n;
      const directive = text.slice(j, end).trim();
      const m = /^(?:line\s+)?(\d+)(?:\s+"((?:[^"\\]|\\.)*)")?/.exec(directive);
      i = end < n ? end + 1 : n;
      this.lineStart = i;
      if (m) {
        this.line = Number(m[1]);
        if (m[2] !== undefined) this.file = m[2].replace(/\\(.)/g, '$1');
      } else {
        this.line++;
      }
      this.i = i;
      return;
    }
    // Comments survive when the input was not preprocessed (tests, tools); skip them.
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      this.i = i;
      return;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      if (end < 0) this.err(this.line, i - this.lineStart + 1, i - this.lineStart + 3, 'unterminated comment');
      for (let k = i; k < stop; k++) {
        if (text.charCodeAt(k) === 10) {
          this.line++;
          this.lineStart = k + 1;
        }
      }
      i = stop;
      this.i = i;
      return;
    }

    this.col = i - this.lineStart + 1;
    this.start = i;
    this.tokAtBol = this.atBol;
    this.atBol = false;

    // Numbers (pp-number grammar, then converted).
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      for (;;) {
        const d = text.charCodeAt(j);
        const prev = text.charCodeAt(j - 1) | 32;
        if ((d === 43 || d === 45) && (prev === 101 || prev === 112) && j < n) j++;
        else if (j < n && (isIdentChar(d) || d === 46)) j++;
        else break;
      }
      i = j;
      const tok = this.make('num', j);
      convertNumber(tok, (m) => this.err(tok.line, tok.col, tok.endCol, m));
      this.i = i;
      return;
    }

    // Strings and characters, with an optional L/u/U/u8 prefix.
    let prefixLen = 0;
    if (c === 76 || c === 85 || c === 117) {
      const d = text.charCodeAt(i + 1);
      if (d === 34 || d === 39) prefixLen = 1;
      else if (c === 117 && d === 56 && text.charCodeAt(i + 2) === 34) prefixLen = 2;
    }
    const q = text.charCodeAt(i + prefixLen);
    if (q === 34 || q === 39) {
      const bytes: number[] = [];
      let j = i + prefixLen + 1;
      let closed = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === q) {
          closed = true;
          j++;
          break;
        }
        if (d === 10) break;
        if (d === 92) {
          j = readEscape(text, j + 1, bytes, (m) => this.err(this.line, j - this.lineStart + 1, j - this.lineStart + 2, m));
          continue;
        }
        const cp = text.codePointAt(j)!;
        pushUtf8(bytes, cp);
        j += cp > 0xffff ? 2 : 1;
      }
      i = j;
      if (q === 34) {
        const tok = this.make('str', j);
        tok.bytes = bytes;
        if (!closed) this.err(tok.line, tok.col, tok.col + 1, 'missing terminating " character');
      } else {
        const tok = this.make('num', j);
        tok.ty = tyInt;
        if (!closed) this.err(tok.line, tok.col, tok.col + 1, "missing terminating ' character");
        if (bytes.length === 0) {
          if (closed) this.err(tok.line, tok.col, tok.endCol, 'empty character constant');
          tok.val = 0n;
        } else if (prefixLen > 0) {
          tok.val = BigInt(decodeFirstCodePoint(bytes));
        } else if (bytes.length === 1) {
          // plain char is unsigned on RISC-V, so '\xff' is 255
          tok.val = BigInt(bytes[0]);
        } else {
          // multi-character constant: gcc packs the bytes big-endian into an int
          let v = 0n;
          for (const b of bytes.slice(-4)) v = (v << 8n) | BigInt(b);
          tok.val = BigInt.asIntN(32, v);
        }
      }
      this.i = i;
      return;
    }

    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      i = j;
      const word = text.slice(this.start, j);
      this.make(KEYWORDS.has(word) ? 'keyword' : 'ident', j, word);
      this.i = i;
      return;
    }

    // Punctuators, longest match first.
    const plen = punctLength(text, i);
    if (plen > 0) {
      i += plen;
      this.make('punct', i);
      this.i = i;
      return;
    }
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    this.err(this.line, this.col, this.col + 1, `stray '${String.fromCodePoint(cp)}' in program`);
    this.i = i;
  }
}

function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

function decodeFirstCodePoint(bytes: number[]): number {
  const b = bytes[0];
  if (b < 0x80 || bytes.length < 2) return b;
  if (b < 0xe0) return ((b & 31) << 6) | (bytes[1] & 63);
  if (b < 0xf0) return ((b & 15) << 12) | ((bytes[1] & 63) << 6) | (bytes[2] & 63);
  return ((b & 7) << 18) | ((bytes[1] & 63) << 12) | ((bytes[2] & 63) << 6) | (bytes[3] & 63);
}

/** Reads one escape sequence after the backslash at `j - 1`; returns the index after it. */
function readEscape(text: string, j: number, bytes: number[], err: (m: string) => void): number {
  const c = text[j];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };
  if (c === undefined) return j;
  if (c in simple) {
    bytes.push(simple[c]);
    return j + 1;
  }
  if (c >= '0' && c <= '7') {
    let v = 0;
    let k = j;
    while (k < j + 3 && text[k] >= '0' && text[k] <= '7') v = v * 8 + (text.charCodeAt(k++) - 48);
    if (v > 255) err('octal escape sequence out of range');
    bytes.push(v & 255);
    return k;
  }
  if (c === 'x') {
    let k = j + 1;
    let v = 0;
    let digits = 0;
    while (k < text.length && /[0-9a-fA-F]/.test(text[k])) {
      v = v * 16 + parseInt(text[k], 16);
      if (v > 1e6) v = 1e6;
      k++;
      digits++;
    }
    if (digits === 0) err('\\x used with no following hex digits');
    else if (v > 255) err('hex escape sequence out of range');
    bytes.push(v & 255);
    return k;
  }
  if (c === 'u' || c === 'U') {
    const len = c === 'u' ? 4 : 8;
    const hex = text.substr(j + 1, len);
    if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
      pushUtf8(bytes, Math.min(parseInt(hex, 16), 0x10ffff));
      return j + 1 + len;
    }
    err('incomplete universal character name');
    return j + 1;
  }
  err(`unknown escape sequence: '\\${c}'`);
  bytes.push(text.charCodeAt(j) & 255);
  return j + 1;
}

/**
 * Gives a number token its value and type (C11 6.4.4.1 for integers). A decimal of 1-9 digits
 * with no suffix and no leading zero (most literals) is an int with its own value, read here;
 * the rest (the regexes, BigInt of a string) is a function of its own, so V8 no longer spends
 * a compile of all of it in the third 1,000-line build of a process.
 */
function convertNumber(tok: Token, err: (m: string) => void): void {
  const s = tok.text;
  const n = s.length;
  if (n > 0 && n < 10 && (n === 1 || s.charCodeAt(0) !== 48)) {
    let i = 0;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === n) {
      // at most 999,999,999: an int (C11 6.4.4.1p5)
      tok.val = BigInt(Number(s));
      tok.ty = tyInt;
      return;
    }
  }
  convertAnyNumber(tok, err);
}

function convertAnyNumber(tok: Token, err: (m: string) => void): void {
  const s = tok.text;
  const lower = s.toLowerCase();
  const isHex = lower.startsWith('0x');
  const isFloat = isHex ? /[.p]/.test(lower) : /[.e]/.test(lower) || (/f$/.test(lower) && !isHex && /[.e]/.test(lower));
  if (isFloat) {
    let body = lower;
    let ty: Type = tyDouble;
    if (body.endsWith('f')) {
      ty = tyFloat;
      body = body.slice(0, -1);
    } else if (body.endsWith('l')) {
      ty = tyLDouble;
      body = body.slice(0, -1);
    }
    const v = isHex ? parseHexFloat(body) : Number(body);
    if (Number.isNaN(v)) {
      err(`invalid floating constant '${s}'`);
    }
    tok.fval = Number.isNaN(v) ? 0 : v;
    tok.ty = ty;
    return;
  }
  const m = /^(0x[0-9a-f]+|0b[01]+|[0-9]+)(u|l|ul|lu|ll|ull|llu)?$/.exec(lower);
  if (!m) {
    err(`invalid integer constant '${s}'`);
    tok.val = 0n;
    tok.ty = tyInt;
    return;
  }
  let digits = m[1];
  let val: bigint;
  let base = 10;
  if (digits.startsWith('0x')) {
    base = 16;
    val = BigInt(digits);
  } else if (digits.startsWith('0b')) {
    base = 2;
    val = BigInt(digits);
  } else if (digits.length > 1 && digits[0] === '0') {
    base = 8;
    if (/[89]/.test(digits)) {
      err(`invalid digit in octal constant '${s}'`);
      digits = digits.replace(/[89]/g, '0');
    }
    val = BigInt('0o' + digits.slice(1));
  } else {
    val = BigInt(digits);
  }
  if (val > MAX_U64) {
    err('integer constant is too large for its type');
    val &= MAX_U64;
  }
  const suffix = m[2] ?? '';
  const u = suffix.includes('u');
  const l = suffix.includes('l');
  let ty: Type;
  if (u) ty = !l && val <= 0xffffffffn ? tyUInt : tyULong;
  else if (l) ty = val <= 0x7fffffffffffffffn ? tyLong : tyULong;
  else if (val <= 0x7fffffffn) ty = tyInt;
  else if (base !== 10 && val <= 0xffffffffn) ty = tyUInt;
  else if (val <= 0x7fffffffffffffffn) ty = tyLong;
  else ty = tyULong;
  tok.val = val;
  tok.ty = ty;
}

function parseHexFloat(s: string): number {
  const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/.exec(s);
  if (!m) return NaN;
  const int = m[1] || '0';
  const frac = m[2] ?? '';
  let v = parseInt(int, 16) || 0;
  for (let k = 0; k < frac.length; k++) v += parseInt(frac[k], 16) / Math.pow(16, k + 1);
  return v * Math.pow(2, Number(m[3] ?? '0'));
}


