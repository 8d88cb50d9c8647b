// Declarations: declaration specifiers, declarators, struct/union/enum definitions, typedefs,
// function definitions and file-scope variables (the top of the grammar).
//
// Declarators are parsed into a list of derivations (pointer, array, function) that is applied to
// the base type afterwards, so nested declarators such as `int (*fp[3])(int)` need no re-parsing.

import type { Node, Obj } from './ast';
import type { Token } from './lexer';
import { ParseAbort, Parser, addType, describe } from './parser';
import { constExpr, assign, conditional } from './parse-expr';
import { evalConstLabel } from './const-eval';
import { compoundStmt, mayFallThrough } from './parse-stmt';
import { globalInitializer } from './parse-init';
import {
  alignTo, arrayOf, copyType, enumType, funcType, isCompatible, pointerTo, structType, tyBool, tyChar,
  tyDouble, tyFloat, tyInt, tyLDouble, tyLong, tySChar, tyShort, tyUInt, tyULong, tyUShort, tyVoid,
  typeName, type Member, type Type, isInteger, unname,
} from './types';

export interface VarAttr {
  isTypedef: boolean;
  isStatic: boolean;
  isExtern: boolean;
  isInline: boolean;
  align: number;
}

const TYPE_WORDS = new Set([
  'void', '_Bool', 'char', 'short', 'int', 'long', 'float', 'double', 'struct', 'union', 'enum',
  'typedef', 'static', 'extern', 'inline', 'signed', 'unsigned', 'const', 'volatile', 'auto',
  'register', 'restrict', '__restrict', '__restrict__', '_Noreturn', '_Alignas', '__attribute__',
  '__inline', '__inline__', '__const', '__volatile__', '__signed__', '__extension__', 'typeof',
  '__typeof__', '_Thread_local', '__thread', '_Complex',
]);

function atEof(p: Parser): boolean {
  return p.tok.kind === 'eof';
}

/** True when the current token starts a type name (keyword or typedef name). */
export function isTypename(p: Parser, tok: Token = p.tok): boolean {
  if (tok.kind === 'keyword') return TYPE_WORDS.has(tok.text);
  if (tok.kind === 'ident') return p.findTypedef(tok) !== undefined || tok.text === '__builtin_va_list';
  return false;
}

/** Skips `__attribute__((...))` and `__asm__("name")` decorations; gcc features we accept and ignore. */
export function skipAttributes(p: Parser): void {
  for (;;) {
    if (p.equal('__attribute__') || p.equal('__asm__') || p.equal('asm') || p.equal('__asm')) {
      p.next();
      p.skip('(');
      let depth = 1;
      while (depth > 0 && p.tok.kind !== 'eof') {
        if (p.equal('(')) depth++;
        else if (p.equal(')')) depth--;
        p.next();
      }
      continue;
    }
    return;
  }
}

// Keyword sets looked up per token (made once, not as an array literal per lookup).
const IGNORED_SPECIFIERS = new Set(['volatile', '__volatile__', 'auto', 'register', 'restrict', '__restrict', '__restrict__', '_Noreturn', '__extension__']);
const POINTER_QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict', '__restrict__', '__const']);
const ARRAY_QUALIFIERS = new Set(['static', 'const', 'restrict', 'volatile']);

const enum K {
  VOID = 1 << 0,
  BOOL = 1 << 2,
  CHAR = 1 << 4,
  SHORT = 1 << 6,
  INT = 1 << 8,
  LONG = 1 << 10,
  FLOAT = 1 << 12,
  DOUBLE = 1 << 14,
  OTHER = 1 << 16,
  SIGNED = 1 << 17,
  UNSIGNED = 1 << 18,
}

// declspec = ("void" | "_Bool" | "char" | "short" | "int" | "long" | "float" | "double"
//             | "typedef" | "static" | "extern" | "inline" | "_Alignas" ("(" typename | constExpr ")")
//             | "signed" | "unsigned" | struct-decl | union-decl | enum-specifier | typedef-name
//             | "const" | "volatile" | ...)+
export function declspec(p: Parser, attr?: VarAttr): Type {
  let ty: Type = tyInt;
  let counter = 0;
  let isConst = false;
  const start = p.tok;
  while (isTypename(p)) {
    const tok = p.tok;
    const t = tok.text;
    if (t === 'typedef' || t === 'static' || t === 'extern' || t === 'inline' || t === '__inline' || t === '__inline__' || t === '_Thread_local' || t === '__thread') {
      if (!attr) p.error(tok, 'storage class specifier is not allowed in this context');
      if (t === 'typedef') attr.isTypedef = true;
      else if (t === 'static') attr.isStatic = true;
      else if (t === 'extern') attr.isExtern = true;
      else if (t !== '_Thread_local' && t !== '__thread') attr.isInline = true;
      if (attr.isTypedef && (attr.isStatic || attr.isExtern)) p.errorAt(tok, 'multiple storage classes in declaration specifiers');
      p.next();
      continue;
    }
    if (t === 'const' || t === '__const') {
      isConst = true;
      p.next();
      continue;
    }
    if (IGNORED_SPECIFIERS.has(t)) {
      p.next();
      continue;
    }
    if (t === '__attribute__') {
      skipAttributes(p);
      continue;
    }
    if (t === '_Alignas') {
      if (!attr) p.error(tok, '_Alignas is not allowed in this context');
      p.next();
      p.skip('(');
      if (isTypename(p)) attr.align = typename(p).align;
      else {
        const v = Number(constExpr(p));
        if (v <= 0 || (v & (v - 1)) !== 0) p.errorAt(tok, 'requested alignment is not a positive power of 2');
        else attr.align = v;
      }
      p.skip(')');
      continue;
    }
    if (t === '_Complex') p.error(tok, '_Complex is not supported');

    const typedefTy = p.findTypedef(tok) ?? (t === '__builtin_va_list' ? pointerTo(tyVoid) : undefined);
    if (t === 'struct' || t === 'union' || t === 'enum' || typedefTy || t === 'typeof' || t === '__typeof__') {
      if (counter) break;
      if (t === 'struct' || t === 'union') {
        p.next();
        ty = structUnionDecl(p, t);
      } else if (t === 'enum') {
        p.next();
        ty = enumSpecifier(p);
      } else if (t === 'typeof' || t === '__typeof__') {
        p.next();
        ty = typeofSpecifier(p);
      } else {
        ty = typedefTy!;
        p.next();
      }
      counter += K.OTHER;
      continue;
    }

    counter += SPECIFIER_COUNTS[t] ?? 0;
    const known = basicFromCounter(counter);
    if (known === undefined) p.error(tok, `two or more data types in declaration specifiers`);
    ty = known;
    p.next();
  }
  if (counter === 0 && p.tok === start) {
    // callers only call declspec on a type name; be defensive
    p.error(p.tok, `expected declaration specifiers before ${describe(p.tok)}`);
  }
  if (isConst) ty = { ...copyType(ty), isConst: true };
  return ty;
}

/** What each basic type keyword adds to declspec's counter (made once, not per keyword). */
const SPECIFIER_COUNTS: Record<string, number> = {
  void: K.VOID, _Bool: K.BOOL, char: K.CHAR, short: K.SHORT, int: K.INT, long: K.LONG,
  float: K.FLOAT, double: K.DOUBLE, signed: K.SIGNED, __signed__: K.SIGNED, unsigned: K.UNSIGNED,
};

function basicFromCounter(c: number): Type | undefined {
  switch (c) {
    case K.VOID: return tyVoid;
    case K.BOOL: return tyBool;
    case K.CHAR: return tyChar;
    case K.SIGNED + K.CHAR: return tySChar;
    case K.UNSIGNED + K.CHAR: return { ...tyChar, plainChar: false };
    case K.SHORT: case K.SHORT + K.INT: case K.SIGNED + K.SHORT: case K.SIGNED + K.SHORT + K.INT: return tyShort;
    case K.UNSIGNED + K.SHORT: case K.UNSIGNED + K.SHORT + K.INT: return tyUShort;
    case K.INT: case K.SIGNED: case K.SIGNED + K.INT: return tyInt;
    case K.UNSIGNED: case K.UNSIGNED + K.INT: return tyUInt;
    case K.LONG: case K.LONG + K.INT: case K.LONG + K.LONG: case K.LONG + K.LONG + K.INT:
    case K.SIGNED + K.LONG: case K.SIGNED + K.LONG + K.INT: case K.SIGNED + K.LONG + K.LONG: case K.SIGNED + K.LONG + K.LONG + K.INT:
      return tyLong;
    case K.UNSIGNED + K.LONG: case K.UNSIGNED + K.LONG + K.INT: case K.UNSIGNED + K.LONG + K.LONG: case K.UNSIGNED + K.LONG + K.LONG + K.INT:
      return tyULong;
    case K.FLOAT: return tyFloat;
    case K.DOUBLE: return tyDouble;
    case K.LONG + K.DOUBLE: return tyLDouble;
    default: return undefined;
  }
}

function typeofSpecifier(p: Parser): Type {
  p.skip('(');
  let ty: Type;
  if (isTypename(p)) ty = typename(p);
  else {
    const e = assign(p);
    ty = e.ty!;
  }
  p.skip(')');
  return ty;
}

/** One derivation step of a declarator, applied inside-out to the base type. */
type Derivation =
  | { kind: 'ptr'; isConst: boolean }
  | { kind: 'array'; len: number; tok: Token; vla?: Node }
  | { kind: 'func'; params: Type[]; names: (Token | undefined)[]; variadic: boolean; oldStyle: boolean };

interface DeclaratorShape {
  name?: Token;
  steps: Derivation[];
}

// declarator = pointers ("(" declarator ")" | ident)? type-suffix
function declaratorShape(p: Parser, abstractOk: boolean): DeclaratorShape {
  p.enter();
  try {
    const ptrs: Derivation[] = [];
    while (p.equal('*')) {
      p.next();
      let isConst = false;
      while (POINTER_QUALIFIERS.has(p.tok.text) && p.tok.kind === 'keyword') {
        if (p.tok.text === 'const' || p.tok.text === '__const') isConst = true;
        p.next();
      }
      skipAttributes(p);
      ptrs.push({ kind: 'ptr', isConst });
    }
    skipAttributes(p);
    let inner: DeclaratorShape | undefined;
    let name: Token | undefined;
    if (p.equal('(') && !isTypename(p, p.peek()) && !(p.peek().kind === 'punct' && p.peek().text === ')')) {
      p.next();
      inner = declaratorShape(p, abstractOk);
      p.skip(')');
    } else if (p.tok.kind === 'ident') {
      name = p.next();
    } else if (!abstractOk) {
      p.error(p.tok, `expected identifier or '(' before ${describe(p.tok)}`);
    }
    const suffix = typeSuffix(p);
    skipAttributes(p);
    // base -> pointers -> suffix (outer) -> inner declarator
    const steps: Derivation[] = [...ptrs, ...suffix.reverse(), ...(inner ? inner.steps : [])];
    return { name: inner ? inner.name : name, steps };
  } finally {
    p.leave();
  }
}

function applyShape(p: Parser, base: Type, shape: DeclaratorShape): Type {
  let ty = base;
  for (const s of shape.steps) {
    if (s.kind === 'ptr') {
      if (ty.vlaLen) p.errorAt(shape.name ?? p.tok, 'pointers to variable-length arrays are not supported');
      ty = pointerTo(ty);
      if (s.isConst) ty.isConst = true;
    } else if (s.kind === 'array') {
      if (ty.kind === 'func') p.errorAt(s.tok, 'declaration of array of functions');
      if (ty.kind === 'void') p.errorAt(s.tok, "declaration of array of 'void'");
      if (ty.vlaLen) p.errorAt(s.tok, 'only the first dimension of a variable-length array may be variable');
      else if (ty.kind === 'array' && ty.arrayLen < 0) p.errorAt(s.tok, "array type has incomplete element type");
      ty = arrayOf(ty, s.len);
      if (s.vla) ty.vlaLen = s.vla;
    } else {
      if (ty.kind === 'array' || ty.kind === 'func') p.errorAt(shape.name ?? p.tok, `function cannot return ${ty.kind === 'array' ? 'an array' : 'a function'}`);
      const f = funcType(ty);
      f.params = s.params;
      f.paramNames = s.names;
      f.isVariadic = s.variadic;
      f.oldStyle = s.oldStyle;
      ty = f;
    }
  }
  return ty;
}

/** Parses a declarator and returns the declared type; its name (if any) is in `.name`. */
export function declarator(p: Parser, base: Type): Type {
  const shape = declaratorShape(p, false);
  const shaped = applyShape(p, base, shape);
  const ty = { ...shaped, origin: shaped.origin ?? (shaped === base ? base : undefined) };
  ty.name = shape.name;
  return ty;
}

// abstract-declarator = pointers ("(" abstract-declarator ")")? type-suffix
export function abstractDeclarator(p: Parser, base: Type): Type {
  const shape = declaratorShape(p, true);
  return applyShape(p, base, shape);
}

// typename = declspec abstract-declarator
export function typename(p: Parser): Type {
  const ty = declspec(p);
  return abstractDeclarator(p, ty);
}

// type-suffix = ("(" func-params | "[" array-dimensions "]")*
function typeSuffix(p: Parser): Derivation[] {
  const out: Derivation[] = [];
  // a parameter's first dimension only decays to a pointer: its size (maybe `n` of an earlier
  // parameter, as in `void f(int n, int a[n])`) is skipped, not evaluated
  const paramDim = p.paramFirstDim;
  p.paramFirstDim = false;
  if (paramDim && p.equal('[')) out.push(skippedDimension(p));
  // (each suffix is read by a function of its own: this one is then small, and V8 optimizes
  // it early and cheaply instead of compiling all of them in the third build of a process)
  for (;;) {
    if (p.equal('(')) out.push(funcParams(p));
    else if (p.equal('[')) out.push(arraySuffix(p));
    else return out;
  }
}

/** A parameter's first dimension `[...]`, skipped: the parameter decays to a pointer. */
function skippedDimension(p: Parser): Derivation {
  const tok = p.next();
  let depth = 1;
  while (p.tok.kind !== 'eof') {
    if (p.equal('[')) depth++;
    else if (p.equal(']') && --depth === 0) break;
    p.next();
  }
  p.skip(']');
  return { kind: 'array', len: -1, tok };
}

/** `[ qualifiers size ]` at the cursor. */
function arraySuffix(p: Parser): Derivation {
  const tok = p.next();
  while (ARRAY_QUALIFIERS.has(p.tok.text)) p.next();
  if (p.consume(']')) return { kind: 'array', len: -1, tok };
  const size = arraySize(p);
  if (typeof size !== 'bigint') {
    p.skip(']');
    return { kind: 'array', len: -1, tok, vla: size };
  }
  const v = size;
  if (v < 0n) p.errorAt(tok, 'size of array is negative');
  if (v > 0x7fffffffn) p.errorAt(tok, 'size of array is too large');
  p.skip(']');
  return { kind: 'array', len: v < 0n || v > 0x7fffffffn ? 1 : Number(v), tok };
}

/**
 * An array dimension: its value, or for a variable length inside a function (a VLA), the length
 * expression; elsewhere a non-constant length is an error.
 */
function arraySize(p: Parser): bigint | Node {
  const tok = p.tok;
  const node = conditional(p);
  addType(p, node);
  const r = evalConstLabel(p, node);
  if (r === undefined || r.label !== undefined) {
    if (p.fn && p.allowVla && isInteger(node.ty!)) return node;
    if (!p.fn) p.error(tok, 'variable length array declared outside of any function');
    p.error(tok, 'array size is not an integer constant (variable-length arrays are only supported as local variables)');
  }
  return r.val;
}

// func-params = ("void" | param ("," param)* ("," "...")?)? ")"
// param       = declspec declarator
function funcParams(p: Parser): Derivation {
  p.skip('(');
  if (p.equal('void') && p.peek().text === ')') {
    p.next();
    p.next();
    return { kind: 'func', params: [], names: [], variadic: false, oldStyle: false };
  }
  if (p.consume(')')) return { kind: 'func', params: [], names: [], variadic: false, oldStyle: true };
  const params: Type[] = [];
  const names: (Token | undefined)[] = [];
  let variadic = false;
  for (;;) {
    if (p.equal('...')) {
      p.next();
      variadic = true;
      break;
    }
    if (!isTypename(p)) {
      if (p.tok.kind === 'ident') p.error(p.tok, `unknown type name '${p.tok.text}'`);
      p.error(p.tok, `expected declaration specifiers or '...' before ${describe(p.tok)}`);
    }
    const base = declspec(p);
    p.paramFirstDim = true;
    const shape = declaratorShape(p, true);
    p.paramFirstDim = false;
    let ty = applyShape(p, base, shape);
    // C11 6.7.6.3: arrays and functions as parameters decay to pointers
    if (ty.kind === 'array') ty = { ...pointerTo(ty.base!), isConst: false };
    else if (ty.kind === 'func') ty = pointerTo(ty);
    if (ty.kind === 'void') p.errorAt(shape.name ?? p.tok, "parameter has incomplete type 'void'");
    params.push(ty);
    names.push(shape.name);
    if (!p.consume(',')) break;
  }
  p.skip(')');
  return { kind: 'func', params, names, variadic, oldStyle: false };
}

// struct-decl = ident? ("{" struct-members "}")?
function structUnionDecl(p: Parser, kind: 'struct' | 'union'): Type {
  skipAttributes(p);
  let tag: Token | undefined;
  if (p.tok.kind === 'ident') tag = p.next();
  if (tag && !p.equal('{')) {
    const found = p.findTag(tag.text);
    if (found) {
      if (found.kind !== kind) p.errorAt(tag, `'${tag.text}' defined as wrong kind of tag`);
      return found;
    }
    // forward declaration: an incomplete type completed later in this scope
    const ty = structType(kind);
    ty.tag = tag.text;
    p.scope.tags.set(tag.text, ty);
    return ty;
  }
  const lbrace = p.skip('{');
  let ty: Type;
  const existing = tag ? p.scope.tags.get(tag.text) : undefined;
  if (existing && existing.kind === kind && !existing.members) ty = existing;
  else {
    if (existing && existing.members) p.errorAt(tag!, `redefinition of '${kind} ${tag!.text}'`);
    ty = structType(kind);
    if (tag) {
      ty.tag = tag.text;
      p.scope.tags.set(tag.text, ty);
    }
  }
  const members = structMembers(p);
  layout(p, ty, members, lbrace);
  skipAttributes(p);
  return ty;
}

// struct-members = (declspec declarator (":" constExpr)? ("," declarator ...)* ";")* "}"
function structMembers(p: Parser): Member[] {
  const members: Member[] = [];
  while (!p.consume('}')) {
    if (p.tok.kind === 'eof') p.error(p.tok, "expected '}' at end of input");
    const attr: VarAttr = { isTypedef: false, isStatic: false, isExtern: false, isInline: false, align: 0 };
    if (!isTypename(p)) {
      p.errorAt(p.tok, p.tok.kind === 'ident' ? `unknown type name '${p.tok.text}'` : `expected specifier-qualifier-list before ${describe(p.tok)}`);
      while (!p.equal(';') && !p.equal('}') && !atEof(p)) p.next();
      p.consume(';');
      continue;
    }
    const base = declspec(p, attr);
    // anonymous struct/union member
    if ((base.kind === 'struct' || base.kind === 'union') && p.consume(';')) {
      members.push({ ty: base, offset: 0, isBitfield: false, bitOffset: 0, bitWidth: 0, align: attr.align || base.align });
      continue;
    }
    let first = true;
    while (!p.consume(';')) {
      if (!first) p.skip(',');
      first = false;
      let ty: Type;
      let name: Token | undefined;
      if (p.equal(':')) {
        ty = base;
      } else {
        ty = declarator(p, base);
        name = ty.name;
      }
      const m: Member = { name, ty, offset: 0, isBitfield: false, bitOffset: 0, bitWidth: 0, align: attr.align || ty.align };
      if (p.consume(':')) {
        const tok = p.tok;
        m.isBitfield = true;
        const w = constExpr(p);
        if (!isInteger(ty)) p.errorAt(tok, `bit-field '${name?.text ?? '<anonymous>'}' has invalid type`);
        else if (w < 0n) p.errorAt(tok, `negative width in bit-field '${name?.text ?? '<anonymous>'}'`);
        else if (w > BigInt(ty.size * 8)) p.errorAt(tok, `width of '${name?.text ?? '<anonymous>'}' exceeds its type`);
        else if (w === 0n && name) p.errorAt(tok, `zero width for bit-field '${name.text}'`);
        m.bitWidth = Number(w < 0n || w > 64n ? 1n : w);
      }
      members.push(m);
    }
  }
  return members;
}

/** Assigns offsets the way gcc does for lp64, including bit-fields and a flexible array member. */
function layout(p: Parser, ty: Type, members: Member[], tok: Token): void {
  let bits = 0;
  let align = 1;
  let size = 0;
  members.forEach((m, i) => {
    if (m.ty.kind === 'array' && m.ty.arrayLen < 0) {
      if (i !== members.length - 1 || ty.kind === 'union') p.errorAt(m.name ?? tok, 'flexible array member not at end of struct');
      m.ty = arrayOf(m.ty.base!, 0);
      ty.isFlexible = true;
    } else if (m.ty.kind === 'func') {
      p.errorAt(m.name ?? tok, `field '${m.name?.text ?? ''}' declared as a function`);
    } else if ((m.ty.kind === 'struct' || m.ty.kind === 'union') && !m.ty.members) {
      p.errorAt(m.name ?? tok, `field '${m.name?.text ?? ''}' has incomplete type`);
    }
    if (ty.kind === 'union') {
      m.offset = 0;
      if (m.isBitfield) m.bitOffset = 0;
      size = Math.max(size, m.isBitfield ? Math.ceil(m.bitWidth / 8) : m.ty.size);
      if (!m.isBitfield || m.name) align = Math.max(align, m.align);
      return;
    }
    if (m.isBitfield) {
      const unit = m.ty.size * 8;
      if (m.bitWidth === 0) {
        bits = alignTo(bits, unit);
        return;
      }
      if (Math.floor(bits / unit) !== Math.floor((bits + m.bitWidth - 1) / unit)) bits = alignTo(bits, unit);
      m.offset = Math.floor(bits / unit) * m.ty.size;
      m.bitOffset = bits - m.offset * 8;
      bits += m.bitWidth;
      if (m.name) align = Math.max(align, m.align);
      return;
    }
    bits = alignTo(bits, m.align * 8);
    m.offset = bits / 8;
    bits += m.ty.size * 8;
    align = Math.max(align, m.align);
  });
  if (ty.kind === 'struct') size = Math.ceil(bits / 8);
  ty.members = members;
  ty.align = align;
  ty.size = alignTo(size, align);
}

/** Finds a member by name, looking inside anonymous struct/union members; returns the access path. */
export function findMember(ty: Type, name: string): Member[] | undefined {
  for (const m of ty.members ?? []) {
    if (!m.name && (m.ty.kind === 'struct' || m.ty.kind === 'union')) {
      const inner = findMember(m.ty, name);
      if (inner) return [m, ...inner];
      continue;
    }
    if (m.name?.text === name) return [m];
  }
  return undefined;
}

// enum-specifier = ident? "{" enum-list? "}" | ident ("{" enum-list? "}")?
// enum-list      = ident ("=" constExpr)? ("," ident ("=" constExpr)?)* ","?
function enumSpecifier(p: Parser): Type {
  const ty = enumType();
  let tag: Token | undefined;
  if (p.tok.kind === 'ident') tag = p.next();
  if (tag && !p.equal('{')) {
    const found = p.findTag(tag.text);
    if (!found) {
      ty.tag = tag.text;
      p.scope.tags.set(tag.text, ty);
      return ty;
    }
    if (found.kind !== 'enum') p.errorAt(tag, `'${tag.text}' defined as wrong kind of tag`);
    return found;
  }
  p.skip('{');
  let val = 0n;
  let first = true;
  while (!p.consume('}')) {
    if (!first) {
      p.skip(',');
      if (p.consume('}')) break;
    }
    first = false;
    if (p.tok.kind !== 'ident') p.error(p.tok, `expected identifier before ${describe(p.tok)}`);
    const name = p.next();
    if (p.consume('=')) val = constExpr(p);
    const existing = p.scope.vars.get(name.text);
    if (existing) p.errorAt(name, `redeclaration of '${name.text}'`);
    const vs = p.pushVar(name.text);
    vs.enumTy = ty;
    vs.enumVal = val;
    val++;
  }
  if (tag) {
    ty.tag = tag.text;
    p.scope.tags.set(tag.text, ty);
  }
  return ty;
}

// ---- file scope ----

// program = (typedef | function-definition | global-variable)*
export function parseProgram(p: Parser): Obj[] {
  while (p.tok.kind !== 'eof') {
    const start = p.pos;
    try {
      externalDeclaration(p);
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      recoverTopLevel(p, start);
    }
  }
  checkUnusedAndUndefined(p);
  return p.globals;
}

/** After an error at file scope: skip to the end of the broken declaration or function. */
function recoverTopLevel(p: Parser, start: number): void {
  p.fn = undefined;
  p.scopes.length = 1;
  p.depth = 0;
  let depth = 0;
  if (p.pos === start) p.next();
  while (p.tok.kind !== 'eof') {
    if (p.equal('{')) depth++;
    else if (p.equal('}')) {
      depth--;
      if (depth <= 0) {
        p.next();
        p.consume(';');
        return;
      }
    } else if (p.equal(';') && depth <= 0) {
      p.next();
      return;
    }
    p.next();
  }
}

function externalDeclaration(p: Parser): void {
  if (p.consume(';')) return;
  if (p.equal('_Static_assert')) {
    staticAssert(p);
    return;
  }
  const attr: VarAttr = { isTypedef: false, isStatic: false, isExtern: false, isInline: false, align: 0 };
  let basety: Type;
  if (isTypename(p)) basety = declspec(p, attr);
  else if (p.tok.kind === 'ident' && (p.peek().text === '(' || p.peek().kind === 'ident' || p.peek().text === '*')) {
    if (p.peek().kind === 'ident' || p.peek().text === '*') p.error(p.tok, `unknown type name '${p.tok.text}'`);
    // gcc accepts `main() {...}` with a warning; we require a type
    p.warn(p.tok, `return type defaults to 'int'`);
    basety = tyInt;
  } else p.error(p.tok, `expected identifier or '(' before ${describe(p.tok)}`);

  if (attr.isTypedef) {
    typedefDecl(p, basety);
    return;
  }
  if (p.consume(';')) return; // struct/enum declaration only
  const ty = declarator(p, basety);
  if (ty.kind === 'func') {
    functionDecl(p, ty, attr);
    return;
  }
  globalVariable(p, ty, attr, basety);
}

export function staticAssert(p: Parser): void {
  const tok = p.next();
  p.skip('(');
  const v = constExpr(p);
  let msg = '';
  if (p.consume(',')) {
    if (p.tok.kind !== 'str') p.error(p.tok, 'expected string literal');
    msg = String.fromCharCode(...p.next().bytes!.slice(0, 200));
  }
  p.skip(')');
  p.skip(';');
  if (v === 0n) p.errorAt(tok, `static assertion failed${msg ? `: "${msg}"` : ''}`);
}

export function typedefDecl(p: Parser, basety: Type): void {
  let first = true;
  while (!p.consume(';')) {
    if (!first && !p.consume(',')) p.error(p.tok, `expected ',' or ';' before ${describe(p.tok)}`);
    first = false;
    const ty = declarator(p, basety);
    if (!ty.name) p.error(p.tok, 'typedef name omitted');
    const prev = p.scope.vars.get(ty.name.text);
    if (prev && (!prev.typedef || !isCompatible(prev.typedef, ty))) p.errorAt(ty.name, `conflicting types for '${ty.name.text}'`);
    p.pushVar(ty.name.text).typedef = unname(ty);
  }
}

function declareFunction(p: Parser, ty: Type, attr: VarAttr): Obj {
  const name = ty.name!;
  const vs = p.scopes[0].vars.get(name.text);
  let fn = vs?.obj;
  if (fn && fn.isFunction) {
    if (!isCompatible(fn.ty, ty)) {
      p.errorAt(name, `conflicting types for '${name.text}'; have '${typeName(ty)}'`);
      if (fn.tok) p.note(fn.tok, `previous declaration of '${name.text}' with type '${typeName(fn.ty)}'`);
    } else if (fn.ty.oldStyle && !ty.oldStyle) {
      fn.ty = ty;
    }
    if (attr.isStatic) fn.isStatic = true;
    // C99: once declared without `inline` (or with `extern`), the definition is external
    else if ((!attr.isInline || attr.isExtern) && fn.inlineOnly) {
      fn.isStatic = false;
      fn.inlineOnly = false;
    }
    return fn;
  }
  if (vs && (vs.obj || vs.typedef || vs.enumTy)) p.errorAt(name, `'${name.text}' redeclared as different kind of symbol`);
  fn = { name: name.text, ty, tok: name, isLocal: false, offset: 0, align: 1, isFunction: true, isDefinition: false, isStatic: attr.isStatic || (attr.isInline && !attr.isExtern) };
  fn.inlineOnly = attr.isInline && !attr.isExtern && !attr.isStatic;
  p.globals.push(fn);
  p.scopes[0].vars.set(name.text, { obj: fn });
  // a block-scope declaration is visible in that block too
  if (p.scopes.length > 1) p.scope.vars.set(name.text, { obj: fn });
  return fn;
}

// function-definition = declspec declarator "{" compound-stmt
function functionDecl(p: Parser, ty: Type, attr: VarAttr): void {
  const fn = declareFunction(p, ty, attr);
  if (p.consume(';')) return;
  if (p.consume(',')) {
    // `int f(void), g(int);`
    for (;;) {
      const t2 = declarator(p, ty.returnTy!);
      if (t2.kind === 'func') declareFunction(p, t2, attr);
      else globalVariable(p, t2, attr, t2, true);
      if (!p.consume(',')) break;
    }
    p.skip(';');
    return;
  }
  if (!p.equal('{')) p.error(p.tok, `expected '=', ',', ';', 'asm' or '__attribute__' before ${describe(p.tok)}`);
  if (fn.isDefinition) p.errorAt(ty.name!, `redefinition of '${fn.name}'`);
  fn.isDefinition = true;
  fn.ty = ty;
  fn.tok = ty.name;
  p.fn = fn;
  const errorsBefore = p.errorCount;
  p.locals = [];
  p.gotos = [];
  p.labels = [];
  p.pushScope();
  const params: Obj[] = [];
  const retTy = ty.returnTy!;
  if ((retTy.kind === 'struct' || retTy.kind === 'union') && retTy.size > 16) {
    fn.retBuffer = p.newLocal('', pointerTo(retTy));
  }
  ty.params!.forEach((pty, i) => {
    const nameTok = ty.paramNames![i];
    if (!nameTok) p.errorAt(ty.name!, 'parameter name omitted');
    const obj = p.newLocal(nameTok?.text ?? '', pty, nameTok);
    obj.isInitialized = true;
    params.push(obj);
  });
  fn.params = params;
  const lbrace = p.tok;
  // the function name is a local static char array in C99 (`__func__`)
  const fnName = stringLiteralObj(p, [...new TextEncoder().encode(fn.name)]);
  p.pushVar('__func__').obj = fnName;
  p.pushVar('__FUNCTION__').obj = fnName;
  const body = compoundStmt(p, lbrace);
  addType(p, body);
  p.popScope();
  fn.body = body;
  fn.locals = p.locals;
  resolveGotoLabels(p);
  if (p.errorCount === errorsBefore) {
    for (const v of p.locals) {
      if (v.name && v.tok && !v.isReferenced && !params.includes(v)) p.warn(v.tok, `unused variable '${v.name}'`);
    }
  }
  if (retTy.kind !== 'void' && fn.name !== 'main' && p.errorCount === errorsBefore && mayFallThrough(body)) {
    const close = p.tokens[p.pos - 1];
    p.warn(close, 'control reaches end of non-void function');
  }
  p.fn = undefined;
}

/** A string literal's object; identical literals share one, as gcc merges them. */
export function stringLiteralObj(p: Parser, bytes: number[]): Obj {
  const key = String.fromCharCode(...bytes.slice(0, 4096)) + (bytes.length > 4096 ? `#${p.uniqueId}` : '');
  const known = p.strings.get(key);
  if (known) return known;
  const ty = arrayOf(tyChar, bytes.length + 1);
  const obj = p.newAnonGlobal(ty);
  obj.initData = new Uint8Array([...bytes, 0]);
  obj.isReadonly = true;
  obj.isStringLiteral = true;
  p.strings.set(key, obj);
  return obj;
}

function resolveGotoLabels(p: Parser): void {
  for (const g of p.gotos) {
    const target = p.labels.find((l) => l.label === g.label);
    if (!target) {
      p.errorAt(g.tok, `label '${g.label}' used but not defined`);
      continue;
    }
    g.uniqueLabel = target.uniqueLabel;
  }
  const seen = new Set<string>();
  for (const l of p.labels) {
    if (seen.has(l.label!)) p.errorAt(l.tok, `duplicate label '${l.label}'`);
    seen.add(l.label!);
  }
}

// global-variable = declarator ("=" initializer)? ("," declarator ("=" initializer)?)* ";"
function globalVariable(p: Parser, first: Type, attr: VarAttr, basety: Type, single = false): void {
  let ty = first;
  for (;;) {
    const name = ty.name;
    if (!name) p.error(p.tok, 'expected identifier');
    if (ty.kind === 'void') p.errorAt(name, `variable '${name.text}' declared void`);
    const vs = p.scopes[0].vars.get(name.text);
    let obj = vs?.obj;
    if (obj && !obj.isFunction) {
      if (!isCompatible(obj.ty, ty)) p.errorAt(name, `conflicting types for '${name.text}'`);
      else if (obj.ty.kind === 'array' && obj.ty.arrayLen < 0 && ty.arrayLen >= 0) obj.ty = ty;
    } else {
      if (obj) p.errorAt(name, `'${name.text}' redeclared as different kind of symbol`);
      obj = p.newGlobal(name.text, unname(ty), name);
      obj.isDefinition = !attr.isExtern;
      obj.isTentative = true;
      obj.isStatic = attr.isStatic;
      if (attr.align) obj.align = attr.align;
    }
    if (!attr.isExtern) obj.isDefinition = true;
    if (p.consume('=')) {
      if (obj.initData && !obj.isTentative) p.errorAt(name, `redefinition of '${name.text}'`);
      obj.isDefinition = true;
      obj.isTentative = false;
      globalInitializer(p, obj);
    }
    if (obj.isDefinition && obj.ty.kind === 'array' && obj.ty.arrayLen < 0 && !attr.isExtern && !obj.initData) {
      // `int a[];` at file scope becomes an array of one element (gcc warns)
      obj.ty = arrayOf(obj.ty.base!, 1);
    }
    if (obj.isDefinition && (obj.ty.kind === 'struct' || obj.ty.kind === 'union') && !obj.ty.members) {
      p.errorAt(name, `storage size of '${name.text}' isn't known`);
    }
    if (single) break;
    if (!p.consume(',')) {
      if (!p.equal(';')) p.error(p.tok, `expected ',' or ';' before ${describe(p.tok)}`);
      break;
    }
    ty = declarator(p, basety);
    if (ty.kind === 'func') {
      declareFunction(p, ty, attr);
      if (!p.consume(',')) break;
      ty = declarator(p, basety);
    }
  }
  if (!single) p.skip(';');
}

/** Function-scope `extern` and function declarations refer to the file-scope object. */
export function blockExternDecl(p: Parser, ty: Type, attr: VarAttr): void {
  if (ty.kind === 'func') {
    declareFunction(p, ty, attr);
    return;
  }
  const name = ty.name!;
  let obj = p.scopes[0].vars.get(name.text)?.obj;
  if (!obj) {
    obj = { name: name.text, ty, tok: name, isLocal: false, offset: 0, align: ty.align, isFunction: false, isDefinition: false, isStatic: false };
    p.globals.push(obj);
    p.scopes[0].vars.set(name.text, { obj });
  }
  p.pushVar(name.text).obj = obj;
}

function checkUnusedAndUndefined(p: Parser): void {
  for (const g of p.globals) {
    if (g.isFunction && g.isStatic && !g.isDefinition && g.isUsed && g.tok) {
      p.warn(g.tok, `'${g.name}' used but never defined`);
    }
  }
}

