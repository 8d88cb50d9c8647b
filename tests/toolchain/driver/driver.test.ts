// The driver end to end with GNU stages behind ForkLab's preprocessor: sources in memory,
// the user library compiled and cached, a linked program that runs under qemu-riscv64.
import { beforeEach, describe, expect, test } from 'vitest';
import { buildProgramWith, buildFile, makeProvider, diagnosticSourceLine, type Stages } from '../../../src/toolchain/driver';
import { cachedLibrary, deserializeLibrary, libraryHash, serializeLibrary } from '../../../src/toolchain/libc';
import { calls, gnuStages, runElf } from './gnu-stages';
import { loadUserLibrary } from './library';

const library = loadUserLibrary();
const build = (files: Record<string, string>, stages: Stages = gnuStages) =>
  buildProgramWith(stages, files, { library }, (lib) => cachedLibrary(stages, lib));

describe('toolchain driver', () => {
  beforeEach(() => {
    calls.compile = calls.assemble = calls.link = 0;
  });

  test('builds a multi-file program with session headers and libc that prints and exits', () => {
    const r = build({
      'main.c': '#include <stdio.h>\n#include "util.h"\nint main(void) { printf("%d %s\\n", twice(21), NAME); return 3; }\n',
      'util.h': '#define NAME "forklab"\nint twice(int x);\n',
      'util.c': '#include "util.h"\nint twice(int x) { return 2 * x; }\n',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.elf).toBeDefined();
    expect(runElf(r.elf!)).toEqual({ stdout: '42 forklab\n', status: 3 });
  });

  test('compiles the user library once and serves it from the cache afterwards', () => {
    const stages: Stages = { ...gnuStages };
    build({ 'a.c': 'int main(void) { return 0; }\n' }, stages);
    const first = calls.compile;
    build({ 'b.c': 'int main(void) { return 1; }\n' }, stages);
    expect(first).toBeGreaterThan(1);
    expect(calls.compile - first).toBe(1);
  });

  test('loads the library from a persistent store instead of compiling it again', () => {
    const saved = new Map<string, string>();
    const store = { load: (k: string) => (saved.has(k) ? deserializeLibrary(saved.get(k)!) : undefined), save: (k: string, v: Parameters<typeof serializeLibrary>[0]) => void saved.set(k, serializeLibrary(v)) };
    const first = cachedLibrary({ ...gnuStages }, library, store);
    expect(saved.size).toBe(1);
    const compiled = calls.compile;
    const again = cachedLibrary({ ...gnuStages }, library, store);
    expect(calls.compile).toBe(compiled);
    expect(again.objects.map((o) => o.name)).toEqual(first.objects.map((o) => o.name));
    expect(again.objects.map((o) => [...o.bytes])).toEqual(first.objects.map((o) => [...o.bytes]));
    expect([...again.crt0!.bytes]).toEqual([...first.crt0!.bytes]);
    expect(deserializeLibrary('not json')).toBeUndefined();
  });

  test('keeps the cached library when only files outside include/ and lib/ change', () => {
    const stages: Stages = { ...gnuStages };
    const first = cachedLibrary(stages, { ...library, 'examples/x.c': 'int x;' });
    const again = cachedLibrary(stages, { ...library, 'examples/x.c': 'int y;', 'tests/t.c': '' });
    expect(again).toBe(first);
    expect(cachedLibrary(stages, { ...library, 'include/extra.h': '#define E 1\n' })).not.toBe(first);
  });

  test('never serves a stale library when the same library object is edited in place', () => {
    const stages: Stages = { ...gnuStages };
    const lib: Record<string, string> = { ...library };
    const first = cachedLibrary(stages, lib);
    expect(cachedLibrary(stages, lib)).toBe(first);
    // an edited header (same path, new text), an added file, a removed file: each is a new library
    lib['include/stdio.h'] = `${library['include/stdio.h']}\n#define FORKLAB_EDITED 1\n`;
    const edited = cachedLibrary(stages, lib);
    expect(edited).not.toBe(first);
    lib['lib/extra.c'] = 'int forklab_extra(void) { return 7; }\n';
    const added = cachedLibrary(stages, lib);
    expect(added).not.toBe(edited);
    expect(added.objects.map((o) => o.name)).toContain('/forklab/lib/extra.c');
    delete lib['lib/extra.c'];
    const removed = cachedLibrary(stages, lib);
    expect(removed.objects.map((o) => o.name)).not.toContain('/forklab/lib/extra.c');
    // back to the original texts: the first build again, from the cache
    lib['include/stdio.h'] = library['include/stdio.h']!;
    expect(cachedLibrary(stages, lib)).toBe(first);
  });

  test('hashes the library by content', () => {
    expect(libraryHash({ a: 'x' })).not.toBe(libraryHash({ a: 'y' }));
    expect(libraryHash({ ab: 'c' })).not.toBe(libraryHash({ a: 'bc' }));
    // FNV-1a 64 over UTF-16 code units with an 0xff separator after each path and text,
    // computed here with BigInt as the reference for the 32-bit-halves implementation.
    const reference = (lib: Record<string, string>): string => {
      let h = 0xcbf29ce484222325n;
      const unit = (c: number) => { h ^= BigInt(c); h = (h * 0x100000001b3n) & 0xffffffffffffffffn; };
      for (const p of Object.keys(lib).sort()) for (const s of [p, lib[p]!]) { for (const ch of s.split('')) unit(ch.charCodeAt(0)); unit(0xff); }
      return h.toString(16).padStart(16, '0');
    };
    for (const lib of [{}, { a: '' }, { 'include/\u00e9.h': '\u00fc\u20ac\ud83d\ude00 \uffff', 'lib/x.c': 'int main(void) { return 0; }\n' }, library]) {
      expect(libraryHash(lib)).toBe(reference(lib));
    }
    expect(libraryHash(library)).toBe(libraryHash({ ...library }));
  });

  test('stops before compiling when the preprocessor reports errors, naming the file and line', () => {
    const r = build({ 'main.c': 'int x;\n#include "missing.h"\nint main(void) { return 0; }\n' });
    expect(r.elf).toBeUndefined();
    expect(calls.compile).toBe(0);
    expect(r.diagnostics).toEqual([
      { file: 'main.c', line: 2, column: 10, endColumn: 21, severity: 'error', message: 'missing.h: No such file or directory' },
    ]);
  });

  test('reports a stage that throws as an internal error instead of throwing', () => {
    const broken: Stages = { ...gnuStages, compileToAsm: () => { throw new Error('boom'); } };
    const r = build({ 'main.c': 'int main(void) { return 0; }\n' }, broken);
    expect(r.elf).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual(['internal error in the compiler: boom']);
  });

  test('reports a build without source files', () => {
    expect(build({ 'only.h': 'int x;\n' }).diagnostics.map((d) => d.message)).toEqual(['no input files']);
  });

  test('finds library headers under /forklab and gives the source line for carets', () => {
    const provider = makeProvider({ 'main.c': 'a\nbad line\n' }, library);
    expect(provider.read('/forklab/include/stdio.h')).toBe(library['include/stdio.h']);
    expect(diagnosticSourceLine({ file: 'main.c', line: 2, column: 1, endColumn: 2, severity: 'error', message: '' }, { 'main.c': 'a\nbad line\n' })).toBe('bad line');
    const pre = buildFile(gnuStages, 'main.c', '#include <stddef.h>\nsize_t n;\n', provider, { hasLibrary: true, stopAfter: 'preprocess' });
    expect(pre.text).toContain('# 1 "/forklab/include/stddef.h" 1');
  });
});
