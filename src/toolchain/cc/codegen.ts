// Code generator: typed AST -> GNU assembler text for RV64IM (lp64, soft-float).
//
// A stack machine, like chibicc: every expression leaves its value in a0 (a struct-valued
// expression leaves its address); intermediate values are "pushed" into temporary slots of the
// frame, addressed from s0 (so sp stays put and 16-byte aligned for calls); a binary operator
// evaluates its right operand first (or loads it directly when it is a constant or a local),
// so a0 = lhs and a1 = rhs when it operates.
// Frame: s0 is the frame pointer and equals sp at entry (the CFA); ra and the caller's s0 sit
// just below it (below the 64-byte register save area in variadic functions, so that va_list
// can walk from the saved a-registers straight into the caller's stack arguments).
// Values keep the psABI register form: 32-bit values sign-extended (even unsigned int), narrower
// values extended according to their signedness. float/double live in integer registers and are
// computed by the soft-float routines of the psABI (__adddf3, __ltdf2, __floatsidf, ...).
// Every statement starts with a `.loc` directive so the assembler can build the line table.

import { newNode, type Node, type Obj } from './ast';
import type { Token } from './lexer';
import { alignTo, isFlonum, isInteger, isStructLike, type Member, type Type } from './types';
import { floatCast, floatBinary, floatConstBits } from './codegen-float';

export class CodegenError extends Error {
  constructor(public tok: Token | undefined, message: string) {
    super(message);
  }
}

type BranchOp = 'beqz' | 'bnez' | 'beq' | 'bne' | 'blt' | 'bge' | 'bltu' | 'bgeu' | 'ble' | 'bgt' | 'bleu' | 'bgtu';
const INVERSE_BRANCH: Record<BranchOp, BranchOp> = {
  beqz: 'bnez', bnez: 'beqz', beq: 'bne', bne: 'beq', blt: 'bge', bge: 'blt',
  bltu: 'bgeu', bgeu: 'bltu', ble: 'bgt', bgt: 'ble', bleu: 'bgtu', bgtu: 'bleu',
};

/** Marks an output line dropped by a later rewrite. */
const REMOVED = '\u0000';

const ARG_REGS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];

function fits12(v: number): boolean {
  return v >= -2048 && v <= 2047;
}

export class Codegen {
  private out: string[] = [];
  private depth = 0;
  /** Far branches of the current function: where they start and their one-line form. */
  private farBranches: { at: number; direct: string }[] = [];
  private maxDepth = 0;
  /** Offset from s0 just below the function's locals, where temporary slots start. */
  private tempBase = 0;
  private fn?: Obj;
  private labelCount = 0;
  private files = new Map<string, number>();
  private hdr = 16;

  constructor(private mainFile: string) {}

  /** Emits the whole translation unit: data first, then text. */
  generate(globals: Obj[]): string {
    return this.generateLines(globals).join('\n') + '\n';
  }

  /**
   * The lines of `generate`'s text, without newlines: the assembler takes them as they are
   * (joining ~14 lines per C line into one text for the assembler to cut up again cost ~10% of
   * a build, docs/perf.md).
   */
  generateLines(globals: Obj[]): string[] {
    this.emitRaw(`\t.file\t"${escapeString(this.mainFile)}"`);
    this.emitRaw('\t.option nopic');
    this.emitData(globals);
    for (const fn of globals) if (fn.isFunction && fn.isDefinition && fn.body) this.emitFunction(fn);
    this.emitRaw('\t.section\t.note.GNU-stack,"",@progbits');
    return this.out.filter((l) => l !== REMOVED);
  }

  private emitRaw(s: string): void {
    this.out.push(s);
  }
  private emit(s: string): void {
    this.out.push('\t' + s);
  }
  private newLabel(what: string): string {
    return `.L${what}${this.labelCount++}`;
  }

  /** Frame offset of temporary slot k (slots sit below the locals; sp never moves for them). */
  private slot(k: number): number {
    return this.tempBase - 8 * (k + 1);
  }
  private push(): void {
    this.memOp('sd', 'a0', 's0', this.slot(this.depth));
    this.depth++;
    if (this.depth > this.maxDepth) this.maxDepth = this.depth;
  }
  private pop(reg: string): void {
    this.depth--;
    this.memOp('ld', reg, 's0', this.slot(this.depth));
  }

  /** rd = rs + imm for any 32-bit imm (t5 is the scratch register for large immediates). */
  private addImm(rd: string, rs: string, imm: number): void {
    if (fits12(imm)) this.emit(`addi ${rd}, ${rs}, ${imm}`);
    else {
      this.emit(`li t5, ${imm}`);
      this.emit(`add ${rd}, ${rs}, t5`);
    }
  }
  /** A load or store `op reg, off(base)` with an offset of any size. */
  private memOp(op: string, reg: string, base: string, off: number): void {
    if (fits12(off)) this.emit(`${op} ${reg}, ${off}(${base})`);
    else {
      this.emit(`li t5, ${off}`);
      this.emit(`add t5, t5, ${base}`);
      this.emit(`${op} ${reg}, 0(t5)`);
    }
  }

  /**
   * A conditional branch to a label anywhere in the function. B-type branches reach only ±4 KiB
   * and our assembler does not relax, so the condition is inverted around an unconditional `j`.
   */
  private branch(op: BranchOp, regs: string, target: string): void {
    const inverse = INVERSE_BRANCH[op];
    const skip = this.newLabel('skip');
    this.farBranches.push({ at: this.out.length, direct: `\t${op} ${regs}, ${target}` });
    this.emit(`${inverse} ${regs}, ${skip}`);
    this.emit(`j ${target}`);
    this.emitRaw(`${skip}:`);
  }

  /**
   * When a whole function is surely shorter than a B-type branch reaches (±4 KiB), its
   * three-line far branches become one direct branch. The size bound is conservative: `li` is
   * counted at its longest expansion (8 instructions), `call`/`lla` as two.
   */
  private shortenBranches(from: number): void {
    let bytes = 0;
    for (let i = from; i < this.out.length; i++) {
      const line = this.out[i];
      if (line.charCodeAt(0) !== 9 || line.charCodeAt(1) === 46) continue; // labels, directives
      bytes += line.startsWith('\tli ') ? 32 : line.startsWith('\tcall ') || line.startsWith('\tlla ') ? 8 : 4;
    }
    if (bytes < 3500) {
      for (const b of this.farBranches) {
        this.out[b.at] = b.direct;
        this.out[b.at + 1] = REMOVED;
        this.out[b.at + 2] = REMOVED;
      }
    }
    this.farBranches = [];
  }

  private loc(tok: Token): void {
    let n = this.files.get(tok.file);
    if (n === undefined) {
      n = this.files.size + 1;
      this.files.set(tok.file, n);
      this.emit(`.file ${n} "${escapeString(tok.file)}"`);
    }
    this.emit(`.loc ${n} ${tok.line} ${tok.col}`);
  }

  // ---- addresses, loads and stores ----

  /** Computes the address of an lvalue into a0. */
  private genAddr(node: Node): void {
    switch (node.kind) {
      case 'var': {
        const obj = node.obj!;
        if (obj.isVla) this.memOp('ld', 'a0', 's0', obj.offset);
        else if (obj.isLocal) this.addImm('a0', 's0', obj.offset);
        else this.emit(`lla a0, ${obj.name}`);
        return;
      }
      case 'deref':
        this.gen(node.lhs!);
        return;
      case 'comma':
        this.gen(node.lhs!);
        this.genAddr(node.rhs!);
        return;
      case 'member':
        this.genAddr(node.lhs!);
        if (node.member!.offset) this.addImm('a0', 'a0', node.member!.offset);
        return;
      case 'funcall':
      case 'assign':
      case 'cond':
      case 'stmtExpr':
      case 'cast':
        if (isStructLike(node.ty!)) {
          this.gen(node);
          return;
        }
        break;
      default:
        break;
    }
    throw new CodegenError(node.tok, 'lvalue required');
  }

  /** Loads a value of type `ty` from the address in a0 (aggregates stay as addresses). */
  private load(ty: Type): void {
    switch (ty.kind) {
      case 'array':
      case 'struct':
      case 'union':
      case 'func':
        return;
      default:
        break;
    }
    this.emit(`${loadOp(ty)} a0, 0(a0)`);
  }

  /** Stores a0 to the address on top of the stack. */
  private store(ty: Type): void {
    this.pop('a1');
    if (isStructLike(ty)) {
      this.copyBytes('a1', 'a0', ty.size);
      this.emit('mv a0, a1');
      return;
    }
    this.emit(`${storeOp(ty)} a0, 0(a1)`);
  }

  /** Copies n bytes from [src] to [dst] (registers other than t0..t2). */
  private copyBytes(dst: string, src: string, n: number): void {
    if (n <= 64) {
      let i = 0;
      for (; i + 8 <= n; i += 8) {
        this.emit(`ld t0, ${i}(${src})`);
        this.emit(`sd t0, ${i}(${dst})`);
      }
      for (; i < n; i++) {
        this.emit(`lbu t0, ${i}(${src})`);
        this.emit(`sb t0, ${i}(${dst})`);
      }
      return;
    }
    // byte loop for big aggregates (alignment of either side is unknown)
    const loop = this.newLabel('copy');
    this.emit(`mv t1, ${src}`);
    this.emit(`mv t2, ${dst}`);
    this.emit(`li t3, ${n}`);
    this.emitRaw(`${loop}:`);
    this.emit('lbu t0, 0(t1)');
    this.emit('sb t0, 0(t2)');
    this.emit('addi t1, t1, 1');
    this.emit('addi t2, t2, 1');
    this.emit('addi t3, t3, -1');
    this.emit(`bnez t3, ${loop}`);
  }

  /** Loads n (1..8) bytes at off(addr) into rd, zero-extended (little-endian). */
  private loadPart(rd: string, addr: string, off: number, n: number): void {
    if (n === 8) this.emit(`ld ${rd}, ${off}(${addr})`);
    else if (n === 4) this.emit(`lwu ${rd}, ${off}(${addr})`);
    else if (n === 2) this.emit(`lhu ${rd}, ${off}(${addr})`);
    else if (n === 1) this.emit(`lbu ${rd}, ${off}(${addr})`);
    else {
      this.emit(`li ${rd}, 0`);
      for (let i = n - 1; i >= 0; i--) {
        this.emit(`slli ${rd}, ${rd}, 8`);
        this.emit(`lbu t4, ${off + i}(${addr})`);
        this.emit(`or ${rd}, ${rd}, t4`);
      }
    }
  }
  /** Stores the low n (1..8) bytes of rs at off(addr); clobbers t4. */
  private storePart(rs: string, addr: string, off: number, n: number): void {
    if (n === 8) this.emit(`sd ${rs}, ${off}(${addr})`);
    else if (n === 4) this.emit(`sw ${rs}, ${off}(${addr})`);
    else if (n === 2) this.emit(`sh ${rs}, ${off}(${addr})`);
    else if (n === 1) this.emit(`sb ${rs}, ${off}(${addr})`);
    else {
      this.emit(`mv t4, ${rs}`);
      for (let i = 0; i < n; i++) {
        this.emit(`sb t4, ${off + i}(${addr})`);
        this.emit('srli t4, t4, 8');
      }
    }
  }

  // ---- bit-fields ----

  private loadBitfield(m: Member): void {
    this.emit(`${loadOp({ ...m.ty, unsigned: true })} a0, 0(a0)`);
    const left = 64 - m.bitWidth - m.bitOffset;
    if (left) this.emit(`slli a0, a0, ${left}`);
    this.emit(`${m.ty.unsigned ? 'srli' : 'srai'} a0, a0, ${64 - m.bitWidth}`);
  }

  /** Stores a0 into the bit-field whose unit address is on the stack; a0 keeps the stored value. */
  private storeBitfield(m: Member): void {
    this.pop('a1');
    const mask = ((1n << BigInt(m.bitWidth)) - 1n) << BigInt(m.bitOffset);
    this.emit('mv t1, a0');
    this.emit(`${loadOp({ ...m.ty, unsigned: true })} t0, 0(a1)`);
    this.emit(`li t2, ${BigInt.asIntN(64, mask)}`);
    this.emit(`slli t1, t1, ${m.bitOffset}`);
    this.emit('and t1, t1, t2');
    this.emit('not t2, t2');
    this.emit('and t0, t0, t2');
    this.emit('or t0, t0, t1');
    this.emit(`${storeOp(m.ty)} t0, 0(a1)`);
    // the value of the assignment is the stored (truncated) value
    this.emit(`slli a0, a0, ${64 - m.bitWidth}`);
    this.emit(`${m.ty.unsigned ? 'srli' : 'srai'} a0, a0, ${64 - m.bitWidth}`);
  }

  // ---- expressions ----

  /** Evaluates `node` into a0 (a struct value as its address). */
  gen(node: Node): void {
    switch (node.kind) {
      case 'nullExpr':
        return;
      case 'num':
        if (node.ty && isFlonum(node.ty)) {
          this.emit(`li a0, ${floatConstBits(node.fval ?? Number(node.val ?? 0n), node.ty)}`);
          return;
        }
        this.emit(`li a0, ${canonical(node.val!, node.ty!)}`);
        return;
      case 'neg':
        this.gen(node.lhs!);
        if (isFlonum(node.ty!)) {
          this.emit(`li t0, ${node.ty!.kind === 'float' ? '0x80000000' : '-9223372036854775808'}`);
          this.emit('xor a0, a0, t0');
          return;
        }
        this.emit(node.ty!.size <= 4 ? 'negw a0, a0' : 'neg a0, a0');
        return;
      case 'var':
        if (this.loadSimple('a0', node)) return;
        this.genAddr(node);
        this.load(node.ty!);
        return;
      case 'member':
        this.genAddr(node);
        if (node.member!.isBitfield) this.loadBitfield(node.member!);
        else this.load(node.ty!);
        return;
      case 'deref':
        this.gen(node.lhs!);
        this.load(node.ty!);
        return;
      case 'addr':
        this.genAddr(node.lhs!);
        return;
      case 'assign':
        if (isFrameScalar(node.lhs!)) {
          // a local scalar: no address on the stack, store straight into the frame slot
          this.gen(node.rhs!);
          this.emit(`${storeOp(node.ty!)} a0, ${node.lhs!.obj!.offset}(s0)`);
          return;
        }
        this.genAddr(node.lhs!);
        this.push();
        this.gen(node.rhs!);
        if (node.lhs!.kind === 'member' && node.lhs!.member!.isBitfield) this.storeBitfield(node.lhs!.member!);
        else this.store(node.ty!);
        return;
      case 'stmtExpr':
        for (const s of node.body!) this.genStmt(s);
        return;
      case 'comma':
        this.gen(node.lhs!);
        this.gen(node.rhs!);
        return;
      case 'cast':
        if (this.loadSimple('a0', node)) return;
        this.gen(node.lhs!);
        this.cast(node.lhs!.ty!, node.ty!, node.tok);
        return;
      case 'memzero': {
        const obj = node.obj!;
        this.addImm('t1', 's0', obj.offset);
        const n = obj.ty.size;
        if (n <= 128) {
          let i = 0;
          for (; i + 8 <= n && obj.align >= 8; i += 8) this.emit(`sd zero, ${i}(t1)`);
          for (; i < n; i++) this.emit(`sb zero, ${i}(t1)`);
        } else {
          const loop = this.newLabel('zero');
          this.emit(`li t2, ${n}`);
          this.emitRaw(`${loop}:`);
          this.emit('sb zero, 0(t1)');
          this.emit('addi t1, t1, 1');
          this.emit('addi t2, t2, -1');
          this.emit(`bnez t2, ${loop}`);
        }
        return;
      }
      case 'vlaAlloc':
        this.genVlaAlloc(node);
        return;
      case 'cond': {
        const els = this.newLabel('else');
        const end = this.newLabel('end');
        this.condJump(node.cond!, els, false);
        this.gen(node.then!);
        this.emit(`j ${end}`);
        this.emitRaw(`${els}:`);
        this.gen(node.els!);
        this.emitRaw(`${end}:`);
        return;
      }
      case 'not':
        this.genCond(node.lhs!);
        this.emit('seqz a0, a0');
        return;
      case 'bitnot':
        this.gen(node.lhs!);
        this.emit('not a0, a0');
        return;
      case 'logand':
      case 'logor': {
        const done = this.newLabel('sc');
        this.genCond(node.lhs!);
        this.branch(node.kind === 'logand' ? 'beqz' : 'bnez', 'a0', done);
        this.genCond(node.rhs!);
        this.emitRaw(`${done}:`);
        this.emit('snez a0, a0');
        return;
      }
      case 'funcall':
        this.genFuncall(node);
        return;
      case 'vaStart': {
        const fn = this.fn!;
        const named = namedWords(fn);
        this.genAddr(node.lhs!);
        this.addImm('t0', 's0', named < 8 ? -64 + 8 * named : 8 * (named - 8));
        this.emit('sd t0, 0(a0)');
        return;
      }
      case 'vaArg': {
        const ty = node.argTy!;
        this.gen(node.lhs!.ty!.kind === 'array' ? node.lhs! : addrOf(node.lhs!));
        this.emit('ld t0, 0(a0)');
        let step = alignTo(Math.max(ty.size, 1), 8);
        if (isStructLike(ty) && ty.size > 16) {
          step = 8;
          this.emit('ld t1, 0(t0)');
        } else {
          if (ty.align >= 16) {
            this.emit('addi t0, t0, 15');
            this.emit('andi t0, t0, -16');
          }
          this.emit('mv t1, t0');
        }
        this.emit(`addi t0, t0, ${step}`);
        this.emit('sd t0, 0(a0)');
        this.emit('mv a0, t1');
        return;
      }
      default:
        break;
    }

    this.genOperands(node);
    const lty = node.lhs!.ty!;
    if (isFlonum(lty)) {
      const { helper, post } = floatBinary(node.kind, lty, node.tok);
      this.callHelper(helper);
      for (const ins of post) this.emit(ins);
      return;
    }
    const w = isInteger(lty) && lty.size <= 4 ? 'w' : '';
    const u = lty.unsigned || lty.kind === 'ptr' || lty.kind === 'array';
    switch (node.kind) {
      case 'add':
        this.emit(`add${w} a0, a0, a1`);
        return;
      case 'sub':
        this.emit(`sub${w} a0, a0, a1`);
        return;
      case 'mul':
        this.emit(`mul${w} a0, a0, a1`);
        return;
      case 'div':
        this.emit(`div${u ? 'u' : ''}${w} a0, a0, a1`);
        return;
      case 'mod':
        this.emit(`rem${u ? 'u' : ''}${w} a0, a0, a1`);
        return;
      case 'bitand':
        this.emit('and a0, a0, a1');
        return;
      case 'bitor':
        this.emit('or a0, a0, a1');
        return;
      case 'bitxor':
        this.emit('xor a0, a0, a1');
        return;
      case 'shl':
        this.emit(`sll${w} a0, a0, a1`);
        return;
      case 'shr':
        this.emit(`${u ? 'srl' : 'sra'}${w} a0, a0, a1`);
        return;
      case 'eq':
        this.emit('xor a0, a0, a1');
        this.emit('seqz a0, a0');
        return;
      case 'ne':
        this.emit('xor a0, a0, a1');
        this.emit('snez a0, a0');
        return;
      case 'lt':
        this.emit(`slt${u ? 'u' : ''} a0, a0, a1`);
        return;
      case 'le':
        this.emit(`slt${u ? 'u' : ''} a0, a1, a0`);
        this.emit('xori a0, a0, 1');
        return;
      default:
        throw new CodegenError(node.tok, `invalid expression (${node.kind})`);
    }
  }

  /**
   * Allocates a VLA below the current stack. Re-running the declaration (a loop, a backward goto)
   * first gives back what the previous run allocated, so the stack does not grow per iteration.
   */
  private genVlaAlloc(node: Node): void {
    const obj = node.obj!;
    const save = node.rhs!.obj!;
    this.gen(node.lhs!);
    this.emit(`li t1, ${obj.ty.base!.size}`);
    this.emit('mul a0, a0, t1');
    this.memOp('sd', 'a0', 's0', obj.ty.vlaSize!.offset);
    const fresh = this.newLabel('vla');
    this.memOp('ld', 't0', 's0', save.offset);
    this.emit(`beqz t0, ${fresh}`);
    this.emit('mv sp, t0');
    this.emitRaw(`${fresh}:`);
    this.memOp('sd', 'sp', 's0', save.offset);
    this.emit('sub sp, sp, a0');
    this.emit('andi sp, sp, -16');
    this.memOp('sd', 'sp', 's0', obj.offset);
  }

  /** Loads a leaf (constant or local scalar) into `rd` in one instruction; false if it is not one. */
  private loadSimple(rd: string, node: Node): boolean {
    const c = constLeaf(node);
    if (c !== undefined) {
      this.emit(`li ${rd}, ${c}`);
      return true;
    }
    const v = varLeaf(node);
    if (v) {
      this.emit(`${v.op} ${rd}, ${v.offset}(s0)`);
      return true;
    }
    return false;
  }

  /** Evaluates a controlling expression to 0 or nonzero in a0 (floats compare against ±0). */
  /**
   * Evaluates a binary node's operands: left into a0, right into a1. A side-effect-free leaf on
   * the right is loaded after the left operand; anything else is evaluated first and kept on
   * the stack.
   */
  private genOperands(node: Node): void {
    if (isLeaf(node.rhs!)) {
      this.gen(node.lhs!);
      this.loadSimple('a1', node.rhs!);
    } else {
      this.gen(node.rhs!);
      this.push();
      this.gen(node.lhs!);
      this.pop('a1');
    }
  }

  /**
   * Jumps to `target` when the truth of `node` equals `when`. An integer or pointer comparison
   * becomes one compare-and-branch instead of computing 0/1 first.
   */
  private condJump(node: Node, target: string, when: boolean): void {
    const k = node.kind;
    const lty = node.lhs?.ty;
    if ((k === 'lt' || k === 'le' || k === 'eq' || k === 'ne') && lty && !isFlonum(lty)) {
      this.genOperands(node);
      const u = lty.unsigned || lty.kind === 'ptr' || lty.kind === 'array' || lty.kind === 'func' ? 'u' : '';
      const ops: Record<string, [BranchOp, BranchOp]> = {
        lt: [`blt${u}` as BranchOp, `bge${u}` as BranchOp],
        le: [`ble${u}` as BranchOp, `bgt${u}` as BranchOp],
        eq: ['beq', 'bne'],
        ne: ['bne', 'beq'],
      };
      this.branch(ops[k]![when ? 0 : 1], 'a0, a1', target);
      return;
    }
    this.genCond(node);
    this.branch(when ? 'bnez' : 'beqz', 'a0', target);
  }

  private genCond(node: Node): void {
    this.gen(node);
    const ty = node.ty!;
    if (ty.kind === 'double') this.emit('slli a0, a0, 1');
    else if (ty.kind === 'float') this.emit('slli a0, a0, 33');
    else if (ty.kind === 'ldouble') throw new CodegenError(node.tok, 'long double is not supported');
  }

  /** Calls a runtime helper (sp is always 16-byte aligned between statements' code). */
  private callHelper(name: string): void {
    this.emit(`call ${name}`);
  }

  /** Converts a0 from type `from` to type `to`. */
  private cast(from: Type, to: Type, tok: Token): void {
    if (to.kind === 'void') return;
    if (from.kind === 'ldouble' || to.kind === 'ldouble') {
      if (from.kind !== to.kind) throw new CodegenError(tok, 'long double is not supported');
      return;
    }
    if (isFlonum(from) || isFlonum(to)) {
      if (to.kind === 'bool') {
        this.emit(from.kind === 'double' ? 'slli a0, a0, 1' : 'slli a0, a0, 33');
        this.emit('snez a0, a0');
        return;
      }
      for (const step of floatCast(from, to)) {
        if (step.startsWith('call ')) this.callHelper(step.slice(5));
        else this.emit(step);
      }
      return;
    }
    if (isStructLike(to) || to.kind === 'array' || to.kind === 'func') return;
    if (to.kind === 'bool') {
      this.emit('snez a0, a0');
      return;
    }
    const fromSize = from.kind === 'array' || from.kind === 'func' ? 8 : from.size;
    switch (to.size) {
      case 1:
        if (to.unsigned) this.emit('andi a0, a0, 255');
        else {
          this.emit('slli a0, a0, 56');
          this.emit('srai a0, a0, 56');
        }
        return;
      case 2:
        this.emit('slli a0, a0, 48');
        this.emit(`${to.unsigned ? 'srli' : 'srai'} a0, a0, 48`);
        return;
      case 4:
        if (fromSize > 4) this.emit('sext.w a0, a0');
        return;
      default:
        if (fromSize === 4 && from.unsigned && isInteger(from)) {
          this.emit('slli a0, a0, 32');
          this.emit('srli a0, a0, 32');
        }
        return;
    }
  }

  // ---- calls ----

  private genFuncall(node: Node): void {
    const callee = node.lhs!;
    const direct = callee.kind === 'var' && callee.obj!.isFunction;
    const base = this.depth;
    if (!direct) {
      this.gen(callee);
      this.push();
    }
    const args = node.args!;
    for (const a of args) {
      this.gen(a);
      this.push();
    }
    const retTy = node.funcTy!.returnTy!;
    const bigRet = isStructLike(retTy) && retTy.size > 16;
    type Word = { kind: 'retbuf' } | { kind: 'scalar'; arg: number } | { kind: 'part'; arg: number; off: number; n: number };
    const words: Word[] = [];
    if (bigRet) words.push({ kind: 'retbuf' });
    args.forEach((a, i) => {
      const ty = a.ty!;
      if (isStructLike(ty) && ty.size <= 16) {
        for (let off = 0; off < Math.max(ty.size, 1); off += 8) words.push({ kind: 'part', arg: i, off, n: Math.min(8, ty.size - off) || 1 });
      } else words.push({ kind: 'scalar', arg: i });
    });
    const stackWords = Math.max(0, words.length - 8);
    const outgoing = alignTo(stackWords * 8, 16);
    if (outgoing) this.addImm('sp', 'sp', -outgoing);
    const argSlot = (i: number): number => this.slot(base + (direct ? 0 : 1) + i);
    const fetch = (w: Word, rd: string): void => {
      if (w.kind === 'retbuf') this.addImm(rd, 's0', node.retBuffer!.offset);
      else if (w.kind === 'scalar') this.memOp('ld', rd, 's0', argSlot(w.arg));
      else {
        this.memOp('ld', 't3', 's0', argSlot(w.arg));
        this.loadPart(rd, 't3', w.off, w.n);
      }
    };
    for (let j = 8; j < words.length; j++) {
      fetch(words[j], 't0');
      this.memOp('sd', 't0', 'sp', 8 * (j - 8));
    }
    for (let j = 0; j < Math.min(8, words.length); j++) fetch(words[j], ARG_REGS[j]);
    if (direct) this.emit(`call ${callee.obj!.name}`);
    else {
      this.memOp('ld', 't6', 's0', this.slot(base));
      this.emit('jalr t6');
    }
    if (outgoing) this.addImm('sp', 'sp', outgoing);
    this.depth = base;

    if (isStructLike(retTy)) {
      const buf = node.retBuffer!;
      if (!bigRet) {
        this.addImm('t3', 's0', buf.offset);
        this.storePart('a0', 't3', 0, Math.min(8, retTy.size) || 1);
        if (retTy.size > 8) this.storePart('a1', 't3', 8, retTy.size - 8);
      }
      this.addImm('a0', 's0', buf.offset);
      return;
    }
    // callees built by other compilers may leave narrow values unextended
    if (isInteger(retTy) && retTy.size < 4) this.cast({ ...retTy, size: 8, kind: 'long' }, retTy, node.tok);
  }

  // ---- statements ----

  private genStmt(node: Node): void {
    if (node.kind !== 'block') this.loc(node.tok);
    switch (node.kind) {
      case 'if': {
        const els = this.newLabel('else');
        const end = this.newLabel('end');
        this.condJump(node.cond!, els, false);
        this.genStmt(node.then!);
        this.emit(`j ${end}`);
        this.emitRaw(`${els}:`);
        if (node.els) this.genStmt(node.els);
        this.emitRaw(`${end}:`);
        return;
      }
      case 'for': {
        const begin = this.newLabel('begin');
        if (node.init) this.genStmt(node.init);
        this.emitRaw(`${begin}:`);
        if (node.cond) {
          this.loc(node.cond.tok);
          this.condJump(node.cond, node.brkLabel!, false);
        }
        this.genStmt(node.then!);
        this.emitRaw(`${node.contLabel}:`);
        if (node.inc) {
          this.loc(node.inc.tok);
          this.gen(node.inc);
        }
        this.emit(`j ${begin}`);
        this.emitRaw(`${node.brkLabel}:`);
        return;
      }
      case 'do': {
        const begin = this.newLabel('begin');
        this.emitRaw(`${begin}:`);
        this.genStmt(node.then!);
        this.emitRaw(`${node.contLabel}:`);
        this.loc(node.cond!.tok);
        this.condJump(node.cond!, begin, true);
        this.emitRaw(`${node.brkLabel}:`);
        return;
      }
      case 'switch': {
        this.gen(node.cond!);
        const ty = node.cond!.ty!;
        const canon = (v: bigint): bigint => (ty.size <= 4 ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v));
        for (const c of node.cases!) {
          if (c.begin === c.end) {
            this.emit(`li t0, ${canon(c.begin!)}`);
            this.branch('beq', 'a0, t0', c.label!);
          } else {
            this.emit(`li t0, ${canon(c.begin!)}`);
            this.emit(`sub${ty.size <= 4 ? 'w' : ''} t1, a0, t0`);
            if (ty.size <= 4) {
              this.emit('slli t1, t1, 32');
              this.emit('srli t1, t1, 32');
            }
            this.emit(`li t0, ${BigInt.asUintN(ty.size <= 4 ? 32 : 64, c.end! - c.begin!)}`);
            this.branch('bleu', 't1, t0', c.label!);
          }
        }
        this.emit(`j ${node.defaultCase ? node.defaultCase.label : node.brkLabel}`);
        this.genStmt(node.then!);
        this.emitRaw(`${node.brkLabel}:`);
        return;
      }
      case 'case':
        this.emitRaw(`${node.label}:`);
        this.genStmt(node.lhs!);
        return;
      case 'block':
        for (const s of node.body!) this.genStmt(s);
        return;
      case 'goto':
        this.emit(`j ${node.uniqueLabel}`);
        return;
      case 'label':
        this.emitRaw(`${node.uniqueLabel}:`);
        this.genStmt(node.lhs!);
        return;
      case 'break':
      case 'continue':
        this.emit(`j ${node.uniqueLabel}`);
        return;
      case 'return':
        if (node.lhs) {
          this.gen(node.lhs);
          const ty = node.lhs.ty!;
          if (isStructLike(ty) && this.fn!.ty.returnTy!.kind !== 'void') this.copyStructReturn(ty);
        }
        this.emit(`j .Lreturn.${this.fn!.name}`);
        return;
      case 'exprStmt':
        this.gen(node.lhs!);
        return;
      case 'nullExpr':
        return;
      default:
        this.gen(node);
        return;
    }
  }

  /** a0 holds the address of the struct being returned. */
  private copyStructReturn(ty: Type): void {
    if (ty.size > 16) {
      this.emit('mv t6, a0');
      this.memOp('ld', 'a0', 's0', this.fn!.retBuffer!.offset);
      this.copyBytes('a0', 't6', ty.size);
      return;
    }
    this.emit('mv t6, a0');
    if (ty.size > 8) this.loadPart('a1', 't6', 8, ty.size - 8);
    this.loadPart('a0', 't6', 0, Math.min(8, ty.size) || 1);
  }

  // ---- functions ----

  private assignOffsets(fn: Obj): number {
    let off = -this.hdr;
    for (const v of fn.locals!) {
      off -= v.isVla ? 8 : v.ty.size;
      const align = Math.max(v.align, v.ty.align, 1);
      off = -alignTo(-off, align);
      v.offset = off;
    }
    return -off;
  }

  private emitFunction(fn: Obj): void {
    this.fn = fn;
    const variadic = !!fn.ty.isVariadic;
    this.hdr = variadic ? 80 : 16;
    const localsEnd = this.assignOffsets(fn);
    this.tempBase = -alignTo(localsEnd, 8);
    this.maxDepth = 0;
    const name = fn.name;
    this.emitRaw('');
    this.emit('.text');
    if (!fn.isStatic) this.emit(`.globl ${name}`);
    this.emit(`.type ${name}, @function`);
    this.emit('.p2align 2');
    this.emitRaw(`${name}:`);
    const start = this.out.length;
    this.farBranches = [];
    if (fn.tok) this.loc(fn.tok);
    this.emit(`addi sp, sp, -${this.hdr}`);
    this.emit('sd ra, 8(sp)');
    this.emit('sd s0, 0(sp)');
    this.emit(`addi s0, sp, ${this.hdr}`);
    if (variadic) for (let i = 0; i < 8; i++) this.emit(`sd a${i}, ${-64 + 8 * i}(s0)`);
    // the frame size is known only after the body (it holds the deepest temporaries): reserve
    // its place in the output and fill it in afterwards
    const frameAt = this.out.length;
    this.depth = 0;
    for (const v of fn.locals!) if (v.isVlaSave) this.memOp('sd', 'zero', 's0', v.offset);
    this.storeParams(fn, variadic);
    this.genStmt(fn.body!);
    if (this.depth !== 0) throw new CodegenError(fn.tok, `internal stack depth mismatch in '${name}'`);
    this.shortenBranches(start);
    const frame = alignTo(-this.tempBase + 8 * this.maxDepth - this.hdr, 16);
    if (frame) {
      const body = this.out.splice(frameAt);
      this.addImm('sp', 'sp', -frame);
      for (const line of body) this.out.push(line);
    }
    if (name === 'main') this.emit('li a0, 0');
    this.emitRaw(`.Lreturn.${name}:`);
    this.emit(`addi sp, s0, -${this.hdr}`);
    this.emit('ld ra, 8(sp)');
    this.emit('ld s0, 0(sp)');
    this.emit(`addi sp, sp, ${this.hdr}`);
    this.emit('ret');
    this.emit(`.size ${name}, .-${name}`);
    this.fn = undefined;
  }

  /** Moves incoming arguments (registers, then caller's stack) into the parameter slots. */
  private storeParams(fn: Obj, variadic: boolean): void {
    let w = 0;
    // the source of argument word w: a register, the save area, or the caller's frame
    const word = (k: number, rd: string): string => {
      if (k < 8 && !variadic) return ARG_REGS[k];
      this.memOp('ld', rd, 's0', k < 8 ? -64 + 8 * k : 8 * (k - 8));
      return rd;
    };
    if (fn.retBuffer) {
      this.memOp('sd', word(w++, 't0'), 's0', fn.retBuffer.offset);
    }
    for (const p of fn.params!) {
      const ty = p.ty;
      if (isStructLike(ty) && ty.size <= 16) {
        this.addImm('t3', 's0', p.offset);
        for (let off = 0; off < Math.max(ty.size, 1); off += 8) this.storePart(word(w++, 't0'), 't3', off, Math.min(8, ty.size - off) || 1);
      } else if (isStructLike(ty)) {
        const src = word(w++, 't6');
        if (src !== 't6') this.emit(`mv t6, ${src}`);
        this.addImm('t3', 's0', p.offset);
        this.copyBytes('t3', 't6', ty.size);
      } else {
        const src = word(w++, 't0');
        this.memOp(storeOp(ty), src, 's0', p.offset);
      }
    }
  }

  // ---- data ----

  private emitData(globals: Obj[]): void {
    for (const g of globals) {
      if (g.isFunction || !g.isDefinition) continue;
      const align = Math.max(g.align, g.ty.align, 1);
      const size = Math.max(g.ty.size, 0);
      this.emitRaw('');
      if (!g.isStatic) this.emit(`.globl ${g.name}`);
      if (!g.initData) {
        this.emit('.bss');
        this.emit(`.type ${g.name}, @object`);
        this.emit(`.size ${g.name}, ${size}`);
        this.emit(`.p2align ${Math.log2(align)}`);
        this.emitRaw(`${g.name}:`);
        this.emit(`.zero ${Math.max(size, 1)}`);
        continue;
      }
      this.emit(g.isReadonly ? '.section .rodata' : '.data');
      this.emit(`.type ${g.name}, @object`);
      this.emit(`.size ${g.name}, ${size}`);
      this.emit(`.p2align ${Math.log2(align)}`);
      this.emitRaw(`${g.name}:`);
      const data = g.initData;
      const relocs = new Map((g.relocs ?? []).map((r) => [r.offset, r]));
      let bytes: number[] = [];
      const flush = (): void => {
        if (bytes.length) this.emit(`.byte ${bytes.join(',')}`);
        bytes = [];
      };
      for (let i = 0; i < data.length; ) {
        const r = relocs.get(i);
        if (r) {
          flush();
          this.emit(`.dword ${r.label}${r.addend === 0n ? '' : r.addend > 0n ? `+${r.addend}` : `${r.addend}`}`);
          i += 8;
          continue;
        }
        // long runs of zeros become .zero
        let z = i;
        while (z < data.length && data[z] === 0 && !relocs.has(z)) z++;
        if (z - i >= 16) {
          flush();
          this.emit(`.zero ${z - i}`);
          i = z;
          continue;
        }
        bytes.push(data[i]);
        if (bytes.length === 16) flush();
        i++;
      }
      flush();
      if (data.length === 0) this.emit('.zero 1');
    }
  }
}

/** A local scalar variable whose frame slot a 12-bit offset reaches. */
function isFrameScalar(node: Node): boolean {
  if (node.kind !== 'var') return false;
  const obj = node.obj!;
  const ty = node.ty ?? obj.ty;
  return obj.isLocal && !obj.isVla && fits12(obj.offset) && ty.kind !== 'array' && ty.kind !== 'struct' && ty.kind !== 'union' && ty.kind !== 'func';
}

/** Operands that can be loaded with no side effects and no scratch registers. */
function isLeaf(node: Node): boolean {
  return constLeaf(node) !== undefined || varLeaf(node) !== undefined;
}

/** An integer target that a value converts to without truncation work (not _Bool, not floating). */
function plainIntTarget(ty: Type): boolean {
  return (isInteger(ty) && ty.kind !== 'bool') || ty.kind === 'ptr';
}

/** The register value of an integer constant, possibly under a conversion, or undefined. */
function constLeaf(node: Node): bigint | undefined {
  if (node.kind === 'num' && node.ty && !isFlonum(node.ty) && node.val !== undefined) return canonical(node.val, node.ty);
  if (node.kind === 'cast' && plainIntTarget(node.ty!)) {
    const inner = node.lhs!;
    if (inner.kind === 'num' && inner.ty && !isFlonum(inner.ty) && inner.val !== undefined) return canonical(inner.val, node.ty!);
  }
  return undefined;
}

/**
 * A local scalar read, possibly widened by a conversion, as one load from the frame: the load's
 * own sign or zero extension performs the widening.
 */
function varLeaf(node: Node): { op: string; offset: number } | undefined {
  if (isFrameScalar(node)) return { op: loadOp(node.ty ?? node.obj!.ty), offset: node.obj!.offset };
  if (node.kind === 'cast' && plainIntTarget(node.ty!) && isFrameScalar(node.lhs!)) {
    const from = node.lhs!.ty ?? node.lhs!.obj!.ty;
    const to = node.ty!;
    if (!plainIntTarget(from) || to.size < from.size) return undefined;
    // same width: the target's extension (e.g. unsigned char -> signed char); wider: the source's
    const op = to.size === from.size ? loadOp(to) : from.size === 4 && from.unsigned ? 'lwu' : loadOp(from);
    return { op, offset: node.lhs!.obj!.offset };
  }
  return undefined;
}

function addrOf(node: Node): Node {
  const n = newNode('addr', node.tok);
  n.lhs = node;
  n.ty = { kind: 'ptr', size: 8, align: 8, unsigned: true, arrayLen: 0, base: node.ty };
  return n;
}

/** Argument words used by the named parameters (for va_start). */
function namedWords(fn: Obj): number {
  let w = fn.retBuffer ? 1 : 0;
  for (const p of fn.params!) w += isStructLike(p.ty) && p.ty.size <= 16 ? Math.max(1, Math.ceil(p.ty.size / 8)) : 1;
  return w;
}

/** A constant in the register form of its type (32-bit values sign-extended, psABI). */
function canonical(v: bigint, ty: Type): bigint {
  if (ty.size === 4) return BigInt.asIntN(32, v);
  if (ty.size < 4 && ty.kind !== 'void') return ty.unsigned ? BigInt.asUintN(ty.size * 8, v) : BigInt.asIntN(ty.size * 8, v);
  return BigInt.asIntN(64, v);
}

function loadOp(ty: Type): string {
  switch (ty.size) {
    case 1: return ty.unsigned ? 'lbu' : 'lb';
    case 2: return ty.unsigned ? 'lhu' : 'lh';
    case 4: return ty.kind === 'float' ? 'lwu' : 'lw';
    default: return 'ld';
  }
}

function storeOp(ty: Type): string {
  switch (ty.size) {
    case 1: return 'sb';
    case 2: return 'sh';
    case 4: return 'sw';
    default: return 'sd';
  }
}

export function escapeString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
