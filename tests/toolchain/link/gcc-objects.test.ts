// Differential test: objects compiled by gcc (several ISA, code-model and PIE settings, so the
// inputs carry compressed code, RVC/CALL/PCREL/GOT/HI20 relocations and relaxation hints) are
// linked by ForkLab's linker and run under qemu-riscv64; output and exit status must equal
// those of the same objects linked by GNU ld.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { link } from '../../../src/toolchain/link';
import { gccObject, gnuLink, runElf } from './qemu';

const source = readFileSync(join(__dirname, 'programs', 'freestanding.c'), 'utf8');

const FLAG_SETS: string[][] = [
  ['-O0'],
  ['-O2'],
  ['-O2', '-fno-pie', '-mcmodel=medany'],
  ['-Os', '-fno-pie', '-mcmodel=medlow'],
  ['-O1', '-march=rv64ima', '-mabi=lp64'],
  ['-O2', '-march=rv64imac', '-mabi=lp64', '-fPIC'],
];

describe('linking gcc-built objects', () => {
  for (const flags of FLAG_SETS) {
    test(`runs a program compiled with ${flags.join(' ')} like GNU ld's link of it`, () => {
      const obj = gccObject(source, 'c', flags);
      const ours = link([{ name: 'freestanding.o', bytes: obj }]);
      expect(ours.diagnostics).toEqual([]);
      const mine = runElf(ours.elf);
      const reference = runElf(gnuLink([obj]));
      expect(mine).toEqual(reference);
      // Hand-computed: (fib(20) + 9*9 + 2) & 0xff = (6765 + 83) & 0xff
      expect(mine.status).toBe((6765 + 83) & 0xff);
      expect(mine.stdout).toBe('zero\none\ntwo\nthree\n');
    });
  }
});
