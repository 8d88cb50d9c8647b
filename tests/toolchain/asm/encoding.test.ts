// Every instruction and pseudo-instruction form, assembled by ForkLab and by GNU as 2.40
// (-march=rv64ima_zicsr_zifencei -mno-relax): the .text bytes of each line must be identical.
// Each line is preceded by a global marker label so a mismatch names the line that differs.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { gnuAssemble, hex, parse, sectionBytes } from './gnu';

const R_OPS = ['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'mul', 'mulh', 'mulhsu', 'mulhu',
  'div', 'divu', 'rem', 'remu', 'addw', 'subw', 'sllw', 'srlw', 'sraw', 'mulw', 'divw', 'divuw', 'remw', 'remuw'];
const I_OPS = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'];
const LOADS = ['lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu'];
const STORES = ['sb', 'sh', 'sw', 'sd'];
const BRANCHES = ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'bgt', 'ble', 'bgtu', 'bleu'];
const AMOS = ['amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax', 'amominu', 'amomaxu'];
const ORDER = ['', '.aq', '.rl', '.aqrl'];
const LI_VALUES = ['0', '1', '-1', '2047', '-2048', '2048', '-2049', '4096', '0x7ff', '0x800', '0xfff', '0x1000',
  '0x12345', '0x7fffffff', '-0x80000000', '0x80000000', '0xffffffff', '0x100000000', '0x123456789', '-0x123456789',
  '0x7fffffffffffffff', '-0x8000000000000000', '0xffffffffffffffff', '0x123456789abcdef0', '0xfedcba9876543210',
  '0x8000000000000001', '0x0000ffff0000ffff', '1 << 40', '0x7ffff800', '0x7ffff7ff', '0xfff00000', '(3 * 7) + 1'];

function lines(): string[] {
  const out: string[] = [];
  for (const op of R_OPS) out.push(`${op} a0, a1, a2`, `${op} t6, zero, s11`);
  for (const op of I_OPS) out.push(`${op} a0, a1, 0`, `${op} s1, t0, -2048`, `${op} ra, sp, 2047`, `${op} x31, x1, -1`);
  out.push('add a0, a1, 5', 'and t0, t1, 0xff', 'xor a0, a0, -1', 'addw a0, a1, -7', 'sll a0, a0, 3', 'sra a1, a2, 63');
  for (const op of ['slli', 'srli', 'srai']) out.push(`${op} a0, a1, 0`, `${op} a0, a1, 31`, `${op} t3, t4, 63`);
  for (const op of ['slliw', 'srliw', 'sraiw']) out.push(`${op} a0, a1, 0`, `${op} s2, s3, 31`);
  for (const op of LOADS) out.push(`${op} a0, 0(a1)`, `${op} t1, -8(sp)`, `${op} s0, 2047(fp)`, `${op} a5, (a4)`, `${op} a0, -2048(x31)`);
  for (const op of STORES) out.push(`${op} a0, 0(a1)`, `${op} ra, 8(sp)`, `${op} s11, -2048(t6)`, `${op} zero, (a2)`);
  for (const op of BRANCHES) out.push(`${op} a0, a1, back`, `${op} t0, t1, fwd`, `${op} zero, s1, 1b`, `${op} a2, a3, 1f`);
  for (const op of ['beqz', 'bnez', 'blez', 'bgez', 'bltz', 'bgtz']) out.push(`${op} a0, back`, `${op} t5, fwd`);
  out.push('jal back', 'jal fwd', 'jal ra, back', 'jal zero, fwd', 'jal t0, 1b', 'j back', 'j fwd', 'j 1f');
  out.push('jalr a0', 'jalr t0, a1', 'jalr ra, 16(a0)', 'jalr zero, -4(t1)', 'jalr a0, a1, 8', 'jalr 12(a2)', 'jr ra', 'jr a5', 'ret');
  out.push('lui a0, 0', 'lui a0, 0xfffff', 'lui s5, 0x12345', 'auipc a0, 0', 'auipc t2, 0xfffff', 'lui a0, %hi(0x12345678)',
    'addi a0, a0, %lo(0x12345678)', 'lui a0, %hi(0x7ff)', 'lui a0, %hi(0x800)', 'sw a0, %lo(0x12345fff)(a1)');
  out.push('ecall', 'ebreak', 'sret', 'mret', 'wfi', 'fence.i', 'fence.tso', 'pause', 'unimp');
  out.push('sfence.vma', 'sfence.vma a0', 'sfence.vma a0, a1', 'sfence.vma zero, t0');
  out.push('fence', 'fence iorw, iorw', 'fence rw, rw', 'fence r, w', 'fence i, o', 'fence w, r', 'fence iorw, ow');
  for (const op of ['csrrw', 'csrrs', 'csrrc']) out.push(`${op} a0, sstatus, a1`, `${op} zero, satp, t0`, `${op} t1, 0x7c0, s1`);
  for (const op of ['csrrwi', 'csrrsi', 'csrrci']) out.push(`${op} a0, sie, 0`, `${op} zero, mstatus, 31`);
  out.push('csrrw a0, sscratch, 5');
  out.push('csrr a0, sepc', 'csrr t0, mhartid', 'csrr a1, cycle', 'csrw stvec, a0', 'csrw satp, zero', 'csrs sstatus, t1',
    'csrc sie, a2', 'csrwi sscratch, 7', 'csrsi sstatus, 2', 'csrci sstatus, 2', 'csrw mtvec, 4', 'csrs mie, 8',
    'rdcycle a0', 'rdtime a1', 'rdinstret t0',
    'csrr a0, scause', 'csrr a0, stval', 'csrr a0, sip', 'csrr a0, mepc', 'csrr a0, mcause', 'csrr a0, mtval',
    'csrr a0, mip', 'csrr a0, medeleg', 'csrr a0, mideleg', 'csrr a0, misa', 'csrr a0, mscratch', 'csrr a0, pmpcfg0',
    'csrr a0, pmpaddr0', 'csrr a0, pmpaddr15', 'csrr a0, mcounteren', 'csrr a0, scounteren', 'csrr a0, time',
    'csrr a0, instret', 'csrr a0, hpmcounter3', 'csrr a0, mvendorid', 'csrr a0, marchid', 'csrr a0, mimpid');
  for (const w of ['w', 'd']) {
    for (const o of ORDER) {
      out.push(`lr.${w}${o} a0, (a1)`, `sc.${w}${o} a0, a2, (a1)`);
      for (const op of AMOS) out.push(`${op}.${w}${o} a0, a2, (a1)`);
    }
  }
  out.push('amoadd.w t0, t1, 0(t2)');
  out.push('nop', 'mv a0, a1', 'mv s0, sp', 'not t0, t1', 'neg a0, a1', 'negw a0, a1', 'sext.w a0, a1', 'zext.b a0, a1',
    'seqz a0, a1', 'snez a0, a1', 'sltz a0, a1', 'sgtz a0, a1', 'sgt a0, a1, a2', 'sgtu t0, t1, t2');
  for (const v of LI_VALUES) out.push(`li a0, ${v}`, `li t3, ${v}`);
  out.push('li a0, CONST', 'li a0, CONST * 2 + 1', "li a0, 'A'", "li a0, '\\n'", 'addi a0, a0, CONST');
  out.push('call extfn', 'call t0, extfn', 'tail extfn', 'la a0, extvar', 'lla a1, extvar', 'lw a0, extvar',
    'sd a1, extvar, t0', 'lui a0, %hi(extvar)', 'addi a0, a0, %lo(extvar)', 'sw a0, %lo(extvar)(a0)',
    'ld a0, %lo(extvar+8)(a1)', 'lui t0, %hi(extvar+0x1000)');
  out.push('add a0, a1, a2 ; sub a3, a4, a5', 'ADD a0, a1, a2', 'addi a0,a1,-1', 'addi\ta0,\ta1,\t1', 'x: addi a0, a0, 1');
  return out;
}

describe('instruction encodings match GNU as', () => {
  test('every instruction and pseudo-instruction form produces the same bytes', () => {
    const list = lines();
    const body = list.map((l, i) => `m${i}: ${l}`).join('\n');
    const source = `.equ CONST, 42\n.text\n1: nop\nback: nop\n${body}\nm${list.length}:\n1: nop\nfwd: nop\n`;
    const mine = assemble(source, 'enc.s');
    expect(mine.diagnostics).toEqual([]);
    const gnu = parse(gnuAssemble(source));
    const ours = parse(mine.object);
    const gnuText = sectionBytes(gnu, '.text');
    const ourText = sectionBytes(ours, '.text');
    const at = (elf: typeof gnu, i: number): number => Number(elf.symbols.find((s) => s.name === `m${i}`)!.value);
    const mismatches: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const g = hex(gnuText.subarray(at(gnu, i), at(gnu, i + 1)));
      const o = hex(ourText.subarray(at(ours, i), at(ours, i + 1)));
      if (g !== o) mismatches.push(`${list[i]}: gnu ${g} ours ${o}`);
    }
    expect(mismatches).toEqual([]);
    expect(hex(ourText)).toBe(hex(gnuText));
    expect(list.length).toBeGreaterThan(490);
  });
});
