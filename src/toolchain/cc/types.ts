// C types with the RV64 lp64 layout (psABI): char 1 (unsigned), short 2, int 4, long 8,
// pointers 8, float 4, double 8, long double 16. Struct and union layout follows gcc:
// members at their natural alignment, bit-fields packed into units of their declared type.
// Types are plain objects; derived types (pointer, array, function) are built on demand.

import type { Node, Obj } from './ast';
import type { Token } from './lexer';

export type TypeKind =
  | 'void' | 'bool' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double' | 'ldouble'
  | 'enum' | 'ptr' | 'func' | 'array' | 'struct' | 'union';

export interface Member {
  name?: Token;
  ty: Type;
  offset: number;
  /** Bit-field position: bit offset inside the storage unit at `offset`, and its width. */
  isBitfield: boolean;
  bitOffset: number;
  bitWidth: number;
  align: number;
}

export interface Type {
  kind: TypeKind;
  size: number;
  align: number;
  unsigned: boolean;
  /** Pointer target, array element. */
  base?: Type;
  /** Array length; -1 for an incomplete array (`int a[]`). */
  arrayLen: number;
  /** Struct/union members; undefined while the type is incomplete. */
  members?: Member[];
  isFlexible?: boolean;
  /** Function return type, parameters and variadic flag. */
  returnTy?: Type;
  params?: Type[];
  isVariadic?: boolean;
  /** Declared without a prototype: `int f();`. */
  oldStyle?: boolean;
  /** The declared name in a declarator (set by the parser). */
  name?: Token;
  /** Parameter names for function types. */
  paramNames?: (Token | undefined)[];
  isConst?: boolean;
  /** Plain `char` (unsigned on RISC-V, but named differently from `unsigned char`). */
  plainChar?: boolean;
  /** Tag name of a struct/union/enum, for messages. */
  tag?: string;
  /** Variable-length array: the length expression, and the local holding the size in bytes. */
  vlaLen?: Node;
  vlaSize?: Obj;
  /** Same struct/union object as another type (typedef copies share it). */
  origin?: Type;
}

function basic(kind: TypeKind, size: number, unsigned = false): Type {
  return { kind, size, align: size, unsigned, arrayLen: 0 };
}

export const tyVoid = { ...basic('void', 1), size: 1, align: 1 };
export const tyBool = basic('bool', 1, true);
export const tyChar: Type = { ...basic('char', 1, true), plainChar: true };
export const tySChar = basic('char', 1, false);
export const tyShort = basic('short', 2);
export const tyUShort = basic('short', 2, true);
export const tyInt = basic('int', 4);
export const tyUInt = basic('int', 4, true);
export const tyLong = basic('long', 8);
export const tyULong = basic('long', 8, true);
export const tyFloat = basic('float', 4);
export const tyDouble = basic('double', 8);
export const tyLDouble = basic('ldouble', 16);

export function isInteger(t: Type): boolean {
  const k = t.kind;
  return k === 'bool' || k === 'char' || k === 'short' || k === 'int' || k === 'long' || k === 'enum';
}
export function isFlonum(t: Type): boolean {
  return t.kind === 'float' || t.kind === 'double' || t.kind === 'ldouble';
}
export function isNumeric(t: Type): boolean {
  return isInteger(t) || isFlonum(t);
}
export function isScalar(t: Type): boolean {
  return isNumeric(t) || t.kind === 'ptr';
}
export function isPointerLike(t: Type): boolean {
  return t.kind === 'ptr' || t.kind === 'array';
}
export function isStructLike(t: Type): boolean {
  return t.kind === 'struct' || t.kind === 'union';
}

export function copyType(t: Type): Type {
  return { ...t, origin: t.origin ?? t };
}

/**
 * The type to store for a declared object: drops the declarator's name, and for aggregates
 * returns the one shared struct/union object (so completing a struct later is seen everywhere).
 */
export function unname(t: Type): Type {
  if ((t.kind === 'struct' || t.kind === 'union' || t.kind === 'enum') && t.origin && !t.isConst) return t.origin;
  if (t.name === undefined) return t;
  return { ...t, name: undefined };
}

export function pointerTo(base: Type): Type {
  return { kind: 'ptr', size: 8, align: 8, unsigned: true, base, arrayLen: 0 };
}

export function arrayOf(base: Type, len: number): Type {
  return { kind: 'array', size: len < 0 ? 0 : base.size * len, align: base.align, unsigned: false, base, arrayLen: len };
}

export function funcType(returnTy: Type): Type {
  return { kind: 'func', size: 1, align: 1, unsigned: false, returnTy, params: [], arrayLen: 0 };
}

export function enumType(): Type {
  return { kind: 'enum', size: 4, align: 4, unsigned: false, arrayLen: 0 };
}

export function structType(kind: 'struct' | 'union'): Type {
  return { kind, size: 0, align: 1, unsigned: false, arrayLen: 0 };
}

export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Same type for the purpose of redeclaration checks and pointer compatibility warnings. */
export function isCompatible(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.origin) return isCompatible(a.origin, b);
  if (b.origin) return isCompatible(a, b.origin);
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'char':
    case 'short':
    case 'int':
    case 'long':
      return a.unsigned === b.unsigned;
    case 'float':
    case 'double':
    case 'ldouble':
    case 'void':
    case 'bool':
      return true;
    case 'ptr':
      return isCompatible(a.base!, b.base!);
    case 'array':
      if (!isCompatible(a.base!, b.base!)) return false;
      return a.arrayLen < 0 || b.arrayLen < 0 || a.arrayLen === b.arrayLen;
    case 'func': {
      if (!isCompatible(a.returnTy!, b.returnTy!)) return false;
      if (a.oldStyle || b.oldStyle) return true;
      if (a.isVariadic !== b.isVariadic) return false;
      if (a.params!.length !== b.params!.length) return false;
      return a.params!.every((p, i) => isCompatible(p, b.params![i]));
    }
    default:
      return false;
  }
}

/** Type name as gcc prints it in messages ("int", "char *", "struct point"). */
export function typeName(t: Type): string {
  switch (t.kind) {
    case 'void': return 'void';
    case 'bool': return '_Bool';
    case 'char': return t.plainChar ? 'char' : t.unsigned ? 'unsigned char' : 'signed char';
    case 'short': return t.unsigned ? 'short unsigned int' : 'short int';
    case 'int': return t.unsigned ? 'unsigned int' : 'int';
    case 'long': return t.unsigned ? 'long unsigned int' : 'long int';
    case 'float': return 'float';
    case 'double': return 'double';
    case 'ldouble': return 'long double';
    case 'enum': return `enum ${t.tag ?? '<anonymous>'}`;
    case 'struct':
    case 'union': return `${t.kind} ${t.tag ?? '<anonymous>'}`;
    case 'ptr': {
      const b = t.base!;
      if (b.kind === 'func') return `${typeName(b.returnTy!)} (*)(${b.params!.map(typeName).join(', ')}${b.isVariadic ? ', ...' : ''})`;
      const inner = typeName(b);
      return inner.endsWith('*') ? `${inner}*` : `${inner} *`;
    }
    case 'array': return `${typeName(t.base!)}[${t.arrayLen < 0 ? '' : t.arrayLen}]`;
    case 'func': return `${typeName(t.returnTy!)}(${t.params!.map(typeName).join(', ')})`;
  }
}

/** Rank-ordered conversion target for two arithmetic operands (C11 6.3.1.8). */
export function usualArithType(a: Type, b: Type): Type {
  if (a.kind === 'ldouble' || b.kind === 'ldouble') return tyLDouble;
  if (a.kind === 'double' || b.kind === 'double') return tyDouble;
  if (a.kind === 'float' || b.kind === 'float') return tyFloat;
  const pa = promote(a);
  const pb = promote(b);
  if (pa.size !== pb.size) return pa.size > pb.size ? pa : pb;
  // same size: unsigned wins
  return pa.unsigned ? pa : pb;
}

/** Integer promotion: anything narrower than int becomes int. */
export function promote(t: Type): Type {
  if (t.kind === 'enum') return tyInt;
  if (isInteger(t) && t.size < 4) return tyInt;
  if (t.kind === 'int') return t.unsigned ? tyUInt : tyInt;
  if (t.kind === 'long') return t.unsigned ? tyULong : tyLong;
  return t;
}
