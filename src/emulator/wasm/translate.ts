// Block translation to WebAssembly: the same blocks jit.ts makes JS functions of (one 4 KiB
// page, at most MAX_BLOCK instructions, ending at a branch, jal or jalr or before anything
// left to the interpreter) become wasm code over the machine's memory (layout.ts): registers
// are i64 slots, so RV64 arithmetic is one wasm instruction; loads and stores look up the
// data TLB in linear memory and touch RAM directly. A batch of hot blocks becomes one module
// with one function per block (translateModule) and a chain helper.
//
// A block function is (room, mode, r) -> r' with the contract of a JS block (jit.ts), r being
// the instructions the chain retired before it (0 from the run loop): it leaves the next pc in
// MEM_PC and returns r plus how many instructions it retired, or -(r + k + 1) when the
// interpreter must execute the instruction at MEM_PC next (k retired in this block before it):
// a TLB miss, a device, a page-crossing access, a store to a page with translations or
// dirty-tracking marks, a watched store (mode bit 2), a jalr to an address a JS number cannot
// hold, or an M instruction the translator leaves alone (mulh*).
// mode = Mmu.wasmMode (data TLB half | data Sv39 on | fetch Sv39 on (4) | fetch TLB half << 1)
// | 2 when stores are watched.
//
// Chaining: where a block goes next, it goes on in wasm while the whole next block still fits
// in `room` (the run loop passes the slice budget and the distance to the next timer deadline,
// both at least MAX_BLOCK), so the instruction count and timer checks stay exactly those of
// the interpreter. A loop back to the block's own start stays inside its function; a constant
// target that starts another block of the module in the same page is a direct tail call (the
// fetch TLB entry of the running page cannot change inside a block, so that pc names the RAM
// offset the run loop's lookup would find); any other target (other pages, other modules,
// jalr) goes through the chain helper, which does what the run loop does between blocks:
// translate the pc through the fetch TLB (as Hart.fetchOffset), look the (RAM offset, pc) up
// in the blocks' lookup cache (jit.ts keeps it equal to its own fast cache), and tail-call the
// block's function through the shared table.

import { Code, I32, I64, Op, TYPE_BLOCK, TYPE_CHAIN, VOID, type WasmFunction } from './emit';
import {
  BLOCK_CACHE_ENTRY, BLOCK_CACHE_SIZE, MEM_BLOCK_CACHE, MEM_CODE_PAGES, MEM_PC, MEM_TLB_OFF,
  MEM_TLB_TAG, TLB_KIND_BYTES,
} from '../layout';
import * as rvc from '../rvc';

export const MAX_BLOCK = 64; // jit.ts MAX_BLOCK

// Locals of a block: 0 room, 1 mode, 2 r (parameters), then these.
const ROOM = 0, MODE = 1, R = 2, OFF = 3, V = 4, IX = 5, A = 6, B = 7;
const LOCALS = [I32, I32, I32, I64, I64];
/** Function index of the chain helper in every module; blocks follow it. */
const CHAIN = 0;
/** Mode bits of the fetch translation (Mmu.wasmMode). */
export const MODE_FETCH_VIRT = 4;
export const MODE_FETCH_SLOT = 512;

/** A block to translate: its RAM offset and virtual pc. */
export interface BlockStart { readonly off: number; readonly pc: number }

export interface WasmModuleCode {
  /** The chain helper, then one function per translated block. */
  readonly funcs: WasmFunction[];
  /** Per input block, its function index (export "f<i>"), or -1 when it is untranslatable. */
  readonly entries: number[];
  /** Per input block, how many instructions it holds (0 when untranslatable). */
  readonly insns: number[];
}

interface Ctx {
  readonly c: Code;
  readonly ramOffset: number;
  readonly ramSize: number;
  /** The block being emitted: its RAM offset and pc (chaining stays inside its page). */
  readonly off: number;
  readonly pc: number;
  /** Function index and length of each block of the module, by RAM offset and pc. */
  readonly index: Map<number, { pc: number; entry: number; insns: number }>;
}

/** Decoded instructions of the block at `off`: how many the translator takes (0: none). */
function scan(u16: Uint16Array, off: number): Array<{ insn: number; len: number; terminal: boolean }> {
  const out: Array<{ insn: number; len: number; terminal: boolean }> = [];
  const pageEnd = (off & ~0xfff) + 4096;
  let p = off;
  while (out.length < MAX_BLOCK && p + 2 <= pageEnd) {
    let insn = u16[p >>> 1]!;
    let len = 2;
    if ((insn & 3) === 3) {
      if (p + 4 > pageEnd) break;
      insn = (insn | (u16[(p >>> 1) + 1]! << 16)) | 0;
      len = 4;
    } else {
      insn = rvc.expandCompressed(insn);
      if (insn === 0) break;
    }
    const kind = classify(insn);
    if (kind === null) break;
    out.push({ insn, len, terminal: kind === 'terminal' });
    p += len;
    if (kind === 'terminal') break;
  }
  return out;
}

/**
 * Translate `blocks` (of `u16`, RAM as halfwords) into one module's functions: the chain
 * helper (index 0), then one function per block that has anything to translate.
 */
export function translateModule(u16: Uint16Array, blocks: readonly BlockStart[], ramOffset: number, ramSize: number): WasmModuleCode | null {
  const decoded = blocks.map((b) => scan(u16, b.off));
  const entries: number[] = [];
  const insns: number[] = [];
  const index = new Map<number, { pc: number; entry: number; insns: number }>();
  const order: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const n = decoded[i]!.length;
    entries.push(n > 0 ? CHAIN + 1 + order.length : -1);
    insns.push(n);
    if (n === 0) continue;
    // The same RAM at two pcs (two mappings of one frame): both get functions, the first is
    // the one chained to directly.
    if (!index.has(b.off)) index.set(b.off, { pc: b.pc, entry: CHAIN + 1 + order.length, insns: n });
    order.push(i);
  }
  if (order.length === 0) return null;
  const funcs: WasmFunction[] = [chainHelper(ramSize)];
  for (const i of order) {
    const c = new Code();
    const b = blocks[i]!;
    const ctx: Ctx = { c, ramOffset, ramSize, off: b.off, pc: b.pc, index };
    const list = decoded[i]!;
    c.opIdx(Op.Loop, VOID); // a loop back to the block's start branches here
    let vpc = b.pc;
    let k = 0;
    for (const d of list) {
      emit(ctx, d.insn, vpc, d.len, k);
      vpc += d.len;
      k++;
    }
    if (!list[list.length - 1]!.terminal) jumpTo(ctx, vpc, k - 1, 0);
    c.op(Op.End).op(Op.Unreachable);
    funcs.push({ type: TYPE_BLOCK, locals: LOCALS, body: c.finish() });
  }
  return { funcs, entries, insns };
}

/** The run loop's way in: (room, mode, slot) -> the block at table slot `slot`, with r = 0. */
export function entryFunction(): WasmFunction {
  const c = new Code();
  c.get(ROOM).get(MODE).i32(0).get(2).opIdx(Op.ReturnCallIndirect, TYPE_BLOCK).out.uleb(0);
  return { type: TYPE_BLOCK, locals: [], body: c.finish() };
}

// Locals of the chain helper: 0 room, 1 mode, 2 r, 3 pc (parameters), then these.
const C_PC = 3, C_OFF = 4, C_IX = 5, C_E = 6, A_C = 7;

/**
 * The chain helper (room, mode, r, pc) -> r': the block at `pc` when the run loop would call
 * it next and it fits in the room left (a tail call through the table), else leave with pc.
 */
function chainHelper(ramSize: number): WasmFunction {
  const c = new Code();
  c.opIdx(Op.Block, VOID); // miss
  // The fetch translation, as Hart.fetchOffset.
  c.get(MODE).i32(MODE_FETCH_VIRT).op(Op.I32And).opIdx(Op.If, VOID);
  c.get(C_PC).i64(12).op(Op.I64ShrS).set(A_C);
  c.get(A_C).op(Op.I32WrapI64).i32(255).op(Op.I32And);
  c.get(MODE).i32(MODE_FETCH_SLOT).op(Op.I32And).i32(1).op(Op.I32ShrU).op(Op.I32Or).i32(2).op(Op.I32Shl).set(C_IX);
  c.get(C_IX).mem(Op.I32Load, 2, MEM_TLB_TAG).op(Op.I64ExtendI32S).get(A_C).op(Op.I64Ne).opIdx(Op.BrIf, 1);
  c.get(C_PC).op(Op.I32WrapI64).i32(0xfff).op(Op.I32And).set(C_OFF);
  c.get(C_OFF).i32(0xffe).op(Op.I32Eq).opIdx(Op.BrIf, 1);
  c.get(C_IX).mem(Op.I32Load, 2, MEM_TLB_OFF).get(C_OFF).op(Op.I32Add).set(C_OFF);
  c.op(Op.Else);
  c.get(C_PC).i64(0x80000000).op(Op.I64Sub).i64(ramSize - 4).op(Op.I64GtU).opIdx(Op.BrIf, 1);
  c.get(C_PC).op(Op.I32WrapI64).i32(-0x80000000).op(Op.I32Xor).set(C_OFF);
  c.op(Op.End);
  // The lookup cache entry (jit.ts): same RAM offset and pc, and the whole block fits.
  c.get(C_OFF).i32(1).op(Op.I32ShrU).i32(BLOCK_CACHE_SIZE - 1).op(Op.I32And).i32(Math.log2(BLOCK_CACHE_ENTRY)).op(Op.I32Shl).set(C_IX);
  c.get(C_IX).mem(Op.I32Load, 2, MEM_BLOCK_CACHE).get(C_OFF).op(Op.I32Ne).opIdx(Op.BrIf, 0);
  c.get(C_IX).mem(Op.F64Load, 3, MEM_BLOCK_CACHE + 8).get(C_PC).op(Op.F64ConvertI64S).op(Op.F64Ne).opIdx(Op.BrIf, 0);
  c.get(C_IX).mem(Op.I32Load, 2, MEM_BLOCK_CACHE + 4).set(C_E);
  c.get(ROOM).get(R).op(Op.I32Sub).get(C_E).i32(127).op(Op.I32And).op(Op.I32LtS).opIdx(Op.BrIf, 0);
  c.get(ROOM).get(MODE).get(R).get(C_E).i32(7).op(Op.I32ShrU);
  c.opIdx(Op.ReturnCallIndirect, TYPE_BLOCK).out.uleb(0);
  c.op(Op.End); // miss
  c.i32(0).get(C_PC).op(Op.F64ConvertI64S).mem(Op.F64Store, 3, MEM_PC);
  c.get(R);
  return { type: TYPE_CHAIN, locals: [I32, I32, I32, I64], body: c.finish() };
}

/** 'plain', 'terminal' (a control transfer ending the block) or null (left to the interpreter). */
function classify(insn: number): 'plain' | 'terminal' | null {
  const opcode = insn & 0x7f;
  const f3 = (insn >>> 12) & 7;
  const f7 = insn >>> 25;
  switch (opcode) {
    case 0x37: case 0x17: return 'plain';
    case 0x13:
      if (f3 === 1) return (insn >>> 26) === 0 ? 'plain' : null;
      if (f3 === 5) return (insn >>> 26) === 0 || (insn >>> 26) === 0x10 ? 'plain' : null;
      return 'plain';
    case 0x1b:
      if (f3 === 0) return 'plain';
      if (f3 === 1) return f7 === 0 ? 'plain' : null;
      if (f3 === 5) return f7 === 0 || f7 === 0x20 ? 'plain' : null;
      return null;
    case 0x33:
      if (f7 === 1) return f3 >= 1 && f3 <= 3 ? null : 'plain'; // mulh* stay interpreted
      if (f7 === 0) return 'plain';
      return f7 === 0x20 && (f3 === 0 || f3 === 5) ? 'plain' : null;
    case 0x3b:
      if (f7 === 1) return f3 >= 1 && f3 <= 3 ? null : 'plain';
      if (f7 === 0) return f3 === 0 || f3 === 1 || f3 === 5 ? 'plain' : null;
      return f7 === 0x20 && (f3 === 0 || f3 === 5) ? 'plain' : null;
    case 0x03: return f3 === 7 ? null : 'plain';
    case 0x23: return f3 > 3 ? null : 'plain';
    case 0x63: return f3 === 2 || f3 === 3 ? null : 'terminal';
    case 0x6f: return 'terminal';
    case 0x67: return f3 === 0 ? 'terminal' : null;
    default: return null;
  }
}

// ---- small emitters ------------------------------------------------------------------------

function reg(c: Code, r: number): void {
  if (r === 0) c.i64(0); else c.i32(0).mem(Op.I64Load, 3, r * 8);
}

function reg32(c: Code, r: number): void {
  if (r === 0) c.i32(0); else c.i32(0).mem(Op.I32Load, 2, r * 8);
}

/** Store the i64 on the stack (its address 0 pushed by the caller first) into register rd. */
function storeReg(c: Code, rd: number): void {
  c.mem(Op.I64Store, 3, rd * 8);
}

/** Leave to the interpreter for the instruction at `pc`, the k-th of this block. */
function interpret(c: Code, pc: number, k: number): void {
  c.i32(0).f64(pc).mem(Op.F64Store, 3, MEM_PC);
  c.i32(-(k + 1)).get(R).op(Op.I32Sub).op(Op.Return);
}

/**
 * The k-th instruction of the block goes to the constant `target` (`depth` labels inside the
 * block's loop): on into the block there when it fits in the room left, else leave.
 */
function jumpTo(ctx: Ctx, target: number, k: number, depth: number): void {
  const c = ctx.c;
  const n = k + 1;
  const samePage = Math.floor(target / 4096) === Math.floor(ctx.pc / 4096);
  const toff = (ctx.off & ~0xfff) + (target - Math.floor(ctx.pc / 4096) * 4096);
  const next = samePage ? ctx.index.get(toff) : undefined;
  c.get(R).i32(n).op(Op.I32Add).set(R);
  if (next === undefined || next.pc !== target) {
    // Another page or module: the chain helper looks the target up as the run loop would.
    c.get(ROOM).get(MODE).get(R).i64(target).opIdx(Op.ReturnCall, CHAIN);
    return;
  }
  c.get(ROOM).get(R).op(Op.I32Sub).i32(next.insns).op(Op.I32GeS).opIdx(Op.If, VOID);
  if (toff === ctx.off && target === ctx.pc) c.opIdx(Op.Br, depth + 1);
  else c.get(ROOM).get(MODE).get(R).opIdx(Op.ReturnCall, next.entry);
  c.op(Op.End);
  c.i32(0).f64(target).mem(Op.F64Store, 3, MEM_PC);
  c.get(R).op(Op.Return);
}

/**
 * Set local OFF to the RAM offset of rs1 + imm for a `size`-byte access of `kind` (1 load,
 * 2 store), or leave to the interpreter. The same tests as exec-base.ts dataOffset, plus the
 * store checks of the JS blocks (code pages, watched stores).
 */
function address(ctx: Ctx, rs1: number, imm: number, size: number, kind: number, pc: number, k: number): void {
  const c = ctx.c;
  reg(c, rs1);
  c.i64(imm).op(Op.I64Add).set(A);
  c.opIdx(Op.Block, VOID); // ok
  c.opIdx(Op.Block, VOID); // miss
  if (kind === 2) c.get(MODE).i32(2).op(Op.I32And).opIdx(Op.BrIf, 0);
  c.get(MODE).i32(1).op(Op.I32And).opIdx(Op.If, VOID);
  // Sv39: canonical (bits 63:39 equal bit 38), inside one page, and a TLB hit.
  c.get(A).i64(25).op(Op.I64Shl).i64(25).op(Op.I64ShrS).get(A).op(Op.I64Ne).opIdx(Op.BrIf, 1);
  c.get(A).op(Op.I32WrapI64).i32(4095).op(Op.I32And).i32(4096 - size).op(Op.I32GtU).opIdx(Op.BrIf, 1);
  c.get(A).i64(12).op(Op.I64ShrS).op(Op.I32WrapI64).set(V);
  c.get(V).i32(255).op(Op.I32And).opIdx(Op.LocalGet, 1).i32(256).op(Op.I32And).op(Op.I32Or).i32(2).op(Op.I32Shl).set(IX);
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_TAG + kind * TLB_KIND_BYTES).get(V).op(Op.I32Ne).opIdx(Op.BrIf, 1);
  c.get(IX).mem(Op.I32Load, 2, MEM_TLB_OFF + kind * TLB_KIND_BYTES);
  c.get(A).op(Op.I32WrapI64).i32(4095).op(Op.I32And).op(Op.I32Add).set(OFF);
  c.op(Op.Else);
  // Bare: RAM at 0x80000000.
  c.get(A).i64(0x80000000).op(Op.I64Sub).i64(ctx.ramSize - size).op(Op.I64GtU).opIdx(Op.BrIf, 1);
  c.get(A).op(Op.I32WrapI64).i32(-0x80000000).op(Op.I32Xor).set(OFF);
  c.op(Op.End);
  if (kind === 2) {
    c.get(OFF).i32(12).op(Op.I32ShrU).mem(Op.I32Load8U, 0, MEM_CODE_PAGES);
    c.get(OFF).i32(size - 1).op(Op.I32Add).i32(12).op(Op.I32ShrU).mem(Op.I32Load8U, 0, MEM_CODE_PAGES);
    c.op(Op.I32Or).opIdx(Op.BrIf, 0);
  }
  c.opIdx(Op.Br, 1);
  c.op(Op.End); // miss
  interpret(c, pc, k);
  c.op(Op.End); // ok
}

const LOAD_OPS = [Op.I64Load8S, Op.I64Load16S, Op.I64Load32S, Op.I64Load, Op.I64Load8U, Op.I64Load16U, Op.I64Load32U];
const LOAD_SIZE = [1, 2, 4, 8, 1, 2, 4];
const STORE_OPS = [Op.I64Store8, Op.I64Store16, Op.I64Store32, Op.I64Store];

/** Code for one instruction that classify() accepted, the k-th of the block. */
function emit(ctx: Ctx, insn: number, pc: number, len: number, k: number): void {
  const c = ctx.c;
  const opcode = insn & 0x7f;
  const rd = (insn >>> 7) & 31;
  const rs1 = (insn >>> 15) & 31;
  const rs2 = (insn >>> 20) & 31;
  const f3 = (insn >>> 12) & 7;
  const f7 = insn >>> 25;
  const immI = insn >> 20;
  const next = pc + len;
  switch (opcode) {
    case 0x37: // LUI
      if (rd !== 0) { c.i32(0).i64(insn & 0xfffff000); storeReg(c, rd); }
      return;
    case 0x17: // AUIPC
      if (rd !== 0) { c.i32(0).i64(pc + (insn & 0xfffff000)); storeReg(c, rd); }
      return;
    case 0x13: { // OP-IMM
      if (rd === 0) return;
      c.i32(0);
      reg(c, rs1);
      const shamt = (insn >>> 20) & 63;
      switch (f3) {
        case 0: c.i64(immI).op(Op.I64Add); break;
        case 1: c.i64(shamt).op(Op.I64Shl); break;
        case 2: c.i64(immI).op(Op.I64LtS).op(Op.I64ExtendI32U); break;
        case 3: c.i64(immI).op(Op.I64LtU).op(Op.I64ExtendI32U); break;
        case 4: c.i64(immI).op(Op.I64Xor); break;
        case 5: c.i64(shamt).op((insn >>> 26) === 0x10 ? Op.I64ShrS : Op.I64ShrU); break;
        case 6: c.i64(immI).op(Op.I64Or); break;
        default: c.i64(immI).op(Op.I64And); break;
      }
      storeReg(c, rd);
      return;
    }
    case 0x1b: { // OP-IMM-32
      if (rd === 0) return;
      c.i32(0);
      reg32(c, rs1);
      const sh = (insn >>> 20) & 31;
      if (f3 === 0) c.i32(immI).op(Op.I32Add);
      else if (f3 === 1) c.i32(sh).op(Op.I32Shl);
      else c.i32(sh).op(f7 === 0x20 ? Op.I32ShrS : Op.I32ShrU);
      c.op(Op.I64ExtendI32S);
      storeReg(c, rd);
      return;
    }
    case 0x33: { // OP
      if (rd === 0) return;
      if (f7 === 1) { mulDiv64(c, f3, rs1, rs2, rd); return; }
      c.i32(0);
      reg(c, rs1);
      reg(c, rs2);
      if (f7 === 0x20) c.op(f3 === 0 ? Op.I64Sub : Op.I64ShrS);
      else {
        switch (f3) {
          case 0: c.op(Op.I64Add); break;
          case 1: c.op(Op.I64Shl); break;
          case 2: c.op(Op.I64LtS).op(Op.I64ExtendI32U); break;
          case 3: c.op(Op.I64LtU).op(Op.I64ExtendI32U); break;
          case 4: c.op(Op.I64Xor); break;
          case 5: c.op(Op.I64ShrU); break;
          case 6: c.op(Op.I64Or); break;
          default: c.op(Op.I64And); break;
        }
      }
      storeReg(c, rd);
      return;
    }
    case 0x3b: { // OP-32
      if (rd === 0) return;
      if (f7 === 1) { mulDiv32(c, f3, rs1, rs2, rd); return; }
      c.i32(0);
      reg32(c, rs1);
      reg32(c, rs2);
      if (f3 === 0) c.op(f7 === 0x20 ? Op.I32Sub : Op.I32Add);
      else if (f3 === 1) c.op(Op.I32Shl);
      else c.op(f7 === 0x20 ? Op.I32ShrS : Op.I32ShrU);
      c.op(Op.I64ExtendI32S);
      storeReg(c, rd);
      return;
    }
    case 0x03: { // LOAD
      address(ctx, rs1, immI, LOAD_SIZE[f3]!, 1, pc, k);
      if (rd !== 0) {
        c.i32(0).get(OFF).mem(LOAD_OPS[f3]!, 0, ctx.ramOffset);
        storeReg(c, rd);
      }
      return;
    }
    case 0x23: { // STORE
      const imm = ((insn >> 25) << 5) | ((insn >>> 7) & 31);
      address(ctx, rs1, imm, 1 << f3, 2, pc, k);
      c.get(OFF);
      reg(c, rs2);
      c.mem(STORE_OPS[f3]!, 0, ctx.ramOffset);
      return;
    }
    case 0x63: { // BRANCH
      const off = ((insn >> 31) << 12) | (((insn >>> 7) & 1) << 11) | (((insn >>> 25) & 0x3f) << 5) | (((insn >>> 8) & 0xf) << 1);
      reg(c, rs1);
      reg(c, rs2);
      c.op([Op.I64Eq, Op.I64Ne, 0, 0, Op.I64LtS, Op.I64GeS, Op.I64LtU, Op.I64GeU][f3]! as Op);
      c.opIdx(Op.If, VOID);
      jumpTo(ctx, pc + off, k, 1);
      c.op(Op.End);
      jumpTo(ctx, next, k, 0);
      return;
    }
    case 0x6f: { // JAL
      const off = ((insn >> 31) << 20) | (insn & 0xff000) | (((insn >>> 20) & 1) << 11) | (((insn >>> 21) & 0x3ff) << 1);
      if (rd !== 0) { c.i32(0).i64(next); storeReg(c, rd); }
      jumpTo(ctx, pc + off, k, 0);
      return;
    }
    default: { // JALR (classify let nothing else through)
      reg(c, rs1);
      c.i64(immI).op(Op.I64Add).i64(-2).op(Op.I64And).set(A);
      // A target a JS number cannot hold exactly: the interpreter keeps it as a BigInt.
      c.get(A).i64(2 ** 53).op(Op.I64Add).i64(2 ** 54).op(Op.I64GeU).opIdx(Op.If, VOID);
      interpret(c, pc, k);
      c.op(Op.End);
      if (rd !== 0) { c.i32(0).i64(next); storeReg(c, rd); }
      c.get(ROOM).get(MODE).get(R).i32(k + 1).op(Op.I32Add).get(A).opIdx(Op.ReturnCall, CHAIN);
    }
  }
}

/** MUL, DIV, DIVU, REM, REMU of two registers into rd. */
function mulDiv64(c: Code, f3: number, rs1: number, rs2: number, rd: number): void {
  reg(c, rs1); c.set(A);
  reg(c, rs2); c.set(B);
  c.i32(0);
  mulDiv64Value(c, f3, A, B);
  storeReg(c, rd);
}

/** MULW, DIVW, DIVUW, REMW, REMUW (locals V, IX hold the 32-bit operands). */
function mulDiv32(c: Code, f3: number, rs1: number, rs2: number, rd: number): void {
  reg32(c, rs1); c.set(V);
  reg32(c, rs2); c.set(IX);
  c.i32(0);
  mulDiv32Value(c, f3, V, IX);
  c.op(Op.I64ExtendI32S);
  storeReg(c, rd);
}

/**
 * Push the i64 result of the M instruction with funct3 `f3` (MUL 0, DIV 4, DIVU 5, REM 6,
 * REMU 7; mulh* are left to the interpreter) on the i64 locals `a` and `b`, with the spec's
 * results for x / 0 and MIN / -1 where wasm would trap. The block translator and the wasm
 * interpreter (wasm/interp.ts) both emit it, so the two cannot disagree.
 */
export function mulDiv64Value(c: Code, f3: number, a: number, b: number): void {
  if (f3 === 0) {
    c.get(a).get(b).op(Op.I64Mul);
    return;
  }
  c.get(b).op(Op.I64Eqz).opIdx(Op.If, I64);
  if (f3 === 4 || f3 === 5) c.i64(-1); else c.get(a);
  c.op(Op.Else);
  switch (f3) {
    case 4: // DIV: x / -1 = -x (wrapping, so MIN / -1 = MIN) without wasm's overflow trap
      c.get(b).i64(-1).op(Op.I64Eq).opIdx(Op.If, I64);
      c.i64(0).get(a).op(Op.I64Sub);
      c.op(Op.Else).get(a).get(b).op(Op.I64DivS).op(Op.End);
      break;
    case 5: c.get(a).get(b).op(Op.I64DivU); break;
    case 6: c.get(a).get(b).op(Op.I64RemS); break; // rem_s(MIN, -1) = 0, no trap
    default: c.get(a).get(b).op(Op.I64RemU); break;
  }
  c.op(Op.End);
}

/** The same for MULW, DIVW, DIVUW, REMW, REMUW on i32 locals: pushes the i32 result. */
export function mulDiv32Value(c: Code, f3: number, a: number, b: number): void {
  if (f3 === 0) {
    c.get(a).get(b).op(Op.I32Mul);
    return;
  }
  c.get(b).op(Op.I32Eqz).opIdx(Op.If, I32);
  if (f3 === 4 || f3 === 5) c.i32(-1); else c.get(a);
  c.op(Op.Else);
  switch (f3) {
    case 4:
      c.get(b).i32(-1).op(Op.I32Ne).opIdx(Op.If, I32);
      c.get(a).get(b).op(Op.I32DivS);
      c.op(Op.Else).i32(0).get(a).op(Op.I32Sub).op(Op.End);
      break;
    case 5: c.get(a).get(b).op(Op.I32DivU); break;
    case 6: c.get(a).get(b).op(Op.I32RemS); break;
    default: c.get(a).get(b).op(Op.I32RemU); break;
  }
  c.op(Op.End);
}
