// RVC expansion checked against GNU as: every compressed instruction below is assembled twice,
// once compressed and once as its 32-bit expansion, and expand() must map one to the other.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyExpansions, expand, expandCompressed } from '../../../src/emulator/rvc';
import { tool } from '../../tools';

/** [compressed form, its 32-bit expansion] in GNU as syntax. */
const pairs: Array<[string, string]> = [
  ['c.addi4spn s0, sp, 1020', 'addi s0, sp, 1020'],
  ['c.lw a0, 124(a1)', 'lw a0, 124(a1)'],
  ['c.ld a5, 248(s1)', 'ld a5, 248(s1)'],
  ['c.sw a2, 64(a3)', 'sw a2, 64(a3)'],
  ['c.sd s0, 8(a5)', 'sd s0, 8(a5)'],
  ['c.nop', 'addi zero, zero, 0'],
  ['c.addi t0, -32', 'addi t0, t0, -32'],
  ['c.addiw a0, 31', 'addiw a0, a0, 31'],
  ['c.li ra, -1', 'addi ra, zero, -1'],
  ['c.addi16sp sp, -512', 'addi sp, sp, -512'],
  ['c.addi16sp sp, 496', 'addi sp, sp, 496'],
  ['c.lui t1, 0xfffe0', 'lui t1, 0xfffe0'],
  ['c.lui s2, 1', 'lui s2, 1'],
  ['c.srli a4, 63', 'srli a4, a4, 63'],
  ['c.srai s1, 1', 'srai s1, s1, 1'],
  ['c.andi a0, -1', 'andi a0, a0, -1'],
  ['c.sub a0, a1', 'sub a0, a0, a1'],
  ['c.xor s0, s1', 'xor s0, s0, s1'],
  ['c.or a2, a5', 'or a2, a2, a5'],
  ['c.and a3, a4', 'and a3, a3, a4'],
  ['c.subw a0, a1', 'subw a0, a0, a1'],
  ['c.addw s1, a5', 'addw s1, s1, a5'],
  ['c.slli t2, 33', 'slli t2, t2, 33'],
  ['c.lwsp a0, 252(sp)', 'lw a0, 252(sp)'],
  ['c.ldsp ra, 504(sp)', 'ld ra, 504(sp)'],
  ['c.jr t0', 'jalr zero, 0(t0)'],
  ['c.mv a0, s11', 'add a0, zero, s11'],
  ['c.ebreak', 'ebreak'],
  ['c.jalr a5', 'jalr ra, 0(a5)'],
  ['c.add t6, t5', 'add t6, t6, t5'],
  ['c.swsp a1, 252(sp)', 'sw a1, 252(sp)'],
  ['c.sdsp s3, 504(sp)', 'sd s3, 504(sp)'],
];

function words(lines: string[], compressed: boolean): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-rvc-'));
  try {
    const src = `.option ${compressed ? 'rvc' : 'norvc'}\n${lines.join('\n')}\n`;
    writeFileSync(join(dir, 'a.S'), src);
    execFileSync(tool('riscv64-linux-gnu-as'), ['-march=rv64imac_zicsr_zifencei', '-o', join(dir, 'a.o'), join(dir, 'a.S')]);
    execFileSync(tool('riscv64-linux-gnu-objcopy'), ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
    const b = readFileSync(join(dir, 'a.bin'));
    const out: number[] = [];
    for (let i = 0; i < b.length; i += compressed ? 2 : 4) out.push(compressed ? b.readUInt16LE(i) : b.readUInt32LE(i));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('RVC expansion', () => {
  test('every RV64C instruction expands to what GNU as encodes for its 32-bit form', () => {
    const c = words(pairs.map((p) => p[0]), true);
    const w = words(pairs.map((p) => p[1]), false);
    expect(c.length).toBe(pairs.length);
    const got = c.map((h, i) => [pairs[i]![0], (expand(h) >>> 0).toString(16)]);
    const want = w.map((x, i) => [pairs[i]![0], x.toString(16)]);
    expect(got).toEqual(want);
  });

  test('reserved and F/D encodings expand to 0 (illegal)', () => {
    expect(expand(0x0000)).toBe(0);          // all zeros
    expect(expand(0x2000)).toBe(0);          // c.fld
    expect(expand(0x6101)).toBe(0);          // c.addi16sp with immediate 0
    expect(expand(0x6081)).toBe(0);          // c.lui ra, 0
    expect(expand(0x4002)).toBe(0);          // c.lwsp zero
    expect(expand(0x8002)).toBe(0);          // c.jr zero
    expect(expand(0x2001)).toBe(0);          // c.addiw zero
    expect(expand(0x9c41)).toBe(0);          // reserved OP-32 form (funct2 = 10)
  });

  test('the expansion table gives expand() for every parcel, first and cached, and copies it', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 65536; h++) {
      if ((h & 3) === 3) continue;
      const want = expand(h);
      // The first call fills the table, the second reads it back.
      if (expandCompressed(h) !== want || expandCompressed(h) !== want) wrong.push(h);
    }
    expect(wrong).toEqual([]);
    const copy = new Int32Array(65536);
    copyExpansions(copy);
    const badCopy: number[] = [];
    for (let h = 0; h < 65536; h++) if (copy[h] !== ((h & 3) === 3 ? 0 : expand(h))) badCopy.push(h);
    expect(badCopy).toEqual([]);
  });
});
