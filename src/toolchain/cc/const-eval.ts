// Compile-time evaluation of constant expressions: integer constant expressions (array sizes,
// case labels, enum values, bit-field widths), address constants for static initializers
// (`&g[2]`, `"str" + 1`, a function's address: a label plus an offset), and floating constants
// for static float/double objects. Integer arithmetic wraps to the width of each node's type.

import type { Node } from './ast';
import type { Token } from './lexer';
import { Parser, ParseAbort, addType } from './parser';
import { isFlonum, isInteger, isPointerLike, type Type } from './types';

/** Evaluates an integer constant expression; reports a clear error when it is not one. */
export function evalConst(p: Parser, node: Node, tok: Token = node.tok): bigint {
  const r = evalConstLabel(p, node);
  if (r === undefined || r.label !== undefined) {
    p.errorAt(tok, 'expression is not an integer constant expression');
    throw new ParseAbort();
  }
  return r.val;
}

export interface ConstValue {
  val: bigint;
  /** Set when the value is the address of a global plus `val`. */
  label?: string;
}

function wrap(v: bigint, ty: Type | undefined): bigint {
  if (!ty) return BigInt.asIntN(64, v);
  if (ty.kind === 'bool') return v !== 0n ? 1n : 0n;
  if (isPointerLike(ty) || ty.kind === 'func') return BigInt.asIntN(64, v);
  const bits = ty.size * 8;
  if (bits > 64 || bits <= 0) return BigInt.asIntN(64, v);
  return ty.unsigned ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
}

/**
 * Evaluates a constant expression that may be the address of a global plus an offset
 * (static initializers). Returns undefined when the expression is not constant.
 */
export function evalConstLabel(p: Parser, node: Node): ConstValue | undefined {
  addType(p, node);
  const ty = node.ty;
  const num = (v: bigint): ConstValue => ({ val: wrap(v, ty) });
  const both = (f: (a: bigint, b: bigint) => bigint): ConstValue | undefined => {
    const a = evalConstLabel(p, node.lhs!);
    const b = evalConstLabel(p, node.rhs!);
    if (!a || !b || a.label || b.label) return undefined;
    return num(f(a.val, b.val));
  };
  const isUnsigned = (n: Node): boolean => !!n.ty && (n.ty.unsigned || isPointerLike(n.ty));
  switch (node.kind) {
    case 'num':
      if (node.fval !== undefined) return num(BigInt(Math.trunc(Number.isFinite(node.fval) ? node.fval : 0)));
      return num(node.val!);
    case 'add': {
      const a = evalConstLabel(p, node.lhs!);
      const b = evalConstLabel(p, node.rhs!);
      if (!a || !b || (a.label && b.label)) return undefined;
      return { val: wrap(a.val + b.val, ty), label: a.label ?? b.label };
    }
    case 'sub': {
      const a = evalConstLabel(p, node.lhs!);
      const b = evalConstLabel(p, node.rhs!);
      if (!a || !b) return undefined;
      if (b.label) return a.label === b.label ? num(a.val - b.val) : undefined;
      return { val: wrap(a.val - b.val, ty), label: a.label };
    }
    case 'mul':
      return both((a, b) => a * b);
    case 'div':
    case 'mod': {
      const a = evalConstLabel(p, node.lhs!);
      const b = evalConstLabel(p, node.rhs!);
      if (!a || !b || a.label || b.label) return undefined;
      if (b.val === 0n) {
        p.errorAt(node.tok, 'division by zero in constant expression');
        return { val: 0n };
      }
      let x = a.val;
      let y = b.val;
      if (isUnsigned(node.lhs!)) {
        x = BigInt.asUintN(node.ty!.size * 8, x);
        y = BigInt.asUintN(node.ty!.size * 8, y);
      }
      return num(node.kind === 'div' ? x / y : x % y);
    }
    case 'neg': {
      const a = evalConstLabel(p, node.lhs!);
      if (!a || a.label) return undefined;
      return num(-a.val);
    }
    case 'bitand':
      return both((a, b) => a & b);
    case 'bitor':
      return both((a, b) => a | b);
    case 'bitxor':
      return both((a, b) => a ^ b);
    case 'shl':
      return both((a, b) => (b >= 0n && b < 64n ? a << b : 0n));
    case 'shr': {
      const a = evalConstLabel(p, node.lhs!);
      const b = evalConstLabel(p, node.rhs!);
      if (!a || !b || a.label || b.label) return undefined;
      const sh = b.val < 0n || b.val > 63n ? 0n : b.val;
      const x = isUnsigned(node.lhs!) ? BigInt.asUintN(node.ty!.size * 8, a.val) : a.val;
      return num(x >> sh);
    }
    case 'eq':
    case 'ne':
    case 'lt':
    case 'le': {
      const a = evalConstLabel(p, node.lhs!);
      const b = evalConstLabel(p, node.rhs!);
      if (!a || !b || a.label || b.label) return undefined;
      let x = a.val;
      let y = b.val;
      if (isUnsigned(node.lhs!)) {
        x = BigInt.asUintN(64, x);
        y = BigInt.asUintN(64, y);
      }
      const r = node.kind === 'eq' ? x === y : node.kind === 'ne' ? x !== y : node.kind === 'lt' ? x < y : x <= y;
      return num(r ? 1n : 0n);
    }
    case 'cond': {
      const c = evalConstLabel(p, node.cond!);
      if (!c || c.label) return undefined;
      return evalConstLabel(p, c.val !== 0n ? node.then! : node.els!);
    }
    case 'comma':
      return evalConstLabel(p, node.rhs!);
    case 'not': {
      const a = evalConstLabel(p, node.lhs!);
      if (!a) return undefined;
      if (a.label) return { val: 0n };
      return num(a.val === 0n ? 1n : 0n);
    }
    case 'bitnot': {
      const a = evalConstLabel(p, node.lhs!);
      if (!a || a.label) return undefined;
      return num(~a.val);
    }
    case 'logand':
    case 'logor': {
      const a = evalConstLabel(p, node.lhs!);
      if (!a || a.label) return undefined;
      if (node.kind === 'logand' && a.val === 0n) return num(0n);
      if (node.kind === 'logor' && a.val !== 0n) return num(1n);
      const b = evalConstLabel(p, node.rhs!);
      if (!b || b.label) return undefined;
      return num(b.val !== 0n ? 1n : 0n);
    }
    case 'cast': {
      const a = evalConstLabel(p, node.lhs!);
      if (!a) return undefined;
      if (a.label) return ty && ty.size === 8 ? a : undefined;
      const from = node.lhs!.ty!;
      if (isFlonum(from) && isInteger(ty!)) {
        const f = node.lhs!.kind === 'num' && node.lhs!.fval !== undefined ? node.lhs!.fval : Number(a.val);
        return num(BigInt(Math.trunc(Number.isFinite(f) ? f : 0)));
      }
      return num(a.val);
    }
    case 'addr':
      return evalAddress(p, node.lhs!);
    case 'var':
      // arrays and functions decay to their address
      if (!node.obj!.isLocal && (node.obj!.ty.kind === 'array' || node.obj!.ty.kind === 'func')) return { val: 0n, label: node.obj!.name };
      return undefined;
    case 'member':
    case 'deref':
      if (node.ty && (node.ty.kind === 'array' || node.ty.kind === 'func')) return evalAddress(p, node);
      return undefined;
    default:
      return undefined;
  }
}

function evalAddress(p: Parser, node: Node): ConstValue | undefined {
  switch (node.kind) {
    case 'var':
      if (node.obj!.isLocal) return undefined;
      return { val: 0n, label: node.obj!.name };
    case 'deref':
      return evalConstLabel(p, node.lhs!);
    case 'member': {
      const base = evalAddress(p, node.lhs!);
      if (!base) return undefined;
      return { val: base.val + BigInt(node.member!.offset), label: base.label };
    }
    case 'comma':
      return evalAddress(p, node.rhs!);
    default:
      return undefined;
  }
}

/** Floating constant folding for static initializers of float/double objects. */
export function evalDouble(p: Parser, node: Node): number | undefined {
  addType(p, node);
  if (isInteger(node.ty!)) {
    const r = evalConstLabel(p, node);
    if (!r || r.label) return undefined;
    return node.ty!.unsigned ? Number(BigInt.asUintN(64, r.val)) : Number(r.val);
  }
  const un = (f: (a: number) => number): number | undefined => {
    const a = evalDouble(p, node.lhs!);
    return a === undefined ? undefined : f(a);
  };
  const bin = (f: (a: number, b: number) => number): number | undefined => {
    const a = evalDouble(p, node.lhs!);
    const b = evalDouble(p, node.rhs!);
    return a === undefined || b === undefined ? undefined : f(a, b);
  };
  const round = (v: number | undefined): number | undefined => (v !== undefined && node.ty!.kind === 'float' ? Math.fround(v) : v);
  switch (node.kind) {
    case 'num':
      return round(node.fval ?? Number(node.val));
    case 'cast':
      return round(evalDouble(p, node.lhs!));
    case 'add': return round(bin((a, b) => a + b));
    case 'sub': return round(bin((a, b) => a - b));
    case 'mul': return round(bin((a, b) => a * b));
    case 'div': return round(bin((a, b) => a / b));
    case 'neg': return un((a) => -a);
    case 'cond': {
      const c = evalConstLabel(p, node.cond!);
      if (!c || c.label) return undefined;
      return evalDouble(p, c.val !== 0n ? node.then! : node.els!);
    }
    default:
      return undefined;
  }
}

