// Differential fuzzing of #if arithmetic: seeded random constant expressions (signed and
// unsigned literals, character constants, every operator, defined) are evaluated by ForkLab
// and by riscv64-linux-gnu-cpp in one file. Each expression is tested for truth, sign,
// magnitude and remainders, so wrong conversions show up as a different output line; the
// lines gcc reports errors on (division by zero, ...) must be the ones ForkLab reports, and the
// warnings (overflow, multi-character constants) must be gcc's, at gcc's columns.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { memoryProvider, preprocess } from '../../../src/toolchain/cpp/index';
import { pick, prng } from './inputs';
import { tool } from '../../tools';

const LITS = ['0', '1', '2', '7', '-1', '0u', '1u', '0x7fffffffffffffff', '0xffffffffffffffff', '-9223372036854775807', '3000000000', "'a'", "'\\377'", "'ab'", "L'x'", '63', '64', '100L', '5ULL', 'X', 'defined(X)', 'defined Y'];
const BINARY = ['+', '-', '*', '/', '%', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '&', '^', '|', '&&', '||'];

function expr(rand: () => number, depth: number): string {
  const r = rand();
  if (depth > 3 || r < 0.3) return pick(rand, LITS);
  if (r < 0.45) return `${pick(rand, ['-', '~', '!', '+'])}(${expr(rand, depth + 1)})`;
  if (r < 0.55) return `(${expr(rand, depth + 1)} ? ${expr(rand, depth + 1)} : ${expr(rand, depth + 1)})`;
  return `(${expr(rand, depth + 1)} ${pick(rand, BINARY)} ${expr(rand, depth + 1)})`;
}

test('random #if expressions evaluate as with gcc', () => {
  const rand = prng(4242);
  let src = '#define X 5\n';
  for (let i = 0; i < 300; i++) {
    const e = expr(rand, 0);
    src += `#if ${e}\ne${i}_true\n#endif\n#if (${e}) < 0\ne${i}_negative\n#endif\n`;
    src += `#if (${e}) > 0x7fffffffffffffff\ne${i}_above_intmax\n#endif\n#if (${e}) % 1000 == 7 || (${e}) % 7 == 3\ne${i}_remainder\n#endif\n`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'forklab-if-fuzz-'));
  let gccOut = '';
  let gccErr = '';
  try {
    writeFileSync(join(dir, 'main.c'), src);
    try {
      gccOut = execFileSync(tool('riscv64-linux-gnu-cpp'), ['-P', '-undef', '-nostdinc', '-std=c11', 'main.c'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const x = e as { stdout?: string; stderr?: string };
      gccOut = x.stdout ?? '';
      gccErr = x.stderr ?? '';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const labels = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter((l) => /^e\d+_/.test(l));
  const gccErrorLines = [...new Set([...gccErr.matchAll(/^main\.c:(\d+):\d+: error: /gm)].map((m) => Number(m[1])))];
  const ours = preprocess('main.c', src, { includeDirs: [], provider: memoryProvider({}) });
  const ourErrorLines = [...new Set(ours.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line))];
  expect(labels(gccOut).length).toBeGreaterThan(200);
  expect(labels(ours.text)).toEqual(labels(gccOut));
  expect(ourErrorLines).toEqual(gccErrorLines);
  const gccWarnings = [...gccErr.matchAll(/^main\.c:(\d+):(\d+): warning: (.*?)(?: \[-W[a-z-]+\])?$/gm)].map((m) => `${m[1]}:${m[2]}: ${m[3]}`);
  const ourWarnings = ours.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.line}:${d.column}: ${d.message}`);
  expect(ourWarnings).toEqual(gccWarnings);
});
