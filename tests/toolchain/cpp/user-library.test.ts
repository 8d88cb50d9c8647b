// The user library (resources/user) preprocessed by ForkLab and by riscv64-linux-gnu-cpp with the
// Makefile's include path: the token streams must match for every library source and example,
// since the same sources are built by both toolchains.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { preprocess } from '../../../src/toolchain/cpp/index';
import { gccPreprocess, tokenStream } from './gcc-reference';

const root = join(__dirname, '../../../resources/user');
const sources = ['lib', 'examples', 'tests']
  .flatMap((dir) => {
    try {
      return readdirSync(join(root, dir)).map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  })
  .filter((f) => f.endsWith('.c') || f.endsWith('.S'));

function headers(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else files[rel] = readFileSync(join(root, rel), 'utf8');
    }
  };
  walk('include');
  return files;
}

describe('user library through the preprocessor', () => {
  const hdrs = headers();
  test('finds the library sources', () => {
    expect(sources.length).toBeGreaterThan(5);
  });
  for (const file of sources) {
    test(`${file} preprocesses to gcc's tokens`, () => {
      const text = readFileSync(join(root, file), 'utf8');
      const assembler = file.endsWith('.S');
      const ours = preprocess('main.c', text, { includeDirs: ['include'], provider: { read: (p) => hdrs[p] }, assembler });
      expect(ours.diagnostics).toEqual([]);
      const theirs = gccPreprocess(text, hdrs, ['-Iinclude', ...(assembler ? ['-x', 'assembler-with-cpp'] : [])]);
      expect(tokenStream(ours.text)).toEqual(tokenStream(theirs));
    });
  }
});
