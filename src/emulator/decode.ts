// Instruction decode: field extraction with the spec's names and the dispatch of a 32-bit
// instruction word (compressed ones arrive already expanded by rvc.ts) to its execution group.
// Each group lives in its own exec-*.ts file and raises illegal-instruction itself for encodings
// it does not know.

import type { Hart } from './hart';
import * as base from './exec-base';
import * as atomic from './exec-atomic';
import * as system from './exec-system';

// Imported functions are bound to module-local constants once: under tsx (CLI, bench, tests)
// every access to an imported binding goes through a getter, which costs more than the
// instruction it dispatches to.
const execLui = base.execLui, execAuipc = base.execAuipc, execJal = base.execJal, execJalr = base.execJalr;
const execBranch = base.execBranch, execLoad = base.execLoad, execStore = base.execStore;
const execOpImm = base.execOpImm, execOpImm32 = base.execOpImm32, execOp = base.execOp, execOp32 = base.execOp32;
const execAmo = atomic.execAmo, execSystem = system.execSystem, execMiscMem = system.execMiscMem;

export const rd = (i: number): number => (i >>> 7) & 31;
export const rs1 = (i: number): number => (i >>> 15) & 31;
export const rs2 = (i: number): number => (i >>> 20) & 31;
export const funct3 = (i: number): number => (i >>> 12) & 7;
export const funct7 = (i: number): number => i >>> 25;
export const immI = (i: number): number => i >> 20;
export const immS = (i: number): number => ((i >> 25) << 5) | ((i >>> 7) & 31);
export const immB = (i: number): number =>
  ((i >> 31) << 12) | (((i >>> 7) & 1) << 11) | (((i >>> 25) & 0x3f) << 5) | (((i >>> 8) & 0xf) << 1);
export const immU = (i: number): number => i & 0xfffff000;
export const immJ = (i: number): number =>
  ((i >> 31) << 20) | (i & 0xff000) | (((i >>> 20) & 1) << 11) | (((i >>> 21) & 0x3ff) << 1);

/** Execute one (uncompressed) instruction word. */
export function execute(h: Hart, insn: number): void {
  switch (insn & 0x7f) {
    case 0x37: execLui(h, insn); return;
    case 0x17: execAuipc(h, insn); return;
    case 0x6f: h.edge = true; execJal(h, insn); return;
    case 0x67: h.edge = true; execJalr(h, insn); return;
    case 0x63: h.edge = true; execBranch(h, insn); return;
    case 0x03: execLoad(h, insn); return;
    case 0x23: execStore(h, insn); return;
    case 0x13: execOpImm(h, insn); return;
    case 0x1b: execOpImm32(h, insn); return;
    case 0x33: execOp(h, insn); return;
    case 0x3b: execOp32(h, insn); return;
    case 0x2f: h.edge = true; execAmo(h, insn); return;
    case 0x0f: h.edge = true; execMiscMem(h, insn); return;
    case 0x73: h.edge = true; execSystem(h, insn); return;
    default: h.raiseIllegal(insn);
  }
}
