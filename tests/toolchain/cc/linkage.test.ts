// Symbol binding of what the compiler emits: which definitions are global, which stay local.
import { describe, expect, test } from 'vitest';
import { compileToAsm } from '../../../src/toolchain/cc';

function globals(src: string): string[] {
  const { asm, diagnostics } = compileToAsm(src, 't.c');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return asm.split('\n').filter((l) => l.includes('.globl')).map((l) => l.trim().split(/\s+/)[1]!).sort();
}

describe('linkage', () => {
  test('exports external functions and objects and keeps static ones local', () => {
    expect(globals('int g; static int s; int f(void) { return s; } static int h(void) { return g; } int main() { return f() + h(); }'))
      .toEqual(['f', 'g', 'main']);
  });

  test('keeps an inline-only function local so it links in every file that includes it', () => {
    const src = 'inline int sq(int x) { return x * x; }\nint main() { return sq(3); }';
    expect(globals(src)).toEqual(['main']);
    expect(compileToAsm(src, 't.c').asm).toMatch(/^sq:$/m);
  });

  test('gives an inline function declared elsewhere without inline an external definition', () => {
    expect(globals('int sq(int x);\ninline int sq(int x) { return x * x; }\nint main() { return sq(3); }')).toEqual(['main', 'sq']);
    expect(globals('extern inline int cube(int x) { return x * x * x; }')).toEqual(['cube']);
  });

  test('names static locals uniquely and keeps them local', () => {
    const { asm } = compileToAsm('int f(void) { static int n; return ++n; } int g(void) { static int n; return --n; }', 't.c');
    const labels = asm.split('\n').filter((l) => /^n\.\d+:$/.test(l));
    expect(labels.length).toBe(2);
    expect(new Set(labels).size).toBe(2);
  });
});
