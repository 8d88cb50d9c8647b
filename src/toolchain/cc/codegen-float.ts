// Soft-float lowering. The target is rv64imac with the lp64 ABI, so float and double values
// live in integer registers as their IEEE-754 bits and every operation is a call to the
// routine the psABI/libgcc names (__adddf3, __ltsf2, __floatdidf, __fixunsdfsi, ...). The
// runtime (resources/user/lib/softfloat.c, part of the user library) provides those routines.

import type { NodeKind } from './ast';
import type { Token } from './lexer';
import { CodegenError } from './codegen';
import type { Type } from './types';

/** Bits of a floating constant as the integer the code loads with `li`. */
export function floatConstBits(v: number, ty: Type): string {
  const view = new DataView(new ArrayBuffer(8));
  if (ty.kind === 'float') {
    view.setFloat32(0, v, true);
    return String(view.getInt32(0, true));
  }
  view.setFloat64(0, v, true);
  return String(view.getBigInt64(0, true));
}

function suffix(ty: Type): 'sf' | 'df' {
  return ty.kind === 'float' ? 'sf' : 'df';
}

/**
 * The helper call for a binary operator on two operands of floating type `ty`, and the
 * instructions that turn a comparison helper's three-way result into C's 0 or 1.
 */
export function floatBinary(kind: NodeKind, ty: Type, tok: Token): { helper: string; post: string[] } {
  const r = floatBinaryInner(kind, ty, tok);
  return typeof r === 'string' ? { helper: r, post: [] } : r;
}

function floatBinaryInner(kind: NodeKind, ty: Type, tok: Token): string | { helper: string; post: string[] } {
  if (ty.kind === 'ldouble') throw new CodegenError(tok, 'long double is not supported');
  const s = suffix(ty);
  switch (kind) {
    case 'add': return `__add${s}3`;
    case 'sub': return `__sub${s}3`;
    case 'mul': return `__mul${s}3`;
    case 'div': return `__div${s}3`;
    // libgcc comparison contract: __eq/__ne return 0 iff equal, __lt < 0 iff a < b,
    // __le <= 0 iff a <= b (NaN operands give the "false" answer for lt/le and "unequal" for eq/ne)
    case 'eq': return { helper: `__eq${s}2`, post: ['seqz a0, a0'] };
    case 'ne': return { helper: `__ne${s}2`, post: ['snez a0, a0'] };
    case 'lt': return { helper: `__lt${s}2`, post: ['slti a0, a0, 0'] };
    case 'le': return { helper: `__le${s}2`, post: ['slti a0, a0, 1'] };
    default: throw new CodegenError(tok, `invalid operands to binary operator on '${ty.kind}'`);
  }
}

/**
 * Instructions converting a0 from `from` to `to` when either is floating. Items starting with
 * "call " are helper calls (the caller keeps the stack aligned), the rest are plain instructions.
 */
export function floatCast(from: Type, to: Type): string[] {
  const fromF = from.kind === 'float' || from.kind === 'double';
  const toF = to.kind === 'float' || to.kind === 'double';
  if (fromF && toF) {
    if (from.kind === to.kind) return [];
    return [from.kind === 'float' ? 'call __extendsfdf2' : 'call __truncdfsf2'];
  }
  if (toF) {
    // integer -> floating
    const s = suffix(to);
    const size = from.kind === 'ptr' || from.kind === 'array' ? 8 : from.size;
    if (size === 8) return [from.unsigned ? `call __floatundi${s}` : `call __floatdi${s}`];
    if (size === 4 && from.unsigned) return [`call __floatunsi${s}`];
    return [`call __floatsi${s}`];
  }
  // floating -> integer
  const s = suffix(from);
  const steps: string[] = [];
  if (to.size === 8) steps.push(to.unsigned ? `call __fixuns${s}di` : `call __fix${s}di`);
  else if (to.size === 4) steps.push(to.unsigned ? `call __fixuns${s}si` : `call __fix${s}si`);
  else {
    steps.push(`call __fix${s}si`);
    if (to.size === 1) steps.push(...(to.unsigned ? ['andi a0, a0, 255'] : ['slli a0, a0, 56', 'srai a0, a0, 56']));
    else steps.push('slli a0, a0, 48', to.unsigned ? 'srli a0, a0, 48' : 'srai a0, a0, 48');
  }
  return steps;
}
