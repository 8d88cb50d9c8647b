// Pseudo-instructions of the RISC-V assembly manual, expanded exactly as GNU as 2.40 does for
// RV64 without the C extension (so encodings compare byte-for-byte with riscv64-linux-gnu-as).
// `li` follows GNU's load_const: 32-bit values are lui+addiw; wider values recursively build
// the upper part, then slli and addi the low 12 bits.

import { iType, rType, uType } from './encode';
import { AsmError, type Expr } from './expr';
import { assembleCompressed, compressedNames } from './compressed';
import { assembleInstruction, emitBranch, emitI, emitJal, instructionNames } from './instructions';
import { csr, expression, immediate, isRegister, register, type Operand } from './operands';
import type { Emitter } from './emitter';

type Handler = (e: Emitter, ops: Operand[], column: number) => void;

const ZERO = (column: number) => ({ mod: '' as const, expr: { k: 'num' as const, v: 0n } as Expr, column });
const num = (v: bigint, column: number) => ({ mod: '' as const, expr: { k: 'num' as const, v } as Expr, column });

function need(ops: Operand[], n: number, name: string, column: number): void {
  if (ops.length !== n) {
    throw new AsmError(`'${name}' takes ${n} operand${n === 1 ? '' : 's'}, got ${ops.length}`, ops[n]?.column ?? column);
  }
}

/** Two-register ALU alias: `name rd, rs` -> real instruction with a fixed third operand. */
const unary = (name: string, build: (rd: number, rs: number) => number): Handler => (e, ops, column) => {
  need(ops, 2, name, column);
  e.emit(build(register(ops[0]!), register(ops[1]!)));
};

const branchZero = (name: string, f3: number, swap: boolean): Handler => (e, ops, column) => {
  need(ops, 2, name, column);
  const rs = register(ops[0]!);
  emitBranch(e, f3, swap ? 0 : rs, swap ? rs : 0, ops[1]!);
};

const branchSwap = (name: string, f3: number): Handler => (e, ops, column) => {
  need(ops, 3, name, column);
  emitBranch(e, f3, register(ops[1]!), register(ops[0]!), ops[2]!);
};

/** Emits the GNU as `li` sequence for a 64-bit constant into rd. */
export function loadConstant(e: Emitter, rd: number, value: bigint, column: number): void {
  const v = BigInt.asIntN(64, value);
  const lower = BigInt.asIntN(12, v);
  const upper = BigInt.asIntN(64, v - lower);
  if (v !== BigInt.asIntN(32, v)) {
    let shift = 12n;
    while (((upper >> shift) & 1n) === 0n) shift++;
    loadConstant(e, rd, upper >> shift, column);
    e.emit(rType(0x13, 1, 0, rd, rd, 0) | (Number(shift) << 20));
    if (lower !== 0n) e.emit(iType(0x13, 0, rd, rd, Number(lower)));
    return;
  }
  let hiReg = 0;
  if (upper !== 0n) {
    e.emit(uType(0x37, rd, Number(BigInt.asUintN(32, upper) >> 12n)));
    hiReg = rd;
  }
  if (lower !== 0n || hiReg === 0) e.emit(iType(0x1b, 0, rd, hiReg, Number(lower)));
}

function csrAlias(name: string, f3: number, form: 'read' | 'write'): Handler {
  return (e, ops, column) => {
    need(ops, 2, name, column);
    if (form === 'read') {
      e.emit(iType(0x73, f3, register(ops[0]!), 0, csr(ops[1]!, e.parse, e.constant)));
      return;
    }
    const c = csr(ops[0]!, e.parse, e.constant);
    if (isRegister(ops[1]!)) {
      e.emit(iType(0x73, f3, 0, register(ops[1]!), c));
      return;
    }
    const v = e.constant(expression(ops[1]!, e.parse), ops[1]!.column);
    if (v < 0n || v > 31n) throw new AsmError(`CSR immediate ${v} is out of range 0..31`, ops[1]!.column);
    e.emit(iType(0x73, f3 | 4, 0, Number(v), c));
  };
}

const counter = (name: string, csrNum: number): Handler => (e, ops, column) => {
  need(ops, 1, name, column);
  e.emit(iType(0x73, 2, register(ops[0]!), 0, csrNum));
};

/** `call`/`tail`: auipc rt, 0; jalr rd, 0(rt) with an R_RISCV_CALL_PLT-style fixup on the pair. */
function emitCall(e: Emitter, rd: number, rt: number, target: Operand): void {
  // `call f@plt` (gcc -fPIC / PIE output): a static link has no PLT, the call goes straight to f.
  const plain = target.text.endsWith('@plt') ? { ...target, text: target.text.slice(0, -4) } : target;
  const expr = expression(plain, e.parse);
  e.emit(uType(0x17, rt, 0), { field: 'CALL', imm: { mod: '', expr, column: target.column } });
  e.emit(iType(0x67, 0, rd, rt, 0));
}

function loadAddress(e: Emitter, ops: Operand[], column: number, name: string): void {
  need(ops, 2, name, column);
  const rd = register(ops[0]!);
  const target = expression(ops[1]!, e.parse);
  const known = e.evaluateNow(target);
  if (known.terms.size === 0) {
    // An absolute address is loaded like a constant (GNU as uses its li sequence here too).
    if (known.c !== BigInt.asIntN(32, known.c)) {
      throw new AsmError(`address ${known.c} does not fit in 32 bits; use li for wide constants`, ops[1]!.column);
    }
    loadConstant(e, rd, known.c, ops[1]!.column);
    return;
  }
  const label = e.pcrelHi(rd, target, ops[1]!.column);
  emitI(e, 0x13, 0, rd, rd, { mod: 'pcrel_lo', expr: { k: 'sym', name: label }, column: ops[1]!.column });
}

const PSEUDO = new Map<string, Handler>([
  ['nop', (e, ops, column) => { need(ops, 0, 'nop', column); e.emit(0x13); }],
  ['ret', (e, ops, column) => { need(ops, 0, 'ret', column); e.emit(iType(0x67, 0, 0, 1, 0)); }],
  ['mv', unary('mv', (rd, rs) => iType(0x13, 0, rd, rs, 0))],
  ['not', unary('not', (rd, rs) => iType(0x13, 4, rd, rs, -1))],
  ['neg', unary('neg', (rd, rs) => rType(0x33, 0, 0x20, rd, 0, rs))],
  ['negw', unary('negw', (rd, rs) => rType(0x3b, 0, 0x20, rd, 0, rs))],
  ['sext.w', unary('sext.w', (rd, rs) => iType(0x1b, 0, rd, rs, 0))],
  ['zext.b', unary('zext.b', (rd, rs) => iType(0x13, 7, rd, rs, 255))],
  ['seqz', unary('seqz', (rd, rs) => iType(0x13, 3, rd, rs, 1))],
  ['snez', unary('snez', (rd, rs) => rType(0x33, 3, 0, rd, 0, rs))],
  ['sltz', unary('sltz', (rd, rs) => rType(0x33, 2, 0, rd, rs, 0))],
  ['sgtz', unary('sgtz', (rd, rs) => rType(0x33, 2, 0, rd, 0, rs))],
  ['sgt', (e, ops, column) => { need(ops, 3, 'sgt', column); e.emit(rType(0x33, 2, 0, register(ops[0]!), register(ops[2]!), register(ops[1]!))); }],
  ['sgtu', (e, ops, column) => { need(ops, 3, 'sgtu', column); e.emit(rType(0x33, 3, 0, register(ops[0]!), register(ops[2]!), register(ops[1]!))); }],
  ['beqz', branchZero('beqz', 0, false)],
  ['bnez', branchZero('bnez', 1, false)],
  ['blez', branchZero('blez', 5, true)],
  ['bgez', branchZero('bgez', 5, false)],
  ['bltz', branchZero('bltz', 4, false)],
  ['bgtz', branchZero('bgtz', 4, true)],
  ['bgt', branchSwap('bgt', 4)],
  ['ble', branchSwap('ble', 5)],
  ['bgtu', branchSwap('bgtu', 6)],
  ['bleu', branchSwap('bleu', 7)],
  ['j', (e, ops, column) => { need(ops, 1, 'j', column); emitJal(e, 0, ops[0]!); }],
  ['jr', (e, ops, column) => {
    if (ops.length === 2) emitI(e, 0x67, 0, 0, register(ops[0]!), immediate(ops[1]!, e.parse));
    else { need(ops, 1, 'jr', column); emitI(e, 0x67, 0, 0, register(ops[0]!), ZERO(column)); }
  }],
  ['call', (e, ops, column) => {
    if (ops.length === 2) emitCall(e, register(ops[0]!), 6, ops[1]!); // GNU as uses t1 as the temporary
    else { need(ops, 1, 'call', column); emitCall(e, 1, 1, ops[0]!); }
  }],
  ['tail', (e, ops, column) => { need(ops, 1, 'tail', column); emitCall(e, 0, 6, ops[0]!); }],
  ['la', (e, ops, column) => loadAddress(e, ops, column, 'la')],
  ['lla', (e, ops, column) => loadAddress(e, ops, column, 'lla')],
  ['li', (e, ops, column) => {
    need(ops, 2, 'li', column);
    const rd = register(ops[0]!);
    const value = e.constant(expression(ops[1]!, e.parse), ops[1]!.column);
    const v = BigInt.asIntN(64, value);
    if (v >= -2048n && v <= 2047n) emitI(e, 0x13, 0, rd, 0, num(v, ops[1]!.column));
    else loadConstant(e, rd, v, ops[1]!.column);
  }],
  ['csrr', csrAlias('csrr', 2, 'read')],
  ['csrw', csrAlias('csrw', 1, 'write')],
  ['csrs', csrAlias('csrs', 2, 'write')],
  ['csrc', csrAlias('csrc', 3, 'write')],
  ['csrwi', csrAlias('csrwi', 1, 'write')],
  ['csrsi', csrAlias('csrsi', 2, 'write')],
  ['csrci', csrAlias('csrci', 3, 'write')],
  ['rdcycle', counter('rdcycle', 0xc00)],
  ['rdtime', counter('rdtime', 0xc01)],
  ['rdinstret', counter('rdinstret', 0xc02)],
]);

/** Assembles a real or pseudo instruction; false when the mnemonic is unknown. */
export function assembleAny(e: Emitter, name: string, ops: Operand[], column: number): boolean {
  if (name.startsWith('c.')) return assembleCompressed(e, name, ops, column);
  const p = PSEUDO.get(name);
  if (p) {
    p(e, ops, column);
    return true;
  }
  return assembleInstruction(e, name, ops, column);
}

/** Every mnemonic the assembler knows (for "did you mean" hints). */
export function knownMnemonics(): string[] {
  return [...PSEUDO.keys(), ...instructionNames(), ...compressedNames()];
}
