// The A extension: LR/SC with a single reservation (a physical address) and the AMOs, W and D.
// An AMO translates as a store (so a read-only page gives a store/AMO page fault) and runs as
// a read-modify-write on the bus. Misaligned LR raises load-address-misaligned, misaligned SC
// and AMOs store/AMO-address-misaligned, as on QEMU. aq/rl need nothing on a single hart.

import type { Hart } from './hart';
import { ACCESS_LOAD, ACCESS_STORE } from './mmu';
import { effectiveAddress } from './exec-base';
import { CAUSE_MISALIGNED_LOAD, CAUSE_MISALIGNED_STORE } from './trap';

const LR = 0x02, SC = 0x03;

export function execAmo(h: Hart, insn: number): void {
  const f3 = (insn >>> 12) & 7;
  if (f3 !== 2 && f3 !== 3) { h.raiseIllegal(insn); return; }
  const size = f3 === 2 ? 4 : 8;
  const op = insn >>> 27;
  const rd = (insn >>> 7) & 31;
  const rs2 = (insn >>> 20) & 31;
  if (op === LR && rs2 !== 0) { h.raiseIllegal(insn); return; }
  if (!isAmoOp(op)) { h.raiseIllegal(insn); return; }
  const va = effectiveAddress(h, (insn >>> 15) & 31, 0);
  if ((va & (size - 1)) !== 0) {
    h.raise(op === LR ? CAUSE_MISALIGNED_LOAD : CAUSE_MISALIGNED_STORE, h.exactAddress(va));
    return;
  }
  const bus = h.bus;
  if (op === LR) {
    const pa = h.mmu.translate(va, ACCESS_LOAD);
    if (pa < 0) return;
    if (!bus.load(pa, size)) { h.mmu.accessFault(ACCESS_LOAD, va); return; }
    h.reservation = pa;
    writeLoaded(h, rd, size);
    return;
  }
  const pa = h.mmu.translate(va, ACCESS_STORE);
  if (pa < 0) return;
  if (!bus.isMapped(pa, size)) { h.mmu.accessFault(ACCESS_STORE, va); return; }
  const src = h.x64[rs2]!;
  if (op === SC) {
    const ok = h.reservation === pa;
    h.reservation = -1;
    if (ok) {
      bus.store(pa, size, Number(BigInt.asIntN(32, src)), Number(BigInt.asIntN(32, src >> 32n)));
      h.noteStore(pa, size);
    }
    if (rd !== 0) h.x64[rd] = ok ? 0n : 1n;
    return;
  }
  bus.load(pa, size);
  const old = size === 4 ? BigInt(bus.lo | 0) : (BigInt(bus.hi) << 32n) | BigInt(bus.lo >>> 0);
  const a = size === 4 ? old : BigInt.asIntN(64, old);
  const b = size === 4 ? BigInt.asIntN(32, src) : src;
  const ua = BigInt.asUintN(size * 8, a);
  const ub = BigInt.asUintN(size * 8, b);
  let r: bigint;
  switch (op) {
    case 0x01: r = b; break;                      // AMOSWAP
    case 0x00: r = a + b; break;                  // AMOADD
    case 0x04: r = a ^ b; break;                  // AMOXOR
    case 0x0c: r = a & b; break;                  // AMOAND
    case 0x08: r = a | b; break;                  // AMOOR
    case 0x10: r = a < b ? a : b; break;          // AMOMIN
    case 0x14: r = a > b ? a : b; break;          // AMOMAX
    case 0x18: r = ua < ub ? a : b; break;        // AMOMINU
    default: r = ua > ub ? a : b; break;          // AMOMAXU
  }
  bus.store(pa, size, Number(BigInt.asIntN(32, r)), Number(BigInt.asIntN(32, r >> 32n)));
  h.noteStore(pa, size);
  if (rd !== 0) h.x64[rd] = size === 4 ? BigInt.asIntN(32, a) : a;
}

function isAmoOp(op: number): boolean {
  return op === LR || op === SC || op === 0x01 || op === 0x00 || op === 0x04 || op === 0x0c ||
    op === 0x08 || op === 0x10 || op === 0x14 || op === 0x18 || op === 0x1c;
}

function writeLoaded(h: Hart, rd: number, size: number): void {
  if (rd === 0) return;
  const lo = h.bus.lo | 0;
  h.x[rd << 1] = lo;
  h.x[(rd << 1) + 1] = size === 4 ? lo >> 31 : h.bus.hi;
}
