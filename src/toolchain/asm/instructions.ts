// The RV64IMA + Zicsr + Zifencei + privileged instruction set as GNU as spells it: one table
// of real instructions (mnemonic -> format and fixed bits) and one encoder per format. Operand
// forms GNU accepts as aliases (add with an immediate, jalr with one operand, lr/sc/amo with
// .aq/.rl suffixes) are handled here; pseudo-instructions live in pseudo.ts.

import { bType, iType, rType, sType, uType } from './encode';
import { AsmError } from './expr';
import {
  csr, expression, fenceSet, immediate, isMemory, isRegister, looksLikeMemory, memory, register, type Immediate,
  type Operand,
} from './operands';
import type { Emitter } from './emitter';

type Format = 'R' | 'I' | 'SH6' | 'SH5' | 'L' | 'S' | 'B' | 'U' | 'JAL' | 'JALR' | 'CSR' | 'CSRI' | 'AMO' | 'LR' | 'SC'
  | 'NONE' | 'FENCE' | 'SFENCE';

interface Spec {
  readonly fmt: Format;
  readonly opcode: number;
  readonly f3: number;
  readonly f7: number;
  /** The I-type twin used when an R-type gets an immediate third operand (add -> addi). */
  readonly immTwin?: string;
}

const TABLE = new Map<string, Spec>();
const def = (name: string, fmt: Format, opcode: number, f3 = 0, f7 = 0, immTwin?: string): void => {
  TABLE.set(name, { fmt, opcode, f3, f7, immTwin });
};

// RV64I / M register-register.
([
  ['add', 0, 0, 'addi'], ['sub', 0, 0x20], ['sll', 1, 0, 'slli'], ['slt', 2, 0, 'slti'], ['sltu', 3, 0, 'sltiu'],
  ['xor', 4, 0, 'xori'], ['srl', 5, 0, 'srli'], ['sra', 5, 0x20, 'srai'], ['or', 6, 0, 'ori'], ['and', 7, 0, 'andi'],
  ['mul', 0, 1], ['mulh', 1, 1], ['mulhsu', 2, 1], ['mulhu', 3, 1], ['div', 4, 1], ['divu', 5, 1], ['rem', 6, 1], ['remu', 7, 1],
] as const).forEach(([n, f3, f7, twin]) => def(n, 'R', 0x33, f3, f7, twin));
([
  ['addw', 0, 0, 'addiw'], ['subw', 0, 0x20], ['sllw', 1, 0, 'slliw'], ['srlw', 5, 0, 'srliw'], ['sraw', 5, 0x20, 'sraiw'],
  ['mulw', 0, 1], ['divw', 4, 1], ['divuw', 5, 1], ['remw', 6, 1], ['remuw', 7, 1],
] as const).forEach(([n, f3, f7, twin]) => def(n, 'R', 0x3b, f3, f7, twin));
// Register-immediate.
([['addi', 0], ['slti', 2], ['sltiu', 3], ['xori', 4], ['ori', 6], ['andi', 7]] as const).forEach(([n, f3]) => def(n, 'I', 0x13, f3));
def('addiw', 'I', 0x1b, 0);
def('slli', 'SH6', 0x13, 1, 0);
def('srli', 'SH6', 0x13, 5, 0);
def('srai', 'SH6', 0x13, 5, 0x20);
def('slliw', 'SH5', 0x1b, 1, 0);
def('srliw', 'SH5', 0x1b, 5, 0);
def('sraiw', 'SH5', 0x1b, 5, 0x20);
// Loads, stores, branches, jumps, upper immediates.
([['lb', 0], ['lh', 1], ['lw', 2], ['ld', 3], ['lbu', 4], ['lhu', 5], ['lwu', 6]] as const).forEach(([n, f3]) => def(n, 'L', 0x03, f3));
([['sb', 0], ['sh', 1], ['sw', 2], ['sd', 3]] as const).forEach(([n, f3]) => def(n, 'S', 0x23, f3));
([['beq', 0], ['bne', 1], ['blt', 4], ['bge', 5], ['bltu', 6], ['bgeu', 7]] as const).forEach(([n, f3]) => def(n, 'B', 0x63, f3));
def('lui', 'U', 0x37);
def('auipc', 'U', 0x17);
def('jal', 'JAL', 0x6f);
def('jalr', 'JALR', 0x67);
// System, CSRs, fences.
def('ecall', 'NONE', 0x00000073);
def('ebreak', 'NONE', 0x00100073);
def('sret', 'NONE', 0x10200073);
def('mret', 'NONE', 0x30200073);
def('wfi', 'NONE', 0x10500073);
def('fence.i', 'NONE', 0x0000100f);
def('fence.tso', 'NONE', 0x8330000f);
def('pause', 'NONE', 0x0100000f);
def('unimp', 'NONE', 0xc0001073);
def('sfence.vma', 'SFENCE', 0x12000073);
def('fence', 'FENCE', 0x0f);
([['csrrw', 1], ['csrrs', 2], ['csrrc', 3]] as const).forEach(([n, f3]) => def(n, 'CSR', 0x73, f3));
([['csrrwi', 5], ['csrrsi', 6], ['csrrci', 7]] as const).forEach(([n, f3]) => def(n, 'CSRI', 0x73, f3));
// A extension: funct5 in f7's upper bits; .aq/.rl variants added below.
const AMOS: [string, number][] = [
  ['amoswap', 0x01], ['amoadd', 0x00], ['amoxor', 0x04], ['amoand', 0x0c], ['amoor', 0x08],
  ['amomin', 0x10], ['amomax', 0x14], ['amominu', 0x18], ['amomaxu', 0x1c],
];
for (const [width, f3] of [['w', 2], ['d', 3]] as const) {
  for (const [suffix, bits] of [['', 0], ['.aq', 2], ['.rl', 1], ['.aqrl', 3]] as const) {
    def(`lr.${width}${suffix}`, 'LR', 0x2f, f3, (0x02 << 2) | bits);
    def(`sc.${width}${suffix}`, 'SC', 0x2f, f3, (0x03 << 2) | bits);
    for (const [n, f5] of AMOS) def(`${n}.${width}${suffix}`, 'AMO', 0x2f, f3, (f5 << 2) | bits);
  }
}

export function instructionNames(): Iterable<string> {
  return TABLE.keys();
}

function arity(ops: Operand[], n: number, name: string, lastColumn: number): void {
  if (ops.length !== n) {
    throw new AsmError(`'${name}' takes ${n} operand${n === 1 ? '' : 's'}, got ${ops.length}`, ops[n]?.column ?? lastColumn);
  }
}

/** Emits an I-type word whose immediate is filled in later (constant, %lo or %pcrel_lo). */
export function emitI(e: Emitter, opcode: number, f3: number, rd: number, rs1: number, imm: Immediate): void {
  e.emit(iType(opcode, f3, rd, rs1, 0), { field: 'I', imm });
}

/** Assembles real instruction `name`; returns false when `name` is not a real instruction. */
export function assembleInstruction(e: Emitter, name: string, ops: Operand[], column: number): boolean {
  const spec = TABLE.get(name);
  if (!spec) return false;
  const { opcode, f3, f7 } = spec;
  const ctx = e.parse;
  switch (spec.fmt) {
    case 'R': {
      arity(ops, 3, name, column);
      if (!isRegister(ops[2]!) && spec.immTwin) return assembleInstruction(e, spec.immTwin, ops, column);
      e.emit(rType(opcode, f3, f7, register(ops[0]!), register(ops[1]!), register(ops[2]!)));
      return true;
    }
    case 'I':
      arity(ops, 3, name, column);
      emitI(e, opcode, f3, register(ops[0]!), register(ops[1]!), immediate(ops[2]!, ctx));
      return true;
    case 'SH6':
    case 'SH5': {
      arity(ops, 3, name, column);
      const max = spec.fmt === 'SH6' ? 63n : 31n;
      const sh = e.constant(expression(ops[2]!, ctx), ops[2]!.column);
      if (sh < 0n || sh > max) throw new AsmError(`shift amount ${sh} is out of range 0..${max}`, ops[2]!.column);
      e.emit(rType(opcode, f3, f7, register(ops[0]!), register(ops[1]!), 0) | (Number(sh) << 20));
      return true;
    }
    case 'L': {
      arity(ops, 2, name, column);
      const rd = register(ops[0]!);
      if (!looksLikeMemory(ops[1]!)) {
        // `lw rd, symbol`: auipc rd, %pcrel_hi(symbol); lw rd, %pcrel_lo(.)(rd)
        const target = expression(ops[1]!, ctx);
        const label = e.pcrelHi(rd, target, ops[1]!.column);
        emitI(e, opcode, f3, rd, rd, { mod: 'pcrel_lo', expr: { k: 'sym', name: label }, column: ops[1]!.column });
        return true;
      }
      const m = memory(ops[1]!, ctx);
      emitI(e, opcode, f3, rd, m.base, m.imm);
      return true;
    }
    case 'S': {
      if (ops.length === 3) {
        // `sw rs2, symbol, rt`: auipc rt, %pcrel_hi(symbol); sw rs2, %pcrel_lo(.)(rt)
        const rt = register(ops[2]!);
        const label = e.pcrelHi(rt, expression(ops[1]!, ctx), ops[1]!.column);
        e.emit(sType(opcode, f3, rt, register(ops[0]!), 0), {
          field: 'S', imm: { mod: 'pcrel_lo', expr: { k: 'sym', name: label }, column: ops[1]!.column },
        });
        return true;
      }
      arity(ops, 2, name, column);
      const m = memory(ops[1]!, ctx);
      e.emit(sType(opcode, f3, m.base, register(ops[0]!), 0), { field: 'S', imm: m.imm });
      return true;
    }
    case 'B':
      arity(ops, 3, name, column);
      emitBranch(e, f3, register(ops[0]!), register(ops[1]!), ops[2]!);
      return true;
    case 'U':
      arity(ops, 2, name, column);
      e.emit(uType(opcode, register(ops[0]!), 0), { field: 'U', imm: immediate(ops[1]!, ctx) });
      return true;
    case 'JAL': {
      if (ops.length === 1) {
        emitJal(e, 1, ops[0]!);
        return true;
      }
      arity(ops, 2, name, column);
      emitJal(e, register(ops[0]!), ops[1]!);
      return true;
    }
    case 'JALR':
      emitJalr(e, ops, column);
      return true;
    case 'CSR': {
      arity(ops, 3, name, column);
      if (!isRegister(ops[2]!)) return assembleInstruction(e, `${name}i`, ops, column);
      const c = csr(ops[1]!, ctx, e.constant);
      e.emit(iType(0x73, f3, register(ops[0]!), register(ops[2]!), c));
      return true;
    }
    case 'CSRI': {
      arity(ops, 3, name, column);
      const c = csr(ops[1]!, ctx, e.constant);
      const v = e.constant(expression(ops[2]!, ctx), ops[2]!.column);
      if (v < 0n || v > 31n) throw new AsmError(`CSR immediate ${v} is out of range 0..31`, ops[2]!.column);
      e.emit(iType(0x73, f3, register(ops[0]!), Number(v), c));
      return true;
    }
    case 'LR': {
      arity(ops, 2, name, column);
      e.emit(rType(opcode, f3, f7, register(ops[0]!), amoBase(e, ops[1]!), 0));
      return true;
    }
    case 'SC':
    case 'AMO': {
      arity(ops, 3, name, column);
      e.emit(rType(opcode, f3, f7, register(ops[0]!), amoBase(e, ops[2]!), register(ops[1]!)));
      return true;
    }
    case 'NONE':
      arity(ops, 0, name, column);
      e.emit(opcode);
      return true;
    case 'FENCE': {
      if (ops.length === 0) {
        e.emit(0x0ff0000f);
        return true;
      }
      arity(ops, 2, name, column);
      e.emit(((fenceSet(ops[0]!) << 24) | (fenceSet(ops[1]!) << 20) | 0x0f) >>> 0);
      return true;
    }
    case 'SFENCE': {
      if (ops.length > 2) arity(ops, 2, name, column);
      const rs1 = ops[0] ? register(ops[0]) : 0;
      const rs2 = ops[1] ? register(ops[1]) : 0;
      e.emit((opcode | (rs2 << 20) | (rs1 << 15)) >>> 0);
      return true;
    }
  }
}

/** The address operand of lr/sc/amo: `(rs1)` or `0(rs1)`. */
function amoBase(e: Emitter, op: Operand): number {
  const m = memory(op, e.parse);
  if (m.imm.mod || e.constant(m.imm.expr, op.column) !== 0n) {
    throw new AsmError('atomic memory operand must have offset 0', op.column);
  }
  return m.base;
}

export function emitBranch(e: Emitter, f3: number, rs1: number, rs2: number, target: Operand): void {
  const expr = expression(target, e.parse);
  e.emit(bType(0x63, f3, rs1, rs2), { field: 'B', imm: { mod: '', expr, column: target.column } });
}

export function emitJal(e: Emitter, rd: number, target: Operand): void {
  const expr = expression(target, e.parse);
  e.emit(uType(0x6f, rd, 0), { field: 'J', imm: { mod: '', expr, column: target.column } });
}

/** jalr forms: `jalr rs`, `jalr rd, rs`, `jalr rd, rs, imm`, `jalr rd, imm(rs)`, `jalr imm(rs)`. */
function emitJalr(e: Emitter, ops: Operand[], column: number): void {
  const zero = { mod: '' as const, expr: { k: 'num' as const, v: 0n }, column };
  if (ops.length === 1) {
    if (isMemory(ops[0]!)) {
      const m = memory(ops[0]!, e.parse);
      emitI(e, 0x67, 0, 1, m.base, m.imm);
    } else emitI(e, 0x67, 0, 1, register(ops[0]!), zero);
    return;
  }
  if (ops.length === 2) {
    const rd = register(ops[0]!);
    if (isMemory(ops[1]!)) {
      const m = memory(ops[1]!, e.parse);
      emitI(e, 0x67, 0, rd, m.base, m.imm);
    } else emitI(e, 0x67, 0, rd, register(ops[1]!), zero);
    return;
  }
  arity(ops, 3, 'jalr', column);
  emitI(e, 0x67, 0, register(ops[0]!), register(ops[1]!), immediate(ops[2]!, e.parse));
}
