// Parser state shared by the recursive-descent modules (parse-decl, parse-stmt, parse-expr,
// parse-init), plus type assignment for expression nodes.
//
// Design: one pass, recursive descent, building a typed AST; no separate semantic pass. Names
// are resolved as they are parsed through a stack of block scopes, so `T * x;` is a declaration
// exactly when T names a typedef at that point. Errors are reported as diagnostics; the parse
// function that finds one throws ParseAbort, and the statement or declaration loop that catches it
// skips to the next ';' or '}' and carries on, so one build can report several errors.
// Every loop in the parser consumes a token per iteration and nesting depth is bounded, so no
// input can make it hang or overflow the JS stack.

import type { Diagnostic } from '../diagnostics';
import type { Node, NodeKind, Obj } from './ast';
import { newNode } from './ast';
import type { Token } from './lexer';
import {
  isFlonum, isInteger, isNumeric, isPointerLike, isStructLike, pointerTo, promote, tyInt, tyLong,
  typeName, usualArithType, isCompatible, type Type, tyVoid, unname,
} from './types';

/** Thrown to unwind to the nearest recovery point after an error has been reported. */
export class ParseAbort extends Error {}

export interface VarScope {
  obj?: Obj;
  typedef?: Type;
  enumTy?: Type;
  enumVal?: bigint;
}

interface Scope {
  vars: Map<string, VarScope>;
  tags: Map<string, Type>;
}

export const MAX_DEPTH = 200;
const MAX_ERRORS = 50;

export class Parser {
  pos = 0;
  diagnostics: Diagnostic[] = [];
  errorCount = 0;
  scopes: Scope[] = [{ vars: new Map(), tags: new Map() }];
  globals: Obj[] = [];
  /** Function being parsed, its locals, and labels seen. */
  fn?: Obj;
  locals: Obj[] = [];
  gotos: Node[] = [];
  labels: Node[] = [];
  brkLabel?: string;
  contLabel?: string;
  currentSwitch?: Node;
  depth = 0;
  uniqueId = 0;
  loopDepth = 0;
  /** Variable-length array dimensions are accepted (block-scope object declarations only). */
  allowVla = false;
  /** The next type suffix is a parameter's outermost dimension. */
  paramFirstDim = false;
  /** Case values of each switch being parsed (duplicate-case check). */
  caseValues = new WeakMap<Node, Set<bigint>>();
  /** String literals by content (identical literals are merged). */
  strings = new Map<string, Obj>();
  /** Reads of not-yet-written locals, confirmed or dropped when the expression ends. */
  pendingReads: { node: Node; obj: Obj }[] = [];
  /** The function body contains a `return` with a value somewhere (missing-return check). */
  constructor(public tokens: Token[]) {}

  get tok(): Token {
    return this.tokens[this.pos];
  }
  peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }
  next(): Token {
    const t = this.tokens[this.pos];
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  equal(s: string): boolean {
    const t = this.tok;
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === s;
  }
  consume(s: string): boolean {
    if (this.equal(s)) {
      this.next();
      return true;
    }
    return false;
  }
  skip(s: string): Token {
    if (!this.equal(s)) {
      const t = this.tok;
      // gcc points at the previous token's end for a missing ';' or ')'
      if (s === ';' || s === ')' || s === ']') {
        const prev = this.tokens[Math.max(0, this.pos - 1)];
        this.diag(prev.file, prev.line, prev.endCol, prev.endCol, 'error', `expected '${s}' before ${describe(t)}`);
        throw new ParseAbort();
      }
      this.error(t, `expected '${s}' before ${describe(t)}`);
    }
    return this.next();
  }
  newUnique(prefix = '.L'): string {
    return `${prefix}${this.uniqueId++}`;
  }

  diag(file: string, line: number, column: number, endColumn: number, severity: Diagnostic['severity'], message: string): void {
    if (severity === 'error') {
      this.errorCount++;
      if (this.errorCount > MAX_ERRORS) throw new TooManyErrors();
    }
    this.diagnostics.push({ file, line, column, endColumn, severity, message });
  }
  /** Reports an error at a token and unwinds to the nearest recovery point. */
  error(tok: Token, message: string): never {
    this.errorAt(tok, message);
    throw new ParseAbort();
  }
  /** Reports an error without unwinding (the parse can carry on meaningfully). */
  errorAt(tok: Token, message: string): void {
    this.diag(tok.file, tok.line, tok.col, Math.max(tok.endCol, tok.col + 1), 'error', message);
  }
  warn(tok: Token, message: string): void {
    this.diag(tok.file, tok.line, tok.col, Math.max(tok.endCol, tok.col + 1), 'warning', message);
  }
  note(tok: Token, message: string): void {
    this.diag(tok.file, tok.line, tok.col, Math.max(tok.endCol, tok.col + 1), 'note', message);
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      this.errorAt(this.tok, 'nesting too deep');
      throw new TooManyErrors();
    }
  }
  leave(): void {
    this.depth--;
  }

  // ---- scopes ----
  pushScope(): void {
    this.scopes.push({ vars: new Map(), tags: new Map() });
  }
  popScope(): void {
    this.scopes.pop();
  }
  get scope(): Scope {
    return this.scopes[this.scopes.length - 1];
  }
  findVar(name: string): VarScope | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
  findTag(name: string): Type | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i].tags.get(name);
      if (t) return t;
    }
    return undefined;
  }
  pushVar(name: string): VarScope {
    const vs: VarScope = {};
    this.scope.vars.set(name, vs);
    return vs;
  }
  findTypedef(tok: Token): Type | undefined {
    if (tok.kind !== 'ident') return undefined;
    return this.findVar(tok.text)?.typedef;
  }

  newLocal(name: string, ty: Type, tok?: Token): Obj {
    const obj: Obj = { name, ty, tok, isLocal: true, offset: 0, align: ty.align, isFunction: false, isDefinition: true, isStatic: false };
    this.locals.push(obj);
    if (name) this.pushVar(name).obj = obj;
    return obj;
  }
  newGlobal(name: string, ty: Type, tok?: Token): Obj {
    const obj: Obj = { name, ty, tok, isLocal: false, offset: 0, align: ty.align, isFunction: false, isDefinition: true, isStatic: false };
    this.globals.push(obj);
    this.pushVar(name).obj = obj;
    return obj;
  }
  /** An anonymous global (string literal, compound literal at file scope, static local). */
  newAnonGlobal(ty: Type): Obj {
    const obj: Obj = { name: this.newUnique('.LC'), ty, isLocal: false, offset: 0, align: ty.align, isFunction: false, isDefinition: true, isStatic: true };
    this.globals.push(obj);
    return obj;
  }
}

/** Thrown when the error limit or the nesting limit is reached: the parse stops cleanly. */
export class TooManyErrors extends Error {}

export function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of input';
  if (t.kind === 'num') return 'numeric constant';
  if (t.kind === 'str') return 'string constant';
  if (t.kind === 'punct') return `'${t.text}' token`;
  return `'${t.text}'`;
}

// ---- node constructors ----

export function newBinary(kind: NodeKind, lhs: Node, rhs: Node, tok: Token): Node {
  const n = newNode(kind, tok);
  n.lhs = lhs;
  n.rhs = rhs;
  return n;
}
export function newUnary(kind: NodeKind, expr: Node, tok: Token): Node {
  const n = newNode(kind, tok);
  n.lhs = expr;
  return n;
}
export function newNum(val: bigint, tok: Token, ty: Type = tyInt): Node {
  const n = newNode('num', tok);
  n.val = val;
  n.ty = ty;
  return n;
}
export function newLong(val: bigint, tok: Token): Node {
  return newNum(val, tok, tyLong);
}
export function newVarNode(obj: Obj, tok: Token): Node {
  const n = newNode('var', tok);
  n.obj = obj;
  return n;
}
export function newCast(p: Parser, expr: Node, ty: Type): Node {
  addType(p, expr);
  const n = newNode('cast', expr.tok);
  n.lhs = expr;
  n.ty = unname(ty);
  return n;
}

// ---- type assignment ----

/** Gives `node` (and its children) their C types, converting operands as C requires. */
export function addType(p: Parser, node: Node | undefined): void {
  if (!node || node.ty) return;
  addType(p, node.lhs);
  addType(p, node.rhs);
  addType(p, node.cond);
  addType(p, node.then);
  addType(p, node.els);
  addType(p, node.init);
  addType(p, node.inc);
  if (node.body) for (const n of node.body) addType(p, n);
  if (node.args) for (const n of node.args) addType(p, n);

  const lhs = node.lhs!;
  const rhs = node.rhs!;
  switch (node.kind) {
    case 'num':
      node.ty = tyInt;
      return;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'mod':
    case 'bitand':
    case 'bitor':
    case 'bitxor': {
      if (!isNumeric(lhs.ty!) || !isNumeric(rhs.ty!)) {
        p.errorAt(node.tok, `invalid operands to binary ${node.tok.text} (have '${typeName(lhs.ty!)}' and '${typeName(rhs.ty!)}')`);
        node.ty = tyInt;
        return;
      }
      if ((node.kind === 'mod' || node.kind.startsWith('bit')) && (isFlonum(lhs.ty!) || isFlonum(rhs.ty!))) {
        p.errorAt(node.tok, `invalid operands to binary ${node.tok.text} (have '${typeName(lhs.ty!)}' and '${typeName(rhs.ty!)}')`);
      }
      usualArithConv(p, node);
      node.ty = node.lhs!.ty;
      return;
    }
    case 'neg': {
      if (!isNumeric(lhs.ty!)) p.errorAt(node.tok, 'wrong type argument to unary minus');
      const ty = isNumeric(lhs.ty!) ? usualArithType(tyInt, lhs.ty!) : tyInt;
      node.lhs = newCast(p, lhs, ty);
      node.ty = ty;
      return;
    }
    case 'assign':
      if (lhs.ty!.kind === 'array') p.errorAt(lhs.tok, 'assignment to expression with array type');
      else if (lhs.ty!.isConst && !node.isInit) p.errorAt(node.tok, lhs.kind === 'var' ? `assignment of read-only variable '${lhs.obj!.name}'` : 'assignment of read-only location');
      if (!isStructLike(lhs.ty!)) {
        if (!node.isInit) checkAssignable(p, lhs.ty!, rhs, node.tok);
        node.rhs = newCast(p, rhs, lhs.ty!);
      } else if (!isStructLike(rhs.ty!) || !isCompatible(lhs.ty!, rhs.ty!)) {
        p.errorAt(node.tok, `incompatible types when assigning to type '${typeName(lhs.ty!)}' from type '${typeName(rhs.ty!)}'`);
      }
      node.ty = lhs.ty;
      return;
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le':
      if (isNumeric(lhs.ty!) && isNumeric(rhs.ty!)) {
        usualArithConv(p, node);
      } else if (isPointerLike(lhs.ty!) && isPointerLike(rhs.ty!)) {
        // pointers compare as unsigned 64-bit
      } else if ((isPointerLike(lhs.ty!) && isInteger(rhs.ty!)) || (isInteger(lhs.ty!) && isPointerLike(rhs.ty!))) {
        const intSide = isInteger(lhs.ty!) ? lhs : rhs;
        if (!(intSide.kind === 'num' && intSide.val === 0n)) p.warn(node.tok, 'comparison between pointer and integer');
      } else {
        p.errorAt(node.tok, `invalid operands to binary ${node.tok.text} (have '${typeName(lhs.ty!)}' and '${typeName(rhs.ty!)}')`);
      }
      node.ty = tyInt;
      return;
    case 'funcall':
      if (!node.ty) node.ty = tyLong;
      return;
    case 'not':
    case 'logor':
    case 'logand':
      node.ty = tyInt;
      return;
    case 'bitnot':
    case 'shl':
    case 'shr':
      if (!isInteger(lhs.ty!) || (rhs && !isInteger(rhs.ty!))) {
        p.errorAt(node.tok, node.kind === 'bitnot' ? 'wrong type argument to bit-complement' : `invalid operands to binary ${node.tok.text}`);
        node.ty = tyInt;
        return;
      }
      node.lhs = newCast(p, lhs, promote(lhs.ty!));
      if (rhs) node.rhs = newCast(p, rhs, promote(rhs.ty!));
      node.ty = node.lhs.ty;
      return;
    case 'var':
      node.ty = node.obj!.ty;
      return;
    case 'cond':
      if (node.then!.ty!.kind === 'void' || node.els!.ty!.kind === 'void') {
        node.ty = tyVoid;
      } else if (isNumeric(node.then!.ty!) && isNumeric(node.els!.ty!)) {
        const ty = usualArithType(node.then!.ty!, node.els!.ty!);
        node.then = newCast(p, node.then!, ty);
        node.els = newCast(p, node.els!, ty);
        node.ty = ty;
      } else if (isPointerLike(node.then!.ty!)) {
        node.ty = pointerTo(node.then!.ty!.base!);
      } else if (isPointerLike(node.els!.ty!)) {
        node.ty = pointerTo(node.els!.ty!.base!);
      } else {
        node.ty = node.then!.ty;
      }
      return;
    case 'comma':
      node.ty = rhs.ty;
      return;
    case 'member':
      node.ty = node.member!.ty;
      return;
    case 'addr': {
      const ty = lhs.ty!;
      node.ty = ty.kind === 'array' ? pointerTo(ty.base!) : pointerTo(ty);
      return;
    }
    case 'deref': {
      const ty = lhs.ty!;
      if (!ty.base || ty.kind === 'func') {
        p.errorAt(node.tok, `invalid type argument of unary '*' (have '${typeName(ty)}')`);
        node.ty = tyInt;
        return;
      }
      if (ty.base.kind === 'void') {
        p.errorAt(node.tok, "dereferencing 'void *' pointer");
        node.ty = tyInt;
        return;
      }
      node.ty = ty.base;
      return;
    }
    case 'stmtExpr': {
      const last = node.body![node.body!.length - 1];
      node.ty = last && last.kind === 'exprStmt' ? last.lhs!.ty : tyVoid;
      return;
    }
    case 'vaArg':
      node.ty = pointerTo(tyVoid);
      return;
    case 'memzero':
    case 'vaStart':
    case 'nullExpr':
      node.ty = tyVoid;
      return;
    default:
      return;
  }
}

function usualArithConv(p: Parser, node: Node): void {
  const ty = usualArithType(node.lhs!.ty!, node.rhs!.ty!);
  node.lhs = newCast(p, node.lhs!, ty);
  node.rhs = newCast(p, node.rhs!, ty);
}

/** Warns or errors like gcc for `lhsTy = rhs` (assignment, initialization, argument passing). */
export function checkAssignable(p: Parser, to: Type, rhs: Node, tok: Token, what = 'assignment'): void {
  const from = rhs.ty!;
  if (to.kind === 'ptr') {
    if (isInteger(from)) {
      if (!(rhs.kind === 'num' && rhs.val === 0n) && !isNullConstant(rhs)) {
        p.warn(tok, `${what === 'assignment' ? 'assignment to' : what === 'initialization' ? 'initialization of' : 'passing argument to'} '${typeName(to)}' from '${typeName(from)}' makes pointer from integer without a cast`);
      }
    } else if (isPointerLike(from) || from.kind === 'func') {
      const fb = from.kind === 'func' ? from : from.base!;
      const tb = to.base!;
      if (tb.kind !== 'void' && fb.kind !== 'void' && !isCompatible(tb, fb) && !(isInteger(tb) && isInteger(fb) && tb.size === fb.size)) {
        p.warn(tok, `incompatible pointer types in ${what} ('${typeName(to)}' from '${typeName(from.kind === 'array' ? pointerTo(from.base!) : from.kind === 'func' ? pointerTo(from) : from)}')`);
      } else if (isInteger(tb) && isInteger(fb) && tb.size === fb.size && tb.kind !== 'enum' && fb.kind !== 'enum' &&
                 (tb.unsigned !== fb.unsigned || !!tb.plainChar !== !!fb.plainChar)) {
        // gcc's -Wpointer-sign (in -Wall): char, signed char and unsigned char are three types
        const f = typeName(from.kind === 'array' ? pointerTo(from.base!) : from);
        const t = typeName(to);
        p.warn(tok, what === 'initialization' ? `pointer targets in initialization of '${t}' from '${f}' differ in signedness`
          : what === 'assignment' ? `pointer targets in assignment from '${f}' to '${t}' differ in signedness`
          : 'pointer targets differ in signedness');
      }
    } else if (isStructLike(from) || isFlonum(from)) {
      p.errorAt(tok, `incompatible types when ${what === 'assignment' ? 'assigning to' : 'initializing'} type '${typeName(to)}' using type '${typeName(from)}'`);
    }
  } else if (isInteger(to) && (isPointerLike(from) || from.kind === 'func')) {
    if (to.kind !== 'bool') p.warn(tok, `${what === 'assignment' ? 'assignment to' : 'initialization of'} '${typeName(to)}' from '${typeName(from.kind === 'array' ? pointerTo(from.base!) : from)}' makes integer from pointer without a cast`);
  } else if (isNumeric(to) && isStructLike(from)) {
    p.errorAt(tok, `incompatible types when ${what === 'assignment' ? 'assigning to' : 'initializing'} type '${typeName(to)}' using type '${typeName(from)}'`);
  } else if (isFlonum(to) && isPointerLike(from)) {
    p.errorAt(tok, `incompatible types when ${what === 'assignment' ? 'assigning to' : 'initializing'} type '${typeName(to)}' using type '${typeName(from)}'`);
  }
}

function isNullConstant(n: Node): boolean {
  return n.kind === 'cast' && n.lhs!.kind === 'num' && n.lhs!.val === 0n;
}

