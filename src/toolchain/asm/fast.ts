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

/** `rd, rs` -> the two registers, or undefined. */
function twoRegs(s: Scan): [number, number] | undefined {
  const a = reg(s);
  if (a < 0 || !comma(s)) return undefined;
  const b = reg(s);
  if (b < 0 || !atEnd(s)) return undefined;
  return [a, b];
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

type Fast = (e: Emitter, s: Scan) => boolean;

const rr = (opcode: number, f3: number, f7: number): Fast => (e, s) => {
  const r = threeRegs(s);
  if (r === undefined) return false;
  e.emit(rType(opcode, f3, f7, r[0], r[1], r[2]));
  return true;
};

const ri = (opcode: number, f3: number): Fast => (e, s) => {
  const rd = reg(s);
  if (rd < 0 || !comma(s)) return false;
  const rs = reg(s);
  if (rs < 0 || !comma(s)) return false;
  const imm = decimal(s);
  if (!fits12(imm) || !atEnd(s)) return false;
  e.emit(iType(opcode, f3, rd, rs, imm));
  return true;
};

const shift = (opcode: number, f3: number, f7: number, max: number): Fast => (e, s) => {
  const rd = reg(s);
  if (rd < 0 || !comma(s)) return false;
  const rs = reg(s);
  if (rs < 0 || !comma(s)) return false;
  const sh = decimal(s);
  if (!(sh >= 0 && sh <= max) || !atEnd(s)) return false;
  e.emit(rType(opcode, f3, f7, rd, rs, 0) | (sh << 20));
  return true;
};

const load = (f3: number): Fast => (e, s) => {
  const m = regMemory(s);
  if (m === undefined) return false;
  e.emit(iType(0x03, f3, m[0], m[2], m[1]));
  return true;
};

const store = (f3: number): Fast => (e, s) => {
  const m = regMemory(s);
  if (m === undefined) return false;
  e.emit(sType(0x23, f3, m[2], m[0], m[1]));
  return true;
};

/** A branch to a symbol: the same B fixup as emitBranch. */
const branch = (f3: number, form: 'rr' | 'swap' | 'zero' | 'zero-swap'): Fast => (e, s) => {
  const a = reg(s);
  if (a < 0 || !comma(s)) return false;
  let b = 0;
  if (form === 'rr' || form === 'swap') {
    b = reg(s);
    if (b < 0 || !comma(s)) return false;
  }
  const target = symbol(s);
  if (target === undefined || !atEnd(s)) return false;
  const [rs1, rs2] = form === 'rr' ? [a, b] : form === 'swap' ? [b, a] : form === 'zero' ? [a, 0] : [0, a];
  e.emit(bType(0x63, f3, rs1, rs2), { field: 'B', imm: target });
  return true;
};

const unary = (build: (rd: number, rs: number) => number): Fast => (e, s) => {
  const r = twoRegs(s);
  if (r === undefined) return false;
  e.emit(build(r[0], r[1]));
  return true;
};

const FAST = new Map<string, Fast>();
// Register-register (the immediate forms of add/sll/... go to the general path).
([
  ['add', 0x33, 0, 0], ['sub', 0x33, 0, 0x20], ['sll', 0x33, 1, 0], ['slt', 0x33, 2, 0], ['sltu', 0x33, 3, 0],
  ['xor', 0x33, 4, 0], ['srl', 0x33, 5, 0], ['sra', 0x33, 5, 0x20], ['or', 0x33, 6, 0], ['and', 0x33, 7, 0],
  ['mul', 0x33, 0, 1], ['mulh', 0x33, 1, 1], ['mulhsu', 0x33, 2, 1], ['mulhu', 0x33, 3, 1], ['div', 0x33, 4, 1],
  ['divu', 0x33, 5, 1], ['rem', 0x33, 6, 1], ['remu', 0x33, 7, 1],
  ['addw', 0x3b, 0, 0], ['subw', 0x3b, 0, 0x20], ['sllw', 0x3b, 1, 0], ['srlw', 0x3b, 5, 0], ['sraw', 0x3b, 5, 0x20],
  ['mulw', 0x3b, 0, 1], ['divw', 0x3b, 4, 1], ['divuw', 0x3b, 5, 1], ['remw', 0x3b, 6, 1], ['remuw', 0x3b, 7, 1],
] as const).forEach(([n, opcode, f3, f7]) => FAST.set(n, rr(opcode, f3, f7)));
([['addi', 0], ['slti', 2], ['sltiu', 3], ['xori', 4], ['ori', 6], ['andi', 7]] as const).forEach(([n, f3]) => FAST.set(n, ri(0x13, f3)));
FAST.set('addiw', ri(0x1b, 0));
FAST.set('slli', shift(0x13, 1, 0, 63));
FAST.set('srli', shift(0x13, 5, 0, 63));
FAST.set('srai', shift(0x13, 5, 0x20, 63));
FAST.set('slliw', shift(0x1b, 1, 0, 31));
FAST.set('srliw', shift(0x1b, 5, 0, 31));
FAST.set('sraiw', shift(0x1b, 5, 0x20, 31));
([['lb', 0], ['lh', 1], ['lw', 2], ['ld', 3], ['lbu', 4], ['lhu', 5], ['lwu', 6]] as const).forEach(([n, f3]) => FAST.set(n, load(f3)));
([['sb', 0], ['sh', 1], ['sw', 2], ['sd', 3]] as const).forEach(([n, f3]) => FAST.set(n, store(f3)));
([['beq', 0], ['bne', 1], ['blt', 4], ['bge', 5], ['bltu', 6], ['bgeu', 7]] as const).forEach(([n, f3]) => FAST.set(n, branch(f3, 'rr')));
([['bgt', 4], ['ble', 5], ['bgtu', 6], ['bleu', 7]] as const).forEach(([n, f3]) => FAST.set(n, branch(f3, 'swap')));
([['beqz', 0], ['bnez', 1], ['bltz', 4], ['bgez', 5]] as const).forEach(([n, f3]) => FAST.set(n, branch(f3, 'zero')));
([['blez', 5], ['bgtz', 4]] as const).forEach(([n, f3]) => FAST.set(n, branch(f3, 'zero-swap')));
FAST.set('mv', unary((rd, rs) => iType(0x13, 0, rd, rs, 0)));
FAST.set('not', unary((rd, rs) => iType(0x13, 4, rd, rs, -1)));
FAST.set('neg', unary((rd, rs) => rType(0x33, 0, 0x20, rd, 0, rs)));
FAST.set('negw', unary((rd, rs) => rType(0x3b, 0, 0x20, rd, 0, rs)));
FAST.set('sext.w', unary((rd, rs) => iType(0x1b, 0, rd, rs, 0)));
FAST.set('seqz', unary((rd, rs) => iType(0x13, 3, rd, rs, 1)));
FAST.set('snez', unary((rd, rs) => rType(0x33, 3, 0, rd, 0, rs)));
FAST.set('ret', (e, s) => {
  if (!atEnd(s)) return false;
  e.emit(iType(0x67, 0, 0, 1, 0));
  return true;
});
FAST.set('nop', (e, s) => {
  if (!atEnd(s)) return false;
  e.emit(0x13);
  return true;
});
FAST.set('li', (e, s) => {
  const rd = reg(s);
  if (rd < 0 || !comma(s)) return false;
  const valueAt = s.pos;
  const v = decimal(s);
  if (Number.isNaN(v) || !atEnd(s)) return false;
  if (fits12(v)) e.emit(iType(0x13, 0, rd, 0, v));
  else loadConstant(e, rd, BigInt(v), s.column + valueAt);
  return true;
});
FAST.set('j', (e, s) => {
  const target = symbol(s);
  if (target === undefined || !atEnd(s)) return false;
  e.emit(uType(0x6f, 0, 0), { field: 'J', imm: target });
  return true;
});
FAST.set('call', (e, s) => {
  const target = symbol(s);
  if (target === undefined || !atEnd(s)) return false;
  e.emit(uType(0x17, 1, 0), { field: 'CALL', imm: target });
  e.emit(iType(0x67, 0, 1, 1, 0));
  return true;
});

/**
 * Assembles `op args` when it is one of the common forms above and returns true; returns
 * false, having emitted nothing, for anything else. `column` is the column of `args`.
 */
export function assembleFast(e: Emitter, op: string, args: string, column: number): boolean {
  const f = FAST.get(op);
  if (f === undefined) return false;
  return f(e, { text: args, column, pos: 0 });
}
