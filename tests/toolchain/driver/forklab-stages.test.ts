// buildProgram with ForkLab's own stages (cpp -> cc -> as -> ld): a program built entirely in
// TypeScript runs under qemu-riscv64 with the exit status gcc's build would give, and its line
// table maps instructions back to the session's source lines.
import { describe, expect, test } from 'vitest';
import { buildProgram, lineForAddress } from '../../../src/toolchain/index';
import { runElf } from './gnu-stages';
import { loadUserLibrary } from './library';

const library = loadUserLibrary();

const start = `#define SYS_exit 93
        .text
        .globl _start
_start:
        call main
        li a7, SYS_exit
        ecall
`;

describe('buildProgram with ForkLab stages', () => {
  test('links a .S entry and C files into a program that runs under qemu', () => {
    const r = buildProgram({
      'start.S': start,
      'main.c': '#include "fib.h"\nint main(void) {\n  return fib(FIB_N);\n}\n',
      'fib.h': '#define FIB_N 10\nint fib(int n);\n',
      'fib.c': 'int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n',
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(runElf(r.elf!).status).toBe(55); // fib(10)
  });

  test('returns a line table that maps code back to session source lines', () => {
    const r = buildProgram({ 'start.S': start, 'main.c': 'int main(void) {\n  int x = 6;\n  return x * 7;\n}\n' });
    expect(r.elf).toBeDefined();
    const rows = r.lines.filter((l) => l.file === 'main.c');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((l) => l.line))).toEqual(new Set([1, 2, 3]));
    const sorted = [...r.lines].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    const first = rows[0]!;
    expect(lineForAddress(sorted, first.addr)?.line).toBe(first.line);
    expect(runElf(r.elf!).status).toBe(42);
  });

  test('links libc like an archive, so a program may bring its own malloc', () => {
    const r = buildProgram(
      {
        'main.c': `#include <stdio.h>
#include <stddef.h>
static char arena[4096];
static size_t used;
void *malloc(size_t n) { void *p = arena + used; used += (n + 15) & ~(size_t)15; return p; }
void free(void *p) { (void)p; }
void *calloc(size_t n, size_t size) { return malloc(n * size); }
void *realloc(void *p, size_t n) { (void)p; return malloc(n); }
int main(void) { char *s = malloc(6); s[0] = 'b'; s[1] = 0; printf("%s %d\\n", s, (int)used); return 4; }
`,
      },
      { library },
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(runElf(r.elf!)).toEqual({ stdout: 'b 16\n', status: 4 });
  });

  test('reports errors from several files in one build', () => {
    const r = buildProgram({ 'a.c': 'int f(void) { return 1 }\n', 'b.c': '#error stop here\n' });
    expect(r.elf).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.file)).toEqual(['a.c', 'b.c']);
    expect(errors[1]!.message).toBe('#error stop here');
  });
});
