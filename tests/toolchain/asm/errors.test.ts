// Assembler diagnostics: each bad line gives one error at the right file, line and column,
// assembly continues past it, preprocessor line markers are honoured, and no object is produced.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';

function errors(source: string): string[] {
  return assemble(source, 'bad.s').diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
}

describe('assembler errors', () => {
  test.each([
    ['frob a0, a1', "bad.s:1:1: unknown instruction 'frob'"],
    ['  .frob 3', "bad.s:1:3: unknown directive '.frob'"],
    ['add a0, a1', "bad.s:1:5: 'add' takes 3 operands, got 2"],
    ['add a0, a1, q9', "bad.s:1:13: immediate must be a constant, not the address of 'q9'"],
    ['addi a0, a1, 2048', 'bad.s:1:14: immediate 2048 is out of range -2048..2047'],
    ['addi a0, a1, -2049', 'bad.s:1:14: immediate -2049 is out of range -2048..2047'],
    ['slli a0, a1, 64', 'bad.s:1:14: shift amount 64 is out of range 0..63'],
    ['slliw a0, a1, 32', 'bad.s:1:15: shift amount 32 is out of range 0..31'],
    ['lui a0, 0x100000', 'bad.s:1:9: immediate 1048576 is out of range 0..1048575'],
    ['csrrwi a0, sstatus, 32', 'bad.s:1:21: CSR immediate 32 is out of range 0..31'],
    ['csrr a0, nosuchcsr', 'bad.s:1:10: expression must be a constant known at this point'],
    ['csrr a0, 4096', 'bad.s:1:10: CSR number 4096 is out of range 0..4095'],
    ['fence rw, x', "bad.s:1:11: bad fence set 'x' (expected a subset of iorw)"],
    ['lw a0, 4(a9)', "bad.s:1:10: 'a9' is not a register"],
    ['amoadd.w a0, a1, 4(a2)', 'bad.s:1:18: atomic memory operand must have offset 0'],
    ['beq a0, a1, 12', 'bad.s:1:13: branch target must be a label, not a constant'],
    ['j 1b', "bad.s:1:3: local label '1b' has no earlier definition"],
    ['j 1f', "bad.s:1:1: local label '1f' is never defined after its use"],
    ['li a0, undefined_thing', 'bad.s:1:8: expression must be a constant known at this point'],
    ['x: nop\nx: nop', "bad.s:2:1: symbol 'x' is already defined (first defined at bad.s:1)"],
    ['.byte 256', 'bad.s:1:7: value 256 does not fit in 1 byte'],
    ['.bss\n.byte 1', "bad.s:2:7: non-zero data in section '.bss'"],
    ['.bss\nnop', "bad.s:2:1: instruction in section '.bss' which holds no data"],
    ['.string "abc', 'bad.s:1:9: unterminated string'],
    ['.align 40', 'bad.s:1:8: alignment 2**40 is too large'],
    ['.balign 3', 'bad.s:1:9: alignment 3 is not a power of two up to 2**20'],
    ['.space 1000000000', 'bad.s:1:8: size 1000000000 is out of range 0..67108864'],
    ['addi a0, a0, %lo(x) + 1', 'bad.s:1:21: junk after operand near \'+ 1\''],
    ['addi a0, a0, %foo(x)', 'bad.s:1:14: unknown relocation modifier near \'%foo(x)\''],
    ['la t1, 0x123456789', 'bad.s:1:8: address 4886718345 does not fit in 32 bits; use li for wide constants'],
    ['.word 1/0', 'bad.s:1:7: division by zero'],
    ['.loc 1 2', 'bad.s:1:1: .loc: file number 1 has no .file'],
    ['.section .text, "q"', "bad.s:1:17: unknown section flag 'q'"],
  ])('%s', (source, expected) => {
    const list = errors(source);
    expect(list).toEqual([expected]);
  });

  test('circular symbol definitions are an error, not a hang', () => {
    expect(errors('a = b\nb = a\n.word a')).toContain('bad.s:3:7: symbol definitions are circular or nested too deeply');
  });

  test('a branch beyond ±4 KiB within a section is an error at the branch', () => {
    // far = 4 (the beqz) + 4096
    expect(errors('beqz a0, far\n.zero 4096\nfar: nop')).toEqual([
      'bad.s:1:10: branch target is out of range (4100 bytes; a conditional branch reaches ±4 KiB)',
    ]);
  });

  test.each([
    ['mov a0, a1', "unknown instruction 'mov'; RISC-V uses mv (register) or li (constant)"],
    ['jmp loop', "unknown instruction 'jmp'; RISC-V uses j"],
    ['addd a0, a1, a2', "unknown instruction 'addd'; did you mean 'add'?"],
    ['csrrww a0, sstatus, a1', "unknown instruction 'csrrww'; did you mean 'csrrw'?"],
    ['zzzzzz', "unknown instruction 'zzzzzz'"],
  ])('an unknown mnemonic %s comes with a hint when one fits', (source, message) => {
    expect(assemble(source, 'x.s').diagnostics.map((d) => d.message)).toEqual([message]);
  });

  test('several bad lines give several errors and no object', () => {
    const r = assemble('nop\nfoo\nadd a0\nnop\n.bar\n', 'x.s');
    expect(r.diagnostics.map((d) => d.line)).toEqual([2, 3, 5]);
    expect(r.object.length).toBe(0);
  });

  test('preprocessor line markers set the file and line of later errors', () => {
    const source = '# 1 "prog.S"\nnop\n# 1 "inc.h" 1\n.equ A, 1\n# 5 "prog.S" 2\n\nbadop\n';
    expect(errors(source)).toEqual(["prog.S:6:1: unknown instruction 'badop'"]);
  });

  test('errors carry an end column covering the rest of the statement', () => {
    const [d] = assemble('  frob a0, a1   # comment', 'x.s').diagnostics;
    expect(d).toMatchObject({ line: 1, column: 3, endColumn: 14, severity: 'error' });
  });

  test('comments in every style and ; separators are accepted', () => {
    const r = assemble('nop # one\nnop // two\nnop /* three */ ; nop\n/* multi\nline */ nop\n', 'c.s');
    expect(r.diagnostics).toEqual([]);
  });
});
