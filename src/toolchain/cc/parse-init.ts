// Initializers: braces, brace elision, designators (`[i] =`, `.m =`), strings for char arrays,
// and incomplete arrays sized by their initializer. The parsed initializer is a tree mirroring the
// object's type; locals turn it into "zero the object, then assign each given leaf", globals into
// bytes plus relocations (pointers to other globals) for the data section.

import type { Node, Obj, Relocation } from './ast';
import { newNode } from './ast';
import type { Token } from './lexer';
import { Parser, addType, checkAssignable, describe, newBinary, newCast, newNum, newUnary, newVarNode } from './parser';
import { assign, constExpr, newAdd } from './parse-expr';
import { evalConstLabel, evalDouble } from './const-eval';
import { findMember } from './parse-decl';
import { arrayOf, isFlonum, isInteger, isStructLike, tyLong, typeName, type Member, type Type } from './types';

interface Initializer {
  ty: Type;
  /** Leaf value. */
  expr?: Node;
  /** Elements of an array or members of a struct/union, by index. */
  children?: Initializer[];
  /** An array whose length comes from the initializer. */
  open?: boolean;
  /** For unions: the member being initialized. */
  mem?: number;
}

function newInit(ty: Type, allowOpen: boolean): Initializer {
  const init: Initializer = { ty };
  if (ty.kind === 'array') {
    if (ty.arrayLen < 0 && allowOpen) {
      init.open = true;
      init.children = [];
    } else {
      init.children = [];
      const n = Math.max(0, ty.arrayLen);
      // very large arrays are filled lazily (only the elements the initializer names)
      if (n <= 4096) for (let i = 0; i < n; i++) init.children.push(newInit(ty.base!, false));
    }
  } else if (isStructLike(ty) && ty.members) {
    init.children = ty.members.map((m) => newInit(m.ty, false));
  }
  return init;
}

function child(init: Initializer, i: number): Initializer {
  const kids = init.children!;
  while (kids.length <= i) kids.push(newInit(init.ty.base!, false));
  return kids[i];
}

function arrayLimit(init: Initializer): number {
  return init.open ? Number.MAX_SAFE_INTEGER : Math.max(0, init.ty.arrayLen);
}

// string-initializer = string-literal+
function stringInitializer(p: Parser, init: Initializer): void {
  let bytes: number[] = [];
  while (p.tok.kind === 'str') bytes = bytes.concat(p.next().bytes!);
  if (init.open) {
    for (let i = 0; i <= bytes.length; i++) child(init, i).expr = newNum(BigInt(bytes[i] ?? 0), p.tok);
    return;
  }
  const n = init.ty.arrayLen;
  if (bytes.length > n) p.warn(p.tokens[p.pos - 1], 'initializer-string for array of \'char\' is too long');
  for (let i = 0; i < Math.min(n, bytes.length + 1); i++) child(init, i).expr = newNum(BigInt(bytes[i] ?? 0), p.tok);
}

// initializer = string-initializer | array-initializer | struct-initializer | union-initializer | assign
function initializer2(p: Parser, init: Initializer): void {
  p.enter();
  try {
    const ty = init.ty;
    if (ty.kind === 'array' && ty.base!.size === 1 && isInteger(ty.base!) && p.tok.kind === 'str') {
      stringInitializer(p, init);
      return;
    }
    if (ty.kind === 'array' && p.equal('{') && p.peek().kind === 'str' && isInteger(ty.base!) && ty.base!.size === 1) {
      p.next();
      stringInitializer(p, init);
      p.consume(',');
      p.skip('}');
      return;
    }
    if (ty.kind === 'array') {
      if (p.equal('{')) bracedList(p, init);
      else elidedList(p, init);
      return;
    }
    if (isStructLike(ty)) {
      if (!ty.members) p.error(p.tok, `variable has incomplete type '${typeName(ty)}'`);
      if (p.equal('{')) {
        bracedList(p, init);
        return;
      }
      // `struct S s = other;` or brace elision inside an outer list
      const start = p.pos;
      const e = assign(p);
      addType(p, e);
      if (isStructLike(e.ty!)) {
        init.expr = e;
        return;
      }
      p.pos = start;
      elidedList(p, init);
      return;
    }
    if (p.equal('{')) {
      // scalar in braces: `int x = {3};`
      p.next();
      if (p.equal('}')) {
        init.expr = newNum(0n, p.tok);
      } else {
        initializer2(p, init);
        while (p.consume(',')) {
          if (p.equal('}')) break;
          p.warn(p.tok, 'excess elements in scalar initializer');
          assign(p);
        }
      }
      p.skip('}');
      return;
    }
    init.expr = assign(p);
  } finally {
    p.leave();
  }
}

/** Next position after `idx` in an aggregate (skipping unnamed bit-fields in structs). */
function nextIndex(init: Initializer, idx: number): number {
  if (init.ty.kind === 'array') return idx + 1;
  const members = init.ty.members!;
  let i = idx + 1;
  while (i < members.length && members[i].isBitfield && !members[i].name) i++;
  return i;
}
function firstIndex(init: Initializer): number {
  if (init.ty.kind === 'array') return 0;
  return nextIndex(init, -1);
}
function limit(init: Initializer): number {
  if (init.ty.kind === 'array') return arrayLimit(init);
  if (init.ty.kind === 'union') return init.ty.members!.length ? 1 : 0;
  return init.ty.members!.length;
}

/** Applies a designator chain starting at the current token; returns the index designated at this level. */
function designation(p: Parser, init: Initializer): number {
  if (p.equal('[')) {
    if (init.ty.kind !== 'array') p.error(p.tok, 'array index in non-array initializer');
    const tok = p.next();
    const idx = Number(constExpr(p));
    let hi = idx;
    if (p.consume('...')) hi = Number(constExpr(p));
    p.skip(']');
    if (idx < 0 || hi >= arrayLimit(init)) p.error(tok, 'array index in initializer exceeds array bounds');
    const start = p.pos;
    for (let i = idx; i <= hi; i++) {
      p.pos = start;
      designatedValue(p, child(init, i));
    }
    return hi;
  }
  if (p.equal('.')) {
    p.next();
    if (!isStructLike(init.ty)) p.error(p.tok, 'field name not in record or union initializer');
    if (p.tok.kind !== 'ident') p.error(p.tok, `expected identifier before ${describe(p.tok)}`);
    const name = p.next();
    const path = findMember(init.ty, name.text);
    if (!path) p.error(name, `'${typeName(init.ty)}' has no member named '${name.text}'`);
    // anonymous members: walk down the path
    let cur = init;
    let idx = -1;
    for (let k = 0; k < path.length; k++) {
      const i = cur.ty.members!.indexOf(path[k]);
      if (k === 0) idx = i;
      if (cur.ty.kind === 'union') cur.mem = i;
      if (k === path.length - 1) {
        designatedValue(p, cur.children![i]);
      } else cur = cur.children![i];
    }
    if (init.ty.kind === 'union') init.mem = idx;
    return idx;
  }
  p.error(p.tok, 'expected designator');
}

function designatedValue(p: Parser, init: Initializer): void {
  if (p.equal('[') || p.equal('.')) {
    designation(p, init);
    return;
  }
  p.skip('=');
  initializer2(p, init);
}

// array-initializer  = "{" initializer ("," initializer)* ","? "}"
// struct-initializer = "{" initializer ("," initializer)* ","? "}"
function bracedList(p: Parser, init: Initializer): void {
  const lbrace = p.skip('{');
  let idx = firstIndex(init);
  let first = true;
  let warned = false;
  while (!p.consume('}')) {
    if (p.tok.kind === 'eof') p.error(lbrace, "expected '}' before end of input");
    if (!first) {
      p.skip(',');
      if (p.consume('}')) break;
    }
    first = false;
    if (p.equal('[') || p.equal('.')) {
      idx = nextIndex(init, designation(p, init));
      continue;
    }
    if (idx >= limit(init)) {
      if (!warned) p.warn(p.tok, `excess elements in ${init.ty.kind === 'array' ? 'array' : init.ty.kind} initializer`);
      warned = true;
      skipInitializer(p);
      continue;
    }
    if (init.ty.kind === 'union') init.mem = idx;
    initializer2(p, init.ty.kind === 'array' ? child(init, idx) : init.children![idx]);
    idx = nextIndex(init, idx);
  }
}

/** Brace elision: fill this aggregate from the enclosing list until it is full. */
function elidedList(p: Parser, init: Initializer): void {
  let idx = firstIndex(init);
  let first = true;
  const lim = init.open ? 0 : limit(init);
  while (idx < lim && !p.equal('}')) {
    if (!first) {
      if (!p.equal(',') || p.peek().text === '}' || p.peek().text === '.' || p.peek().text === '[') return;
      p.next();
    }
    first = false;
    if (init.ty.kind === 'union') init.mem = idx;
    initializer2(p, init.ty.kind === 'array' ? child(init, idx) : init.children![idx]);
    idx = nextIndex(init, idx);
  }
}

function skipInitializer(p: Parser): void {
  if (p.equal('{')) {
    let depth = 0;
    do {
      if (p.equal('{')) depth++;
      else if (p.equal('}')) depth--;
      p.next();
    } while (depth > 0 && p.tok.kind !== 'eof');
    return;
  }
  assign(p);
}

/** Parses an initializer for `ty`; an incomplete array type gets its length from it. */
function parseInitializer(p: Parser, ty: Type): { init: Initializer; ty: Type } {
  const init = newInit(ty, true);
  initializer2(p, init);
  if (init.open) {
    const n = init.children!.length;
    const full = arrayOf(ty.base!, n);
    init.ty = full;
    init.open = false;
    return { init, ty: full };
  }
  return { init, ty };
}

// ---- locals ----

/** `T x = init` inside a function: zero x, then assign each initialized leaf. */
export function localInitializerExpr(p: Parser, obj: Obj, tok: Token): Node {
  const { init, ty } = parseInitializer(p, obj.ty);
  obj.ty = ty;
  obj.align = Math.max(obj.align, ty.align);
  const target = (): Node => newVarNode(obj, tok);
  const body: Node[] = [];
  if (!(init.expr && !isStructLike(ty))) {
    const zero = newNode('memzero', tok);
    zero.obj = obj;
    body.push(zero);
  }
  emitLocalInit(p, init, target, body, tok);
  let result = body[0];
  for (let i = 1; i < body.length; i++) result = newBinary('comma', result, body[i], tok);
  return result ?? newNode('nullExpr', tok);
}

function emitLocalInit(p: Parser, init: Initializer, target: () => Node, out: Node[], tok: Token): void {
  const ty = init.ty;
  if (init.expr) {
    addType(p, init.expr);
    if (!isStructLike(ty)) checkAssignable(p, ty, init.expr, init.expr.tok, 'initialization');
    const a = newBinary('assign', target(), init.expr, init.expr.tok);
    a.isInit = true;
    out.push(a);
    return;
  }
  if (ty.kind === 'array') {
    init.children!.forEach((c, i) => {
      if (!hasValue(c)) return;
      emitLocalInit(p, c, () => newUnary('deref', newAdd(p, target(), newNum(BigInt(i), tok, tyLong), tok), tok), out, tok);
    });
    return;
  }
  if (isStructLike(ty)) {
    ty.members!.forEach((m, i) => {
      if (ty.kind === 'union' && init.mem !== i) return;
      const c = init.children![i];
      if (!hasValue(c)) return;
      emitLocalInit(p, c, () => memberOf(target(), m, tok), out, tok);
    });
  }
}

function memberOf(base: Node, m: Member, tok: Token): Node {
  const n = newUnary('member', base, tok);
  n.member = m;
  return n;
}

function hasValue(init: Initializer): boolean {
  if (init.expr) return true;
  return !!init.children && init.children.some(hasValue);
}

// ---- globals ----

/** `T x = init` at file scope (or static local): fills obj.initData and obj.relocs. */
export function globalInitializer(p: Parser, obj: Obj): void {
  const { init, ty } = parseInitializer(p, obj.ty);
  obj.ty = ty;
  obj.align = Math.max(obj.align, ty.align);
  const buf = new Uint8Array(ty.size);
  const relocs: Relocation[] = [];
  writeData(p, init, buf, 0, relocs);
  obj.initData = buf;
  obj.relocs = relocs;
}

/** A compound literal at file scope is an anonymous global. */
export function globalCompoundLiteral(p: Parser, ty: Type): Obj {
  const obj = p.newAnonGlobal(ty);
  globalInitializer(p, obj);
  return obj;
}

function writeData(p: Parser, init: Initializer, buf: Uint8Array, offset: number, relocs: Relocation[], member?: Member): void {
  const ty = init.ty;
  if (ty.kind === 'array') {
    init.children!.forEach((c, i) => writeData(p, c, buf, offset + ty.base!.size * i, relocs));
    return;
  }
  if (isStructLike(ty) && !init.expr) {
    ty.members!.forEach((m, i) => {
      if (ty.kind === 'union' && init.mem !== i) return;
      writeData(p, init.children![i], buf, offset + m.offset, relocs, m);
    });
    return;
  }
  if (!init.expr) return;
  const e = init.expr;
  addType(p, e);
  if (isStructLike(ty)) {
    // struct copy from another constant object is not a constant expression in C
    p.errorAt(e.tok, 'initializer element is not constant');
    return;
  }
  checkAssignable(p, ty, e, e.tok, 'initialization');
  if (isFlonum(ty)) {
    const v = evalDouble(p, e);
    if (v === undefined) {
      p.errorAt(e.tok, 'initializer element is not constant');
      return;
    }
    const view = new DataView(buf.buffer);
    if (ty.kind === 'float') view.setFloat32(offset, v, true);
    else view.setFloat64(offset, v, true);
    return;
  }
  const cast = newCast(p, e, ty);
  let r;
  if (isFlonum(e.ty!) && isInteger(ty)) {
    const d = evalDouble(p, e);
    r = d === undefined ? undefined : { val: BigInt(Math.trunc(d)) };
  } else r = evalConstLabel(p, cast);
  if (!r) {
    p.errorAt(e.tok, 'initializer element is not constant');
    return;
  }
  if (r.label) {
    if (ty.size !== 8) {
      p.errorAt(e.tok, 'initializer element is not computable at load time');
      return;
    }
    relocs.push({ offset, label: r.label, addend: r.val });
    return;
  }
  if (member && member.isBitfield) {
    let unit = 0n;
    const size = member.ty.size;
    for (let k = 0; k < size; k++) unit |= BigInt(buf[offset + k]) << BigInt(8 * k);
    const mask = ((1n << BigInt(member.bitWidth)) - 1n) << BigInt(member.bitOffset);
    unit = (unit & ~mask) | ((r.val << BigInt(member.bitOffset)) & mask);
    for (let k = 0; k < size; k++) buf[offset + k] = Number((unit >> BigInt(8 * k)) & 0xffn);
    return;
  }
  let v = BigInt.asUintN(64, r.val);
  for (let k = 0; k < ty.size; k++) {
    buf[offset + k] = Number(v & 0xffn);
    v >>= 8n;
  }
}
