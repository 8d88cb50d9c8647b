// Differential fuzzing of macro expansion: seeded random sets of object- and function-like
// macros (with #, ## and self references) and random uses of them, preprocessed by ForkLab and
// by riscv64-linux-gnu-cpp. Whenever gcc accepts the input, the token streams must be equal,
// and ForkLab must not report an error gcc does not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { memoryProvider, preprocess } from '../../../src/toolchain/cpp/index';
import { tokenStream } from '../cpp/gcc-reference';
import { pick, prng } from './inputs';
import { tool } from '../../tools';

const NAMES = ['A', 'B', 'C', 'F', 'G', 'H'];
const ATOMS = ['x', 'y', '1', '+', '(', ')', ',', 'A', 'B', 'C', 'F', 'G', 'H', '"s"', '-', '*'];

/** A random translation unit: six macro definitions, then a line of uses. */
function randomUnit(rand: () => number): string {
  let s = '';
  for (const n of NAMES) {
    if (rand() < 0.5) {
      s += `#define ${n} ${Array.from({ length: Math.floor(rand() * 5) }, () => pick(rand, ATOMS)).join(' ')}\n`;
    } else {
      const params = ['a', 'b'].slice(0, 1 + Math.floor(rand() * 2));
      const last = params[params.length - 1]!;
      const bodyAtoms = [...ATOMS.filter((a) => a !== '(' && a !== ')' && a !== ','), ...params, ...params, `#${params[0]}`, `${params[0]} ## ${pick(rand, ['x', '1', last])}`];
      s += `#define ${n}(${params.join(', ')}) ${Array.from({ length: Math.floor(rand() * 6) }, () => pick(rand, bodyAtoms)).join(' ')}\n`;
    }
  }
  return s + Array.from({ length: 12 }, () => pick(rand, [...ATOMS, 'A', 'F(', 'G(', 'H(', 'F(1)', 'G(x, y)', 'H(A, (B))'])).join(' ') + '\n';
}

test('random macro programs expand to the same tokens as with gcc', () => {
  const rand = prng(20261121);
  const dir = mkdtempSync(join(tmpdir(), 'forklab-cpp-fuzz-'));
  let compared = 0;
  try {
    for (let i = 0; i < 200; i++) {
      const src = randomUnit(rand);
      writeFileSync(join(dir, 'main.c'), src);
      let gcc: string;
      try {
        gcc = execFileSync(tool('riscv64-linux-gnu-cpp'), ['-P', '-undef', '-nostdinc', '-std=c11', 'main.c'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch {
        continue; // gcc rejects it (unbalanced arguments and the like)
      }
      const ours = preprocess('main.c', src, { includeDirs: [], provider: memoryProvider({}) });
      expect({ src, errors: ours.diagnostics.filter((d) => d.severity === 'error') }).toEqual({ src, errors: [] });
      expect({ src, tokens: tokenStream(ours.text) }).toEqual({ src, tokens: tokenStream(gcc) });
      compared++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(compared).toBeGreaterThan(40);
});
