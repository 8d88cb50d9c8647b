// The plain-instruction interpreter in WebAssembly: one hand-built function that fetches,
// decodes and executes the instructions wasm/translate.ts translates (LUI, AUIPC, JAL, JALR,
// branches, loads, stores, OP-IMM(-32), OP(-32) with M but not mulh*, and their RVC forms),
// and, in a function of their own (systemBody), the Zicsr instructions on sstatus and the
// supervisor trap CSRs (sscratch, sepc, scause, stval; mstatus and those four are kept in the
// machine's memory: layout.ts MEM_MSTATUS, MEM_SCSR) from S- and M-mode and sfence.vma, with
// register numbers decoded at run time. Cold code (below the translation threshold) runs
// here instead of through Hart.step: a wasm function compiles in Liftoff in well under a
// millisecond and never deoptimizes, where the JS step/execute/exec-* paths cost a cold boot
// TurboFan compiles and feedback warm-up (docs/perf.md, 2026-12-02 b).
//
// The function is (pc: f64, room, mode, stop) -> r with the block contract (jit.ts): it runs
// from pc for at most `room` instructions (at least one) and returns how many retired, with
// the next pc in MEM_PC; or -(k + 1) when JS must execute the instruction at MEM_PC next
// (its step()), k having retired: anything that is not plain, an illegal encoding, a fetch
// or data access off the fast path (device, page-crossing, a 32-bit instruction in a page's
// last halfword, a TLB miss the walk below does not finish), a store to a page with code or
// dirty-tracking marks, a watched store (mode bit 2), a jalr target a JS number cannot hold,
// or a compressed parcel whose expansion is not in MEM_RVC yet. The fast paths and their
// checks are translate.ts's and Hart.fetchOffset's, so every exit leaves to step() exactly
// what step() would do anyway.
// A TLB miss is walked here (walkBody, Mmu.walk's steps), so that the kernel's accesses after
// each sfence.vma or satp write do not each leave to step(): ~10 k per lab run (docs/perf.md).
// mode = Mmu.wasmMode | 2 when stores are watched. stop says what happens at a control
// transfer: 0 (hart.jit null) the run goes on; 1 (a disabled Jit, or JS blocks) it ends, so
// the run loop looks blocks up at exactly the pcs it does with step(); 2 (wasm blocks) the
// interpreter does the run loop's part itself (edge() below: call the translated block
// through the Jit's table, or count the run in MEM_HOT) and ends only where the run loop must
// decide (a count reaching its limit), so cold code no longer returns to JS at every branch:
// 117 k calls per lab run became 8 k (docs/perf.md, "Block starts counted in wasm"); 3 is 2
// entered at a block start the run loop has not looked up (hart.edge after step(), a trap or
// an interrupt), which the interpreter takes first, so the run loop's own lookup runs only for
// what the interpreter leaves to it (it then returns 0): 6.2 k lookups per lab run became
// 450 (docs/perf.md, "Block starts after step()").
// MEM_INTERP receives nonzero when the caller must set hart.edge (stop 0/1: a control
// transfer retired; stop 2: the pc left is a block start not yet looked up) and the parcel of
// an expansion miss (the caller fills MEM_RVC).
//
// The module is compiled once per (RAM offset, RAM size, shared or not) and instantiated per
// machine over its memory (layout.ts). RAM is at 0x80000000 (the virt board), as for
// translated blocks.

import type { Hart } from '../hart';
import * as rvc from '../rvc';
import {
  BLOCK_CACHE_ENTRY, BLOCK_CACHE_SIZE, HOT_ENTRY, HOT_GONE, HOT_SIZE, MEM_BLOCK_CACHE, MEM_CODE_PAGES, MEM_HOT,
  MEM_HOT_THRESHOLD, MEM_INTERP, MEM_MSTATUS, MEM_PC, MEM_REGS, MEM_RVC, MEM_SCSR, MEM_TLB_OFF, MEM_TLB_TAG, MEM_WALK,
  RVC_ENTRIES, SCSR_COUNT, TLB_KIND_BYTES, WALK_DATA_PRIV, WALK_FETCH_PRIV, WALK_ROOT, WALK_SUM_MXR,
  type MemoryLayout,
} from '../layout';
import {
  beginModule, buildModule, Code, FC_I64_TRUNC_SAT_F64_S, I32, I64, Op, TYPE_BLOCK, TYPE_INTERP,
  TYPE_DROP, TYPE_SYSTEM, TYPE_WALK, VOID,
} from './emit';
import { PAGE_CODE } from '../bus';
import { MSTATUS_MXR, MSTATUS_SIE, MSTATUS_SUM, MSTATUS_TVM, PRIV_S, PRIV_U } from '../trap';
import { NO_TAG, PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu';
import { CSR, SSTATUS_HIGH, SSTATUS_MASK } from '../csr';
import { wasmApi, type WasmApi, type WasmTable } from './host';
import { MAX_BLOCK, mulDiv32Value, mulDiv64Value } from './translate';

const expandCompressed = rvc.expandCompressed;

/** The RAM base the fast paths assume (translate.ts, jit.ts). */
const RAM_BASE = 0x80000000;

// Parameters, then locals.
const P_PC = 0, ROOM = 1, MODE = 2, STOP = 3;
const PC = 4, N = 5, INSN = 6, FPAGE = 7, FBASE = 8, D = 9, A = 10, B = 11, OFF = 12, T = 13,
  EDGE = 14, LEN = 15, IX = 16, V = 17, W = 18, SIZE = 19, PEND = 20;
const LOCALS = [I64, I32, I32, I64, I32, I32, I64, I64, I32, I32, I32, I64, I32, I32, I32, I32, I32];

/** The module's second function: the Sv39 walk of a TLB miss (walkBody). */
const WALK_FN = 1;
/** Its fourth: the SYSTEM instructions the interpreter runs (systemBody). */
const SYSTEM_FN = 3;

/** A fetch-window page no pc has (pc >> 12 of any i64 is below 2^51 in magnitude). */
const NO_PAGE = 2 ** 62;

/**
 * Structured control with named labels: wasm branches count enclosing labels, which is
 * error-prone by hand in a function this size.
 */
class Labels {
  private readonly stack: string[] = [];

  constructor(readonly c: Code) {}

  block(name: string, type = VOID): void { this.c.opIdx(Op.Block, type); this.stack.push(name); }
  loop(name: string): void { this.c.opIdx(Op.Loop, VOID); this.stack.push(name); }
  if(type = VOID): void { this.c.opIdx(Op.If, type); this.stack.push('(if)'); }
  else(): void { this.c.op(Op.Else); }
  end(): void { this.c.op(Op.End); this.stack.pop(); }

  private depth(name: string): number {
    const i = this.stack.lastIndexOf(name);
    if (i < 0) throw new Error(`wasm interpreter: no label ${name}`);
    return this.stack.length - 1 - i;
  }

  br(name: string): void { this.c.opIdx(Op.Br, this.depth(name)); }
  brIf(name: string): void { this.c.opIdx(Op.BrIf, this.depth(name)); }

  /** br_table on the i32 on the stack: targets[i] for i, `other` for anything else. */
  brTable(targets: readonly string[], other: string): void {
    this.c.op(Op.BrTable);
    this.c.out.uleb(targets.length);
    for (const t of targets) this.c.out.uleb(this.depth(t));
    this.c.out.uleb(this.depth(other));
  }

  /**
   * Open one block per case name (the first innermost) for a br_table over them; close each
   * with next() before its code, in order.
   */
  cases(names: readonly string[]): void {
    for (let i = names.length - 1; i >= 0; i--) this.block(names[i]!);
  }
}

// ---- operand helpers (the register file is i64 slots at MEM_REGS; slot 32 takes x0 writes) --

/** Push x[rs1] (i64): rs1 << 3 is bits 15..19 of the instruction shifted right by 12. */
function rs1(c: Code): void {
  c.get(INSN).i32(12).op(Op.I32ShrU).i32(0xf8).op(Op.I32And).mem(Op.I64Load, 3, MEM_REGS);
}

function rs2(c: Code): void {
  c.get(INSN).i32(17).op(Op.I32ShrU).i32(0xf8).op(Op.I32And).mem(Op.I64Load, 3, MEM_REGS);
}

/** The low 32 bits of x[rs1] / x[rs2] (little-endian: the slot's first word). */
function rs1w(c: Code): void {
  c.get(INSN).i32(12).op(Op.I32ShrU).i32(0xf8).op(Op.I32And).mem(Op.I32Load, 2, MEM_REGS);
}

function rs2w(c: Code): void {
  c.get(INSN).i32(17).op(Op.I32ShrU).i32(0xf8).op(Op.I32And).mem(Op.I32Load, 2, MEM_REGS);
}

/** I-type immediate, sign-extended (i32). */
function immI(c: Code): void {
  c.get(INSN).i32(20).op(Op.I32ShrS);
}

/** Push rd's slot address (local D), before the value writeRd stores there. */
function dst(c: Code): void {
  c.get(D);
}

function writeRd(c: Code): void {
  c.mem(Op.I64Store, 3, MEM_REGS);
}

/** Write the i32 on the stack, sign-extended, to rd (D pushed before it). */
function writeRdW(c: Code): void {
  c.op(Op.I64ExtendI32S);
  writeRd(c);
}

/** Build the interpreter's module bytes (valid until the next module is built). */
function moduleBytes(layout: { ramOffset: number; pages: number; shared: boolean }, ramSize: number): Uint8Array {
  beginModule();
  const c = new Code();
  const L = new Labels(c);

  // A pc a JS number holds but an i64 does not take exactly (NaN: pcExact): step() does it.
  c.get(P_PC).op(Op.PrefixFC);
  c.out.uleb(FC_I64_TRUNC_SAT_F64_S);
  c.set(PC);
  c.get(PC).op(Op.F64ConvertI64S).get(P_PC).op(Op.F64Ne).opIdx(Op.If, VOID);
  c.i32(0).get(P_PC).mem(Op.F64Store, 3, MEM_PC);
  c.i32(0).i32(0).mem(Op.I32Store, 2, MEM_INTERP);
  c.i32(-1).op(Op.Return);
  c.op(Op.End);
  c.i64(NO_PAGE).set(FPAGE);

  L.block('exit');
  L.block('done');
  // STOP = 3: the pc is a block start the run loop has not looked up (hart.edge after step(),
  // a trap or an interrupt): the run loop's part is done here first, as after a control
  // transfer, then the run goes on with STOP = 2. A start left to the lookup returns 0.
  c.get(STOP).i32(3).op(Op.I32Eq);
  L.if();
  c.i32(2).set(STOP);
  L.block('next'); // edge() going on to the instruction at PC leaves here, into the loop below
  edgeLoop(c, L, ramSize);
  L.end(); // next
  L.end(); // if
  L.loop('next');

  // ---- fetch (as Hart.fetchOffset), through a window over the current page ----
  c.get(PC).i64(12).op(Op.I64ShrS).get(FPAGE).op(Op.I64Ne);
  L.if();
  c.get(PC).i64(12).op(Op.I64ShrS).set(FPAGE);
  c.get(MODE).i32(4).op(Op.I32And);
  L.if();
  // Sv39 fetch: the fetch TLB half of the mode, the tag compared as the chain helper does.
  c.get(FPAGE).op(Op.I32WrapI64).i32(255).op(Op.I32And);
  c.get(MODE).i32(512).op(Op.I32And).i32(1).op(Op.I32ShrU).op(Op.I32Or).i32(2).op(Op.I32Shl).set(IX);
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_TAG).op(Op.I64ExtendI32S).get(FPAGE).op(Op.I64Ne);
  L.if();
  // A miss: the walk fills the entry, as Mmu.walk does for step()'s fetch.
  c.get(PC).i32(0).get(IX).opIdx(Op.Call, WALK_FN).set(FBASE);
  c.get(FBASE).i32(0).op(Op.I32LtS);
  L.brIf('exit');
  L.else();
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_OFF).set(FBASE);
  L.end();
  L.else();
  // Bare: the whole page must be RAM (a partial last page is left to step()).
  c.get(PC).i64(RAM_BASE).op(Op.I64Sub).i64(12).op(Op.I64ShrU).i64(Math.floor(ramSize / 4096)).op(Op.I64GeU);
  L.brIf('exit');
  c.get(PC).op(Op.I32WrapI64).i32(-0x80000000).op(Op.I32Xor).i32(~0xfff).op(Op.I32And).set(FBASE);
  L.end();
  L.end();
  // A 32-bit instruction in the last halfword crosses the page (step does it; Hart.fetchOffset
  // leaves that halfword to it whatever the instruction's length).
  c.get(PC).op(Op.I32WrapI64).i32(0xfff).op(Op.I32And).set(OFF);
  c.get(OFF).i32(0xffe).op(Op.I32Eq);
  L.brIf('exit');
  c.get(FBASE).get(OFF).op(Op.I32Add).mem(Op.I32Load, 0, layout.ramOffset).set(INSN);
  c.i64(4).set(LEN);
  c.get(INSN).i32(3).op(Op.I32And).i32(3).op(Op.I32Ne);
  L.if();
  c.get(INSN).i32(0xffff).op(Op.I32And).set(IX);
  c.get(IX).i32(2).op(Op.I32Shl).mem(Op.I32Load, 2, MEM_RVC).set(INSN);
  c.get(INSN).op(Op.I32Eqz);
  L.if();
  c.i32(0).get(IX).mem(Op.I32Store, 2, MEM_INTERP + 4);
  L.br('exit');
  L.end();
  c.i64(2).set(LEN);
  L.end();
  // rd's slot, x0 writes going to the scratch slot 32 so they never stick.
  c.get(INSN).i32(4).op(Op.I32ShrU).i32(0xf8).op(Op.I32And).set(D);
  c.get(D).i32(256).get(D).op(Op.Select).set(D);

  L.block('jumped');
  L.block('straight');
  // Dispatch on opcode bits 6..2 (bits 1..0 are 11 for every 32-bit form and expansion).
  const opNames: string[] = new Array<string>(32).fill('exit');
  opNames[0x03 >> 2] = 'load'; opNames[0x13 >> 2] = 'opimm'; opNames[0x17 >> 2] = 'auipc';
  opNames[0x1b >> 2] = 'opimm32'; opNames[0x23 >> 2] = 'store'; opNames[0x33 >> 2] = 'op';
  opNames[0x37 >> 2] = 'lui'; opNames[0x3b >> 2] = 'op32'; opNames[0x63 >> 2] = 'branch';
  opNames[0x67 >> 2] = 'jalr'; opNames[0x6f >> 2] = 'jal'; opNames[0x73 >> 2] = 'system';
  const groups = ['load', 'opimm', 'auipc', 'opimm32', 'store', 'op', 'lui', 'op32', 'branch', 'jalr', 'jal', 'system'];
  L.cases(groups);
  c.get(INSN).i32(2).op(Op.I32ShrU).i32(31).op(Op.I32And);
  L.brTable(opNames, 'exit');

  const f3 = (): void => { c.get(INSN).i32(12).op(Op.I32ShrU).i32(7).op(Op.I32And); };
  const f7 = (): void => { c.get(INSN).i32(25).op(Op.I32ShrU); };

  // -- LOAD --
  L.end();
  f3(); c.set(T);
  c.get(T).i32(7).op(Op.I32Eq);
  L.brIf('exit');
  c.i32(1).get(T).i32(3).op(Op.I32And).op(Op.I32Shl).set(SIZE);
  rs1(c); immI(c); c.op(Op.I64ExtendI32S).op(Op.I64Add).set(A);
  address(c, L, 1, ramSize);
  {
    const loads = [Op.I64Load8S, Op.I64Load16S, Op.I64Load32S, Op.I64Load, Op.I64Load8U, Op.I64Load16U, Op.I64Load32U];
    const names = loads.map((_, i) => `ld${i}`);
    L.cases(names);
    c.get(T);
    L.brTable(names, 'exit');
    for (let i = 0; i < loads.length; i++) {
      L.end();
      dst(c); c.get(OFF).mem(loads[i]!, 0, layout.ramOffset); writeRd(c);
      L.br('straight');
    }
  }

  // -- OP-IMM --
  L.end();
  rs1(c); c.set(A);
  immI(c); c.op(Op.I64ExtendI32S).set(B);
  {
    const names = ['addi', 'slli', 'slti', 'sltiu', 'xori', 'sri', 'ori', 'andi'];
    L.cases(names);
    f3();
    L.brTable(names, 'exit');
    const bin = (op: Op): void => { dst(c); c.get(A).get(B).op(op); writeRd(c); L.br('straight'); };
    L.end(); bin(Op.I64Add);
    L.end();
    c.get(INSN).i32(26).op(Op.I32ShrU);
    L.brIf('exit'); // imm[11:6] must be 0 (step raises illegal-instruction)
    bin(Op.I64Shl); // i64.shl takes the count mod 64: B's low 6 bits are shamt
    L.end(); dst(c); c.get(A).get(B).op(Op.I64LtS).op(Op.I64ExtendI32U); writeRd(c); L.br('straight');
    L.end(); dst(c); c.get(A).get(B).op(Op.I64LtU).op(Op.I64ExtendI32U); writeRd(c); L.br('straight');
    L.end(); bin(Op.I64Xor);
    L.end();
    c.get(INSN).i32(26).op(Op.I32ShrU).set(T);
    c.get(T).op(Op.I32Eqz);
    L.if(); bin(Op.I64ShrU); L.end();
    c.get(T).i32(0x10).op(Op.I32Eq);
    L.if(); bin(Op.I64ShrS); L.end();
    L.br('exit');
    L.end(); bin(Op.I64Or);
    L.end(); bin(Op.I64And);
  }

  // -- AUIPC --
  L.end();
  dst(c); c.get(PC).get(INSN).i32(0xfffff000 | 0).op(Op.I32And).op(Op.I64ExtendI32S).op(Op.I64Add); writeRd(c);
  L.br('straight');

  // -- OP-IMM-32 --
  L.end();
  rs1w(c); c.set(V);
  immI(c); c.set(W);
  {
    const names = ['addiw', 'slliw', 'sriw'];
    const table = ['addiw', 'slliw', 'exit', 'exit', 'exit', 'sriw', 'exit', 'exit'];
    L.cases(names);
    f3();
    L.brTable(table, 'exit');
    L.end(); dst(c); c.get(V).get(W).op(Op.I32Add); writeRdW(c); L.br('straight');
    L.end();
    f7(); L.brIf('exit');
    dst(c); c.get(V).get(W).op(Op.I32Shl); writeRdW(c); L.br('straight'); // count mod 32: shamt
    L.end();
    f7(); c.set(T);
    c.get(T).op(Op.I32Eqz);
    L.if(); dst(c); c.get(V).get(W).op(Op.I32ShrU); writeRdW(c); L.br('straight'); L.end();
    c.get(T).i32(0x20).op(Op.I32Eq);
    L.if(); dst(c); c.get(V).get(W).op(Op.I32ShrS); writeRdW(c); L.br('straight'); L.end();
    L.br('exit');
  }

  // -- STORE --
  L.end();
  f3(); c.set(T);
  c.get(T).i32(3).op(Op.I32GtU);
  L.brIf('exit');
  c.i32(1).get(T).op(Op.I32Shl).set(SIZE);
  rs1(c);
  c.get(INSN).i32(25).op(Op.I32ShrS).i32(5).op(Op.I32Shl);
  c.get(INSN).i32(7).op(Op.I32ShrU).i32(31).op(Op.I32And).op(Op.I32Or);
  c.op(Op.I64ExtendI32S).op(Op.I64Add).set(A);
  address(c, L, 2, ramSize);
  {
    const stores = [Op.I64Store8, Op.I64Store16, Op.I64Store32, Op.I64Store];
    const names = stores.map((_, i) => `st${i}`);
    L.cases(names);
    c.get(T);
    L.brTable(names, 'exit');
    for (let i = 0; i < stores.length; i++) {
      L.end();
      c.get(OFF); rs2(c); c.mem(stores[i]!, 0, layout.ramOffset);
      L.br('straight');
    }
  }

  // -- OP --
  L.end();
  rs1(c); c.set(A);
  rs2(c); c.set(B);
  f7(); c.set(T);
  c.get(T).op(Op.I32Eqz);
  L.if();
  {
    const names = ['add', 'sll', 'slt', 'sltu', 'xor', 'srl', 'or', 'and'];
    const ops = [Op.I64Add, Op.I64Shl, Op.I64LtS, Op.I64LtU, Op.I64Xor, Op.I64ShrU, Op.I64Or, Op.I64And];
    L.cases(names);
    f3();
    L.brTable(names, 'exit');
    for (let i = 0; i < ops.length; i++) {
      L.end();
      dst(c); c.get(A).get(B).op(ops[i]!);
      if (i === 2 || i === 3) c.op(Op.I64ExtendI32U);
      writeRd(c);
      L.br('straight');
    }
  }
  L.end();
  c.get(T).i32(0x20).op(Op.I32Eq);
  L.if();
  f3(); c.op(Op.I32Eqz);
  L.if(); dst(c); c.get(A).get(B).op(Op.I64Sub); writeRd(c); L.br('straight'); L.end();
  f3(); c.i32(5).op(Op.I32Eq);
  L.if(); dst(c); c.get(A).get(B).op(Op.I64ShrS); writeRd(c); L.br('straight'); L.end();
  L.br('exit');
  L.end();
  c.get(T).i32(1).op(Op.I32Ne);
  L.brIf('exit');
  {
    // M (translate.ts's code, so both give the spec's results for x / 0 and MIN / -1).
    const names = ['mul', 'div', 'divu', 'rem', 'remu'];
    const table = ['mul', 'exit', 'exit', 'exit', 'div', 'divu', 'rem', 'remu'];
    L.cases(names);
    f3();
    L.brTable(table, 'exit');
    for (const f of [0, 4, 5, 6, 7]) {
      L.end(); dst(c); mulDiv64Value(c, f, A, B); writeRd(c); L.br('straight');
    }
  }

  // -- LUI --
  L.end();
  dst(c); c.get(INSN).i32(0xfffff000 | 0).op(Op.I32And); writeRdW(c);
  L.br('straight');

  // -- OP-32 --
  L.end();
  rs1w(c); c.set(V);
  rs2w(c); c.set(W);
  f7(); c.set(T);
  c.get(T).op(Op.I32Eqz);
  L.if();
  {
    const names = ['addw', 'sllw', 'srlw'];
    const table = ['addw', 'sllw', 'exit', 'exit', 'exit', 'srlw', 'exit', 'exit'];
    L.cases(names);
    f3();
    L.brTable(table, 'exit');
    L.end(); dst(c); c.get(V).get(W).op(Op.I32Add); writeRdW(c); L.br('straight');
    L.end(); dst(c); c.get(V).get(W).op(Op.I32Shl); writeRdW(c); L.br('straight');
    L.end(); dst(c); c.get(V).get(W).op(Op.I32ShrU); writeRdW(c); L.br('straight');
  }
  L.end();
  c.get(T).i32(0x20).op(Op.I32Eq);
  L.if();
  f3(); c.op(Op.I32Eqz);
  L.if(); dst(c); c.get(V).get(W).op(Op.I32Sub); writeRdW(c); L.br('straight'); L.end();
  f3(); c.i32(5).op(Op.I32Eq);
  L.if(); dst(c); c.get(V).get(W).op(Op.I32ShrS); writeRdW(c); L.br('straight'); L.end();
  L.br('exit');
  L.end();
  c.get(T).i32(1).op(Op.I32Ne);
  L.brIf('exit');
  {
    const names = ['mulw', 'divw', 'divuw', 'remw', 'remuw'];
    const table = ['mulw', 'exit', 'exit', 'exit', 'divw', 'divuw', 'remw', 'remuw'];
    L.cases(names);
    f3();
    L.brTable(table, 'exit');
    for (const f of [0, 4, 5, 6, 7]) {
      L.end(); dst(c); mulDiv32Value(c, f, V, W); writeRdW(c); L.br('straight');
    }
  }

  // -- BRANCH --
  L.end();
  rs1(c); c.set(A);
  rs2(c); c.set(B);
  {
    const names = ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu'];
    const ops = [Op.I64Eq, Op.I64Ne, Op.I64LtS, Op.I64GeS, Op.I64LtU, Op.I64GeU];
    const table = ['beq', 'bne', 'exit', 'exit', 'blt', 'bge', 'bltu', 'bgeu'];
    L.block('taken?');
    L.cases(names);
    f3();
    L.brTable(table, 'exit');
    for (let i = 0; i < ops.length; i++) {
      L.end();
      c.get(A).get(B).op(ops[i]!).set(T);
      if (i < ops.length - 1) L.br('taken?');
    }
    L.end();
  }
  c.get(PC);
  c.get(T);
  L.if(I64);
  c.get(INSN).i32(31).op(Op.I32ShrS).i32(12).op(Op.I32Shl);
  c.get(INSN).i32(7).op(Op.I32ShrU).i32(1).op(Op.I32And).i32(11).op(Op.I32Shl).op(Op.I32Or);
  c.get(INSN).i32(25).op(Op.I32ShrU).i32(0x3f).op(Op.I32And).i32(5).op(Op.I32Shl).op(Op.I32Or);
  c.get(INSN).i32(8).op(Op.I32ShrU).i32(0xf).op(Op.I32And).i32(1).op(Op.I32Shl).op(Op.I32Or);
  c.op(Op.I64ExtendI32S);
  L.else();
  c.get(LEN);
  L.end();
  c.op(Op.I64Add).set(PC);
  L.br('jumped');

  // -- JALR --
  L.end();
  f3();
  L.brIf('exit');
  rs1(c); immI(c); c.op(Op.I64ExtendI32S).op(Op.I64Add).i64(-2).op(Op.I64And).set(A);
  // A target a JS number cannot hold exactly: step() keeps it as a BigInt.
  c.get(A).i64(2 ** 53).op(Op.I64Add).i64(2 ** 54).op(Op.I64GeU);
  L.brIf('exit');
  dst(c); c.get(PC).get(LEN).op(Op.I64Add); writeRd(c);
  c.get(A).set(PC);
  L.br('jumped');

  // -- JAL --
  L.end();
  dst(c); c.get(PC).get(LEN).op(Op.I64Add); writeRd(c);
  c.get(PC);
  c.get(INSN).i32(31).op(Op.I32ShrS).i32(20).op(Op.I32Shl);
  c.get(INSN).i32(0xff000).op(Op.I32And).op(Op.I32Or);
  c.get(INSN).i32(20).op(Op.I32ShrU).i32(1).op(Op.I32And).i32(11).op(Op.I32Shl).op(Op.I32Or);
  c.get(INSN).i32(21).op(Op.I32ShrU).i32(0x3ff).op(Op.I32And).i32(1).op(Op.I32Shl).op(Op.I32Or);
  c.op(Op.I64ExtendI32S).op(Op.I64Add).set(PC);
  L.br('jumped');

  // -- SYSTEM: the few that run here (systemBody: the Zicsr instructions on sstatus and the
  // supervisor trap CSRs, sfence.vma) are a function of their own, called with the instruction
  // and rd's slot; anything else (ecall, sret, wfi, other CSRs, U-mode) is step()'s. They
  // retire as a control transfer, as step() has every SYSTEM instruction (hart.edge).
  L.end();
  c.get(INSN).get(D).opIdx(Op.Call, SYSTEM_FN).set(T);
  c.get(T).op(Op.I32Eqz);
  L.brIf('exit');
  c.get(PC).get(LEN).op(Op.I64Add).set(PC);
  c.get(T).i32(SYS_WINDOW).op(Op.I32And);
  L.if();
  c.i64(NO_PAGE).set(FPAGE);
  L.end();
  c.get(T).i32(SYS_END).op(Op.I32And);
  L.if();
  c.get(N).i32(1).op(Op.I32Add).set(N);
  c.i32(1).set(EDGE);
  L.br('done');
  L.end();
  L.br('jumped');

  // ---- retire ----
  L.end(); // straight
  c.get(PC).get(LEN).op(Op.I64Add).set(PC);
  // A pending block start (PEND != 0, only with STOP = 2): go on as after a control transfer.
  c.get(PEND).op(Op.I32Eqz);
  L.if();
  c.get(N).i32(1).op(Op.I32Add).set(N);
  c.get(N).get(ROOM).op(Op.I32GeS);
  L.brIf('done');
  L.br('next');
  L.end();
  L.end(); // jumped
  c.get(N).i32(1).op(Op.I32Add).set(N);
  c.get(STOP).i32(2).op(Op.I32Ne);
  L.if();
  c.i32(1).set(EDGE);
  c.get(STOP);
  L.brIf('done');
  c.get(N).get(ROOM).op(Op.I32GeS);
  L.brIf('done');
  L.br('next');
  L.end();
  edgeLoop(c, L, ramSize);
  L.end(); // loop
  L.end(); // done
  c.i32(0).get(PC).op(Op.F64ConvertI64S).mem(Op.F64Store, 3, MEM_PC);
  c.i32(0).get(EDGE).get(PEND).op(Op.I32Or).mem(Op.I32Store, 2, MEM_INTERP);
  c.get(N).op(Op.Return);
  L.end(); // exit
  c.i32(0).get(PC).op(Op.F64ConvertI64S).mem(Op.F64Store, 3, MEM_PC);
  c.i32(0).get(EDGE).get(PEND).op(Op.I32Or).mem(Op.I32Store, 2, MEM_INTERP);
  c.i32(-1).get(N).op(Op.I32Sub);

  const fn = { type: TYPE_INTERP, locals: LOCALS, body: c.finish() };
  const walk = { type: TYPE_WALK, locals: WALK_LOCALS, body: walkBody(layout.ramOffset, ramSize) };
  const drop = { type: TYPE_DROP, locals: DROP_LOCALS, body: dropBody() };
  const system = { type: TYPE_SYSTEM, locals: SYSTEM_LOCALS, body: systemBody() };
  return buildModule([fn, walk, drop, system], layout, 0, 4);
}

// systemBody's parameters, then locals; what it returns (0: the instruction is step()'s).
const SY_INSN = 0, SY_D = 1, SY_T = 2, SY_P = 3, SY_IX = 4, SY_V = 5, SY_W = 6, SY_A = 7, SY_B = 8;
const SYSTEM_LOCALS = [I32, I32, I32, I32, I32, I64, I64];
/** Retired; end the call after it (an interrupt may now be deliverable); drop the fetch window. */
const SYS_RETIRED = 1, SYS_END = 2, SYS_WINDOW = 4;

/**
 * (insn, rd's slot) -> SYS_* flags, or 0 for step(): the SYSTEM instructions the interpreter
 * runs, in a function of their own so the interpreter's stays small (V8's TurboFan compile of
 * it, which the interpreter waits for in Liftoff, grew 9-15 -> 17-20 ms with them inline:
 * docs/perf.md, "sstatus and sfence.vma in wasm"). Each leaves state untouched when it
 * returns 0.
 * - sfence.vma (any rs1, rs2) from S-mode without mstatus.TVM, or from M-mode, as
 *   exec-system.ts and Mmu.flush: every TLB tag becomes NO_TAG and the fetch window goes. A
 *   kernel does one per context switch and page-table change (~350 per lab run).
 * - csrrw/csrrs/csrrc(i) on sstatus from S- or M-mode, as csr.ts: the old value (mstatus &
 *   SSTATUS_MASK, UXL in the high word) to rd, then a write for csrrw(i) always and for
 *   csrrs(i)/csrrc(i) only with a nonzero rs1 field, of the SSTATUS_MASK bits of mstatus
 *   (MEM_MSTATUS), flagged for the caller (hart.irqDirty). A write that changes SUM or MXR is
 *   step()'s (the TLB's permissions depend on them: Mmu.modeChanged). One that sets SIE ends
 *   the call once it retired, so the run loop takes an interrupt it makes deliverable before the
 *   next instruction, as after step(); clearing SIE or leaving it makes none deliverable (mip
 *   cannot change inside a call: room ends at the next timer deadline). ~1,000 per lab run:
 *   the kernel's interrupt enable and disable, its trap entry and exit.
 * - the same on sscratch, sepc, scause and stval (MEM_SCSR, by CSR number - 0x140), sepc's
 *   bit 0 cleared; ~8 per kernel trap.
 */
function systemBody(): { start: number; end: number } {
  const c = new Code();
  const L = new Labels(c);
  const leave = (): void => { c.i32(0).op(Op.Return); };
  c.get(SY_INSN).i32(12).op(Op.I32ShrU).i32(7).op(Op.I32And).set(SY_T);
  c.i32(0).mem(Op.I32Load, 2, MEM_WALK + 4 * WALK_FETCH_PRIV).set(SY_P);

  // sfence.vma: funct7 0001001, rd 0, funct3 0.
  c.get(SY_T).op(Op.I32Eqz);
  L.if();
  c.get(SY_INSN).i32(25).op(Op.I32ShrU).i32(0x09).op(Op.I32Ne);
  c.get(SY_INSN).i32(7).op(Op.I32ShrU).i32(31).op(Op.I32And).op(Op.I32Or);
  L.if(); leave(); L.end(); // ecall, sret, wfi, ...
  c.get(SY_P).i32(PRIV_U).op(Op.I32Eq);
  L.if(); leave(); L.end(); // illegal in U-mode: step() raises it
  c.get(SY_P).i32(PRIV_S).op(Op.I32Eq);
  c.i32(0).mem(Op.I32Load, 2, MEM_MSTATUS).i32(Math.log2(MSTATUS_TVM)).op(Op.I32ShrU).op(Op.I32And);
  L.if(); leave(); L.end(); // illegal in S-mode under TVM
  // Three kinds of 512 tags: 768 eight-byte stores of two NO_TAGs.
  c.i32(0).set(SY_IX);
  L.loop('tags');
  c.get(SY_IX).i64(BigInt(NO_TAG) << 32n | BigInt(NO_TAG)).mem(Op.I64Store, 3, MEM_TLB_TAG);
  c.get(SY_IX).i32(8).op(Op.I32Add).set(SY_IX);
  c.get(SY_IX).i32(3 * TLB_KIND_BYTES).op(Op.I32LtU);
  L.brIf('tags');
  L.end();
  c.i32(SYS_RETIRED | SYS_WINDOW).op(Op.Return);
  L.end();
  c.get(SY_T).i32(3).op(Op.I32And).op(Op.I32Eqz);
  L.if(); leave(); L.end(); // funct3 4 (reserved)
  c.get(SY_P).i32(PRIV_S).op(Op.I32LtU);
  L.if(); leave(); L.end(); // U-mode: illegal (csr.ts), which step() raises

  // sstatus
  c.get(SY_INSN).i32(20).op(Op.I32ShrU).i32(CSR.sstatus).op(Op.I32Eq);
  L.if();
  c.i32(0).mem(Op.I32Load, 2, MEM_MSTATUS).set(SY_V);
  csrOperand(c, false); c.set(SY_W);
  csrResult(c, false, SY_V, SY_W);
  c.set(SY_W);
  c.get(SY_V).i32(~SSTATUS_MASK).op(Op.I32And).get(SY_W).i32(SSTATUS_MASK).op(Op.I32And).op(Op.I32Or).set(SY_W);
  c.get(SY_V).get(SY_W).op(Op.I32Xor).i32(MSTATUS_SUM | MSTATUS_MXR).op(Op.I32And);
  L.if(); leave(); L.end();
  c.i32(0).get(SY_W).mem(Op.I32Store, 2, MEM_MSTATUS);
  // Flagged for hart.irqDirty when csr.ts would write (csrrw(i), or a nonzero rs1 field).
  c.i32(0).i32(0).mem(Op.I32Load, 2, MEM_MSTATUS + 4);
  c.get(SY_T).i32(3).op(Op.I32And).i32(1).op(Op.I32Eq);
  c.get(SY_INSN).i32(15).op(Op.I32ShrU).i32(31).op(Op.I32And).i32(0).op(Op.I32Ne).op(Op.I32Or).op(Op.I32Or);
  c.mem(Op.I32Store, 2, MEM_MSTATUS + 4);
  c.get(SY_D);
  c.get(SY_V).i32(SSTATUS_MASK).op(Op.I32And).op(Op.I64ExtendI32U).i64(SSTATUS_HIGH).op(Op.I64Or);
  c.mem(Op.I64Store, 3, MEM_REGS);
  c.i32(SYS_RETIRED | SYS_END).i32(SYS_RETIRED);
  c.get(SY_W).get(SY_V).i32(-1).op(Op.I32Xor).op(Op.I32And).i32(MSTATUS_SIE).op(Op.I32And);
  c.op(Op.Select).op(Op.Return);
  L.end();

  // sscratch, sepc, scause, stval
  c.get(SY_INSN).i32(20).op(Op.I32ShrU).i32(0x140).op(Op.I32Sub).set(SY_IX);
  c.get(SY_IX).i32(SCSR_COUNT - 1).op(Op.I32GtU);
  L.if(); leave(); L.end(); // any other CSR
  c.get(SY_IX).i32(3).op(Op.I32Shl).set(SY_IX);
  c.get(SY_IX).mem(Op.I64Load, 3, MEM_SCSR).set(SY_A);
  csrOperand(c, true); c.set(SY_B);
  // sepc (byte 8) keeps bit 0 clear (IALIGN 16).
  c.get(SY_IX);
  csrResult(c, true, SY_A, SY_B);
  c.i64(-1).i64(-2).get(SY_IX).i32(8).op(Op.I32Ne).op(Op.Select).op(Op.I64And).mem(Op.I64Store, 3, MEM_SCSR);
  c.get(SY_D).get(SY_A).mem(Op.I64Store, 3, MEM_REGS);
  c.i32(SYS_RETIRED);
  return c.finish();
}

/**
 * Push a Zicsr instruction's operand (systemBody's SY_INSN): the zero-extended 5-bit immediate
 * (funct3 >= 5) or x[rs1], as an i64 when `wide`, else its low word.
 */
function csrOperand(c: Code, wide: boolean): void {
  c.get(SY_T).i32(4).op(Op.I32And);
  c.opIdx(Op.If, wide ? I64 : I32);
  c.get(SY_INSN).i32(15).op(Op.I32ShrU).i32(31).op(Op.I32And);
  if (wide) c.op(Op.I64ExtendI32U);
  c.op(Op.Else);
  c.get(SY_INSN).i32(12).op(Op.I32ShrU).i32(0xf8).op(Op.I32And).mem(wide ? Op.I64Load : Op.I32Load, wide ? 3 : 2, MEM_REGS);
  c.op(Op.End);
}

/**
 * Push the value a csrrw/csrrs/csrrc(i) leaves in the CSR whose old value is local `old`, with
 * the operand in local `operand` (i64 when `wide`): the operand, old | operand, or old & ~operand.
 * csrrs/csrrc with rs1 field 0 have operand 0 and leave the old value, as csr.ts's skipped write.
 */
function csrResult(c: Code, wide: boolean, old: number, operand: number): void {
  const or = wide ? Op.I64Or : Op.I32Or, and = wide ? Op.I64And : Op.I32And, xor = wide ? Op.I64Xor : Op.I32Xor;
  const ones = (): void => { if (wide) c.i64(-1); else c.i32(-1); };
  c.get(operand);
  c.get(old).get(operand).op(or);
  c.get(old).get(operand); ones(); c.op(xor).op(and);
  c.get(SY_T).i32(3).op(Op.I32And).i32(2).op(Op.I32Eq).op(Op.Select);
  c.get(SY_T).i32(3).op(Op.I32And).i32(1).op(Op.I32Eq).op(Op.Select);
}

// dropBody's parameter, then locals.
const D_PAGE = 0, D_E = 1, D_END = 2, D_FIRST = 3;
const DROP_LOCALS = [I32, I32, I32];

/**
 * (page) -> (): jit.ts dropRuns in wasm: every hot-table entry of a block start on RAM page
 * `page` (its 2048 halfword offsets are 2048 consecutive entries) gets the tag HOT_GONE and
 * a count and limit of 0; other pages' entries there are left alone.
 */
function dropBody(): { start: number; end: number } {
  const c = new Code();
  const L = new Labels(c);
  c.get(D_PAGE).i32(12).op(Op.I32Shl).i32(1).op(Op.I32Add).set(D_FIRST);
  c.get(D_PAGE).i32(11).op(Op.I32Shl).i32(HOT_SIZE - 1).op(Op.I32And).i32(Math.log2(HOT_ENTRY)).op(Op.I32Shl).set(D_E);
  c.get(D_E).i32(2048 * HOT_ENTRY).op(Op.I32Add).set(D_END);
  L.loop('entry');
  // first <= tag <= first + 4094, as one unsigned comparison (tags and first are below 2^31).
  c.get(D_E).mem(Op.I32Load, 2, MEM_HOT).get(D_FIRST).op(Op.I32Sub).i32(4094).op(Op.I32LeU);
  L.if();
  c.get(D_E).i32(HOT_GONE).mem(Op.I32Store, 2, MEM_HOT);
  c.get(D_E).i32(0).mem(Op.I32Store, 2, MEM_HOT + 4);
  c.get(D_E).i32(0).mem(Op.I32Store, 2, MEM_HOT + 8);
  L.end();
  c.get(D_E).i32(HOT_ENTRY).op(Op.I32Add).set(D_E);
  c.get(D_E).get(D_END).op(Op.I32LtU);
  L.brIf('entry');
  L.end();
  return c.finish();
}

/**
 * PEND = 1 and the block starts from PC on (edge() below), while room is left: where a
 * control transfer retired, and at the entry with STOP = 3.
 */
function edgeLoop(c: Code, L: Labels, ramSize: number): void {
  c.i32(1).set(PEND);
  L.loop('edge');
  c.get(N).get(ROOM).op(Op.I32GeS);
  L.brIf('done');
  edge(c, L, ramSize);
  L.end(); // edge
}

/**
 * With STOP = 2, what the run loop does at a block start (Hart.run, Jit.lookup), done here so
 * that cold code does not return to JS at every control transfer; PEND is 1 (the pc starts a
 * block) on entry, and what the run returns to the caller for hart.edge. Where the run loop would look the pc up (room for a whole block, and the
 * fetch fast path hits): a translated block in the lookup cache (jit.ts keeps it) is called
 * through the shared table, and the loop goes on after it; any other block start counts one
 * run in MEM_HOT as Jit.countRun does, unless that reaches the entry's limit (the threshold,
 * the end of a batch wait, every run of a translated block: jit.ts) or the entry holds
 * another offset: then the run ends with PEND = 1 and the entry untouched, and the run loop's
 * lookup counts it and translates.
 * A block that stops before an instruction it does not do (r < 0) leaves PEND = 2: the run
 * loop interprets that one instruction and looks up the pc after it, so the next retire comes
 * back here. So the counts, and the blocks translated, are those of the run loop with step().
 * Room too short for a block keeps PEND = 1 (the run loop keeps hart.edge too).
 */
function edge(c: Code, L: Labels, ramSize: number): void {
  c.get(ROOM).get(N).op(Op.I32Sub).i32(MAX_BLOCK).op(Op.I32LtS);
  L.brIf('next');
  L.block('cold');
  // The fetch translation, as Hart.fetchOffset (no walk: the run loop does not look up then).
  c.get(MODE).i32(4).op(Op.I32And);
  L.if();
  c.get(PC).i64(12).op(Op.I64ShrS).set(A);
  c.get(A).op(Op.I32WrapI64).i32(255).op(Op.I32And);
  c.get(MODE).i32(512).op(Op.I32And).i32(1).op(Op.I32ShrU).op(Op.I32Or).i32(2).op(Op.I32Shl).set(IX);
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_TAG).op(Op.I64ExtendI32S).get(A).op(Op.I64Ne);
  L.brIf('cold');
  c.get(PC).op(Op.I32WrapI64).i32(0xfff).op(Op.I32And).set(OFF);
  c.get(OFF).i32(0xffe).op(Op.I32Eq);
  L.brIf('cold');
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_OFF).get(OFF).op(Op.I32Add).set(OFF);
  L.else();
  c.get(PC).i64(RAM_BASE).op(Op.I64Sub).i64(ramSize - 4).op(Op.I64GtU);
  L.brIf('cold');
  c.get(PC).op(Op.I32WrapI64).i32(-0x80000000).op(Op.I32Xor).set(OFF);
  L.end();
  // The lookup cache: a translated block at this (RAM offset, pc).
  c.get(OFF).i32(1).op(Op.I32ShrU).i32(BLOCK_CACHE_SIZE - 1).op(Op.I32And).i32(Math.log2(BLOCK_CACHE_ENTRY)).op(Op.I32Shl).set(IX);
  c.get(IX).mem(Op.I32Load, 2, MEM_BLOCK_CACHE).get(OFF).op(Op.I32Eq);
  L.if();
  c.get(IX).mem(Op.F64Load, 3, MEM_BLOCK_CACHE + 8).get(PC).op(Op.F64ConvertI64S).op(Op.F64Eq);
  L.if();
  // (room, mode, r) -> r' (translate.ts); the whole block fits: room - N >= MAX_BLOCK.
  c.get(ROOM).get(MODE).get(N).get(IX).mem(Op.I32Load, 2, MEM_BLOCK_CACHE + 4).i32(7).op(Op.I32ShrU);
  c.opIdx(Op.CallIndirect, TYPE_BLOCK).out.uleb(0);
  c.set(T);
  c.i32(0).mem(Op.F64Load, 3, MEM_PC).op(Op.PrefixFC);
  c.out.uleb(FC_I64_TRUNC_SAT_F64_S);
  c.set(PC);
  c.get(T).i32(0).op(Op.I32GeS);
  L.if();
  c.get(T).set(N);
  L.br('edge'); // a block ends where the run loop looks up again
  L.end();
  c.i32(-1).get(T).op(Op.I32Sub).set(N);
  c.i32(2).set(PEND);
  L.br('next');
  L.end();
  L.end();
  // A cold block start: count the run as Jit.countRun does, and mark its page as the lookup
  // does (Ram.markCode: the lookup makes a Block there). A run that reaches the entry's limit,
  // or an entry of another block start (offset or pc), is left to the lookup.
  c.get(OFF).i32(1).op(Op.I32ShrU).i32(HOT_SIZE - 1).op(Op.I32And).i32(Math.log2(HOT_ENTRY)).op(Op.I32Shl).set(IX);
  c.get(IX).mem(Op.I32Load, 2, MEM_HOT).set(T);
  c.get(T).get(OFF).i32(1).op(Op.I32Add).op(Op.I32Eq);
  c.get(IX).mem(Op.I32Load, 2, MEM_HOT + 12).get(PC).op(Op.I32WrapI64).op(Op.I32Eq);
  c.op(Op.I32And);
  L.if();
  c.get(IX).mem(Op.I32Load, 2, MEM_HOT + 4).i32(1).op(Op.I32Add).set(T);
  c.get(T).get(IX).mem(Op.I32Load, 2, MEM_HOT + 8).op(Op.I32GeS);
  L.brIf('done');
  c.get(IX).get(T).mem(Op.I32Store, 2, MEM_HOT + 4);
  L.else();
  c.get(T);
  L.brIf('done');
  c.i32(1).i32(0).mem(Op.I32Load, 2, MEM_HOT_THRESHOLD).op(Op.I32GeS);
  L.brIf('done');
  c.get(IX).get(OFF).i32(1).op(Op.I32Add).mem(Op.I32Store, 2, MEM_HOT);
  c.get(IX).i32(1).mem(Op.I32Store, 2, MEM_HOT + 4);
  c.get(IX).i32(0).mem(Op.I32Load, 2, MEM_HOT_THRESHOLD).mem(Op.I32Store, 2, MEM_HOT + 8);
  c.get(IX).get(PC).op(Op.I32WrapI64).mem(Op.I32Store, 2, MEM_HOT + 12);
  L.end();
  c.get(OFF).i32(12).op(Op.I32ShrU).set(IX);
  c.get(IX).get(IX).mem(Op.I32Load8U, 0, MEM_CODE_PAGES).i32(PAGE_CODE).op(Op.I32Or).mem(Op.I32Store8, 0, MEM_CODE_PAGES);
  L.end(); // cold
  c.i32(0).set(PEND);
  L.br('next');
}

// The walk's parameters, then locals.
const W_VA = 0, W_KIND = 1, W_IX = 2;
const W_VPN = 3, W_A = 4, W_LEVEL = 5, W_PTE = 6, W_LO = 7, W_PPN = 8, W_PRIV = 9, W_POFF = 10,
  W_SHIFT = 11, W_MASK = 12, W_NEW = 13;
const WALK_LOCALS = [I64, I64, I32, I64, I32, I64, I32, I32, I64, I64, I32];

/**
 * The Sv39 walk of a TLB miss (Mmu.walk, the privileged spec's "Virtual Address Translation
 * Process"): (va, kind, byte index of the TLB entry) -> the page's RAM offset, with the entry
 * filled and A/D set as Mmu.walk does them; or -1, having changed nothing that step() would
 * not change too, whenever the walk would fault, a PTE or the page is not RAM, or setting A/D
 * needs Ram.noteWrite (the PTE's page has code or dirty-tracking marks): step() then walks
 * in JS, and raises the fault where there is one.
 */
function walkBody(ramOffset: number, ramSize: number): { start: number; end: number } {
  const c = new Code();
  const L = new Labels(c);
  const fail = (): void => { c.i32(-1).op(Op.Return); };
  // Data accesses check at the data privilege (MPRV applied), fetches at the hart's.
  c.i32(0).mem(Op.I32Load, 2, MEM_WALK + 4 * WALK_FETCH_PRIV).i32(0).mem(Op.I32Load, 2, MEM_WALK + 4 * WALK_DATA_PRIV);
  c.get(W_KIND).op(Op.I32Eqz).op(Op.Select).set(W_PRIV);
  // Bits 63:39 must equal bit 38 (a page fault otherwise).
  c.get(W_VA).i64(25).op(Op.I64Shl).i64(25).op(Op.I64ShrS).get(W_VA).op(Op.I64Ne);
  L.if(); fail(); L.end();
  c.get(W_VA).i64(12).op(Op.I64ShrS).set(W_VPN);
  c.i32(0).mem(Op.I64Load, 3, MEM_WALK + 4 * WALK_ROOT).set(W_A);
  c.i32(2).set(W_LEVEL);
  L.loop('level');
  c.get(W_LEVEL).i32(9).op(Op.I32Mul).op(Op.I64ExtendI32U).set(W_SHIFT);
  // The PTE: a + vpn[level] * 8, which must be RAM.
  c.get(W_A).get(W_VPN).get(W_SHIFT).op(Op.I64ShrS).i64(0x1ff).op(Op.I64And).i64(3).op(Op.I64Shl).op(Op.I64Add);
  c.i64(RAM_BASE).op(Op.I64Sub).set(W_PTE);
  c.get(W_PTE).i64(ramSize).op(Op.I64GeU);
  L.if(); fail(); L.end();
  c.get(W_PTE).op(Op.I32WrapI64).set(W_POFF);
  c.get(W_POFF).mem(Op.I64Load, 3, ramOffset).set(W_PTE);
  c.get(W_PTE).op(Op.I32WrapI64).set(W_LO);
  // Invalid, W without R, or reserved bits 63:54 set.
  c.get(W_LO).i32(PTE_V).op(Op.I32And).op(Op.I32Eqz);
  L.if(); fail(); L.end();
  c.get(W_LO).i32(PTE_R | PTE_W).op(Op.I32And).i32(PTE_W).op(Op.I32Eq);
  L.if(); fail(); L.end();
  c.get(W_PTE).i64(54).op(Op.I64ShrU).op(Op.I64Eqz).op(Op.I32Eqz);
  L.if(); fail(); L.end();
  c.get(W_PTE).i64(10).op(Op.I64ShrU).i64(2 ** 44 - 1).op(Op.I64And).set(W_PPN);
  // R = X = 0: a pointer to the next level.
  c.get(W_LO).i32(PTE_R | PTE_X).op(Op.I32And).op(Op.I32Eqz);
  L.if();
  c.get(W_LEVEL).op(Op.I32Eqz);
  L.if(); fail(); L.end();
  c.get(W_LEVEL).i32(1).op(Op.I32Sub).set(W_LEVEL);
  c.get(W_PPN).i64(12).op(Op.I64Shl).set(W_A);
  L.br('level');
  L.end();
  // A leaf: U pages are S's only for loads and stores with SUM, S pages never U's.
  c.get(W_LO).i32(PTE_U).op(Op.I32And);
  L.if();
  c.get(W_PRIV).i32(PRIV_S).op(Op.I32Eq);
  L.if();
  c.get(W_KIND).op(Op.I32Eqz);
  c.i32(0).mem(Op.I32Load, 2, MEM_WALK + 4 * WALK_SUM_MXR).i32(MSTATUS_SUM).op(Op.I32And).op(Op.I32Eqz);
  c.op(Op.I32Or);
  L.if(); fail(); L.end();
  L.end();
  L.else();
  c.get(W_PRIV).i32(PRIV_U).op(Op.I32Eq);
  L.if(); fail(); L.end();
  L.end();
  // The kind's permission: X to fetch, R (or X with MXR) to load, W to store.
  c.get(W_KIND).op(Op.I32Eqz);
  L.if();
  c.get(W_LO).i32(PTE_X).op(Op.I32And).op(Op.I32Eqz);
  L.if(); fail(); L.end();
  L.end();
  c.get(W_KIND).i32(1).op(Op.I32Eq);
  L.if();
  c.get(W_LO).i32(PTE_R).op(Op.I32And).op(Op.I32Eqz);
  L.if();
  c.i32(0).mem(Op.I32Load, 2, MEM_WALK + 4 * WALK_SUM_MXR).i32(MSTATUS_MXR).op(Op.I32And).op(Op.I32Eqz);
  c.get(W_LO).i32(PTE_X).op(Op.I32And).op(Op.I32Eqz);
  c.op(Op.I32Or);
  L.if(); fail(); L.end();
  L.end();
  L.end();
  c.get(W_KIND).i32(2).op(Op.I32Eq);
  L.if();
  c.get(W_LO).i32(PTE_W).op(Op.I32And).op(Op.I32Eqz);
  L.if(); fail(); L.end();
  L.end();
  // A superpage's PPN must be aligned to its size.
  c.i64(1).get(W_SHIFT).op(Op.I64Shl).i64(1).op(Op.I64Sub).set(W_MASK);
  c.get(W_PPN).get(W_MASK).op(Op.I64And).op(Op.I64Eqz).op(Op.I32Eqz);
  L.if(); fail(); L.end();
  // The page (a superpage supplies the low VPN bits), which must be RAM, before any write.
  c.get(W_PPN).get(W_VPN).get(W_MASK).op(Op.I64And).op(Op.I64Add).i64(12).op(Op.I64Shl);
  c.i64(RAM_BASE).op(Op.I64Sub).set(W_PTE);
  c.get(W_PTE).i64(ramSize - 4096).op(Op.I64GtU);
  L.if(); fail(); L.end();
  // A, and D for stores (Svadu, as Mmu.walk); a PTE page with marks is left to step().
  c.get(W_LO).i32(PTE_A).op(Op.I32Or).set(W_NEW);
  c.get(W_KIND).i32(2).op(Op.I32Eq);
  L.if(); c.get(W_NEW).i32(PTE_D).op(Op.I32Or).set(W_NEW); L.end();
  c.get(W_NEW).get(W_LO).op(Op.I32Ne);
  L.if();
  c.get(W_POFF).i32(12).op(Op.I32ShrU).mem(Op.I32Load8U, 0, MEM_CODE_PAGES);
  L.if(); fail(); L.end();
  c.get(W_POFF).get(W_NEW).mem(Op.I32Store, 2, ramOffset);
  L.end();
  // The TLB entry of this kind.
  c.get(W_KIND).i32(TLB_KIND_BYTES).op(Op.I32Mul).get(W_IX).op(Op.I32Add).set(W_LO);
  c.get(W_LO).get(W_VPN).op(Op.I32WrapI64).mem(Op.I32Store, 2, MEM_TLB_TAG);
  c.get(W_LO).get(W_PTE).op(Op.I32WrapI64).mem(Op.I32Store, 2, MEM_TLB_OFF);
  c.get(W_PTE).op(Op.I32WrapI64).op(Op.Return);
  L.end(); // level
  c.i32(-1);
  return c.finish();
}

/**
 * Set OFF to the RAM offset of the `SIZE`-byte access of `kind` (1 load, 2 store) at A, or
 * leave to step(): the checks of translate.ts's address() with the size known at run time.
 */
function address(c: Code, L: Labels, kind: number, ramSize: number): void {
  L.block('ok');
  L.block('miss');
  if (kind === 2) { c.get(MODE).i32(2).op(Op.I32And); L.brIf('miss'); }
  c.get(MODE).i32(1).op(Op.I32And);
  L.if();
  // Sv39: canonical (bits 63:39 equal bit 38), inside one page, and a TLB hit.
  c.get(A).i64(25).op(Op.I64Shl).i64(25).op(Op.I64ShrS).get(A).op(Op.I64Ne);
  L.brIf('miss');
  c.get(A).op(Op.I32WrapI64).i32(4095).op(Op.I32And).i32(4096).get(SIZE).op(Op.I32Sub).op(Op.I32GtU);
  L.brIf('miss');
  c.get(A).i64(12).op(Op.I64ShrS).op(Op.I32WrapI64).set(V);
  c.get(V).i32(255).op(Op.I32And).get(MODE).i32(256).op(Op.I32And).op(Op.I32Or).i32(2).op(Op.I32Shl).set(IX);
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_TAG + kind * TLB_KIND_BYTES).get(V).op(Op.I32Ne);
  L.if();
  // A miss: the walk fills the entry, as Mmu.walk does for step()'s access.
  c.get(A).i32(kind).get(IX).opIdx(Op.Call, WALK_FN).set(OFF);
  c.get(OFF).i32(0).op(Op.I32LtS);
  L.brIf('miss');
  L.else();
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_OFF + kind * TLB_KIND_BYTES).set(OFF);
  L.end();
  c.get(OFF).get(A).op(Op.I32WrapI64).i32(4095).op(Op.I32And).op(Op.I32Add).set(OFF);
  L.else();
  // Bare: RAM at 0x80000000.
  c.get(A).i64(RAM_BASE).op(Op.I64Sub).i64(ramSize).get(SIZE).op(Op.I64ExtendI32U).op(Op.I64Sub).op(Op.I64GtU);
  L.brIf('miss');
  c.get(A).op(Op.I32WrapI64).i32(-0x80000000).op(Op.I32Xor).set(OFF);
  L.end();
  if (kind === 2) {
    // Pages with translations or dirty-tracking marks need Ram.noteWrite: step's store does it.
    c.get(OFF).i32(12).op(Op.I32ShrU).mem(Op.I32Load8U, 0, MEM_CODE_PAGES);
    c.get(OFF).get(SIZE).op(Op.I32Add).i32(1).op(Op.I32Sub).i32(12).op(Op.I32ShrU).mem(Op.I32Load8U, 0, MEM_CODE_PAGES);
    c.op(Op.I32Or);
    L.brIf('miss');
  }
  L.br('ok');
  L.end(); // miss
  L.br('exit');
  L.end(); // ok
}

/** The compiled interpreter per (RAM offset, RAM size): machines of one size share it. */
const modules = new Map<string, object>();

/**
 * Where a runtime keeps the bytes of the modules every machine needs (the interpreter, the
 * blocks' entry: jit.ts) from one process to the next, so a start compiles them without
 * emitting them: moduleBytes runs ~2 ms of JS that V8 has not compiled yet at every start
 * (docs/perf.md, "Parts of the bundle"). The bytes depend only on the emulator's code and the
 * key; the CLI keeps them in its build directory (src/cli/interp-store.ts),
 * which holds one version of this file and is trusted as the build's code is. Bytes V8 does
 * not compile (a damaged file) are emitted again and saved.
 */
export interface InterpreterStore {
  /** The bytes saved under `key` (a file name's worth of letters, digits and dashes), or null. */
  load(key: string): Uint8Array | null;
  save(key: string, bytes: Uint8Array): void;
}

let store: InterpreterStore | null = null;

/** Use `s` for the modules kept from now on (null: emit them every time). */
export function setInterpreterStore(s: InterpreterStore | null): void {
  store = s;
}

/**
 * The module kept in the store under `key` when V8 compiles it, else the one `emit` makes
 * (saved for the next start when there is a store). `emit`'s bytes may be a view of a buffer
 * the next module reuses (emit.ts): a copy is saved.
 */
export function keptModule(api: WasmApi, key: string, emit: () => Uint8Array): object {
  const kept = store?.load(key) ?? null;
  if (kept !== null) {
    try {
      return new api.Module(kept);
    } catch {
      // damaged: made again below
    }
  }
  const bytes = emit();
  const module = new api.Module(bytes);
  store?.save(key, bytes.slice());
  return module;
}

type InterpFn = (pc: number, room: number, mode: number, stop: number) => number;

/** One machine's instance of the interpreter and the views its caller needs. */
export class WasmInterp {
  constructor(
    readonly fn: InterpFn,
    readonly pc: Float64Array,
    /** [0] 1 when a control transfer retired, [1] the parcel of an expansion miss. */
    readonly flags: Int32Array,
    readonly rvc: Int32Array,
    /** [0] the Jit's hotThreshold (MEM_HOT_THRESHOLD). */
    readonly threshold: Int32Array,
    /** Whether blocks are called through the Jit's table (STOP = 2), else stop at transfers. */
    readonly callsBlocks: boolean,
    /** jit.ts dropRuns on this machine's hot table (dropBody). */
    readonly dropRuns: (page: number) => void,
    /** MEM_MSTATUS + 4: 1 when the interpreter wrote mstatus (hart.irqDirty). */
    readonly wroteMstatus: Int32Array,
  ) {}
}

/**
 * The interpreter over this machine's memory, or null where it cannot run (no wasm memory,
 * RAM not at 0x80000000). `table` is the Jit's table of wasm blocks (Jit.wasmTable), or null
 * when blocks are not wasm. The caller checks that the host compiles wasm (jit.ts wasmProblem).
 */
export function createWasmInterp(layout: MemoryLayout, ramBase: number, ramSize: number, table: WasmTable | null): WasmInterp | null {
  if (layout.memory === null || wasmApi === null || ramBase !== RAM_BASE) return null;
  const key = `interp-${layout.ramOffset}-${ramSize}-${layout.shared ? 'shared' : 'plain'}`;
  let module = modules.get(key);
  if (module === undefined) {
    module = keptModule(wasmApi, key, () => moduleBytes(layout, ramSize));
    modules.set(key, module);
  }
  // Without blocks the interpreter never calls through the table: an empty one stands in.
  const t = table ?? new wasmApi.Table({ element: 'anyfunc', initial: 0 });
  const exports = new wasmApi.Instance(module, { e: { m: layout.memory, t } }).exports;
  const buf = layout.buffer;
  const rvcTable = new Int32Array(buf, MEM_RVC, RVC_ENTRIES);
  rvc.copyExpansions(rvcTable);
  return new WasmInterp(
    exports.f0 as InterpFn, new Float64Array(buf, MEM_PC, 1), new Int32Array(buf, MEM_INTERP, 2), rvcTable,
    new Int32Array(buf, MEM_HOT_THRESHOLD, 1), table !== null, exports.f2 as (page: number) => void,
    new Int32Array(buf, MEM_MSTATUS + 4, 1),
  );
}

/**
 * Run up to `room` instructions from h.pc through the hart's wasm interpreter (h.wasmInterp
 * must be set); returns how many steps ran, like interp.ts's interpret (a last one handed to
 * step() may have taken a trap instead of retiring). With a Jit it stops after the first
 * control transfer, so the run loop looks up blocks where it would anyway. `atBlockStart`
 * (hart.edge was set, with room for a block: where the run loop would look the pc up) lets
 * the interpreter take that block start itself when it calls blocks (stop 3 above); it returns
 * 0, with hart.edge set, when it leaves the start to the run loop's lookup.
 */
export function interpretWasm(h: Hart, room: number, atBlockStart = false): number {
  const w = h.wasmInterp!;
  // A disabled Jit still looks blocks up (and clears hart.edge doing so): stopping for it too
  // keeps even hart.edge equal to step()'s (only tests have wasm and a disabled Jit).
  const jit = h.jit;
  let stop = 0;
  if (jit !== null) {
    stop = w.callsBlocks && !jit.disabled && jit.backend === 'wasm' ? 2 : 1;
    w.threshold[0] = Math.min(jit.hotThreshold, 0x40000000); // jit.ts NEVER
  }
  if (atBlockStart) {
    // Only an interpreter that calls blocks takes a block start; any other leaves it to the
    // run loop's lookup at once.
    if (stop !== 2) { h.edge = true; return 0; }
    stop = 3;
  }
  const r = w.fn(h.pc, room, h.wasmMode(), stop);
  h.pc = w.pc[0]!;
  const wrote = w.wroteMstatus;
  if (wrote[0] !== 0) { wrote[0] = 0; h.irqDirty = true; }
  const flags = w.flags;
  if (flags[0] !== 0) h.edge = true;
  if (r >= 0) {
    h.instret += r;
    h.cycles += r;
    return r;
  }
  const k = -r - 1;
  h.instret += k;
  h.cycles += k;
  const p = flags[1]!;
  if (p !== 0) {
    // step() expands the parcel now; the interpreter finds it in its table from now on.
    w.rvc[p] = expandCompressed(p);
    flags[1] = 0;
  }
  h.step();
  return k + 1;
}
