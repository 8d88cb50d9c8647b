// Preprocessing-token lexer (C11 6.4, translation phases 1-3).
//
// Design: the source is first turned into a "logical" character string with every
// backslash-newline splice removed, and two parallel arrays give each logical character's
// original line and column, so every token keeps the exact position of its first character even
// across splices. Comments collapse into the `space` flag of the next token. Lexing never
// throws: malformed input (an unterminated string or char literal) becomes a token carrying a
// deferred `error`, reported only if the preprocessor actually uses the token — so text inside
// `#if 0` may contain "don't" as gcc allows. Only an unterminated block comment is reported
// at once, because it swallows the rest of the file whatever the conditionals say.

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct' | 'other' | 'newline' | 'eof';

/** A preprocessing token. Tokens are treated as immutable; expansion copies them. */
export interface Token {
  kind: TokenKind;
  text: string;
  /** Source file (as the user knows it), 1-based line and column of the first character. */
  file: string;
  line: number;
  col: number;
  /** Whitespace or a comment precedes the token on its line. */
  space: boolean;
  /** First token on its logical line (directives are recognised only there). */
  bol: boolean;
  /** Macro names this token must not expand again (Prosser's hide set); undefined = empty. */
  hide: ReadonlySet<string> | undefined;
  /** Token was produced by macro expansion (its position is the invocation's). */
  expanded: boolean;
  /** Identifier protected from expansion for good ("painted blue"). */
  noExpand: boolean;
  /** Deferred lexical error (unterminated literal, stray character). */
  error: string | undefined;
  /** Length in columns of the token's source text (for diagnostic ranges). */
  width: number | undefined;
}

// Tokens are always built with every field present and in one order: V8 then keeps a single
// hidden class for them, which matters when macro expansion copies millions of tokens.

// They are instances of a class, not object literals: V8 tracks the objects a literal creates
// and, once a big file's tokens outlive a few collections, switches it to allocate them in the
// old generation, throwing away every optimized function that makes them (the lexer, macro
// expansion) to compile them again.
class PpToken implements Token {
  constructor(
    public kind: TokenKind,
    public text: string,
    public file: string,
    public line: number,
    public col: number,
    public space: boolean,
    public bol: boolean,
    public hide: ReadonlySet<string> | undefined,
    public expanded: boolean,
    public noExpand: boolean,
    public error: string | undefined,
    public width: number | undefined,
  ) {}
}

/** A new token with the optional fields cleared. */
export function makeToken(kind: TokenKind, text: string, file: string, line: number, col: number, space: boolean, bol: boolean): Token {
  return new PpToken(kind, text, file, line, col, space, bol, undefined, false, false, undefined, undefined);
}

/** A copy of `t`, with `changes` applied. */
export function copyToken(t: Token, changes?: Partial<Token>): Token {
  const c = new PpToken(t.kind, t.text, t.file, t.line, t.col, t.space, t.bol, t.hide, t.expanded, t.noExpand, t.error, t.width);
  return changes === undefined ? c : Object.assign(c, changes);
}

export interface LexError {
  line: number;
  col: number;
  message: string;
}

// Punctuators, longest first so maximal munch is a simple prefix test.
const PUNCTUATORS = [
  '%:%:', '...', '<<=', '>>=',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=',
  '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
  '[', ']', '(', ')', '{', '}', '.', '&', '*', '+', '-', '~', '!', '/', '%', '<', '>', '^', '|',
  '?', ':', ';', '=', ',', '#',
];
// Punctuators as numbers (7 bits per ASCII char), grouped by length, for allocation-free
// maximal munch: lexing must not create garbage strings for every operator character.
const punctKey = (p: string): number => [...p].reduce((k, ch) => k * 128 + ch.charCodeAt(0), 0);
const PUNCT_KEYS: Set<number>[] = [1, 2, 3, 4].map((n) => new Set(PUNCTUATORS.filter((p) => p.length === n).map(punctKey)));

/** Length of the longest punctuator at `i`, or 0. */
function matchPunct(text: string, i: number): number {
  let key = 0;
  const keys = [0, 0, 0, 0];
  let n = 0;
  for (; n < 4 && i + n < text.length; n++) {
    const c = text.charCodeAt(i + n);
    if (c >= 128) break;
    key = key * 128 + c;
    keys[n] = key;
  }
  for (; n >= 1; n--) if (PUNCT_KEYS[n - 1]!.has(keys[n - 1]!)) return n;
  return 0;
}

const DIGRAPHS: Record<string, string> = { '<:': '[', ':>': ']', '<%': '{', '%>': '}', '%:': '#', '%:%:': '##' };

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Logical text with splices removed, plus original positions. */
interface Logical {
  text: string;
  line: Int32Array;
  col: Int32Array;
}

function splice(src: string): Logical {
  const n = src.length;
  const line = new Int32Array(n + 1);
  const col = new Int32Array(n + 1);
  const out: string[] = [];
  let l = 1;
  let c = 1;
  let k = 0;
  let chunkStart = 0;
  for (let i = 0; i < n; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 92 /* \ */) {
      // backslash, optional spaces (gcc warns but accepts), then newline: a splice
      let j = i + 1;
      while (j < n && (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9)) j++;
      const nl = src.charCodeAt(j);
      if (nl === 10 || (nl === 13 && src.charCodeAt(j + 1) === 10)) {
        out.push(src.slice(chunkStart, i));
        i = nl === 13 ? j + 1 : j;
        chunkStart = i + 1;
        l++;
        c = 1;
        continue;
      }
    }
    if (ch === 13 && src.charCodeAt(i + 1) === 10) {
      // CRLF: drop the CR
      out.push(src.slice(chunkStart, i));
      chunkStart = i + 1;
      continue;
    }
    if (ch === 13) {
      // a lone CR (old Mac line ending) ends a line, as in gcc
      out.push(src.slice(chunkStart, i), '\n');
      chunkStart = i + 1;
      line[k] = l;
      col[k] = c;
      k++;
      l++;
      c = 1;
      continue;
    }
    line[k] = l;
    col[k] = c;
    k++;
    if (ch === 10) {
      l++;
      c = 1;
    } else {
      c++;
    }
  }
  out.push(src.slice(chunkStart));
  line[k] = l;
  col[k] = c;
  return { text: out.join(''), line, col };
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 12 || c === 11 || c === 13;

/**
 * Splits one file into pp-tokens, ending with a single 'eof' token. Newlines are not tokens here:
 * they show as the `bol` flag on the next token.
 */
export function tokenize(file: string, source: string, errors: LexError[]): Token[] {
  const lx = new Lexer(file, source, errors);
  while (lx.i < lx.n) lx.step();
  lx.toks.push(makeToken('eof', '', file, lx.line[lx.n]!, lx.col[lx.n]!, lx.space, true));
  return lx.toks;
}

/**
 * The scanner's state, and one step of it per call. The loop over the text is in tokenize, the
 * work in step: V8 then optimizes step once, as a function called per token, where one loop
 * over a whole file was compiled twice (on-stack replacement in the middle of a file, then
 * again at the next file), among the costliest compiles of a cold build.
 */
class Lexer {
  readonly toks: Token[] = [];
  readonly text: string;
  readonly line: Int32Array;
  readonly col: Int32Array;
  readonly n: number;
  i = 0;
  space = false;
  bol = true;

  constructor(readonly file: string, source: string, readonly errors: LexError[]) {
    const { text, line, col } = splice(source);
    this.text = text;
    this.line = line;
    this.col = col;
    this.n = text.length;
  }

  push(kind: TokenKind, start: number, end: number, error?: string): void {
    const line = this.line;
    const col = this.col;
    const t = makeToken(kind, this.text.slice(start, end), this.file, line[start]!, col[start]!, this.space, this.bol);
    if (line[end - 1] === line[start]) t.width = col[end - 1]! - col[start]! + 1;
    if (error !== undefined) t.error = error;
    this.toks.push(t);
    this.space = false;
    this.bol = false;
  }

  /** From `i`: a newline, a blank, a comment, or one token. */
  step(): void {
    const { text, n, line, col } = this;
    let i = this.i;
    // one pass of the scanning loop: `continue` below ends the step
    do {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.bol = true;
        this.space = false;
        i++;
        continue;
      }
      if (isBlank(c)) {
        this.space = true;
        i++;
        while (i < n && isBlank(text.charCodeAt(i))) i++; // the whole run in one step
        continue;
      }
      if (c === 47 /* / */) {
        const d = text.charCodeAt(i + 1);
        if (d === 47) {
          const e = text.indexOf('\n', i);
          i = e < 0 ? n : e;
          this.space = true;
          continue;
        }
        if (d === 42) {
          const e = text.indexOf('*/', i + 2);
          if (e < 0) {
            this.errors.push({ line: line[i]!, col: col[i]!, message: 'unterminated comment' });
            i = n;
          } else {
            i = e + 2;
          }
          this.space = true;
          continue;
        }
      }
      const start = i;
      // identifiers, including string/char prefixes (L u U u8)
      if (isIdentStart(c)) {
        let j = i + 1;
        while (j < n && isIdentChar(text.charCodeAt(j))) j++;
        const word = text.slice(i, j);
        // Reads stop at the end: one past it would deoptimize the compiled loop (short texts
        // such as -D values and ## results end in a token, not a newline).
        const q = j < n ? text.charCodeAt(j) : -1;
        if ((q === 34 || q === 39) && (word === 'L' || word === 'u' || word === 'U' || word === 'u8')) {
          i = j;
          const end = scanQuoted(text, i, q);
          this.push(q === 34 ? 'string' : 'char', start, end.end, end.error);
          i = end.end;
          continue;
        }
        this.push('ident', start, j);
        i = j;
        continue;
      }
      // pp-number: digit or .digit, then [0-9a-zA-Z_.] and e+ e- p+ p- (C11 6.4.8)
      if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
        let j = i + 1;
        for (;;) {
          const d = j < n ? text.charCodeAt(j) : -1;
          if ((d === 43 || d === 45) && j > i) {
            const p = text.charCodeAt(j - 1) | 32;
            if (p === 101 || p === 112) {
              j++;
              continue;
            }
            break;
          }
          if (j < n && (isIdentChar(d) || d === 46)) {
            j++;
            continue;
          }
          break;
        }
        this.push('number', start, j);
        i = j;
        continue;
      }
      if (c === 34 || c === 39) {
        const end = scanQuoted(text, i, c);
        this.push(c === 34 ? 'string' : 'char', start, end.end, end.error);
        i = end.end;
        continue;
      }
      const len = matchPunct(text, i);
      if (len > 0) {
        this.push('punct', start, i + len);
        if (len > 1 && (c === 60 || c === 37 || c === 58)) {
          const digraph = DIGRAPHS[text.slice(i, i + len)];
          if (digraph !== undefined) this.toks[this.toks.length - 1]!.text = digraph;
        }
        i += len;
        continue;
      }
      // a stray character (`@`, a backtick, a lone backslash): a token the compiler will reject
      this.push('other', start, i + 1);
      i++;
    } while (false);
    this.i = i;
  }
}

/** Finds the end of a quoted literal starting at `i`; stops at the line end if unterminated. */
function scanQuoted(text: string, i: number, quote: number): { end: number; error?: string } {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === quote) return { end: j + 1 };
    if (d === 10) break;
    if (d === 92) j++;
    j++;
  }
  const end = Math.min(j, n);
  const q = quote === 34 ? '"' : "'";
  return { end, error: `missing terminating ${q} character` };
}

/**
 * Re-lexes a string that should form exactly one token (used by `##`). Returns undefined when
 * it does not.
 */
export function lexSingle(text: string): Token | undefined {
  const errs: LexError[] = [];
  const toks = tokenize('', text, errs);
  if (errs.length > 0 || toks.length !== 2) return undefined;
  const t = toks[0]!;
  if (t.error !== undefined || t.space || t.text.length !== text.length) return undefined;
  return t;
}

/** True when `a` immediately followed by `b` would lex differently (output needs a space). */
export function wouldPaste(a: Token, b: Token): boolean {
  if (a.kind === 'eof' || b.kind === 'eof') return false;
  const x = a.text.charCodeAt(a.text.length - 1);
  const y = b.text.charCodeAt(0);
  if (isIdentChar(x) && (isIdentChar(y) || y === 46)) return true;
  if (x === 46 && isDigit(y)) return true;
  if (a.kind === 'number' && (y === 43 || y === 45)) return true;
  if (a.kind === 'ident' && (b.kind === 'string' || b.kind === 'char')) return true;
  if (a.kind !== 'punct' || b.kind !== 'punct') return false;
  const joined = a.text + b.text;
  for (const p of PUNCTUATORS) {
    if (p.length > a.text.length && joined.startsWith(p)) return true;
  }
  // `/` followed by `/` or `*` would start a comment
  return a.text === '/' && (y === 47 || y === 42);
}
