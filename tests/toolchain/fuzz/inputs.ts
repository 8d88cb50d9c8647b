// Seeded generators of hostile inputs for the toolchain fuzz tests: the same seed always gives
// the same inputs, so a failure found once can be replayed.

/** Mulberry32: a small, fast, seeded PRNG (period 2^32), good enough for test inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Random bytes decoded as Latin-1, so every byte value (NUL, controls, 0x80-0xff) appears. */
export function randomBytes(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(rand() * 256));
  return s;
}

const C_TOKENS = [
  'int', 'char', 'long', 'unsigned', 'struct', 'union', 'enum', 'typedef', 'static', 'extern', 'const', 'void',
  'if', 'else', 'while', 'for', 'do', 'switch', 'case', 'default', 'return', 'goto', 'break', 'continue', 'sizeof',
  'x', 'y', 'main', 'printf', 'f', 'a', 'b', '0', '1', '42', '0x7fffffff', "'c'", '"str"', '1.5', '1e9',
  '(', ')', '{', '}', '[', ']', ';', ',', '.', '->', '*', '&', '+', '-', '/', '%', '=', '==', '<', '>', '<<', '>>',
  '!', '~', '?', ':', '&&', '||', '++', '--', '+=', '...', '#', '##', '\n', '\n#define X ', '\n#if ', '\n#endif\n',
  '\n#include "x.h"\n', '/*', '*/', '//', '\\\n',
];

/** Random soup of C tokens and directive fragments. */
export function tokenSoup(rand: () => number, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(rand, C_TOKENS));
  return parts.join(' ');
}

const ASM_TOKENS = [
  'addi', 'ld', 'sd', 'li', 'la', 'call', 'ret', 'beq', 'bnez', 'csrrw', 'lr.w', 'amoadd.d', 'j', 'auipc', 'lui',
  'a0', 'a1', 'sp', 'ra', 'zero', 'x31', 't0', ',', '(', ')', '0', '-1', '4096', '0x7fffffffffffffff', '%hi(x)',
  '%lo(x)', '%pcrel_hi(y)', '1b', '1f', 'x:', '1:', '.text', '.data', '.word', '.dword', '.string "s"', '.align 3',
  '.globl x', '.section .rodata', '.zero 8', '\n', '\n', '#', '"', ':',
];

/** Random soup of assembler tokens. */
export function asmSoup(rand: () => number, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(rand, ASM_TOKENS));
  return parts.join(' ');
}
