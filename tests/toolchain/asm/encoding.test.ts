// Every instruction and pseudo-instruction form, assembled by ForkLab and by GNU as 2.40
// (-march=rv64ima_zicsr_zifencei -mno-relax): the .text bytes of each line must be identical.
// Each line is preceded by a global marker label so a mismatch names the line that differs.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { GNU_AS_FLAGS, gnuAssemble, hex, parse, sectionBytes } from './gnu';

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
  out.push('la a0, 0x1000', 'lla a1, 0x12345678', 'la a2, 5', 'la a3, CONST', 'lla t0, -1');
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

function compressedLines(): string[] {
  const out = ['c.nop', 'c.ebreak', 'c.unimp', 'c.addi4spn a0, sp, 4', 'c.addi4spn s1, sp, 1020', 'c.addi4spn a5, sp, 520'];
  for (const [op, max, step] of [['c.lw', 124, 4], ['c.sw', 124, 4], ['c.ld', 248, 8], ['c.sd', 248, 8]] as const) {
    out.push(`${op} a0, 0(a1)`, `${op} s0, ${max}(a5)`, `${op} a3, ${step * 3}(s1)`, `${op} a4, (a2)`);
  }
  out.push('c.addi a0, 1', 'c.addi t6, -32', 'c.addi sp, 31', 'c.addiw a0, 0', 'c.addiw s2, -1', 'c.li a0, 0', 'c.li ra, -32',
    'c.li t0, 31', 'c.addi16sp sp, 16', 'c.addi16sp sp, -512', 'c.addi16sp sp, 496', 'c.addi16sp sp, 208',
    'c.lui a0, 1', 'c.lui t0, 31', 'c.lui s11, 0xfffe0', 'c.lui a1, 0xfffff',
    'c.srli a0, 1', 'c.srli s1, 63', 'c.srai a5, 32', 'c.andi a0, 0', 'c.andi s0, -32', 'c.andi a2, 31',
    'c.sub a0, a1', 'c.xor s0, a5', 'c.or a2, a3', 'c.and a4, s1', 'c.subw a0, a1', 'c.addw s1, a5',
    'c.slli a0, 1', 'c.slli t6, 63', 'c.lwsp a0, 0(sp)', 'c.lwsp ra, 252(sp)', 'c.ldsp s0, 504(sp)', 'c.ldsp t1, 8(sp)',
    'c.swsp a0, 0(sp)', 'c.swsp zero, 252(sp)', 'c.sdsp ra, 504(sp)', 'c.sdsp t3, 16(sp)',
    'c.jr ra', 'c.jr t0', 'c.jalr a0', 'c.mv a0, a1', 'c.mv t6, sp', 'c.add a0, a1', 'c.add sp, t0',
    'c.j back', 'c.j fwd', 'c.beqz a0, back', 'c.bnez s1, fwd', 'c.beqz a5, 1b', 'c.j 1f');
  return out;
}

describe('compressed encodings match GNU as', () => {
  test('every c.* form produces the same 16-bit encoding as GNU as with the C extension', () => {
    const list = compressedLines();
    const body = list.map((l, i) => `m${i}: ${l}`).join('\n');
    const source = `.text\n1: c.nop\nback: c.nop\n${body}\nm${list.length}:\n1: c.nop\nfwd: c.nop\n`;
    const mine = assemble(source, 'rvc.s');
    expect(mine.diagnostics).toEqual([]);
    const gnu = parse(gnuAssemble(source, GNU_AS_FLAGS.map((f) => f.replace('rv64ima_', 'rv64imac_')))); 
    const ours = parse(mine.object);
    const at = (elf: typeof gnu, i: number): number => Number(elf.symbols.find((s) => s.name === `m${i}`)!.value);
    const mismatches: string[] = [];
    const gnuText = sectionBytes(gnu, '.text');
    const ourText = sectionBytes(ours, '.text');
    for (let i = 0; i < list.length; i++) {
      const g = hex(gnuText.subarray(at(gnu, i), at(gnu, i + 1)));
      const o = hex(ourText.subarray(at(ours, i), at(ours, i + 1)));
      if (g !== o) mismatches.push(`${list[i]}: gnu ${g} ours ${o}`);
    }
    expect(mismatches).toEqual([]);
    expect(hex(ourText)).toBe(hex(gnuText));
  });

  test('compressed forms reject registers and immediates they cannot encode', () => {
    const err = (s: string) => assemble(s, 'x.s').diagnostics.map((d) => d.message);
    expect(err('c.lw t0, 0(a0)')).toEqual(["'t0' is not one of s0, s1, a0-a5 (x8-x15) that compressed forms need"]);
    expect(err('c.addi a0, 0')).toEqual(['immediate 0 is out of range (non-zero, -32..31)']);
    expect(err('c.ld a0, 4(a1)')).toEqual(['offset 4 is out of range (0..248, a multiple of 8)']);
    expect(err('c.lwsp a0, 4(a1)')).toEqual(['the base register must be sp']);
    expect(err('c.beqz a0, far\n.zero 300\nfar: nop')).toEqual(['branch target is out of range (302 bytes; c.beqz/c.bnez reach ±256 bytes)']);
  });
});
