// Assembler directives (GNU as names): sections, symbols, data, alignment, and the line-table
// pair `.file N "name"` / `.loc N LINE [COL] [is_stmt B]`. Directives with no meaning for a
// static RV64 object (.option, .attribute, .ident, .cfi_*, visibility) are accepted and ignored.

import { SHF_ALLOC, SHF_EXECINSTR, SHF_MERGE, SHF_STRINGS, SHF_WRITE, SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOBITS,
  SHT_PROGBITS, STT_FUNC, STT_NOTYPE, STT_OBJECT } from '../elf/constants';
import { utf8Decode } from '../elf/utf8';
import type { Assembler } from './assembler';
import { NOP } from './encode';
import { AsmError, Cursor, parseExpr, parseStringLiteral } from './expr';
import type { Statement } from './lexer';
import { expression, splitOperands, type Operand } from './operands';
import { defaultSectionKind } from './sections';
import type { Field } from './emitter';

type Directive = (a: Assembler, s: Statement, ops: () => Operand[]) => void;

const MAX_FILL = 64 * 1024 * 1024;
const MAX_NOBITS = 0xffffffff;
const MAX_ALIGN_LOG2 = 20;

const ignore: Directive = () => {};

function data(field: Field, size: number): Directive {
  return (a, s, ops) => {
    for (const op of ops()) {
      const expr = expression(op, a.parse);
      if (a.current.isNobits) {
        if (a.constant(expr, op.column) !== 0n) throw new AsmError(`non-zero data in section '${a.current.name}'`, op.column);
        a.appendZeros(size);
        continue;
      }
      a.addFixup(field, { mod: '', expr, column: op.column });
      a.appendZeros(size);
    }
  };
}

function strings(terminate: boolean): Directive {
  return (a, s) => {
    const c = new Cursor(s.args, s.argsColumn);
    do {
      const bytes = parseStringLiteral(c);
      if (terminate) bytes.push(0);
      a.appendBytes(bytes);
    } while (c.eat(','));
    if (!c.atEnd()) throw c.error('junk after string');
  };
}

/**
 * A size operand. Sections with bytes are capped at 64 MiB so a typo cannot exhaust memory;
 * NOBITS sections (.bss) and .comm cost nothing per byte, so they may reach 4 GiB.
 */
function sizeOperand(a: Assembler, op: Operand | undefined, what: string, nobits = a.current.isNobits): number {
  if (!op) throw new AsmError(`missing ${what}`);
  const v = a.constant(expression(op, a.parse), op.column);
  const max = nobits ? MAX_NOBITS : MAX_FILL;
  if (v < 0n || v > BigInt(max)) throw new AsmError(`${what} ${v} is out of range 0..${max}`, op.column);
  return Number(v);
}

/** Pads to `align` bytes; code sections get zeros up to a 4-byte boundary then nops, as GNU as does. */
function alignTo(a: Assembler, align: number, fill: number | undefined, max: number | undefined): void {
  const sec = a.current;
  const pad = (align - (sec.size % align)) % align;
  if (max !== undefined && pad > max) return;
  sec.align = Math.max(sec.align, align);
  if (fill === undefined && sec.isCode && !sec.isNobits) {
    const odd = pad % 4;
    a.appendZeros(odd);
    for (let i = 0; i < (pad - odd) / 4; i++) sec.data.u32(NOP);
    return;
  }
  a.appendZeros(pad, fill ?? 0);
}

function alignDirective(log2: boolean): Directive {
  return (a, s, ops) => {
    const list = ops();
    const v = sizeOperand(a, list[0], 'alignment');
    const align = log2 ? 2 ** v : v;
    if (log2 ? v > MAX_ALIGN_LOG2 : v > 2 ** MAX_ALIGN_LOG2 || (v & (v - 1)) !== 0) {
      throw new AsmError(log2 ? `alignment 2**${v} is too large` : `alignment ${v} is not a power of two up to 2**${MAX_ALIGN_LOG2}`, list[0]!.column);
    }
    const fill = list[1] && list[1].text !== '' ? Number(a.constant(expression(list[1], a.parse), list[1].column) & 0xffn) : undefined;
    const max = list[2] ? sizeOperand(a, list[2], 'maximum padding') : undefined;
    alignTo(a, Math.max(1, align), fill, max);
  };
}

function symbolNames(a: Assembler, ops: Operand[]): string[] {
  return ops.map((op) => {
    if (!/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(op.text)) throw new AsmError(`bad symbol name '${op.text}'`, op.column);
    return op.text;
  });
}

function binding(kind: 'global' | 'local' | 'weak'): Directive {
  return (a, s, ops) => {
    for (const name of symbolNames(a, ops())) a.symbol(name).binding = kind;
  };
}

const setSymbol: Directive = (a, s, ops) => {
  const list = ops();
  if (list.length !== 2) throw new AsmError(`'${s.op}' needs a symbol and a value`);
  const [name] = symbolNames(a, [list[0]!]);
  const expr = expression(list[1]!, a.parse);
  const v = a.evaluateNow(expr);
  const sym = a.symbol(name!);
  if (sym.definition?.kind === 'label') throw new AsmError(`symbol '${name}' is already defined as a label`, list[0]!.column);
  if (v.terms.size === 0) a.define(name!, { kind: 'equ', value: v.c }, true);
  else if (v.terms.size === 1) {
    const [key, coef] = [...v.terms][0]!;
    if (coef === 1n && key.startsWith('s')) a.define(name!, { kind: 'label', section: Number(key.slice(1)), offset: Number(v.c) }, true);
    else a.define(name!, { kind: 'expr', expr }, true);
  } else a.define(name!, { kind: 'expr', expr }, true);
};

function sectionDirective(a: Assembler, s: Statement, ops: Operand[]): void {
  if (!ops.length || ops[0]!.text === '') throw new AsmError('.section needs a name');
  const name = ops[0]!.text.replace(/^"(.*)"$/, '$1');
  if (!/^[A-Za-z0-9_.$\-]+$/.test(name)) throw new AsmError(`bad section name '${name}'`, ops[0]!.column);
  let kind = defaultSectionKind(name);
  let entsize = 0;
  if (ops[1]) {
    const flagText = ops[1].text.replace(/^"(.*)"$/, '$1');
    let flags = 0n;
    for (const ch of flagText) {
      if (ch === 'a') flags |= SHF_ALLOC;
      else if (ch === 'w') flags |= SHF_WRITE;
      else if (ch === 'x') flags |= SHF_EXECINSTR;
      else if (ch === 'M') flags |= SHF_MERGE;
      else if (ch === 'S') flags |= SHF_STRINGS;
      else if (!'GTR?o'.includes(ch)) throw new AsmError(`unknown section flag '${ch}'`, ops[1].column);
    }
    let type = kind.type === SHT_NOBITS && flags !== 0n ? SHT_NOBITS : SHT_PROGBITS;
    if (ops[2]) {
      const t = ops[2].text.replace(/^[@%]/, '');
      if (t === 'nobits') type = SHT_NOBITS;
      else if (t === 'progbits') type = SHT_PROGBITS;
      else if (t === 'init_array') type = SHT_INIT_ARRAY;
      else if (t === 'fini_array') type = SHT_FINI_ARRAY;
      else if (t !== 'note') throw new AsmError(`unknown section type '${ops[2].text}'`, ops[2].column);
    }
    if (ops[3] && (flags & SHF_MERGE) !== 0n) entsize = Number(a.constant(expression(ops[3], a.parse), ops[3].column));
    kind = { type, flags };
  }
  a.switchSection(name, kind, entsize);
}

const fileDirective: Directive = (a, s) => {
  const c = new Cursor(s.args, s.argsColumn);
  if (c.peek() === '"') return; // `.file "name"`: the source file name, nothing to record
  const n = Number(a.constant(parseExpr(c, a.parse), s.argsColumn));
  let name = parseStringLiteral(c);
  if (c.peek() === '"') name = parseStringLiteral(c); // `.file N "dir" "name"`: keep the name
  a.lineFiles.set(n, utf8Decode(Uint8Array.from(name)));
};

const locDirective: Directive = (a, s) => {
  a.sawLoc = true;
  const words = s.args.split(/[\s,]+/).filter((w) => w !== '');
  const num = (w: string | undefined, what: string): number => {
    if (w === undefined || !/^\d+$/.test(w)) throw new AsmError(`.loc: bad ${what} '${w ?? ''}'`);
    return Number(w);
  };
  const file = num(words[0], 'file number');
  if (!a.lineFiles.has(file)) throw new AsmError(`.loc: file number ${file} has no .file`);
  const line = num(words[1], 'line');
  let column = 0;
  let i = 2;
  if (words[2] !== undefined && /^\d+$/.test(words[2])) {
    column = Number(words[2]);
    i = 3;
  }
  // is_stmt is a register of the DWARF line state machine: it stays as the last .loc set it.
  let isStmt = a.locIsStmt;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'is_stmt') isStmt = a.locIsStmt = num(words[++i], 'is_stmt value') !== 0;
    else if (w === 'discriminator' || w === 'isa' || w === 'view') i++;
    else if (w !== 'prologue_end' && w !== 'epilogue_begin' && w !== 'basic_block') throw new AsmError(`.loc: unknown option '${w}'`);
  }
  a.pendingLoc = { file, line, column, isStmt };
};

const typeDirective: Directive = (a, s, ops) => {
  const list = ops();
  if (list.length !== 2) throw new AsmError('.type needs a symbol and a type');
  const [name] = symbolNames(a, [list[0]!]);
  const t = list[1]!.text.replace(/^[@%"]|"$/g, '');
  const sym = a.symbol(name!);
  if (t === 'function') sym.type = STT_FUNC;
  else if (t === 'object') sym.type = STT_OBJECT;
  else if (t === 'notype') sym.type = STT_NOTYPE;
  else throw new AsmError(`unknown symbol type '${list[1]!.text}'`, list[1]!.column);
};

const sizeDirective: Directive = (a, s, ops) => {
  const list = ops();
  if (list.length !== 2) throw new AsmError('.size needs a symbol and a size');
  const [name] = symbolNames(a, [list[0]!]);
  a.symbol(name!).sizeExpr = expression(list[1]!, a.parse);
};

const common = (local: boolean): Directive => (a, s, ops) => {
  const list = ops();
  if (list.length < 2 || list.length > 3) throw new AsmError(`'${s.op}' needs a symbol, a size and an optional alignment`);
  const [name] = symbolNames(a, [list[0]!]);
  const size = sizeOperand(a, list[1], 'size', true);
  const align = list[2] ? sizeOperand(a, list[2], 'alignment') : Math.min(16, 2 ** Math.floor(Math.log2(Math.max(1, size))));
  if (align === 0 || (align & (align - 1)) !== 0) throw new AsmError(`alignment ${align} is not a power of two`, list[2]?.column);
  if (!local) {
    const sym = a.symbol(name!);
    if (sym.definition && sym.definition.kind !== 'common') throw new AsmError(`symbol '${name}' is already defined`);
    sym.definition = { kind: 'common', size: BigInt(size), align: BigInt(align) };
    if (sym.binding === 'local') sym.binding = 'global';
    if (sym.type === STT_NOTYPE) sym.type = STT_OBJECT;
    return;
  }
  const saved = a.current;
  a.switchSection('.bss');
  alignTo(a, align, 0, undefined);
  a.defineLabel(name!);
  a.symbol(name!).type = STT_OBJECT;
  a.symbol(name!).sizeExpr = { k: 'num', v: BigInt(size) };
  a.appendZeros(size);
  a.current = saved;
};

const floats = (bytes: 4 | 8): Directive => (a, s, ops) => {
  for (const op of ops()) {
    const v = Number(op.text.replace(/^0[fFdD]/, ''));
    if (Number.isNaN(v) && !/nan/i.test(op.text)) throw new AsmError(`bad floating-point number '${op.text}'`, op.column);
    const buf = new DataView(new ArrayBuffer(bytes));
    if (bytes === 4) buf.setFloat32(0, v, true);
    else buf.setFloat64(0, v, true);
    a.appendBytes(new Uint8Array(buf.buffer));
  }
};

const leb = (signed: boolean): Directive => (a, s, ops) => {
  for (const op of ops()) {
    let v = a.constant(expression(op, a.parse), op.column);
    const out: number[] = [];
    if (!signed) v = BigInt.asUintN(64, v);
    for (;;) {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      const done = signed ? (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0) : v === 0n;
      out.push(done ? byte : byte | 0x80);
      if (done) break;
    }
    a.appendBytes(out);
  }
};

const space: Directive = (a, s, ops) => {
  const list = ops();
  const fill = list[1] ? Number(a.constant(expression(list[1], a.parse), list[1].column) & 0xffn) : 0;
  a.appendZeros(sizeOperand(a, list[0], 'size'), fill);
};

const DIRECTIVES = new Map<string, Directive>([
  ['.text', (a) => a.switchSection('.text')],
  ['.data', (a) => a.switchSection('.data')],
  ['.bss', (a) => a.switchSection('.bss')],
  ['.rodata', (a) => a.switchSection('.rodata')],
  ['.section', (a, s, ops) => sectionDirective(a, s, ops())],
  ['.pushsection', (a, s, ops) => { a.sectionStack.push(a.current); sectionDirective(a, s, ops()); }],
  ['.popsection', (a) => {
    const top = a.sectionStack.pop();
    if (!top) throw new AsmError('.popsection without .pushsection');
    a.previous = a.current;
    a.current = top;
  }],
  ['.previous', (a) => {
    if (!a.previous) return;
    const prev = a.previous;
    a.previous = a.current;
    a.current = prev;
  }],
  ['.globl', binding('global')],
  ['.global', binding('global')],
  ['.local', binding('local')],
  ['.weak', binding('weak')],
  ['.extern', ignore],
  ['.hidden', ignore],
  ['.protected', ignore],
  ['.internal', ignore],
  ['.type', typeDirective],
  ['.size', sizeDirective],
  ['.equ', setSymbol],
  ['.set', setSymbol],
  ['.equiv', setSymbol],
  ['.eqv', setSymbol],
  ['.comm', common(false)],
  ['.lcomm', common(true)],
  ['.byte', data('D1', 1)],
  ['.half', data('D2', 2)],
  ['.hword', data('D2', 2)],
  ['.short', data('D2', 2)],
  ['.2byte', data('D2', 2)],
  ['.word', data('D4', 4)],
  ['.long', data('D4', 4)],
  ['.int', data('D4', 4)],
  ['.4byte', data('D4', 4)],
  ['.dword', data('D8', 8)],
  ['.quad', data('D8', 8)],
  ['.8byte', data('D8', 8)],
  ['.float', floats(4)],
  ['.double', floats(8)],
  ['.uleb128', leb(false)],
  ['.sleb128', leb(true)],
  ['.ascii', strings(false)],
  ['.asciz', strings(true)],
  ['.string', strings(true)],
  ['.zero', (a, s, ops) => a.appendZeros(sizeOperand(a, ops()[0], 'size'))],
  ['.space', space],
  ['.skip', space],
  ['.fill', (a, s, ops) => {
    const list = ops();
    const repeat = sizeOperand(a, list[0], 'repeat count');
    const size = list[1] ? sizeOperand(a, list[1], 'size') : 1;
    const value = list[2] ? a.constant(expression(list[2], a.parse), list[2].column) : 0n;
    if (size > 8 || repeat * size > MAX_FILL) throw new AsmError('.fill is too large');
    const bytes: number[] = [];
    for (let i = 0; i < size; i++) bytes.push(i < 4 ? Number((value >> BigInt(8 * i)) & 0xffn) : 0);
    for (let i = 0; i < repeat; i++) a.appendBytes(bytes);
  }],
  ['.align', alignDirective(true)],
  ['.p2align', alignDirective(true)],
  ['.balign', alignDirective(false)],
  ['.file', fileDirective],
  ['.loc', locDirective],
  ['.option', ignore],
  ['.attribute', ignore],
  ['.ident', ignore],
  ['.addrsig', ignore],
  ['.addrsig_sym', ignore],
  ['.end', ignore],
]);

/** Runs directive statement `s` (its op starts with '.'). Throws AsmError on bad use. */
export function runDirective(a: Assembler, s: Statement): void {
  const d = DIRECTIVES.get(s.op);
  if (d) {
    d(a, s, () => splitOperands(s.args, s.argsColumn));
    return;
  }
  if (s.op.startsWith('.cfi_')) return;
  throw new AsmError(`unknown directive '${s.op}'`, s.opColumn);
}

