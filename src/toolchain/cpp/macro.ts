// Macro definitions and the pure half of macro expansion: parsing a #define, substituting
// arguments into a replacement list, `#` stringizing and `##` pasting (C11 6.10.3).
//
// Expansion follows Prosser's hide-set algorithm (the one chibicc and the C committee's
// rationale describe): every token carries the set of macro names it must not expand again;
// an expansion's tokens get the invoking name's hide set plus the macro's own name, so a
// self-referential macro stops after one level. Reading tokens and rescanning live in the
// engine (preprocess.ts); this module only builds replacement lists.

import { copyToken, lexSingle, type Token } from './lexer';

export interface Macro {
  name: string;
  /** Parameter names; undefined for an object-like macro. A variadic one ends with vaName. */
  params?: string[];
  variadic: boolean;
  /** Name the variadic parameter is known by: __VA_ARGS__, or `args` for GNU `args...`. */
  vaName: string;
  body: Token[];
  /** Where it was defined (for "redefined" notes); undefined for predefined macros. */
  def?: Token;
  /** The body contains `##` (object-like macros without it expand by plain copying). */
  hasPaste?: boolean;
  /** Computes the replacement of __LINE__, __FILE__ and friends at each use. */
  builtin?: (at: Token) => Token;
}

export interface Report {
  (at: Token, message: string, severity?: 'error' | 'warning'): void;
}

// Hide sets are shared and never mutated; adding a name is memoized per (set, name), so a macro
// expanded a million times builds its hide set once instead of copying it each time.
const EMPTY_HIDE: ReadonlySet<string> = new Set();
const addCache = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();

/** Adds one name to a hide set without mutating it. */
export function withHide(set: ReadonlySet<string> | undefined, name: string): ReadonlySet<string> {
  const base = set ?? EMPTY_HIDE;
  if (base.has(name)) return base;
  let byName = addCache.get(base);
  if (byName === undefined) {
    byName = new Map();
    addCache.set(base, byName);
  }
  let result = byName.get(name);
  if (result === undefined) {
    result = new Set(base).add(name);
    byName.set(name, result);
  }
  return result;
}

export function unionHide(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (a === undefined || a.size === 0 || a === b) return b;
  if (b === undefined || b.size === 0) return a;
  let grows = false;
  for (const x of a) if (!b.has(x)) grows = true;
  if (!grows) return b;
  const s = new Set(b);
  for (const x of a) s.add(x);
  return s;
}

export function intersectHide(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return a;
  const s = new Set<string>();
  for (const x of a) if (b.has(x)) s.add(x);
  return s;
}

/**
 * Parses the part of a #define line after the directive name. `line` holds the tokens up to
 * the end of the line. Returns undefined (after reporting) when the definition is invalid.
 */
export function parseDefine(line: Token[], at: Token, report: Report): Macro | undefined {
  const nameTok = line[0];
  if (nameTok === undefined) {
    report({ ...at, col: at.col + at.text.length, width: 1 }, 'no macro name given in #define directive');
    return undefined;
  }
  if (nameTok.kind !== 'ident') {
    report(nameTok, 'macro names must be identifiers');
    return undefined;
  }
  if (nameTok.text === 'defined') {
    report(nameTok, '"defined" cannot be used as a macro name');
    return undefined;
  }
  let i = 1;
  const macro: Macro = { name: nameTok.text, variadic: false, vaName: '__VA_ARGS__', body: [], def: nameTok };
  const next = line[1];
  if (next !== undefined && next.kind === 'punct' && next.text === '(' && !next.space) {
    // function-like: parameter list
    const params: string[] = [];
    i = 2;
    let closed = false;
    if (line[i]?.text === ')') {
      i++;
      closed = true;
    }
    while (!closed && i < line.length) {
      const p = line[i]!;
      if (p.kind === 'punct' && p.text === '...') {
        macro.variadic = true;
        params.push('__VA_ARGS__');
        i++;
      } else if (p.kind === 'ident') {
        if (p.text === '__VA_ARGS__') {
          report(p, '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro');
          return undefined;
        }
        if (params.includes(p.text)) {
          report(p, `duplicate macro parameter "${p.text}"`);
          return undefined;
        }
        params.push(p.text);
        i++;
        if (line[i]?.text === '...') {
          macro.variadic = true;
          macro.vaName = p.text;
          i++;
        }
      } else {
        report(p, `expected parameter name, found "${p.text}"`);
        return undefined;
      }
      const sep = line[i];
      if (sep?.text === ')') {
        i++;
        closed = true;
      } else if (sep?.text === ',' && !macro.variadic) {
        i++;
      } else {
        report(sep ?? p, macro.variadic ? "missing ')' after \"...\"" : "expected ',' or ')', found \"" + (sep?.text ?? '') + '"');
        return undefined;
      }
    }
    if (!closed) {
      report(line[line.length - 1] ?? nameTok, "missing ')' in macro parameter list");
      return undefined;
    }
    macro.params = params;
  } else if (next !== undefined && !next.space) {
    report(next, 'ISO C99 requires whitespace after the macro name', 'warning');
  }
  macro.body = line.slice(i);
  const body = macro.body;
  macro.hasPaste = body.some(isPaste);
  if (body.length > 0) {
    if (isPaste(body[0]!)) {
      report(body[0]!, "'##' cannot appear at either end of a macro expansion");
      return undefined;
    }
    if (isPaste(body[body.length - 1]!)) {
      report(body[body.length - 1]!, "'##' cannot appear at either end of a macro expansion");
      return undefined;
    }
  }
  if (macro.params !== undefined) {
    for (let k = 0; k < body.length; k++) {
      const t = body[k]!;
      if (t.kind === 'punct' && t.text === '#') {
        const p = body[k + 1];
        if (p === undefined || p.kind !== 'ident' || !(macro.params.includes(p.text) || (macro.variadic && p.text === '__VA_OPT__'))) {
          report(t, "'#' is not followed by a macro parameter");
          return undefined;
        }
      }
    }
  }
  return macro;
}

/** True when two definitions are the same (C11 6.10.3p2), so redefining is silent. */
export function sameDefinition(a: Macro, b: Macro): boolean {
  if ((a.params === undefined) !== (b.params === undefined)) return false;
  if (a.params !== undefined && a.params.join(',') !== b.params!.join(',')) return false;
  if (a.variadic !== b.variadic || a.body.length !== b.body.length) return false;
  return a.body.every((t, k) => t.text === b.body[k]!.text && (k === 0 || t.space === b.body[k]!.space));
}

function isPaste(t: Token): boolean {
  return t.kind === 'punct' && t.text === '##';
}

/** Spells the tokens of an argument as one string literal (the `#` operator). */
export function stringize(tokens: Token[], at: Token): Token {
  let s = '';
  tokens.forEach((t, k) => {
    if (k > 0 && t.space) s += ' ';
    s += t.kind === 'string' || t.kind === 'char' ? t.text.replace(/[\\"]/g, (c) => '\\' + c) : t.text;
  });
  return copyToken(at, { kind: 'string', text: `"${s}"`, hide: undefined, error: undefined, noExpand: false });
}

/** A placemarker stands for an empty argument next to `##` (C11 6.10.3.3p2). */
const PLACEMARKER_TEXT = '';

export interface SubstArgs {
  /** Raw tokens of each argument, by parameter name. */
  raw: Map<string, Token[]>;
  /** Fully macro-expanded argument (computed lazily by the engine). */
  expanded: (name: string) => Token[];
}

/**
 * Builds the replacement list of a function-like macro invocation (before rescanning):
 * parameters replaced, `#` and `##` applied, __VA_OPT__ resolved. Tokens are fresh copies.
 */
export function substitute(macro: Macro, body: Token[], args: SubstArgs, report: Report): Token[] {
  const params = macro.params ?? [];
  const isParam = (t: Token | undefined): boolean => t !== undefined && t.kind === 'ident' && params.includes(t.text);
  const vaEmpty = (): boolean => (args.raw.get(macro.vaName) ?? []).length === 0;
  const out: Token[] = [];
  let pasteNext = false;

  for (let k = 0; k < body.length; k++) {
    const t = body[k]!;
    if (isPaste(t) && k > 0 && k < body.length - 1) {
      pasteNext = true;
      continue;
    }
    let seg: Token[];
    const nextIsPaste = body[k + 1] !== undefined && isPaste(body[k + 1]!) && k + 1 < body.length - 1;
    if (t.kind === 'punct' && t.text === '#' && isParam(body[k + 1])) {
      seg = [stringize(args.raw.get(body[k + 1]!.text) ?? [], t)];
      k++;
    } else if (t.kind === 'ident' && t.text === '__VA_OPT__' && macro.variadic && body[k + 1]?.text === '(') {
      // __VA_OPT__(content): the content when the variable arguments are present, else nothing
      let depth = 0;
      let end = k + 1;
      for (; end < body.length; end++) {
        if (body[end]!.text === '(') depth++;
        else if (body[end]!.text === ')' && --depth === 0) break;
      }
      if (end >= body.length) {
        report(t, 'unterminated __VA_OPT__');
        seg = [];
      } else {
        const present = args.expanded(macro.vaName).length > 0;
        seg = present ? substitute(macro, body.slice(k + 2, end), args, report) : [];
        k = end;
      }
      if (seg.length === 0) seg = [placemarker(t)];
    } else if (isParam(t)) {
      const raw = args.raw.get(t.text) ?? [];
      if (pasteNext || nextIsPaste) {
        // GNU: `, ## __VA_ARGS__` drops the comma when there are no variable arguments
        if (pasteNext && macro.variadic && t.text === macro.vaName && out.length > 0 && out[out.length - 1]!.text === ',') {
          pasteNext = false;
          if (vaEmpty()) out.pop();
          for (const a of raw) out.push(copyToken(a));
          continue;
        }
        seg = raw.length > 0 ? raw.map((a) => copyToken(a)) : [placemarker(t)];
      } else {
        seg = args.expanded(t.text).map((a) => copyToken(a));
        if (seg.length > 0) seg[0]!.space = t.space;
      }
    } else {
      seg = [copyToken(t)];
    }
    if (pasteNext && seg.length > 0) {
      pasteNext = false;
      const left = out.pop();
      const right = seg[0]!;
      if (left === undefined || left.text === PLACEMARKER_TEXT && left.kind === 'other') out.push(right);
      else if (right.text === PLACEMARKER_TEXT && right.kind === 'other') out.push(left);
      else out.push(...paste(left, right, report));
      for (let m = 1; m < seg.length; m++) out.push(seg[m]!);
      continue;
    }
    out.push(...seg);
  }
  return out.some(isPlacemarker) ? out.filter((t) => !isPlacemarker(t)) : out;
}

function isPlacemarker(t: Token): boolean {
  return t.kind === 'other' && t.text === PLACEMARKER_TEXT;
}

function placemarker(at: Token): Token {
  return copyToken(at, { kind: 'other', text: PLACEMARKER_TEXT });
}

/** Joins two tokens with `##`; reports and keeps both when the result is not one token. */
function paste(left: Token, right: Token, report: Report): Token[] {
  const joined = lexSingle(left.text + right.text);
  if (joined === undefined) {
    report(left, `pasting "${left.text}" and "${right.text}" does not give a valid preprocessing token`);
    return [left, right];
  }
  return [copyToken(left, { kind: joined.kind, text: joined.text, noExpand: false })];
}
