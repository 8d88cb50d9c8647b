// The project's real C and assembler sources — the user library and programs (resources/user)
// and the lab kernel (resources/kernel) — preprocessed by ForkLab and by riscv64-linux-gnu-cpp
// with their Makefiles' include paths: the token streams must match file for file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { preprocess } from '../../../src/toolchain/cpp/index';
import { gccPreprocess, tokenStream } from './gcc-reference';

const repo = join(__dirname, '../../../resources');

/** Every .c/.S file under `dirs` of a resources/ tree, relative to it. */
function sourcesOf(root: string, dirs: string[]): string[] {
  return dirs
    .flatMap((dir) => {
      try {
        return readdirSync(join(root, dir)).map((f) => `${dir}/${f}`);
      } catch {
        return [];
      }
    })
    .filter((f) => f.endsWith('.c') || f.endsWith('.S'));
}

/** Every file under root/dir, by path relative to root. */
function filesUnder(root: string, dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else files[path] = readFileSync(join(root, path), 'utf8');
    }
  };
  walk(dir);
  return files;
}

const trees = [
  { name: 'user library', root: join(repo, 'user'), dirs: ['lib', 'examples', 'tests'], userAfter: false },
  // The kernel's Makefile adds `-idirafter ../user/include` for the MOS ABI header it shares
  // with the user library (<mos/abi.h>); `userinc` stands for that directory, searched last.
  { name: 'lab kernel', root: join(repo, 'kernel'), dirs: ['arch', 'kernel', 'mm'], userAfter: true },
];
const userHeaders = Object.fromEntries(
  Object.entries(filesUnder(join(repo, 'user'), 'include')).map(([path, text]) => [path.replace(/^include\//, 'userinc/'), text]),
);
// the kernel takes <stdarg.h> from the compiler; both sides get the user library's
const systemHeaders = { 'sysinc/stdarg.h': readFileSync(join(repo, 'user/include/stdarg.h'), 'utf8') };

for (const tree of trees) {
  describe(`${tree.name} through the preprocessor`, () => {
    const sources = sourcesOf(tree.root, tree.dirs);
    const hdrs: Record<string, string> = { ...filesUnder(tree.root, 'include'), ...systemHeaders, ...(tree.userAfter ? userHeaders : {}) };
    const ourDirs = ['include', 'sysinc', ...(tree.userAfter ? ['userinc'] : [])];
    const gccDirs = ['-Iinclude', '-Isysinc', ...(tree.userAfter ? ['-idirafter', 'userinc'] : [])];
    test('finds the sources', () => {
      expect(sources.length).toBeGreaterThan(5);
    });
    for (const file of sources) {
      test(`${file} preprocesses to gcc's tokens`, () => {
        const text = readFileSync(join(tree.root, file), 'utf8');
        const assembler = file.endsWith('.S');
        const ours = preprocess('main.c', text, { provider: { read: (p) => hdrs[p] }, assembler, includeDirs: ourDirs });
        expect(ours.diagnostics).toEqual([]);
        const theirs = gccPreprocess(text, hdrs, [...gccDirs, ...(assembler ? ['-x', 'assembler-with-cpp'] : [])]);
        expect(tokenStream(ours.text)).toEqual(tokenStream(theirs));
      });
    }
  });
}
