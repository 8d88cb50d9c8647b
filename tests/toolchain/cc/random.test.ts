// Differential test on generated programs: random integer expressions over every integer type
// (promotions, usual arithmetic conversions, casts, compound assignment, ?:, short-circuit), built
// by ForkLab and by gcc (-fwrapv, so signed overflow wraps on both sides; shifts are masked and
// divisors made nonzero, so no expression is undefined), must print the same values.
// The generator is seeded: a failure reproduces exactly (FCC_SEEDS=4,5,6 runs other seeds).

import { describe, expect, test } from 'vitest';
import { runGcc, runOurs } from './harness';

const TYPES = ['int', 'unsigned', 'long', 'unsigned long', 'char', 'signed char', 'short', 'unsigned short', '_Bool'];
const VARS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'k'];
const BITS: Record<string, number> = { int: 32, unsigned: 32, long: 64, 'unsigned long': 64, char: 32, 'signed char': 32, short: 32, 'unsigned short': 32, _Bool: 32 };

function generator(seed: number) {
  let s = seed >>> 0;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
  const pick = <T>(xs: T[]): T => xs[rnd(xs.length)]!;
  const expr = (depth: number): string => {
    if (depth === 0 || rnd(4) === 0) {
      return rnd(3) === 0 ? String(rnd(2) ? rnd(1000) - 500 : rnd(0x7fffffff)) + pick(['', 'u', 'L', 'UL']) : pick(VARS);
    }
    const x = expr(depth - 1);
    const y = expr(depth - 1);
    switch (rnd(12)) {
      case 0: return `(${x} + ${y})`;
      case 1: return `(${x} - ${y})`;
      case 2: return `(${x} * ${y})`;
      case 3: return `(${y} ? ${x} / (${y}) : 7)`;
      case 4: return `(${y} ? ${x} % (${y}) : 3)`;
      case 5: return `(${x} ${pick(['&', '|', '^'])} ${y})`;
      case 6: return `(${x} ${pick(['<<', '>>'])} ((${y}) & 31))`;
      case 7: return `(${x} ${pick(['<', '<=', '>', '>=', '==', '!='])} ${y})`;
      case 8: return `((${pick(TYPES)})(${x}))`;
      case 9: return `(${x} ${pick(['&&', '||'])} ${y})`;
      case 10: return `(${x} ? ${y} : ${expr(depth - 1)})`;
      default: return `(${pick(['-', '~', '!'])} ${x})`;
    }
  };
  return { rnd, pick, expr };
}

function program(seed: number, count: number): string {
  const g = generator(seed);
  const lines = ['int printf(const char *, ...);'];
  lines.push(`int a = ${g.rnd(100000) - 50000}; unsigned b = ${g.rnd(0x7fffffff)}u * 3u; long c = ${g.rnd(0x7fffffff)}L * -77777L;`);
  lines.push(`unsigned long d = 0x${(g.rnd(0xffffff) + 1).toString(16)}abcdef12UL; char e = ${g.rnd(256)}; signed char f = ${g.rnd(256) - 128};`);
  lines.push(`short g = ${g.rnd(65536) - 32768}; unsigned short h = ${g.rnd(65536)}; _Bool k = ${g.rnd(2)};`);
  for (let i = 0; i < count; i++) {
    const t = g.pick(TYPES);
    const body = g.rnd(3) === 0
      ? `${t} v = ${g.expr(2)}; v ${g.pick(['+=', '-=', '*=', '&=', '|=', '^='])} ${g.expr(2)}; v ${g.pick(['<<=', '>>='])} (${g.expr(1)}) & ${BITS[t]! - 1}; return v;`
      : `return (${t})(${g.expr(4)});`;
    lines.push(`long t${i}(void) { ${body} }`);
  }
  lines.push('int main(void) {');
  for (let i = 0; i < count; i++) lines.push(`  printf("t${i} %ld\\n", t${i}());`);
  lines.push('  return 0;', '}');
  return lines.join('\n') + '\n';
}

describe('random integer expressions', () => {
  for (const seed of (process.env.FCC_SEEDS ?? '1,2,3').split(',').map(Number)) {
    test(`seed ${seed}: 150 generated functions print what gcc -fwrapv prints`, () => {
      const src = program(seed, 150);
      const ours = runOurs(src, `rand${seed}.c`);
      const ref = runGcc(src, `rand${seed}.c`, ['-fwrapv']);
      const a = ours.stdout.split('\n');
      const b = ref.stdout.split('\n');
      expect(b.length).toBeGreaterThan(150);
      for (let i = 0; i < b.length; i++) expect(`${a[i]}`).toBe(`${b[i]}`);
      expect(ours.status).toBe(ref.status);
    });
  }
});
