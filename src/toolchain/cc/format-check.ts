// printf-family format checking (gcc's -Wformat): for calls whose format is a string literal,
// each conversion is matched against the type of its argument, and missing or extra arguments
// are reported. Messages follow gcc's wording so students can search for them.

import type { Node } from './ast';
import type { Token } from './lexer';
import { addType, type Parser } from './parser';
import { isFlonum, isInteger, isPointerLike, pointerTo, promote, tyDouble, type Type, typeName } from './types';

/** Index of the format argument for each function we check. */
const FORMAT_ARG: Record<string, number> = {
  printf: 0, fprintf: 1, dprintf: 1, sprintf: 1, snprintf: 2, cprintf: 0, eprintf: 0,
};

export function checkPrintfCall(p: Parser, name: string, args: Node[], tok: Token): void {
  const fmtIndex = FORMAT_ARG[name];
  if (fmtIndex === undefined) return;
  const fmtNode = args[fmtIndex];
  if (!fmtNode || fmtNode.kind !== 'var' || !fmtNode.obj!.isStringLiteral) return;
  const data = fmtNode.obj!.initData!;
  if (data.length > 4096) return;
  const fmt = String.fromCharCode(...data.subarray(0, data.length - 1));
  let argNo = fmtIndex + 1;
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') continue;
    const start = i;
    i++;
    if (fmt[i] === '%') continue;
    while ('-+ #0'.includes(fmt[i] ?? 'x') && i < fmt.length) i++;
    const consumeStar = (): void => {
      const a = args[argNo];
      if (a) {
        addType(p, a);
        if (!isInteger(a.ty!)) p.warn(a.tok, `field width specifier '*' expects argument of type 'int', but argument ${argNo + 1} has type '${typeName(a.ty!)}'`);
      }
      argNo++;
    };
    if (fmt[i] === '*') {
      consumeStar();
      i++;
    } else while (/[0-9]/.test(fmt[i] ?? '')) i++;
    if (fmt[i] === '.') {
      i++;
      if (fmt[i] === '*') {
        consumeStar();
        i++;
      } else while (/[0-9]/.test(fmt[i] ?? '')) i++;
    }
    let len = '';
    while ('hlLqjzt'.includes(fmt[i] ?? 'x') && i < fmt.length) len += fmt[i++];
    const conv = fmt[i];
    if (conv === undefined) {
      p.warn(fmtNode.tok, 'spurious trailing \'%\' in format');
      return;
    }
    const spec = fmt.slice(start, i + 1);
    const at = specToken(fmtNode.tok, start, spec.length);
    const expected = expectedType(len, conv);
    if (expected === undefined) {
      p.warn(at, `unknown conversion type character '${conv}' in format`);
      continue;
    }
    const arg = args[argNo];
    if (!arg) {
      p.warn(at, `format '${spec}' expects a matching '${expected.name}' argument`);
      argNo++;
      continue;
    }
    addType(p, arg);
    if (!expected.accepts(arg.ty!)) {
      p.warn(at, `format '${spec}' expects argument of type '${expected.name}', but argument ${argNo + 1} has type '${typeName(passedType(arg.ty!))}'`);
    }
    argNo++;
  }
  if (argNo < args.length) p.warn(tok, `too many arguments for format`);
}

/**
 * A token covering the conversion inside the format literal, as gcc points at it. Columns are
 * mapped through the literal's source text, where an escape sequence is several characters.
 */
function specToken(str: Token, decodedStart: number, length: number): Token {
  const raw = str.text;
  let k = raw.indexOf('"') + 1;
  let decoded = 0;
  while (k < raw.length - 1 && decoded < decodedStart) {
    if (raw[k] === '\\') {
      k++;
      if (raw[k] === 'x') {
        k++;
        while (/[0-9a-fA-F]/.test(raw[k] ?? '')) k++;
      } else if (/[0-7]/.test(raw[k] ?? '')) {
        let n = 0;
        while (n < 3 && /[0-7]/.test(raw[k] ?? '')) {
          k++;
          n++;
        }
      } else k++;
    } else k++;
    decoded++;
  }
  // a literal split over several tokens: fall back to the first token
  if (decoded < decodedStart) return str;
  // gcc puts the caret on the conversion letter
  const col = str.col + k + length - 1;
  return { ...str, col, endCol: col + 1 };
}

/** The type an argument has after the default argument promotions, as gcc names it. */
function passedType(t: Type): Type {
  if (t.kind === 'array') return pointerTo(t.base!);
  if (t.kind === 'float') return tyDouble;
  if (isInteger(t)) return promote(t);
  return t;
}

interface Expectation {
  name: string;
  accepts: (t: Type) => boolean;
}

function intOf(size: number, name: string): Expectation {
  return { name, accepts: (t) => isInteger(t) && Math.max(t.size, 4) === size };
}

function expectedType(len: string, conv: string): Expectation | undefined {
  const signed = 'di'.includes(conv);
  const unsigned = 'ouxX'.includes(conv);
  if (signed || unsigned) {
    const u = unsigned ? 'unsigned ' : '';
    switch (len) {
      case '': return intOf(4, unsigned ? 'unsigned int' : 'int');
      case 'hh': return intOf(4, unsigned ? 'int' : 'int');
      case 'h': return intOf(4, 'int');
      case 'l': return intOf(8, unsigned ? 'long unsigned int' : 'long int');
      case 'll': case 'q': return intOf(8, unsigned ? 'long long unsigned int' : 'long long int');
      case 'z': return intOf(8, unsigned ? 'size_t' : 'ssize_t');
      case 'j': return intOf(8, `${u}intmax_t`);
      case 't': return intOf(8, 'ptrdiff_t');
      default: return undefined;
    }
  }
  switch (conv) {
    case 'c': return len === '' ? intOf(4, 'int') : undefined;
    case 's': return { name: 'char *', accepts: (t) => isPointerLike(t) && isInteger(t.base!) && t.base!.size === 1 };
    case 'p': return { name: 'void *', accepts: (t) => isPointerLike(t) || t.kind === 'func' };
    case 'n': return { name: 'int *', accepts: (t) => isPointerLike(t) };
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
      return len === 'L' ? { name: 'long double', accepts: (t) => t.kind === 'ldouble' } : { name: 'double', accepts: (t) => isFlonum(t) && t.kind !== 'ldouble' };
    default: return undefined;
  }
}
