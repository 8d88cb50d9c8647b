// The RV64C compressed instructions, accepted when written explicitly as `c.*` mnemonics
// (ForkLab never compresses on its own). Encodings follow the unprivileged spec, chapter
// "C Standard Extension": quadrants 0-2, the CIW/CL/CS/CA/CB/CJ/CR/CI/CSS formats, and the
// scrambled immediate layouts given as [bit positions] in the comments below.

import { AsmError } from './expr';
import { expression, memory, register, type Operand } from './operands';
import type { Emitter } from './emitter';

type Handler = (e: Emitter, ops: Operand[], column: number) => void;

function need(ops: Operand[], n: number, name: string, column: number): void {
  if (ops.length !== n) {
    throw new AsmError(`'${name}' takes ${n} operand${n === 1 ? '' : 's'}, got ${ops.length}`, ops[n]?.column ?? column);
  }
}

/** x8-x15 (s0, s1, a0-a5): the registers a 3-bit field can name. */
function creg(op: Operand): number {
  const r = register(op);
  if (r < 8 || r > 15) throw new AsmError(`'${op.text}' is not one of s0, s1, a0-a5 (x8-x15) that ${'compressed'} forms need`, op.column);
  return r - 8;
}

function nonZero(op: Operand, what = 'register'): number {
  const r = register(op);
  if (r === 0) throw new AsmError(`${what} must not be zero`, op.column);
  return r;
}

/** A constant in [min, max] that is a multiple of `step`. */
function imm(e: Emitter, op: Operand, min: number, max: number, step = 1, nz = false): number {
  const v = e.constant(expression(op, e.parse), op.column);
  if (v < BigInt(min) || v > BigInt(max) || v % BigInt(step) !== 0n || (nz && v === 0n)) {
    const rule = `${nz ? 'non-zero, ' : ''}${min}..${max}${step > 1 ? `, a multiple of ${step}` : ''}`;
    throw new AsmError(`immediate ${v} is out of range (${rule})`, op.column);
  }
  return Number(v);
}

/** An `offset(base)` operand with a constant offset. */
function memOffset(e: Emitter, op: Operand, max: number, step: number): { off: number; base: number } {
  const m = memory(op, e.parse);
  if (m.imm.mod) throw new AsmError(`%${m.imm.mod} is not allowed in a compressed instruction`, op.column);
  const v = e.constant(m.imm.expr, op.column);
  if (v < 0n || v > BigInt(max) || v % BigInt(step) !== 0n) {
    throw new AsmError(`offset ${v} is out of range (0..${max}, a multiple of ${step})`, op.column);
  }
  return { off: Number(v), base: m.base };
}

const bit = (v: number, hi: number, lo = hi): number => (v >> lo) & ((1 << (hi - lo + 1)) - 1);

// CI format: imm[5] -> 12, rd -> 11:7, imm[4:0] -> 6:2
const ci = (f3: number, op: number, rd: number, v: number): number => (f3 << 13) | (bit(v, 5) << 12) | (rd << 7) | (bit(v, 4, 0) << 2) | op;

// CL/CS word and double: uimm[5:3] -> 12:10, rs1' -> 9:7, (w: uimm[2|6] / d: uimm[7:6]) -> 6:5, rd'/rs2' -> 4:2
const clw = (f3: number, r: number, base: number, off: number): number =>
  (f3 << 13) | (bit(off, 5, 3) << 10) | (base << 7) | (bit(off, 2) << 6) | (bit(off, 6) << 5) | (r << 2);
const cld = (f3: number, r: number, base: number, off: number): number =>
  (f3 << 13) | (bit(off, 5, 3) << 10) | (base << 7) | (bit(off, 7, 6) << 5) | (r << 2);

const arith = (bit12: number, f2: number): Handler => (e, ops, column) => {
  need(ops, 2, 'compressed arithmetic', column);
  e.emit16((0b100 << 13) | (bit12 << 12) | (0b11 << 10) | (creg(ops[0]!) << 7) | (f2 << 5) | (creg(ops[1]!) << 2) | 0b01);
};

const shift = (name: string, f2: number): Handler => (e, ops, column) => {
  need(ops, 2, name, column);
  const sh = imm(e, ops[1]!, 1, 63);
  e.emit16((0b100 << 13) | (bit(sh, 5) << 12) | (f2 << 10) | (creg(ops[0]!) << 7) | (bit(sh, 4, 0) << 2) | 0b01);
};

const branch = (name: string, f3: number): Handler => (e, ops, column) => {
  need(ops, 2, name, column);
  const target = expression(ops[1]!, e.parse);
  e.emit16((f3 << 13) | (creg(ops[0]!) << 7) | 0b01, { field: 'CB', imm: { mod: '', expr: target, column: ops[1]!.column } });
};

const COMPRESSED = new Map<string, Handler>([
  ['c.unimp', (e, ops, column) => { need(ops, 0, 'c.unimp', column); e.emit16(0); }],
  ['c.nop', (e, ops, column) => { need(ops, 0, 'c.nop', column); e.emit16(0x0001); }],
  ['c.ebreak', (e, ops, column) => { need(ops, 0, 'c.ebreak', column); e.emit16(0x9002); }],
  ['c.addi4spn', (e, ops, column) => {
    need(ops, 3, 'c.addi4spn', column);
    if (register(ops[1]!) !== 2) throw new AsmError('c.addi4spn adds to sp', ops[1]!.column);
    const v = imm(e, ops[2]!, 4, 1020, 4, true);
    // nzuimm[5:4|9:6|2|3] -> 12:5
    e.emit16((bit(v, 5, 4) << 11) | (bit(v, 9, 6) << 7) | (bit(v, 2) << 6) | (bit(v, 3) << 5) | (creg(ops[0]!) << 2));
  }],
  ['c.lw', (e, ops, column) => { need(ops, 2, 'c.lw', column); const m = memOffset(e, ops[1]!, 124, 4); e.emit16(clw(0b010, creg(ops[0]!), baseReg(m.base, ops[1]!), m.off)); }],
  ['c.ld', (e, ops, column) => { need(ops, 2, 'c.ld', column); const m = memOffset(e, ops[1]!, 248, 8); e.emit16(cld(0b011, creg(ops[0]!), baseReg(m.base, ops[1]!), m.off)); }],
  ['c.sw', (e, ops, column) => { need(ops, 2, 'c.sw', column); const m = memOffset(e, ops[1]!, 124, 4); e.emit16(clw(0b110, creg(ops[0]!), baseReg(m.base, ops[1]!), m.off)); }],
  ['c.sd', (e, ops, column) => { need(ops, 2, 'c.sd', column); const m = memOffset(e, ops[1]!, 248, 8); e.emit16(cld(0b111, creg(ops[0]!), baseReg(m.base, ops[1]!), m.off)); }],
  ['c.addi', (e, ops, column) => { need(ops, 2, 'c.addi', column); e.emit16(ci(0b000, 0b01, nonZero(ops[0]!), imm(e, ops[1]!, -32, 31, 1, true))); }],
  ['c.addiw', (e, ops, column) => { need(ops, 2, 'c.addiw', column); e.emit16(ci(0b001, 0b01, nonZero(ops[0]!), imm(e, ops[1]!, -32, 31))); }],
  ['c.li', (e, ops, column) => { need(ops, 2, 'c.li', column); e.emit16(ci(0b010, 0b01, nonZero(ops[0]!), imm(e, ops[1]!, -32, 31))); }],
  ['c.addi16sp', (e, ops, column) => {
    need(ops, 2, 'c.addi16sp', column);
    if (register(ops[0]!) !== 2) throw new AsmError('c.addi16sp adds to sp', ops[0]!.column);
    const v = imm(e, ops[1]!, -512, 496, 16, true);
    // nzimm[9] -> 12, nzimm[4|6|8:7|5] -> 6:2
    e.emit16((0b011 << 13) | (bit(v, 9) << 12) | (2 << 7) | (bit(v, 4) << 6) | (bit(v, 6) << 5) | (bit(v, 8, 7) << 3) | (bit(v, 5) << 2) | 0b01);
  }],
  ['c.lui', (e, ops, column) => {
    need(ops, 2, 'c.lui', column);
    const rd = nonZero(ops[0]!);
    if (rd === 2) throw new AsmError('c.lui cannot write sp', ops[0]!.column);
    const v = e.constant(expression(ops[1]!, e.parse), ops[1]!.column);
    const ok = (v >= 1n && v <= 0x1fn) || (v >= 0xfffe0n && v <= 0xfffffn);
    if (!ok) throw new AsmError(`immediate ${v} is out of range (1..31 or 0xfffe0..0xfffff)`, ops[1]!.column);
    e.emit16(ci(0b011, 0b01, rd, Number(v) & 0x3f));
  }],
  ['c.srli', shift('c.srli', 0b00)],
  ['c.srai', shift('c.srai', 0b01)],
  ['c.andi', (e, ops, column) => {
    need(ops, 2, 'c.andi', column);
    const v = imm(e, ops[1]!, -32, 31);
    e.emit16((0b100 << 13) | (bit(v, 5) << 12) | (0b10 << 10) | (creg(ops[0]!) << 7) | (bit(v, 4, 0) << 2) | 0b01);
  }],
  ['c.sub', arith(0, 0b00)],
  ['c.xor', arith(0, 0b01)],
  ['c.or', arith(0, 0b10)],
  ['c.and', arith(0, 0b11)],
  ['c.subw', arith(1, 0b00)],
  ['c.addw', arith(1, 0b01)],
  ['c.j', (e, ops, column) => {
    need(ops, 1, 'c.j', column);
    e.emit16((0b101 << 13) | 0b01, { field: 'CJ', imm: { mod: '', expr: expression(ops[0]!, e.parse), column: ops[0]!.column } });
  }],
  ['c.beqz', branch('c.beqz', 0b110)],
  ['c.bnez', branch('c.bnez', 0b111)],
  ['c.slli', (e, ops, column) => { need(ops, 2, 'c.slli', column); e.emit16(ci(0b000, 0b10, nonZero(ops[0]!), imm(e, ops[1]!, 1, 63))); }],
  ['c.lwsp', (e, ops, column) => {
    need(ops, 2, 'c.lwsp', column);
    const m = spOffset(e, ops[1]!, 252, 4);
    // uimm[5] -> 12, uimm[4:2|7:6] -> 6:2
    e.emit16((0b010 << 13) | (bit(m, 5) << 12) | (nonZero(ops[0]!) << 7) | (bit(m, 4, 2) << 4) | (bit(m, 7, 6) << 2) | 0b10);
  }],
  ['c.ldsp', (e, ops, column) => {
    need(ops, 2, 'c.ldsp', column);
    const m = spOffset(e, ops[1]!, 504, 8);
    // uimm[5] -> 12, uimm[4:3|8:6] -> 6:2
    e.emit16((0b011 << 13) | (bit(m, 5) << 12) | (nonZero(ops[0]!) << 7) | (bit(m, 4, 3) << 5) | (bit(m, 8, 6) << 2) | 0b10);
  }],
  ['c.swsp', (e, ops, column) => {
    need(ops, 2, 'c.swsp', column);
    const m = spOffset(e, ops[1]!, 252, 4);
    // uimm[5:2|7:6] -> 12:7
    e.emit16((0b110 << 13) | (bit(m, 5, 2) << 9) | (bit(m, 7, 6) << 7) | (register(ops[0]!) << 2) | 0b10);
  }],
  ['c.sdsp', (e, ops, column) => {
    need(ops, 2, 'c.sdsp', column);
    const m = spOffset(e, ops[1]!, 504, 8);
    // uimm[5:3|8:6] -> 12:7
    e.emit16((0b111 << 13) | (bit(m, 5, 3) << 10) | (bit(m, 8, 6) << 7) | (register(ops[0]!) << 2) | 0b10);
  }],
  ['c.jr', (e, ops, column) => { need(ops, 1, 'c.jr', column); e.emit16((0b1000 << 12) | (nonZero(ops[0]!) << 7) | 0b10); }],
  ['c.jalr', (e, ops, column) => { need(ops, 1, 'c.jalr', column); e.emit16((0b1001 << 12) | (nonZero(ops[0]!) << 7) | 0b10); }],
  ['c.mv', (e, ops, column) => {
    need(ops, 2, 'c.mv', column);
    e.emit16((0b1000 << 12) | (nonZero(ops[0]!) << 7) | (nonZero(ops[1]!, 'source register') << 2) | 0b10);
  }],
  ['c.add', (e, ops, column) => {
    need(ops, 2, 'c.add', column);
    e.emit16((0b1001 << 12) | (nonZero(ops[0]!) << 7) | (nonZero(ops[1]!, 'source register') << 2) | 0b10);
  }],
]);

function baseReg(base: number, op: Operand): number {
  if (base < 8 || base > 15) throw new AsmError('the base register must be one of s0, s1, a0-a5 (x8-x15)', op.column);
  return base - 8;
}

function spOffset(e: Emitter, op: Operand, max: number, step: number): number {
  const m = memOffset(e, op, max, step);
  if (m.base !== 2) throw new AsmError('the base register must be sp', op.column);
  return m.off;
}

/** Assembles a `c.*` mnemonic; false when it is not one ForkLab knows. */
export function assembleCompressed(e: Emitter, name: string, ops: Operand[], column: number): boolean {
  const h = COMPRESSED.get(name);
  if (!h) return false;
  h(e, ops, column);
  return true;
}

export function compressedNames(): Iterable<string> {
  return COMPRESSED.keys();
}
