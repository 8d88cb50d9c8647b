// A fast path for the instruction forms compiler output is made of (`lw a0, -20(s0)`,
// `addw a0, a0, a1`, `li a1, 3`, `bge a0, a1, .L1`, `call printf`): operands scanned by
// character code and encoded at once, with no operand objects, expression trees or BigInts.
// It accepts only operands in one exact spelling (registers by name, plain decimal immediates
// in range, plain symbol names as branch targets) and returns false for anything else,
// before emitting anything, so the general path (operands.ts, instructions.ts, pseudo.ts)
// handles every other form and reports every error. What it emits is what the general path
// emits for the same statement: the same words, and the same fixups for symbol targets.

import { bType, iType, rType, sType, uType } from './encode';
import type { Emitter } from './emitter';
import type { Immediate } from './operands';
import { loadConstant } from './pseudo';
import { gprNumber } from './registers';

/** The scanner's state: the operand text and its column in the line, the position in it. */
interface Scan {
  readonly text: string;
  readonly column: number;
  pos: number;
}

const isSymStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46 || c === 36;
const isSymChar = (c: number): boolean => isSymStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number): boolean => c === 32 || c === 9;

/** A register name at the cursor (followed by a blank, ',', ')' or the end), or -1. */
function reg(s: Scan): number {
  const start = s.pos;
  let p = start;
  while (p < s.text.length && isSymChar(s.text.charCodeAt(p))) p++;
  if (p === start) return -1;
  const r = gprNumber(s.text.slice(start, p));
  if (r === undefined) return -1;
  s.pos = p;
  return r;
}

/** `, ` between operands (blanks around the comma allowed). */
function comma(s: Scan): boolean {
  let p = s.pos;
  while (p < s.text.length && isBlank(s.text.charCodeAt(p))) p++;
  if (s.text.charCodeAt(p) !== 44) return false;
  p++;
  while (p < s.text.length && isBlank(s.text.charCodeAt(p))) p++;
  s.pos = p;
  return true;
}

/** A decimal integer of at most 15 digits, optionally negative, with no leading zero; NaN if none. */
function decimal(s: Scan): number {
  let p = s.pos;
  const negative = s.text.charCodeAt(p) === 45;
  if (negative) p++;
  const start = p;
  while (p < s.text.length) {
    const c = s.text.charCodeAt(p);
    if (c < 48 || c > 57) break;
    p++;
  }
  const digits = p - start;
  // Leading zeros mean octal to GNU as; a letter after the digits is a local label (1f) or junk.
  if (digits === 0 || digits > 15 || (digits > 1 && s.text.charCodeAt(start) === 48)) return NaN;
  if (p < s.text.length && isSymChar(s.text.charCodeAt(p))) return NaN;
  const v = Number(s.text.slice(start, p));
  s.pos = p;
  return negative ? -v : v;
}

/** A plain symbol name (not a number, not '.') as the immediate of a fixup; undefined if none. */
function symbol(s: Scan): Immediate | undefined {
  const start = s.pos;
  if (start >= s.text.length || !isSymStart(s.text.charCodeAt(start))) return undefined;
  let p = start + 1;
  while (p < s.text.length && isSymChar(s.text.charCodeAt(p))) p++;
  if (p === start + 1 && s.text.charCodeAt(start) === 46) return undefined; // '.' is the location counter
  s.pos = p;
  return { mod: '', expr: { k: 'sym', name: s.text.slice(start, p) }, column: s.column + start };
}

const atEnd = (s: Scan): boolean => s.pos === s.text.length;
const fits12 = (v: number): boolean => v >= -2048 && v <= 2047;

/** `rd, rs1, rs2` -> the three registers, or undefined. */
function threeRegs(s: Scan): [number, number, number] | undefined {
  const a = reg(s);
  if (a < 0 || !comma(s)) return undefined;
  const b = reg(s);
  if (b < 0 || !comma(s)) return undefined;
  const c = reg(s);
  if (c < 0 || !atEnd(s)) return undefined;
  return [a, b, c];
}

/** `r, imm(base)` -> [r, imm, base] with imm in -2048..2047, or undefined. */
function regMemory(s: Scan): [number, number, number] | undefined {
  const r = reg(s);
  if (r < 0 || !comma(s)) return undefined;
  const imm = decimal(s);
  if (!fits12(imm) || s.text.charCodeAt(s.pos) !== 40) return undefined;
  s.pos++;
  const base = reg(s);
  if (base < 0 || s.text.charCodeAt(s.pos) !== 41) return undefined;
  s.pos++;
  return atEnd(s) ? [r, imm, base] : undefined;
}

// One function for every form, driven by a table, rather than a closure per form: V8 optimizes
// a function once it has run enough, so closures for rarer forms (branches, `mv`) became hot
// only in the third 1,000-line build of a process and were compiled there (10-20 ms of it);
// the one dispatcher is hot, and compiled, during the first build.
const enum Kind { RR, RI, Shift, Load, Store, Branch, UnaryI, UnaryR, Ret, Nop, Li, J, Call }

/** Branch operand orders: `a, b, t`; `a, b, t` as (b, a); `a, t` against x0; x0 against `a`. */
const enum Form { RR, Swap, Zero, ZeroSwap }

/** One mnemonic's form and its fixed fields (`x` is f7, a shift's maximum, a unary's immediate or a branch's Form). */
class Fast {
  constructor(
    readonly kind: Kind,
    readonly opcode: number,
    readonly f3: number,
    readonly x: number,
  ) {}
}

function run(e: Emitter, f: Fast, s: Scan): boolean {
  switch (f.kind) {
    case Kind.RR: {
      const r = threeRegs(s);
      if (r === undefined) return false;
      e.emit(rType(f.opcode, f.f3, f.x, r[0], r[1], r[2]));
      return true;
    }
    case Kind.RI:
    case Kind.Shift: {
      const rd = reg(s);
      if (rd < 0 || !comma(s)) return false;
      const rs = reg(s);
      if (rs < 0 || !comma(s)) return false;
      const imm = decimal(s);
      if (f.kind === Kind.RI) {
        if (!fits12(imm) || !atEnd(s)) return false;
        e.emit(iType(f.opcode, f.f3, rd, rs, imm));
      } else {
        if (!(imm >= 0 && imm <= 63) || (f.opcode === 0x1b && imm > 31) || !atEnd(s)) return false;
        e.emit(rType(f.opcode, f.f3, f.x, rd, rs, 0) | (imm << 20));
      }
      return true;
    }
    case Kind.Load:
    case Kind.Store: {
      const m = regMemory(s);
      if (m === undefined) return false;
      e.emit(f.kind === Kind.Load ? iType(0x03, f.f3, m[0], m[2], m[1]) : sType(0x23, f.f3, m[2], m[0], m[1]));
      return true;
    }
    case Kind.Branch: {
      // The same B fixup as emitBranch.
      const a = reg(s);
      if (a < 0 || !comma(s)) return false;
      let b = 0;
      if (f.x === Form.RR || f.x === Form.Swap) {
        b = reg(s);
        if (b < 0 || !comma(s)) return false;
      }
      const target = symbol(s);
      if (target === undefined || !atEnd(s)) return false;
      const rs1 = f.x === Form.RR ? a : f.x === Form.Swap ? b : f.x === Form.Zero ? a : 0;
      const rs2 = f.x === Form.RR ? b : f.x === Form.Swap ? a : f.x === Form.Zero ? 0 : a;
      e.emit(bType(0x63, f.f3, rs1, rs2), { field: 'B', imm: target });
      return true;
    }
    case Kind.UnaryI:
    case Kind.UnaryR: {
      // (`rd, rs` scanned here, not by a helper: a helper called from here was not inlined, and
      // V8 compiled it on its own in the third build)
      const rd = reg(s);
      if (rd < 0 || !comma(s)) return false;
      const rs = reg(s);
      if (rs < 0 || !atEnd(s)) return false;
      // `rd, rs` as an I-type with a fixed immediate, or as an R-type with x0 as rs1.
      e.emit(f.kind === Kind.UnaryI ? iType(f.opcode, f.f3, rd, rs, f.x) : rType(f.opcode, f.f3, f.x, rd, 0, rs));
      return true;
    }
    case Kind.Ret:
    case Kind.Nop:
      if (!atEnd(s)) return false;
      e.emit(f.kind === Kind.Ret ? iType(0x67, 0, 0, 1, 0) : 0x13);
      return true;
    case Kind.Li: {
      const rd = reg(s);
      if (rd < 0 || !comma(s)) return false;
      const valueAt = s.pos;
      const v = decimal(s);
      if (Number.isNaN(v) || !atEnd(s)) return false;
      if (fits12(v)) e.emit(iType(0x13, 0, rd, 0, v));
      else loadConstant(e, rd, BigInt(v), s.column + valueAt);
      return true;
    }
    case Kind.J:
    case Kind.Call: {
      const target = symbol(s);
      if (target === undefined || !atEnd(s)) return false;
      if (f.kind === Kind.J) e.emit(uType(0x6f, 0, 0), { field: 'J', imm: target });
      else {
        e.emit(uType(0x17, 1, 0), { field: 'CALL', imm: target });
        e.emit(iType(0x67, 0, 1, 1, 0));
      }
      return true;
    }
  }
}

const FAST = new Map<string, Fast>();
const add = (n: string, kind: Kind, opcode = 0, f3 = 0, x = 0): void => void FAST.set(n, new Fast(kind, opcode, f3, x));
// Register-register (the immediate forms of add/sll/... go to the general path).
([
  ['add', 0x33, 0, 0], ['sub', 0x33, 0, 0x20], ['sll', 0x33, 1, 0], ['slt', 0x33, 2, 0], ['sltu', 0x33, 3, 0],
  ['xor', 0x33, 4, 0], ['srl', 0x33, 5, 0], ['sra', 0x33, 5, 0x20], ['or', 0x33, 6, 0], ['and', 0x33, 7, 0],
  ['mul', 0x33, 0, 1], ['mulh', 0x33, 1, 1], ['mulhsu', 0x33, 2, 1], ['mulhu', 0x33, 3, 1], ['div', 0x33, 4, 1],
  ['divu', 0x33, 5, 1], ['rem', 0x33, 6, 1], ['remu', 0x33, 7, 1],
  ['addw', 0x3b, 0, 0], ['subw', 0x3b, 0, 0x20], ['sllw', 0x3b, 1, 0], ['srlw', 0x3b, 5, 0], ['sraw', 0x3b, 5, 0x20],
  ['mulw', 0x3b, 0, 1], ['divw', 0x3b, 4, 1], ['divuw', 0x3b, 5, 1], ['remw', 0x3b, 6, 1], ['remuw', 0x3b, 7, 1],
] as const).forEach(([n, opcode, f3, f7]) => add(n, Kind.RR, opcode, f3, f7));
([['addi', 0], ['slti', 2], ['sltiu', 3], ['xori', 4], ['ori', 6], ['andi', 7]] as const).forEach(([n, f3]) => add(n, Kind.RI, 0x13, f3));
add('addiw', Kind.RI, 0x1b, 0);
// Shifts: 0x13 takes 0..63, 0x1b (the W forms) 0..31.
add('slli', Kind.Shift, 0x13, 1, 0);
add('srli', Kind.Shift, 0x13, 5, 0);
add('srai', Kind.Shift, 0x13, 5, 0x20);
add('slliw', Kind.Shift, 0x1b, 1, 0);
add('srliw', Kind.Shift, 0x1b, 5, 0);
add('sraiw', Kind.Shift, 0x1b, 5, 0x20);
([['lb', 0], ['lh', 1], ['lw', 2], ['ld', 3], ['lbu', 4], ['lhu', 5], ['lwu', 6]] as const).forEach(([n, f3]) => add(n, Kind.Load, 0, f3));
([['sb', 0], ['sh', 1], ['sw', 2], ['sd', 3]] as const).forEach(([n, f3]) => add(n, Kind.Store, 0, f3));
([['beq', 0], ['bne', 1], ['blt', 4], ['bge', 5], ['bltu', 6], ['bgeu', 7]] as const).forEach(([n, f3]) => add(n, Kind.Branch, 0, f3, Form.RR));
([['bgt', 4], ['ble', 5], ['bgtu', 6], ['bleu', 7]] as const).forEach(([n, f3]) => add(n, Kind.Branch, 0, f3, Form.Swap));
([['beqz', 0], ['bnez', 1], ['bltz', 4], ['bgez', 5]] as const).forEach(([n, f3]) => add(n, Kind.Branch, 0, f3, Form.Zero));
([['blez', 5], ['bgtz', 4]] as const).forEach(([n, f3]) => add(n, Kind.Branch, 0, f3, Form.ZeroSwap));
add('mv', Kind.UnaryI, 0x13, 0, 0);
add('not', Kind.UnaryI, 0x13, 4, -1);
add('neg', Kind.UnaryR, 0x33, 0, 0x20);
add('negw', Kind.UnaryR, 0x3b, 0, 0x20);
add('sext.w', Kind.UnaryI, 0x1b, 0, 0);
add('seqz', Kind.UnaryI, 0x13, 3, 1);
add('snez', Kind.UnaryR, 0x33, 3, 0);
add('ret', Kind.Ret);
add('nop', Kind.Nop);
add('li', Kind.Li);
add('j', Kind.J);
add('call', Kind.Call);

/**
 * Assembles `op args` when it is one of the common forms above and returns true; returns
 * false, having emitted nothing, for anything else. `column` is the column of `args`.
 */
export function assembleFast(e: Emitter, op: string, args: string, column: number): boolean {
  const f = FAST.get(op);
  if (f === undefined) return false;
  return run(e, f, { text: args, column, pos: 0 });
}
