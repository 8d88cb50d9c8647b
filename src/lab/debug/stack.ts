// The call stack, walked through frame pointers, across the trap boundary into user code.
//
// Both compilers keep s0 as the frame pointer equal to the CFA (sp at function entry): gcc with
// -fno-omit-frame-pointer (the kernel Makefile), ForkLab's code generator always. Where ra and
// the caller's s0 are saved differs (ForkLab's variadic functions put them below the register
// save area, gcc's leaf functions may not save ra at all), so each function's prologue is
// decoded to find its slots rather than assuming s0-8 and s0-16. The innermost frame may be in
// its prologue (s0 not yet set) or epilogue (s0 already restored): there the CFA comes from sp.
// A kernel frame returning to __ret_from_trap sits on the trap frame (struct pt_regs at its
// CFA, docs/kernel.md): the walk continues with the registers the trap saved, in user space
// when sstatus.SPP says the trap came from U-mode.

import type { DebugImage, FunctionSymbol } from './image';
import type { SourceLine } from './line-index';
import { PT_REGS, SSTATUS_SPP } from './kernel-layout';

export interface UnwindRegs {
  readonly pc: bigint;
  readonly sp: bigint;
  readonly s0: bigint;
  readonly ra: bigint;
}

export interface StackFrame {
  readonly pc: bigint;
  readonly space: 'kernel' | 'user';
  readonly function: string | null;
  readonly line: SourceLine | null;
  /** sp at the function's entry (what s0 holds in its body), when known. */
  readonly cfa: bigint | null;
  /** True for the first frame after a trap (its pc is where the trap happened). */
  readonly trapped: boolean;
}

export interface WalkEnv {
  readonly kernel: DebugImage;
  /** The program of the process whose stack this is (null: kernel thread or unknown). */
  readonly user: DebugImage | null;
  /** A 64-bit word of virtual memory in the current address space, null when unmapped. */
  read64(va: bigint): bigint | null;
}

const MAX_FRAMES = 64;
const MAX_PROLOGUE = 48;
const KERNEL_BASE = 0xffff_ffc0_0000_0000n;

/** What a function's prologue does, in offsets from its CFA. */
export interface FrameShape {
  /** Address of the first instruction after `s0 = sp + X`; null when the prologue never sets s0. */
  readonly fpReadyAt: bigint | null;
  /** s0 - CFA once set (0 for both compilers). */
  readonly fpFromCfa: number;
  readonly raSlot: number | null;
  readonly fpSlot: number | null;
  /** sp - CFA after each prologue instruction that moves sp: [address after it, total]. */
  readonly spSteps: readonly (readonly [bigint, number])[];
}

interface Insn {
  readonly size: number;
  readonly kind: 'sp-add' | 'fp-set' | 'save' | 'load' | 'ret' | 'other';
  readonly imm: number;
  /** Register stored or loaded (save/load). */
  readonly reg: number;
}

function fetch(image: DebugImage, addr: bigint): Insn | null {
  const b = image.code(addr, 2);
  if (!b) return null;
  const lo = b[0]! | (b[1]! << 8);
  if ((lo & 3) !== 3) return decodeCompressed(lo);
  const w = image.code(addr, 4);
  if (!w) return null;
  return decode32((w[0]! | (w[1]! << 8) | (w[2]! << 16) | (w[3]! << 24)) >>> 0);
}

const bit = (v: number, hi: number, lo: number) => (v >>> lo) & ((1 << (hi - lo + 1)) - 1);
const other = (size: number): Insn => ({ size, kind: 'other', imm: 0, reg: 0 });

function decode32(w: number): Insn {
  const op = w & 0x7f;
  const rd = bit(w, 11, 7);
  const f3 = bit(w, 14, 12);
  const rs1 = bit(w, 19, 15);
  const rs2 = bit(w, 24, 20);
  const immI = w >> 20;
  if (op === 0x13 && f3 === 0 && rs1 === 2 && rd === 2) return { size: 4, kind: 'sp-add', imm: immI, reg: 2 };
  if (op === 0x13 && f3 === 0 && rs1 === 2 && rd === 8) return { size: 4, kind: 'fp-set', imm: immI, reg: 8 };
  if (op === 0x23 && f3 === 3 && rs1 === 2) return { size: 4, kind: 'save', imm: (bit(w, 31, 25) << 5 | rd) << 20 >> 20, reg: rs2 };
  if (op === 0x03 && f3 === 3 && rs1 === 2) return { size: 4, kind: 'load', imm: immI, reg: rd };
  if (w === 0x00008067) return { size: 4, kind: 'ret', imm: 0, reg: 0 };
  return other(4);
}

function decodeCompressed(h: number): Insn {
  const q = h & 3;
  const f3 = bit(h, 15, 13);
  const rd = bit(h, 11, 7);
  if (q === 1 && f3 === 3 && rd === 2) {
    // c.addi16sp: nzimm[9|4|6|8:7|5]
    let imm = (bit(h, 12, 12) << 9) | (bit(h, 6, 6) << 4) | (bit(h, 5, 5) << 6) | (bit(h, 4, 3) << 7) | (bit(h, 2, 2) << 5);
    imm = (imm << 22) >> 22;
    return { size: 2, kind: 'sp-add', imm, reg: 2 };
  }
  if (q === 1 && f3 === 0 && rd === 2) {
    const imm = (((bit(h, 12, 12) << 5) | bit(h, 6, 2)) << 26) >> 26;
    return { size: 2, kind: 'sp-add', imm, reg: 2 };
  }
  if (q === 0 && f3 === 0 && bit(h, 4, 2) === 0 && h !== 0) {
    // c.addi4spn rd'=x8: nzuimm[5:4|9:6|2|3]
    const imm = (bit(h, 12, 11) << 4) | (bit(h, 10, 7) << 6) | (bit(h, 6, 6) << 2) | (bit(h, 5, 5) << 3);
    return { size: 2, kind: 'fp-set', imm, reg: 8 };
  }
  if (q === 2 && f3 === 7) return { size: 2, kind: 'save', imm: (bit(h, 12, 10) << 3) | (bit(h, 9, 7) << 6), reg: bit(h, 6, 2) };
  if (q === 2 && f3 === 3 && rd !== 0) return { size: 2, kind: 'load', imm: (bit(h, 12, 12) << 5) | (bit(h, 6, 5) << 3) | (bit(h, 4, 2) << 6), reg: rd };
  if (h === 0x8082) return { size: 2, kind: 'ret', imm: 0, reg: 0 };
  return other(2);
}

/** Decodes the prologue of `fn` (until s0 is set, or a bounded number of instructions). */
export function frameShape(image: DebugImage, fn: FunctionSymbol): FrameShape {
  let sp = 0;
  let raSlot: number | null = null;
  let fpSlot: number | null = null;
  const spSteps: [bigint, number][] = [];
  let at = fn.start;
  for (let i = 0; i < MAX_PROLOGUE && at < fn.end; i++) {
    const insn = fetch(image, at);
    if (!insn) break;
    at += BigInt(insn.size);
    if (insn.kind === 'sp-add') {
      sp += insn.imm;
      spSteps.push([at, sp]);
    } else if (insn.kind === 'save' && insn.reg === 1 && raSlot === null) raSlot = sp + insn.imm;
    else if (insn.kind === 'save' && insn.reg === 8 && fpSlot === null) fpSlot = sp + insn.imm;
    else if (insn.kind === 'fp-set') return { fpReadyAt: at, fpFromCfa: sp + insn.imm, raSlot, fpSlot, spSteps };
    else if (insn.kind === 'ret') break;
  }
  return { fpReadyAt: null, fpFromCfa: 0, raSlot, fpSlot, spSteps };
}

/** sp - CFA at `pc` while still in the prologue. */
function spOffsetAt(shape: FrameShape, pc: bigint): number {
  let off = 0;
  for (const [after, total] of shape.spSteps) if (after <= pc) off = total;
  return off;
}

/** From `pc` to the next `ret`, when only epilogue instructions lie between: what they still do. */
function epilogueAhead(image: DebugImage, fn: FunctionSymbol, pc: bigint): { spAdd: number; raLoad: number | null; fpLoadAhead: boolean } | null {
  let spAdd = 0;
  let raLoad: number | null = null;
  let fpLoadAhead = false;
  let at = pc;
  for (let i = 0; i < 24 && at < fn.end; i++) {
    const insn = fetch(image, at);
    if (!insn) return null;
    if (insn.kind === 'ret') return { spAdd, raLoad, fpLoadAhead };
    if (insn.kind === 'sp-add') spAdd += insn.imm;
    else if (insn.kind === 'load') {
      if (insn.reg === 1 && raLoad === null) raLoad = spAdd + insn.imm;
      if (insn.reg === 8) fpLoadAhead = true;
    } else return null;
    at += BigInt(insn.size);
  }
  return null;
}

interface Unwound {
  readonly cfa: bigint | null;
  readonly ra: bigint | null;
  readonly callerFp: bigint | null;
}

/** One step of the walk: where `fn`'s frame is and what it saved. `inner` allows prologue/epilogue states. */
function unwind(image: DebugImage, fn: FunctionSymbol, regs: UnwindRegs, inner: boolean, env: WalkEnv): Unwound {
  const shape = frameShape(image, fn);
  if (inner) {
    if (shape.fpReadyAt === null || regs.pc < shape.fpReadyAt) {
      // s0 is still the caller's and ra still in its register.
      return { cfa: regs.sp - BigInt(spOffsetAt(shape, regs.pc)), ra: regs.ra, callerFp: regs.s0 };
    }
    const epi = epilogueAhead(image, fn, regs.pc);
    if (epi && !epi.fpLoadAhead) {
      const ra = epi.raLoad === null ? regs.ra : env.read64(regs.sp + BigInt(epi.raLoad));
      return { cfa: regs.sp + BigInt(epi.spAdd), ra, callerFp: regs.s0 };
    }
  }
  if (shape.fpReadyAt === null) return { cfa: null, ra: null, callerFp: null };
  const cfa = regs.s0 - BigInt(shape.fpFromCfa);
  const ra = shape.raSlot === null ? (inner ? regs.ra : null) : env.read64(cfa + BigInt(shape.raSlot));
  const callerFp = shape.fpSlot === null ? null : env.read64(cfa + BigInt(shape.fpSlot));
  return { cfa, ra, callerFp };
}

/**
 * The call stack from the registers of the interrupted (or paused) context, innermost first.
 * `trapFrame` reads the pt_regs a trap saved at an address (the walk crosses into it).
 */
export function walkStack(regs: UnwindRegs, env: WalkEnv, trapFrame: (at: bigint) => { regs: UnwindRegs; fromUser: boolean } | null): StackFrame[] {
  const frames: StackFrame[] = [];
  const retFromTrap = env.kernel.symbol('__ret_from_trap');
  let cur = regs;
  let inner = true;
  let trapped = false;
  let lastCfa: bigint | null = null;
  while (frames.length < MAX_FRAMES) {
    const space = BigInt.asIntN(64, cur.pc) < 0n || cur.pc >= KERNEL_BASE ? 'kernel' : 'user';
    const image = space === 'kernel' ? env.kernel : env.user;
    // For a return address, the call is the instruction before it: look its line up there.
    const lookup = inner ? cur.pc : cur.pc - 1n;
    const fn = image?.functionAt(lookup);
    const line = (inner ? image?.lines.displayLineAt(lookup) : image?.lines.lineAt(lookup)) ?? null;
    const un = image && fn ? unwind(image, fn, cur, inner, env) : null;
    frames.push({ pc: cur.pc, space, function: fn?.name ?? image?.labelAt(lookup) ?? null, line, cfa: un?.cfa ?? null, trapped });
    if (!un || un.cfa === null || un.ra === null) break;
    // A sane stack grows down: each caller's frame lies above its callee's.
    if (lastCfa !== null && un.cfa <= lastCfa) break;
    lastCfa = un.cfa;
    if (space === 'kernel' && retFromTrap !== undefined && un.ra === retFromTrap) {
      const t = trapFrame(un.cfa);
      if (!t) break;
      cur = t.regs;
      inner = true;
      trapped = true;
      // The user stack lies below the kernel's: the check starts over on it.
      if (t.fromUser) lastCfa = null;
      continue;
    }
    if (un.ra === 0n || un.callerFp === null) break;
    cur = { pc: un.ra, sp: un.cfa, s0: un.callerFp, ra: 0n };
    inner = false;
    trapped = false;
  }
  return frames;
}

/** The saved registers of a trap frame (struct pt_regs) at `at`, through `read64`. */
export function readTrapFrame(read64: (va: bigint) => bigint | null, at: bigint): { regs: UnwindRegs; fromUser: boolean } | null {
  const pc = read64(at + BigInt(PT_REGS.sepc));
  const sp = read64(at + 8n * 2n);
  const s0 = read64(at + 8n * 8n);
  const ra = read64(at + 8n * 1n);
  const sstatus = read64(at + BigInt(PT_REGS.sstatus));
  if (pc === null || sp === null || s0 === null || ra === null || sstatus === null) return null;
  return { regs: { pc, sp, s0, ra }, fromUser: (sstatus & SSTATUS_SPP) === 0n };
}
