// Expressions: precedence climbing by one function per C11 level, pointer arithmetic scaling,
// compound assignment and ++/-- rewritten into plain assignments through a temporary pointer,
// function calls with argument conversion, and constant evaluation for array sizes, case labels
// and static initializers.

import type { Node, Obj } from './ast';
import { newNode } from './ast';
import type { Token } from './lexer';
import {
  Parser, addType, checkAssignable, describe, newBinary, newCast, newLong, newNum, newUnary, newVarNode,
} from './parser';
import { findMember, isTypename, typename, stringLiteralObj } from './parse-decl';
import { compoundStmt } from './parse-stmt';
import { localInitializerExpr, globalCompoundLiteral } from './parse-init';
import { checkPrintfCall } from './format-check';
import { evalConst } from './const-eval';
import {
  funcType, isFlonum, isInteger, isNumeric, isPointerLike, isScalar, isStructLike, pointerTo,
  promote, tyDouble, tyInt, tyLong, tyULong, tyVoid, typeName, type Type,
} from './types';

// expr = assign ("," expr)?
export function expr(p: Parser): Node {
  p.enter();
  try {
    const node = assign(p);
    if (p.equal(',')) {
      const tok = p.next();
      return newBinary('comma', node, expr(p), tok);
    }
    return node;
  } finally {
    p.leave();
  }
}

const ASSIGN_OPS: Record<string, Node['kind']> = {
  '+=': 'add', '-=': 'sub', '*=': 'mul', '/=': 'div', '%=': 'mod', '&=': 'bitand', '|=': 'bitor',
  '^=': 'bitxor', '<<=': 'shl', '>>=': 'shr',
};

// assign    = conditional (assign-op assign)?
// assign-op = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>="
export function assign(p: Parser): Node {
  p.enter();
  try {
    const mark = p.pendingReads.length;
    const node = conditional(p);
    if (p.equal('=')) {
      const tok = p.next();
      checkLvalue(p, node, tok);
      let target: Obj | undefined;
      if (node.kind === 'var' && node.obj!.isLocal) {
        target = node.obj;
        dropPendingRead(p, mark, node);
      }
      const rhs = assign(p);
      if (target) target.isInitialized = true;
      // typed now, so its warnings come in source order
      const a = newBinary('assign', node, rhs, tok);
      addType(p, a);
      return a;
    }
    const op = ASSIGN_OPS[p.tok.text];
    if (op && p.tok.kind === 'punct') {
      const tok = p.next();
      checkLvalue(p, node, tok);
      return toAssign(p, op, node, assign(p), tok);
    }
    return node;
  } finally {
    p.leave();
  }
}

function dropPendingRead(p: Parser, mark: number, node: Node): void {
  for (let i = p.pendingReads.length - 1; i >= mark; i--) {
    if (p.pendingReads[i].node === node) p.pendingReads.splice(i, 1);
  }
}

function checkLvalue(p: Parser, node: Node, tok: Token): void {
  addType(p, node);
  const k = node.kind;
  if (k === 'var' || k === 'deref' || k === 'member') {
    if (k === 'var' && node.obj!.isFunction) p.errorAt(tok, 'lvalue required as left operand of assignment');
    return;
  }
  if (k === 'comma' || k === 'stmtExpr') return;
  p.errorAt(tok, 'lvalue required as left operand of assignment');
}

/** `A op= B` as `tmp = &A, *tmp = *tmp op B` so that A is evaluated once. */
export function toAssign(p: Parser, op: Node['kind'], lhs: Node, rhs: Node, tok: Token): Node {
  addType(p, lhs);
  addType(p, rhs);
  const build = (target: () => Node): Node => {
    let value: Node;
    if (op === 'add') value = newAdd(p, target(), rhs, tok);
    else if (op === 'sub') value = newSub(p, target(), rhs, tok);
    else value = newBinary(op, target(), rhs, tok);
    return newBinary('assign', target(), value, tok);
  };
  // bit-field members cannot have their address taken: go through the containing struct
  if (lhs.kind === 'member' && lhs.member!.isBitfield) {
    const base = lhs.lhs!;
    const tmp = p.newLocal('', pointerTo(base.ty!));
    const setTmp = newBinary('assign', newVarNode(tmp, tok), newUnary('addr', base, tok), tok);
    const target = (): Node => {
      const m = newUnary('member', newUnary('deref', newVarNode(tmp, tok), tok), tok);
      m.member = lhs.member;
      return m;
    };
    return newBinary('comma', setTmp, build(target), tok);
  }
  if (lhs.kind === 'var') return build(() => newVarNode(lhs.obj!, lhs.tok));
  const tmp = p.newLocal('', pointerTo(lhs.ty!));
  const setTmp = newBinary('assign', newVarNode(tmp, tok), newUnary('addr', lhs, tok), tok);
  return newBinary('comma', setTmp, build(() => newUnary('deref', newVarNode(tmp, tok), tok)), tok);
}

// conditional = logor ("?" expr? ":" conditional)?
export function conditional(p: Parser): Node {
  const cond = logor(p);
  if (!p.equal('?')) return cond;
  const tok = p.next();
  const node = newNode('cond', tok);
  node.cond = cond;
  if (p.equal(':')) {
    // gcc's `a ?: b`
    node.then = cond;
  } else node.then = expr(p);
  p.skip(':');
  node.els = conditional(p);
  return node;
}

// The binary operators, by C precedence (|| lowest, * / % highest). All are left-associative.
// One loop (precedence climbing) parses them all: each operand used to descend through ten
// functions, one per level, which in V8's first, unoptimized runs was a large part of parsing.
// It combines operands in the same order as that descent did, so the tree and the diagnostics
// are the same.
const BINARY_PRECEDENCE = new Map<string, number>([
  ['||', 1], ['&&', 2], ['|', 3], ['^', 4], ['&', 5], ['==', 6], ['!=', 6],
  ['<', 7], ['<=', 7], ['>', 7], ['>=', 7], ['<<', 8], ['>>', 8], ['+', 9], ['-', 9], ['*', 10], ['/', 10], ['%', 10],
]);
const BINARY_KIND = new Map<string, Node['kind']>([
  ['||', 'logor'], ['&&', 'logand'], ['|', 'bitor'], ['^', 'bitxor'], ['&', 'bitand'], ['==', 'eq'], ['!=', 'ne'],
  ['<<', 'shl'], ['>>', 'shr'], ['*', 'mul'], ['/', 'div'], ['%', 'mod'],
]);

/** Cast expressions joined by binary operators of precedence `minPrecedence` and above. */
function binary(p: Parser, minPrecedence: number): Node {
  let node = cast(p);
  for (;;) {
    const t = p.tok;
    const precedence = t.kind === 'punct' ? BINARY_PRECEDENCE.get(t.text) : undefined;
    if (precedence === undefined || precedence < minPrecedence) return node;
    const tok = p.next();
    node = combine(p, t.text, node, binary(p, precedence + 1), tok);
  }
}

// logor = the binary operators of every precedence
function logor(p: Parser): Node {
  return binary(p, 1);
}

/** The node for `lhs op rhs`, with C's pointer arithmetic for + and -. */
function combine(p: Parser, op: string, lhs: Node, rhs: Node, tok: Token): Node {
  switch (op) {
    case '+':
      return newAdd(p, lhs, rhs, tok);
    case '-':
      return newSub(p, lhs, rhs, tok);
    case '<':
      return newBinary('lt', lhs, rhs, tok);
    case '<=':
      return newBinary('le', lhs, rhs, tok);
    case '>':
      return newBinary('lt', rhs, lhs, tok);
    case '>=':
      return newBinary('le', rhs, lhs, tok);
    case '*':
    case '/':
    case '%': {
      addType(p, rhs);
      if (op !== '*' && rhs.kind === 'num' && rhs.val === 0n && isInteger(rhs.ty!)) p.warn(tok, 'division by zero');
      return newBinary(BINARY_KIND.get(op)!, lhs, rhs, tok);
    }
    default:
      return newBinary(BINARY_KIND.get(op)!, lhs, rhs, tok);
  }
}

/** `+` with C's pointer arithmetic: pointer + n advances n elements. */
export function newAdd(p: Parser, lhs: Node, rhs: Node, tok: Token): Node {
  addType(p, lhs);
  addType(p, rhs);
  const lt = lhs.ty!;
  const rt = rhs.ty!;
  if (isNumeric(lt) && isNumeric(rt)) return newBinary('add', lhs, rhs, tok);
  if (isPointerLike(lt) && isPointerLike(rt)) p.error(tok, `invalid operands to binary + (have '${typeName(lt)}' and '${typeName(rt)}')`);
  if (!isPointerLike(lt) && isPointerLike(rt)) return newAdd(p, rhs, lhs, tok);
  if (!isPointerLike(lt) || !isInteger(rt)) p.error(tok, `invalid operands to binary + (have '${typeName(lt)}' and '${typeName(rt)}')`);
  const scaled = newBinary('mul', newCast(p, rhs, tyLong), newLong(BigInt(elemSize(p, lt, tok)), tok), tok);
  const n = newBinary('add', lhs, scaled, tok);
  n.ty = lt.kind === 'array' ? pointerTo(lt.base!) : lt;
  addType(p, scaled);
  return n;
}

function elemSize(p: Parser, ptr: Type, tok: Token): number {
  const b = ptr.base!;
  if (b.kind === 'void' || b.kind === 'func') return 1; // gcc extension: void* arithmetic
  if ((b.kind === 'struct' || b.kind === 'union') && !b.members) p.errorAt(tok, `invalid use of undefined type '${typeName(b)}'`);
  return b.size;
}

/** `-` with pointer arithmetic: pointer - n, and pointer - pointer = element count (long). */
export function newSub(p: Parser, lhs: Node, rhs: Node, tok: Token): Node {
  addType(p, lhs);
  addType(p, rhs);
  const lt = lhs.ty!;
  const rt = rhs.ty!;
  if (isNumeric(lt) && isNumeric(rt)) return newBinary('sub', lhs, rhs, tok);
  if (isPointerLike(lt) && isInteger(rt)) {
    const scaled = newBinary('mul', newCast(p, rhs, tyLong), newLong(BigInt(elemSize(p, lt, tok)), tok), tok);
    addType(p, scaled);
    const n = newBinary('sub', lhs, scaled, tok);
    n.ty = lt.kind === 'array' ? pointerTo(lt.base!) : lt;
    return n;
  }
  if (isPointerLike(lt) && isPointerLike(rt)) {
    const diff = newBinary('sub', lhs, rhs, tok);
    diff.ty = tyLong;
    const n = newBinary('div', diff, newLong(BigInt(elemSize(p, lt, tok) || 1), tok), tok);
    n.ty = tyLong;
    diff.lhs = newCast(p, lhs, tyLong);
    diff.rhs = newCast(p, rhs, tyLong);
    return n;
  }
  p.error(tok, `invalid operands to binary - (have '${typeName(lt)}' and '${typeName(rt)}')`);
}

// cast = "(" type-name ")" cast | unary
export function cast(p: Parser): Node {
  if (p.equal('(') && isTypename(p, p.peek())) {
    const start = p.pos;
    const tok = p.next();
    const ty = typename(p);
    p.skip(')');
    if (p.equal('{')) {
      p.pos = start;
      return unary(p);
    }
    p.enter();
    try {
      const operand = cast(p);
      addType(p, operand);
      if (ty.kind !== 'void' && (!isScalar(ty) || (!isScalar(operand.ty!) && !isPointerLike(operand.ty!) && operand.ty!.kind !== 'func'))) {
        if (!(isStructLike(ty) && isStructLike(operand.ty!) && ty === operand.ty)) p.errorAt(tok, `conversion to non-scalar type requested`);
      } else if (ty.kind === 'ptr' && isFlonum(operand.ty!)) {
        p.errorAt(tok, `pointer value used where a floating-point was expected`);
      } else if (isFlonum(ty) && operand.ty!.kind === 'ptr') {
        p.errorAt(tok, `pointer value used where a floating-point was expected`);
      }
      const n = newCast(p, operand, ty);
      n.tok = tok;
      return n;
    } finally {
      p.leave();
    }
  }
  return unary(p);
}

// unary = ("+" | "-" | "*" | "&" | "!" | "~") cast
//       | ("++" | "--") unary
//       | "&&" ident
//       | postfix
function unary(p: Parser): Node {
  p.enter();
  try {
    const t = p.tok.text;
    if (p.tok.kind === 'punct') {
      if (t === '+') {
        p.next();
        const n = cast(p);
        addType(p, n);
        if (!isNumeric(n.ty!)) p.errorAt(p.tok, 'wrong type argument to unary plus');
        return isInteger(n.ty!) ? newCast(p, n, promote(n.ty!)) : n;
      }
      if (t === '-') {
        const tok = p.next();
        return newUnary('neg', cast(p), tok);
      }
      if (t === '&') {
        const tok = p.next();
        const mark = p.pendingReads.length;
        const operand = cast(p);
        addType(p, operand);
        if (operand.kind === 'var' && operand.obj!.isLocal) {
          dropPendingRead(p, mark, operand);
          operand.obj!.isInitialized = true;
        }
        if (operand.kind === 'member' && operand.member!.isBitfield) p.errorAt(tok, "cannot take address of bit-field");
        else if (!['var', 'deref', 'member', 'comma', 'stmtExpr'].includes(operand.kind)) {
          p.errorAt(tok, 'lvalue required as unary \'&\' operand');
        }
        return newUnary('addr', operand, tok);
      }
      if (t === '*') {
        const tok = p.next();
        const operand = cast(p);
        addType(p, operand);
        // `*f` for a function designator is the function itself
        if (operand.ty!.kind === 'func') return operand;
        return newUnary('deref', operand, tok);
      }
      if (t === '!') {
        const tok = p.next();
        const operand = cast(p);
        addType(p, operand);
        if (!isScalar(operand.ty!) && !isPointerLike(operand.ty!)) p.errorAt(tok, 'wrong type argument to unary exclamation mark');
        return newUnary('not', operand, tok);
      }
      if (t === '~') {
        const tok = p.next();
        return newUnary('bitnot', cast(p), tok);
      }
      if (t === '++' || t === '--') {
        const tok = p.next();
        const operand = unary(p);
        checkLvalue(p, operand, tok);
        return toAssign(p, t === '++' ? 'add' : 'sub', operand, newNum(1n, tok), tok);
      }
    }
    return postfix(p);
  } finally {
    p.leave();
  }
}

/** `a++` as `(typeof a)((a += 1) - 1)`. */
function newIncDec(p: Parser, node: Node, tok: Token, delta: 1n | -1n): Node {
  addType(p, node);
  checkLvalue(p, node, tok);
  const one = newNum(1n, tok);
  const step = toAssign(p, delta === 1n ? 'add' : 'sub', node, one, tok);
  const back = delta === 1n ? newSub(p, step, newNum(1n, tok), tok) : newAdd(p, step, newNum(1n, tok), tok);
  return newCast(p, back, node.ty!);
}

// postfix = "(" type-name ")" "{" initializer-list "}"
//         | primary ("[" expr "]" | "." ident | "->" ident | "++" | "--" | "(" func-args ")")*
function postfix(p: Parser): Node {
  if (p.equal('(') && isTypename(p, p.peek())) {
    // compound literal
    const tok = p.next();
    const ty = typename(p);
    p.skip(')');
    if (!p.equal('{')) p.error(p.tok, `expected '{' before ${describe(p.tok)}`);
    if (!p.fn) return newVarNode(globalCompoundLiteral(p, ty), tok);
    const obj = p.newLocal('', ty, tok);
    obj.isInitialized = true;
    const init = localInitializerExpr(p, obj, tok);
    const n = newBinary('comma', init, newVarNode(obj, tok), tok);
    return postfixTail(p, n);
  }
  return postfixTail(p, primary(p));
}

function postfixTail(p: Parser, start: Node): Node {
  let node = start;
  for (;;) {
    if (p.tok.kind !== 'punct') return node;
    const t = p.tok.text;
    if (t === '(') {
      node = funcall(p, node);
      continue;
    }
    if (t === '[') {
      const tok = p.next();
      const idx = expr(p);
      p.skip(']');
      addType(p, node);
      addType(p, idx);
      if (!isPointerLike(node.ty!) && !isPointerLike(idx.ty!)) p.error(tok, 'subscripted value is neither array nor pointer nor vector');
      if (isPointerLike(node.ty!) && !isInteger(idx.ty!)) p.error(tok, 'array subscript is not an integer');
      node = newUnary('deref', newAdd(p, node, idx, tok), tok);
      continue;
    }
    if (t === '.') {
      const tok = p.next();
      node = structRef(p, node, tok);
      continue;
    }
    if (t === '->') {
      const tok = p.next();
      addType(p, node);
      if (node.ty!.kind !== 'ptr' && node.ty!.kind !== 'array') p.error(tok, `invalid type argument of '->' (have '${typeName(node.ty!)}')`);
      node = structRef(p, newUnary('deref', node, tok), tok);
      continue;
    }
    if (t === '++' || t === '--') {
      const tok = p.next();
      node = newIncDec(p, node, tok, t === '++' ? 1n : -1n);
      continue;
    }
    return node;
  }
}

function structRef(p: Parser, node: Node, tok: Token): Node {
  addType(p, node);
  const ty = node.ty!;
  if (ty.kind !== 'struct' && ty.kind !== 'union') {
    p.error(tok, `request for member '${p.tok.text}' in something not a structure or union`);
  }
  if (p.tok.kind !== 'ident') p.error(p.tok, `expected identifier before ${describe(p.tok)}`);
  const name = p.next();
  if (!ty.members) p.error(name, `invalid use of undefined type '${typeName(ty)}'`);
  const path = findMember(ty, name.text);
  if (!path) p.error(name, `'${typeName(ty)}' has no member named '${name.text}'`);
  let n = node;
  for (const m of path) {
    const mn = newUnary('member', n, name);
    mn.member = m;
    n = mn;
  }
  if (ty.isConst) {
    addType(p, n);
    n.ty = { ...n.ty!, isConst: true };
  }
  return n;
}

// func-args = "(" (assign ("," assign)*)? ")"
function funcall(p: Parser, fnNode: Node): Node {
  const tok = p.skip('(');
  addType(p, fnNode);
  const fty = fnNode.ty!.kind === 'func' ? fnNode.ty! : fnNode.ty!.kind === 'ptr' && fnNode.ty!.base!.kind === 'func' ? fnNode.ty!.base! : undefined;
  if (!fty) p.error(fnNode.tok, fnNode.kind === 'var' ? `called object '${fnNode.obj!.name}' is not a function or function pointer` : 'called object is not a function or function pointer');
  const name = fnNode.kind === 'var' ? fnNode.obj!.name : 'function';
  if (fnNode.kind === 'var') fnNode.obj!.isUsed = true;
  const args: Node[] = [];
  const rawArgs: Node[] = [];
  const params = fty.params!;
  while (!p.equal(')')) {
    if (args.length) p.skip(',');
    const argTok = p.tok;
    let arg = assign(p);
    addType(p, arg);
    rawArgs.push(arg);
    const i = args.length;
    if (i < params.length && !fty.oldStyle) {
      const pty = params[i];
      if (isStructLike(pty)) {
        if (!isStructLike(arg.ty!) || arg.ty!.origin !== pty.origin && arg.ty! !== pty && (arg.ty!.origin ?? arg.ty!) !== (pty.origin ?? pty)) {
          p.errorAt(argTok, `incompatible type for argument ${i + 1} of '${name}'`);
        }
      } else {
        if (isStructLike(arg.ty!)) p.errorAt(argTok, `incompatible type for argument ${i + 1} of '${name}'`);
        else checkArgPointer(p, pty, arg, argTok, i, name);
        arg = newCast(p, arg, pty);
      }
    } else if (i >= params.length && !fty.isVariadic && !fty.oldStyle) {
      // reported below once
    } else if (isFlonum(arg.ty!)) {
      arg = newCast(p, arg, tyDouble);
    } else if (isInteger(arg.ty!)) {
      arg = newCast(p, arg, promote(arg.ty!));
    } else if (arg.ty!.kind === 'array') {
      arg = newCast(p, arg, pointerTo(arg.ty!.base!));
    }
    if (isStructLike(arg.ty!) && arg.ty!.size > 16 && p.fn) {
      // large aggregates are passed by reference to a caller-owned copy (psABI)
      const tmp = p.newLocal('', arg.ty!);
      tmp.isInitialized = true;
      const copy = newBinary('assign', newVarNode(tmp, argTok), arg, argTok);
      arg = newBinary('comma', copy, newUnary('addr', newVarNode(tmp, argTok), argTok), argTok);
    }
    addType(p, arg);
    args.push(arg);
    if (args.length > 127) p.error(argTok, 'too many arguments');
  }
  p.skip(')');
  if (!fty.oldStyle) {
    if (args.length < params.length) p.errorAt(fnNode.tok, `too few arguments to function '${name}'`);
    else if (args.length > params.length && !fty.isVariadic) p.errorAt(fnNode.tok, `too many arguments to function '${name}'`);
  }
  if (fnNode.kind === 'var') checkPrintfCall(p, name, rawArgs, fnNode.tok);
  const node = newNode('funcall', tok);
  node.lhs = fnNode;
  node.funcTy = fty;
  node.ty = fty.returnTy;
  node.args = args;
  node.tok = fnNode.tok;
  if (isStructLike(fty.returnTy!) && p.fn) {
    node.retBuffer = p.newLocal('', fty.returnTy!);
    node.retBuffer.isInitialized = true;
  }
  return node;
}

function checkArgPointer(p: Parser, pty: Type, arg: Node, tok: Token, i: number, name: string): void {
  const before = p.diagnostics.length;
  checkAssignable(p, pty, arg, tok, 'argument');
  // gcc words argument mismatches differently; rewrite our generic text
  for (let k = before; k < p.diagnostics.length; k++) {
    const d = p.diagnostics[k];
    if (d.message === 'pointer targets differ in signedness') {
      p.diagnostics[k] = { ...d, message: `pointer targets in passing argument ${i + 1} of '${name}' differ in signedness` };
    } else if (d.message.startsWith('incompatible pointer types')) {
      p.diagnostics[k] = { ...d, message: `passing argument ${i + 1} of '${name}' from incompatible pointer type` };
    } else if (d.message.includes('makes pointer from integer')) {
      p.diagnostics[k] = { ...d, message: `passing argument ${i + 1} of '${name}' makes pointer from integer without a cast` };
    } else if (d.message.includes('makes integer from pointer')) {
      p.diagnostics[k] = { ...d, message: `passing argument ${i + 1} of '${name}' makes integer from pointer without a cast` };
    }
  }
}

// primary = "(" "{" stmt+ "}" ")" | "(" expr ")" | "sizeof" "(" type-name ")" | "sizeof" unary
//         | "_Alignof" "(" type-name ")" | "__builtin_va_arg" "(" assign "," type-name ")"
//         | ident | str | num
function primary(p: Parser): Node {
  const tok = p.tok;
  if (p.equal('(') && p.peek().text === '{' && p.peek().kind === 'punct') {
    // gcc statement expression
    p.next();
    if (!p.fn) p.error(tok, 'braced-group within expression allowed only inside a function');
    const lbrace = p.tok;
    const block = compoundStmt(p, lbrace);
    p.skip(')');
    const n = newNode('stmtExpr', tok);
    n.body = block.body;
    return n;
  }
  if (p.consume('(')) {
    const n = expr(p);
    p.skip(')');
    return n;
  }
  if (p.equal('sizeof') || p.equal('_Alignof') || p.equal('__alignof__')) {
    const isSize = tok.text === 'sizeof';
    p.next();
    let ty: Type;
    if (p.equal('(') && isTypename(p, p.peek())) {
      p.next();
      ty = typename(p);
      p.skip(')');
    } else {
      const mark = p.pendingReads.length;
      const n = unary(p);
      addType(p, n);
      p.pendingReads.length = mark;
      if (n.kind === 'member' && n.member!.isBitfield) p.errorAt(tok, "'sizeof' applied to a bit-field");
      ty = n.ty!;
      if (!isSize && n.kind === 'var') return newNum(BigInt(n.obj!.align), tok, tyULong);
      if (isSize && ty.vlaSize) return newVarNode(ty.vlaSize, tok);
    }
    if (ty.kind === 'func') {
      if (isSize) p.warn(tok, "invalid application of 'sizeof' to a function type");
      return newNum(1n, tok, tyULong);
    }
    if (((ty.kind === 'struct' || ty.kind === 'union') && !ty.members) || (ty.kind === 'array' && ty.arrayLen < 0)) {
      p.errorAt(tok, `invalid application of '${tok.text}' to incomplete type '${typeName(ty)}'`);
    }
    if (ty.kind === 'void') return newNum(1n, tok, tyULong);
    return newNum(BigInt(isSize ? ty.size : ty.align), tok, tyULong);
  }
  if (p.equal('__builtin_va_arg')) {
    p.next();
    p.skip('(');
    const ap = assign(p);
    p.skip(',');
    const ty = typename(p);
    p.skip(')');
    const n = newNode('vaArg', tok);
    n.lhs = ap;
    n.argTy = ty;
    const addr = newCast(p, n, pointerTo(ty));
    return newUnary('deref', addr, tok);
  }
  if (p.equal('__builtin_offsetof')) {
    p.next();
    p.skip('(');
    const ty = typename(p);
    p.skip(',');
    let offset = 0;
    let cur = ty;
    for (;;) {
      if (p.tok.kind !== 'ident') p.error(p.tok, 'expected identifier');
      const mtok = p.next();
      const path = cur.members ? findMember(cur, mtok.text) : undefined;
      if (!path) p.error(mtok, `'${typeName(cur)}' has no member named '${mtok.text}'`);
      for (const m of path) offset += m.offset;
      cur = path[path.length - 1].ty;
      while (p.consume('[')) {
        const idx = constExpr(p);
        p.skip(']');
        if (cur.kind !== 'array') p.error(mtok, 'subscripted value is not an array');
        offset += Number(idx) * cur.base!.size;
        cur = cur.base!;
      }
      if (!p.consume('.')) break;
    }
    p.skip(')');
    return newNum(BigInt(offset), tok, tyULong);
  }
  if (tok.kind === 'ident') {
    const builtin = builtinCall(p, tok);
    if (builtin) return builtin;
    p.next();
    const vs = p.findVar(tok.text);
    if (vs?.obj) {
      vs.obj.isReferenced = true;
      const n = newVarNode(vs.obj, tok);
      noteRead(p, vs.obj, n);
      if (vs.obj.isFunction) vs.obj.isUsed = true;
      return n;
    }
    if (vs?.enumTy) return newNum(vs.enumVal!, tok, tyInt);
    if (vs?.typedef) p.error(tok, `expected expression before '${tok.text}'`);
    if (p.equal('(')) {
      // C89 implicit declaration: `int name()`; gcc warns and carries on
      p.warn(tok, `implicit declaration of function '${tok.text}'`);
      const fty = funcType(tyInt);
      fty.oldStyle = true;
      const fn: Obj = { name: tok.text, ty: fty, tok, isLocal: false, offset: 0, align: 1, isFunction: true, isDefinition: false, isStatic: false };
      p.globals.push(fn);
      p.scopes[0].vars.set(tok.text, { obj: fn });
      return newVarNode(fn, tok);
    }
    p.error(tok, `'${tok.text}' undeclared${p.fn ? ' (first use in this function)' : ' here (not in a function)'}`);
  }
  if (tok.kind === 'str') {
    let bytes = p.next().bytes!;
    // adjacent literals concatenate (no spread: a literal can be megabytes long)
    while (p.tok.kind === 'str') bytes = bytes.concat(p.next().bytes!);
    return newVarNode(stringLiteralObj(p, bytes), tok);
  }
  if (tok.kind === 'num') {
    p.next();
    if (tok.fval !== undefined) {
      const n = newNode('num', tok);
      n.fval = tok.fval;
      n.ty = tok.ty;
      return n;
    }
    return newNum(tok.val ?? 0n, tok, tok.ty ?? tyInt);
  }
  if (tok.kind === 'eof') p.error(tok, 'expected expression at end of input');
  p.error(tok, `expected expression before ${describe(tok)}`);
}

/** Records a read of a local that has not been written yet (the uninitialized-use warning). */
function noteRead(p: Parser, obj: Obj, node: Node): void {
  if (!obj.isLocal || obj.isInitialized || obj.warnedUninit || !p.fn) return;
  if (!isScalar(obj.ty) || p.loopDepth > (obj.declLoopDepth ?? 0) || p.labels.length > 0) return;
  p.pendingReads.push({ node, obj });
}

/** Emits the uninitialized-use warnings for reads that turned out not to be assignment targets. */
export function flushPendingReads(p: Parser): void {
  // after an error the initialization may have been lost with the broken statement
  if (p.errorCount > 0) p.pendingReads.length = 0;
  for (const { node, obj } of p.pendingReads) {
    if (obj.isInitialized || obj.warnedUninit) continue;
    obj.warnedUninit = true;
    p.warn(node.tok, `'${obj.name}' is used uninitialized`);
  }
  p.pendingReads.length = 0;
}

/** `node`, parsed after `mark`, is written rather than read (va_start, va_copy destinations). */
function markWritten(p: Parser, mark: number, node: Node): void {
  if (node.kind !== 'var' || !node.obj!.isLocal) return;
  dropPendingRead(p, mark, node);
  node.obj!.isInitialized = true;
}

/** gcc builtins spelled as function calls: va_start/va_end/va_copy, expect, unreachable. */
function builtinCall(p: Parser, tok: Token): Node | undefined {
  const name = tok.text;
  if (!name.startsWith('__builtin_')) return undefined;
  if (name === '__builtin_va_start') {
    p.next();
    p.skip('(');
    const mark = p.pendingReads.length;
    const ap = assign(p);
    markWritten(p, mark, ap);
    if (p.consume(',')) assign(p);
    p.skip(')');
    if (!p.fn || !p.fn.ty.isVariadic) p.errorAt(tok, "'va_start' used in function with fixed arguments");
    const n = newNode('vaStart', tok);
    n.lhs = ap;
    return n;
  }
  if (name === '__builtin_va_end') {
    p.next();
    p.skip('(');
    const ap = assign(p);
    p.skip(')');
    return newCast(p, ap, tyVoid);
  }
  if (name === '__builtin_va_copy') {
    p.next();
    p.skip('(');
    const mark = p.pendingReads.length;
    const dst = assign(p);
    markWritten(p, mark, dst);
    p.skip(',');
    const src = assign(p);
    p.skip(')');
    return newBinary('assign', dst, src, tok);
  }
  if (name === '__builtin_expect') {
    p.next();
    p.skip('(');
    const e = assign(p);
    p.skip(',');
    assign(p);
    p.skip(')');
    return newCast(p, e, tyLong);
  }
  if (name === '__builtin_unreachable' || name === '__builtin_trap') {
    return undefined;
  }
  return undefined;
}

// ---- constant expressions (evaluation in const-eval.ts) ----

// constExpr = conditional, evaluated at compile time
export function constExpr(p: Parser): bigint {
  const tok = p.tok;
  const node = conditional(p);
  addType(p, node);
  return evalConst(p, node, tok);
}

