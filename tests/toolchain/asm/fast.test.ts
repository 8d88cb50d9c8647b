// The assembler's fast path (asm/fast.ts) against its general path (operands.ts,
// instructions.ts, pseudo.ts; itself checked byte for byte against GNU as in
// encoding.test.ts): for every statement the fast path takes, the bytes, relocations and
// diagnostics after fixup resolution are the same; for every statement it must leave alone, it
// returns false and emits nothing.

import { describe, expect, test } from 'vitest';
import { Assembler } from '../../../src/toolchain/asm/assembler';
import { assembleFast } from '../../../src/toolchain/asm/fast';
import { resolveFixups } from '../../../src/toolchain/asm/fixups';
import { splitOperands } from '../../../src/toolchain/asm/operands';
import { assembleAny } from '../../../src/toolchain/asm/pseudo';

const COLUMN = 9;

/** Assembles one statement with the chosen path; `undefined` when the fast path refused it. */
function assembleWith(fast: boolean, op: string, args: string) {
  const a = new Assembler('t.s');
  a.defineLabel('back');
  if (fast) {
    if (!assembleFast(a, op, args, COLUMN)) {
      expect(a.current.size).toBe(0);
      expect(a.current.fixups).toEqual([]);
      return undefined;
    }
  } else {
    expect(assembleAny(a, op, splitOperands(args, COLUMN), COLUMN)).toBe(true);
  }
  a.defineLabel('fwd');
  resolveFixups(a);
  return { bytes: [...a.current.data.toBytes()], relocs: a.current.relocs, diagnostics: a.diagnostics };
}

const REGS = ['zero', 'ra', 'sp', 'a0', 'a5', 's0', 'fp', 't6', 'x0', 'x17', 'x31', 's11'];
const IMMS = ['0', '1', '-1', '7', '-20', '2047', '-2048', '100', '-1000'];
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

function taken(): string[] {
  const out: string[] = [];
  const rr = ['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'mul', 'mulh', 'mulhsu', 'mulhu', 'div',
    'divu', 'rem', 'remu', 'addw', 'subw', 'sllw', 'srlw', 'sraw', 'mulw', 'divw', 'divuw', 'remw', 'remuw'];
  rr.forEach((op, i) => out.push(`${op} ${pick(REGS, i)}, ${pick(REGS, i + 3)}, ${pick(REGS, i + 7)}`, `${op} a0,a1,a2`));
  ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'].forEach((op, i) => {
    for (const imm of IMMS) out.push(`${op} ${pick(REGS, i)}, ${pick(REGS, i + 5)}, ${imm}`);
  });
  for (const op of ['slli', 'srli', 'srai']) out.push(`${op} a0, a1, 0`, `${op} t0, t1, 63`, `${op} s1, s2, 32`);
  for (const op of ['slliw', 'srliw', 'sraiw']) out.push(`${op} a0, a1, 0`, `${op} t0, t1, 31`);
  for (const op of ['lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu', 'sb', 'sh', 'sw', 'sd']) {
    IMMS.forEach((imm, i) => out.push(`${op} ${pick(REGS, i)}, ${imm}(${pick(REGS, i + 2)})`));
  }
  for (const op of ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'bgt', 'ble', 'bgtu', 'bleu']) {
    out.push(`${op} a0, a1, back`, `${op} t0, s1, fwd`, `${op} a0, a1, elsewhere`, `${op} a0, a1, .Lbegin0`);
  }
  for (const op of ['beqz', 'bnez', 'bltz', 'bgez', 'blez', 'bgtz']) out.push(`${op} a0, back`, `${op} t5, fwd`, `${op} a1, far`);
  for (const op of ['mv', 'not', 'neg', 'negw', 'sext.w', 'seqz', 'snez']) out.push(`${op} a0, a1`, `${op} t6 , zero`);
  out.push('ret', 'nop', 'j back', 'j fwd', 'j .Lend3', 'call printf', 'call fwd', 'call $x');
  for (const v of ['0', '5', '-1', '2047', '-2048', '2048', '-2049', '4096', '123456', '-123456', '2147483647',
    '-2147483648', '2147483648', '4294967295', '281474976710655', '-140737488355328', '999999999999999', '-999999999999999']) {
    out.push(`li a0, ${v}`, `li t3, ${v}`);
  }
  return out;
}

/** Statements the fast path must leave to the general path (other spellings, errors). */
const REFUSED = [
  'add a0, a1, 5', 'add a0, a1', 'add a0, a1, a2, a3', 'add a0, a1, a2 # x', 'addi a0, a1, 2048', 'addi a0, a1, -2049',
  'addi a0, a1, 0x10', 'addi a0, a1, 010', 'addi a0, a1, 1+1', 'addi a0, a1, %lo(x)', 'addi a0, a1, 1f', 'addi A0, a1, 1',
  'slli a0, a0, 64', 'slliw a0, a0, 32', 'slli a0, a0, -1', 'lw a0, 2048(sp)', 'lw a0, (sp)', 'lw a0, -20( s0)',
  'lw a0, -20(s0) ', 'lw a0, x', 'lw a0, %lo(x)(a1)', 'sw a0, 8(q0)', 'sw a0, 8', 'bne a0, a1, 1f', 'bne a0, a1, .',
  'bne a0, a1, x+4', 'bne a0, 4, x', 'beqz a0, 2b', 'j 1f', 'j .', 'j x+8', 'call f@plt', 'call a0, f', 'ret a0', 'nop 1',
  'li a0, 1234567890123456', 'li a0, 81985529216486895', 'li a0, 0x10', 'li a0, x', "li a0, 'a'", 'li a0', 'mv a0', 'mv a0, 5', 'c.add a0, a1',
  'jal back', 'la a0, x', 'lui a0, 1',
];

describe('the assembler fast path', () => {
  test.each(taken())('%s: same as the general path', (line) => {
    const [op, ...rest] = line.split(' ');
    const args = rest.join(' ');
    const fast = assembleWith(true, op!, args);
    expect(fast, 'the fast path takes this form').toBeDefined();
    expect(fast).toEqual(assembleWith(false, op!, args));
  });

  test.each(REFUSED)('%s: left to the general path', (line) => {
    const [op, ...rest] = line.split(' ');
    expect(assembleWith(true, op!, rest.join(' '))).toBeUndefined();
  });
});
