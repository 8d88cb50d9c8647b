// The benchmark programs of `forklab bench`, built with encode.ts (no toolchain needed):
//   alu-loop             M-mode integer ALU loop of 32-bit instructions
//   compressed-loop      the same kind of loop in RVC instructions
//   loadstore-sv39-user  U-mode load/add/store loop over 64 KiB with Sv39 on (a 1 GiB
//                        identity-mapped user gigapage), entered from M-mode with mret
// Each is an endless loop: the bench runs it for a fixed number of instructions.

import { CodeBuffer, makeElf, rv, rvc } from './encode';

const BASE = 0x80000000n;
const T0 = 5, T1 = 6, A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17;
const CSR_SATP = 0x180, CSR_MEPC = 0x341;

export function aluLoop(): Uint8Array {
  const c = new CodeBuffer(BASE);
  c.w32(rv.addi(A0, 0, 0), rv.addi(A1, 0, 1), rv.addi(A2, 0, 3));
  const loop = c.size;
  c.w32(rv.add(A0, A0, A1), rv.xor(A3, A0, A2), rv.slli(A4, A3, 3), rv.addi(A1, A1, 1),
    rv.sub(A5, A4, A0), rv.and(A6, A5, A2), rv.or(A7, A6, A1));
  c.w32(rv.bne(A1, 0, loop - c.size));
  return makeElf(c.toBytes(), BASE);
}

export function compressedLoop(): Uint8Array {
  const c = new CodeBuffer(BASE);
  c.w16(rvc.li(A0, 0), rvc.li(A1, 1), rvc.li(A2, 3));
  const loop = c.size;
  c.w16(rvc.add(A0, A1), rvc.mv(A3, A0), rvc.xor(A3, A2), rvc.slli(A3, 3), rvc.addi(A1, 1),
    rvc.mv(A4, A3), rvc.sub(A4, A0), rvc.and(A4, A2), rvc.or(A4, A1));
  c.w16(rvc.bnez(A1, loop - c.size));
  return makeElf(c.toBytes(), BASE);
}

export function loadStoreSv39User(): Uint8Array {
  const c = new CodeBuffer(BASE);
  // satp = Sv39 | PPN(root table at BASE + 0x1000)
  c.w32(rv.addi(T0, 0, 8), rv.slli(T0, T0, 60));
  c.li32(T1, 0x80001);
  c.w32(rv.or(T0, T0, T1), rv.csrrw(0, CSR_SATP, T0));
  // a0 = data at BASE + 0x10000, a1 = a0 + 64 KiB
  const here = c.size;
  c.w32(rv.auipc(A0, 0x10), rv.addi(A0, A0, -here));
  c.w32(rv.lui(A1, 0x10), rv.add(A1, A1, A0));
  // mepc = user loop, MPP = U (reset value), mret
  const at = c.size;
  c.w32(rv.auipc(T0, 0), rv.addi(T0, T0, 16), rv.csrrw(0, CSR_MEPC, T0), rv.mret());
  if (c.size !== at + 16) throw new Error('loadStoreSv39User: layout changed');
  const outer = c.size;
  c.w32(rv.addi(A2, A0, 0));
  const inner = c.size;
  c.w32(rv.ld(T0, A2, 0), rv.addi(T0, T0, 1), rv.sd(T0, A2, 0), rv.addi(A2, A2, 8));
  c.w32(rv.bne(A2, A1, inner - c.size));
  c.w32(rv.jal(0, outer - c.size));
  while (c.size < 0x1000) c.w32(0);
  // Root page table: entry 2 maps VA 0x80000000 (1 GiB) to PA 0x80000000, U R W X A D V.
  for (let i = 0; i < 512; i++) {
    const pte = i === 2 ? ((0x80000 << 10) | 0xdf) >>> 0 : 0;
    c.w32(pte, 0);
  }
  return makeElf(c.toBytes(), BASE, 0x20000);
}

export const benchPrograms: ReadonlyArray<{ name: string; build: () => Uint8Array }> = [
  { name: 'alu-loop', build: aluLoop },
  { name: 'loadstore-sv39-user', build: loadStoreSv39User },
  { name: 'compressed-loop', build: compressedLoop },
];

