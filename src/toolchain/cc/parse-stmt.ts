// Statements and block-scope declarations. Each statement is a recovery point: after an error
// the parser skips to the next ';' (or the end of the current block) and goes on, which is how one
// build reports several errors. Also here: the fall-through analysis behind
// "control reaches end of non-void function".

import type { Node } from './ast';
import { newNode } from './ast';
import type { Token } from './lexer';
import { ParseAbort, Parser, addType, newCast, newUnary, newVarNode, describe } from './parser';
import { blockExternDecl, declarator, declspec, isTypename, staticAssert, typedefDecl, type VarAttr } from './parse-decl';
import { constExpr, expr, flushPendingReads } from './parse-expr';
import { localInitializerExpr, globalInitializer } from './parse-init';
import { isInteger, isScalar, isPointerLike, isStructLike, isCompatible, typeName, arrayOf, unname, tyULong, tyLong, tyVoid, pointerTo } from './types';

// compound-stmt = (typedef | declaration | stmt)* "}"
export function compoundStmt(p: Parser, lbrace: Token): Node {
  const node = newNode('block', lbrace);
  node.body = [];
  p.skip('{');
  p.pushScope();
  p.enter();
  try {
    while (!p.equal('}')) {
      if (p.tok.kind === 'eof') {
        p.errorAt(p.tok, "expected declaration or statement at end of input");
        throw new ParseAbort();
      }
      const start = p.pos;
      try {
        if (isTypename(p) && p.peek().text !== ':') {
          const attr: VarAttr = { isTypedef: false, isStatic: false, isExtern: false, isInline: false, align: 0 };
          const basety = declspec(p, attr);
          if (attr.isTypedef) {
            typedefDecl(p, basety);
            continue;
          }
          node.body.push(declaration(p, basety, attr));
        } else if (p.equal('_Static_assert')) {
          staticAssert(p);
        } else {
          node.body.push(stmt(p));
        }
        flushPendingReads(p);
      } catch (e) {
        if (!(e instanceof ParseAbort)) throw e;
        p.pendingReads.length = 0;
        recoverInBlock(p, start);
      }
    }
  } finally {
    p.leave();
    p.popScope();
  }
  p.next();
  return node;
}

/** Skips to just after the next ';' at this nesting level, or stops before this block's '}'. */
function recoverInBlock(p: Parser, start: number): void {
  if (p.pos === start && !p.equal('}')) p.next();
  let depth = 0;
  while (p.tok.kind !== 'eof') {
    if (p.equal('{')) depth++;
    else if (p.equal('}')) {
      if (depth === 0) return;
      depth--;
      if (depth === 0) {
        p.next();
        return;
      }
    } else if (p.equal(';') && depth === 0) {
      p.next();
      return;
    }
    p.next();
  }
}

// declaration = declspec (declarator ("=" initializer)? ("," declarator ("=" initializer)?)*)? ";"
function declaration(p: Parser, basety: import('./types').Type, attr: VarAttr): Node {
  const block = newNode('block', p.tok);
  block.body = [];
  let first = true;
  while (!p.equal(';')) {
    if (!first && !p.consume(',')) p.error(p.tok, `expected ',' or ';' before ${describe(p.tok)}`);
    first = false;
    p.allowVla = !attr.isStatic && !attr.isExtern;
    let ty: import('./types').Type;
    try {
      ty = declarator(p, basety);
    } finally {
      p.allowVla = false;
    }
    const name = ty.name;
    if (!name) p.error(p.tok, 'expected identifier');
    if (ty.vlaLen) {
      block.body.push(vlaDeclaration(p, ty, name));
      continue;
    }
    if (ty.kind === 'void') p.error(name, `variable '${name.text}' declared void`);
    if (attr.isExtern || ty.kind === 'func') {
      blockExternDecl(p, ty, attr);
      continue;
    }
    const prev = p.scope.vars.get(name.text);
    if (prev && prev.obj) p.errorAt(name, `redeclaration of '${name.text}' with no linkage`);
    if (attr.isStatic) {
      // a static local is a global with a unique name, visible only in this block
      const obj = p.newAnonGlobal(unname(ty));
      obj.name = `${name.text}.${p.uniqueId++}`;
      obj.tok = name;
      if (attr.align) obj.align = attr.align;
      p.pushVar(name.text).obj = obj;
      if (p.consume('=')) globalInitializer(p, obj);
      if ((isStructLike(obj.ty) && !obj.ty.members) || (obj.ty.kind === 'array' && obj.ty.arrayLen < 0)) {
        p.errorAt(name, `storage size of '${name.text}' isn't known`);
        obj.ty = arrayOf(obj.ty.base ?? obj.ty, 1);
      }
      continue;
    }
    const obj = p.newLocal(name.text, unname(ty), name);
    obj.declLoopDepth = p.loopDepth;
    if (attr.align) obj.align = attr.align;
    if (p.equal('=')) {
      const tok = p.next();
      block.body.push(newUnary('exprStmt', localInitializerExpr(p, obj, tok), name));
      obj.isInitialized = true;
    } else if (!isScalar(obj.ty)) {
      obj.isInitialized = true;
    }
    if (obj.ty.kind === 'array' && obj.ty.arrayLen < 0) p.errorAt(name, `array size missing in '${name.text}'`);
    else if (isStructLike(obj.ty) && !obj.ty.members) p.errorAt(name, `storage size of '${name.text}' isn't known`);
  }
  p.next();
  return block;
}

/** `T a[n];` at block scope: a hidden size and saved-sp slot, and a run-time allocation. */
function vlaDeclaration(p: Parser, ty: import('./types').Type, name: Token): Node {
  if (p.equal('=')) p.error(p.tok, 'variable-sized object may not be initialized');
  const prev = p.scope.vars.get(name.text);
  if (prev && prev.obj) p.errorAt(name, `redeclaration of '${name.text}' with no linkage`);
  const size = p.newLocal('', tyULong);
  size.isInitialized = true;
  const save = p.newLocal('', pointerTo(tyVoid));
  save.isVlaSave = true;
  const vty = { ...unname(ty), vlaSize: size };
  const obj = p.newLocal(name.text, vty, name);
  obj.isVla = true;
  obj.isInitialized = true;
  obj.align = 8;
  const node = newNode('vlaAlloc', name);
  node.obj = obj;
  node.lhs = newCast(p, ty.vlaLen!, tyLong);
  node.rhs = newVarNode(save, name);
  return node;
}

function loopBody(p: Parser, brk: string, cont: string): Node {
  const savedBrk = p.brkLabel;
  const savedCont = p.contLabel;
  p.brkLabel = brk;
  p.contLabel = cont;
  p.loopDepth++;
  try {
    return stmt(p);
  } finally {
    p.loopDepth--;
    p.brkLabel = savedBrk;
    p.contLabel = savedCont;
  }
}

/** Parses a controlling expression and warns like gcc about `if (a = b)`. */
function condition(p: Parser): Node {
  const wrapped = p.equal('(') && p.peek().text === '(';
  const cond = expr(p);
  addType(p, cond);
  if (cond.kind === 'assign' && !wrapped && !isStructLike(cond.ty!)) {
    p.warn(cond.lhs!.tok, 'suggest parentheses around assignment used as truth value');
  }
  if (!isScalar(cond.ty!) && !isPointerLike(cond.ty!) && cond.ty!.kind !== 'func') {
    p.errorAt(cond.tok, 'used struct type value where scalar is required');
  }
  return cond;
}

// stmt = "return" expr? ";"
//      | "if" "(" expr ")" stmt ("else" stmt)?
//      | "switch" "(" expr ")" stmt
//      | "case" const-expr ("..." const-expr)? ":" stmt
//      | "default" ":" stmt
//      | "for" "(" expr-stmt expr? ";" expr? ")" stmt
//      | "while" "(" expr ")" stmt
//      | "do" stmt "while" "(" expr ")" ";"
//      | "goto" ident ";"
//      | "break" ";" | "continue" ";"
//      | ident ":" stmt
//      | "{" compound-stmt
//      | expr-stmt
export function stmt(p: Parser): Node {
  p.enter();
  try {
    return stmtInner(p);
  } finally {
    p.leave();
  }
}

function stmtInner(p: Parser): Node {
  const tok = p.tok;
  if (tok.kind === 'keyword') {
    switch (tok.text) {
      case 'return': {
        p.next();
        const node = newNode('return', tok);
        const retTy = p.fn?.ty.returnTy;
        if (p.consume(';')) {
          if (retTy && retTy.kind !== 'void' && p.fn!.name !== 'main') p.warn(tok, "'return' with no value, in function returning non-void");
          return node;
        }
        const e = expr(p);
        p.skip(';');
        addType(p, e);
        if (retTy) {
          if (retTy.kind === 'void') {
            if (e.ty!.kind !== 'void') p.warn(tok, "'return' with a value, in function returning void");
            node.lhs = e;
          } else if (isStructLike(retTy)) {
            if (!isStructLike(e.ty!) || !isCompatible(e.ty!, retTy)) p.errorAt(e.tok, `incompatible types when returning type '${typeName(e.ty!)}' but '${typeName(retTy)}' was expected`);
            node.lhs = e;
          } else {
            if (e.ty!.kind === 'void') p.errorAt(e.tok, 'void value not ignored as it ought to be');
            else if (isStructLike(e.ty!)) p.errorAt(e.tok, `incompatible types when returning type '${typeName(e.ty!)}' but '${typeName(retTy)}' was expected`);
            else if (retTy.kind === 'ptr' && isInteger(e.ty!) && !(e.kind === 'num' && e.val === 0n)) p.warn(e.tok, `returning '${typeName(e.ty!)}' from a function with return type '${typeName(retTy)}' makes pointer from integer without a cast`);
            else if (isInteger(retTy) && isPointerLike(e.ty!)) p.warn(e.tok, `returning '${typeName(e.ty!)}' from a function with return type '${typeName(retTy)}' makes integer from pointer without a cast`);
            node.lhs = newCast(p, e, retTy);
          }
        }
        return node;
      }
      case 'if': {
        p.next();
        const node = newNode('if', tok);
        p.skip('(');
        node.cond = condition(p);
        p.skip(')');
        node.then = stmt(p);
        if (p.consume('else')) node.els = stmt(p);
        return node;
      }
      case 'switch': {
        p.next();
        const node = newNode('switch', tok);
        p.skip('(');
        node.cond = expr(p);
        p.skip(')');
        addType(p, node.cond);
        if (!isInteger(node.cond.ty!)) p.errorAt(node.cond.tok, 'switch quantity not an integer');
        node.cases = [];
        const savedSwitch = p.currentSwitch;
        const savedBrk = p.brkLabel;
        p.currentSwitch = node;
        node.brkLabel = p.brkLabel = p.newUnique();
        try {
          node.then = stmt(p);
        } finally {
          p.currentSwitch = savedSwitch;
          p.brkLabel = savedBrk;
        }
        return node;
      }
      case 'case': {
        p.next();
        if (!p.currentSwitch) p.errorAt(tok, "case label not within a switch statement");
        const begin = constExpr(p);
        let end = begin;
        if (p.consume('...')) end = constExpr(p);
        p.skip(':');
        const node = newNode('case', tok);
        node.label = p.newUnique();
        node.begin = begin;
        node.end = end;
        const sw = p.currentSwitch;
        if (sw) {
          const condTy = sw.cond!.ty!;
          const norm = (v: bigint): bigint => (condTy.size < 8 ? (condTy.unsigned ? BigInt.asUintN(condTy.size * 8, v) : BigInt.asIntN(condTy.size * 8, v)) : v);
          node.begin = norm(begin);
          node.end = norm(end);
          // single values are checked through a set; ranges (rare) against every case
          const seen = (p.caseValues.get(sw) ?? p.caseValues.set(sw, new Set()).get(sw))!;
          const clash = node.begin === node.end
            ? seen.has(node.begin!) || (sw.hasRanges === true && sw.cases!.some((c) => c.begin !== c.end && c.begin! <= node.begin! && node.begin! <= c.end!))
            : sw.cases!.some((c) => c.begin! <= node.end! && node.begin! <= c.end!);
          if (clash) p.errorAt(tok, 'duplicate case value');
          if (node.begin === node.end) seen.add(node.begin!);
          else sw.hasRanges = true;
          sw.cases!.push(node);
        }
        node.lhs = p.equal('}') ? newNode('nullExpr', tok) : stmt(p);
        return node;
      }
      case 'default': {
        p.next();
        p.skip(':');
        const node = newNode('case', tok);
        node.label = p.newUnique();
        if (!p.currentSwitch) p.errorAt(tok, "'default' label not within a switch statement");
        else if (p.currentSwitch.defaultCase) p.errorAt(tok, "multiple default labels in one switch");
        else p.currentSwitch.defaultCase = node;
        node.lhs = p.equal('}') ? newNode('nullExpr', tok) : stmt(p);
        return node;
      }
      case 'for': {
        p.next();
        const node = newNode('for', tok);
        p.skip('(');
        p.pushScope();
        try {
          if (isTypename(p)) {
            const attr: VarAttr = { isTypedef: false, isStatic: false, isExtern: false, isInline: false, align: 0 };
            const basety = declspec(p, attr);
            node.init = declaration(p, basety, attr);
          } else if (!p.consume(';')) {
            node.init = newUnary('exprStmt', expr(p), tok);
            p.skip(';');
          }
          if (!p.equal(';')) node.cond = condition(p);
          p.skip(';');
          if (!p.equal(')')) node.inc = expr(p);
          p.skip(')');
          node.brkLabel = p.newUnique();
          node.contLabel = p.newUnique();
          node.then = loopBody(p, node.brkLabel, node.contLabel);
        } finally {
          p.popScope();
        }
        return node;
      }
      case 'while': {
        p.next();
        const node = newNode('for', tok);
        p.skip('(');
        node.cond = condition(p);
        p.skip(')');
        node.brkLabel = p.newUnique();
        node.contLabel = p.newUnique();
        node.then = loopBody(p, node.brkLabel, node.contLabel);
        return node;
      }
      case 'do': {
        p.next();
        const node = newNode('do', tok);
        node.brkLabel = p.newUnique();
        node.contLabel = p.newUnique();
        node.then = loopBody(p, node.brkLabel, node.contLabel);
        if (!p.equal('while')) p.error(p.tok, `expected 'while' before ${describe(p.tok)}`);
        p.next();
        p.skip('(');
        node.cond = condition(p);
        p.skip(')');
        p.skip(';');
        return node;
      }
      case 'goto': {
        p.next();
        const node = newNode('goto', tok);
        if (p.tok.kind !== 'ident') p.error(p.tok, `expected identifier before ${describe(p.tok)}`);
        node.label = p.next().text;
        p.gotos.push(node);
        p.skip(';');
        return node;
      }
      case 'break': {
        p.next();
        if (!p.brkLabel) p.errorAt(tok, 'break statement not within loop or switch');
        p.skip(';');
        const node = newNode('break', tok);
        node.uniqueLabel = p.brkLabel;
        return node;
      }
      case 'continue': {
        p.next();
        if (!p.contLabel) p.errorAt(tok, 'continue statement not within a loop');
        p.skip(';');
        const node = newNode('continue', tok);
        node.uniqueLabel = p.contLabel;
        return node;
      }
      default:
        break;
    }
  }
  if (tok.kind === 'ident' && p.peek().text === ':' && p.peek().kind === 'punct') {
    p.next();
    p.next();
    const node = newNode('label', tok);
    node.label = tok.text;
    node.uniqueLabel = p.newUnique();
    p.labels.push(node);
    node.lhs = p.equal('}') ? newNode('nullExpr', tok) : stmt(p);
    return node;
  }
  if (p.equal('{')) return compoundStmt(p, tok);
  return exprStmt(p);
}

// expr-stmt = expr? ";"
function exprStmt(p: Parser): Node {
  const tok = p.tok;
  if (p.consume(';')) {
    const empty = newNode('block', tok);
    empty.body = [];
    return empty;
  }
  const node = newNode('exprStmt', tok);
  node.lhs = expr(p);
  p.skip(';');
  return node;
}

/**
 * Whether control can run off the end of `node`. Conservative towards "yes" only where gcc is:
 * loops without a condition and no break, calls to noreturn functions, returns and gotos end flow.
 */
export function mayFallThrough(node: Node | undefined): boolean {
  if (!node) return true;
  switch (node.kind) {
    case 'return':
    case 'goto':
      return false;
    case 'block': {
      const body = node.body ?? [];
      if (body.length === 0) return true;
      // a label later in the block could be reached by goto; look at the last statement
      return mayFallThrough(body[body.length - 1]);
    }
    case 'if':
      return !node.els || mayFallThrough(node.then) || mayFallThrough(node.els);
    case 'for':
      if (node.cond && !isConstTrue(node.cond)) return true;
      return containsBreak(node.then, node.brkLabel!);
    case 'do':
      if (!isConstTrue(node.cond!)) return mayFallThrough(node.then) || containsBreak(node.then, node.brkLabel!);
      return containsBreak(node.then, node.brkLabel!);
    case 'switch':
      if (!node.defaultCase) return true;
      return containsBreak(node.then, node.brkLabel!) || mayFallThrough(node.then);
    case 'case':
    case 'label':
      return mayFallThrough(node.lhs);
    case 'exprStmt': {
      const e = node.lhs!;
      if (e.kind === 'funcall' && e.lhs!.kind === 'var' && ['exit', 'abort', '_exit', '_Exit', 'panic', '__builtin_unreachable'].includes(e.lhs!.obj!.name)) return false;
      return true;
    }
    default:
      return true;
  }
}

function isConstTrue(n: Node): boolean {
  let e = n;
  while (e.kind === 'cast') e = e.lhs!;
  return e.kind === 'num' && e.val !== undefined && e.val !== 0n;
}

function containsBreak(node: Node | undefined, label: string): boolean {
  if (!node) return false;
  if (node.kind === 'break' && node.uniqueLabel === label) return true;
  if (node.kind === 'goto') return true;
  for (const child of [node.lhs, node.rhs, node.then, node.els, node.init, node.inc, node.cond]) {
    if (child && containsBreak(child, label)) return true;
  }
  if (node.body) for (const b of node.body) if (containsBreak(b, label)) return true;
  return false;
}

