// The line table: every statement starts with a `.loc` so the assembler can map PCs back to
// file:line:column. Checked against GNU as (objdump's decoded .debug_line) and through ForkLab's
// own assembler and linker (buildProgram's line table).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileToAsm } from '../../../src/toolchain/cc';
import { buildProgram } from '../../../src/toolchain/index';
import { tool } from '../../tools';

// preprocessed input: main.c includes h.h in the middle
const source = [
  '# 1 "main.c"',
  'int sq(int x) {',
  '  int y = x * x;',
  '  return y;',
  '}',
  '# 1 "h.h" 1',
  'int h(void) { return 7; }',
  '# 6 "main.c" 2',
  'int main() {',
  '  int s = 0;',
  '  for (int i = 0; i < 3; i++)',
  '    s += sq(i);',
  '  return s + h();',
  '}',
  '',
].join('\n');

describe('line table', () => {
  test('emits .file and .loc with the user-visible file, line and column of each statement', () => {
    const { asm } = compileToAsm(source, 'main.c');
    const locs = asm.split('\n').filter((l) => /^\s*\.(loc|file) \d/.test(l)).map((l) => l.trim().replace(/\s+/g, ' '));
    expect(locs).toEqual([
      '.file 1 "main.c"', '.loc 1 1 5', '.loc 1 2 7', '.loc 1 3 3',
      '.file 2 "h.h"', '.loc 2 1 5', '.loc 2 1 15',
      '.loc 1 6 5', '.loc 1 7 7', '.loc 1 8 3', '.loc 1 8 12', '.loc 1 8 21', '.loc 1 9 5', '.loc 1 8 27', '.loc 1 10 3',
    ]);
  });

  test('GNU as turns the directives into a .debug_line table with those lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcc-lt-'));
    try {
      writeFileSync(join(dir, 'main.s'), compileToAsm(source, 'main.c').asm);
      execFileSync(tool('riscv64-linux-gnu-as'), ['-o', join(dir, 'main.o'), join(dir, 'main.s')]);
      const dump = execFileSync(tool('riscv64-linux-gnu-objdump'), ['--dwarf=decodedline', join(dir, 'main.o')], { encoding: 'utf8' });
      const rows = dump.split('\n').map((l) => /^(\S+\.[ch])\s+(\d+)\s+0x[0-9a-f]+|^(\S+\.[ch])\s+(\d+)\s+0\s/.exec(l)).filter((m) => m);
      const lines = rows.map((m) => `${m![1] ?? m![3]}:${m![2] ?? m![4]}`);
      expect(lines).toEqual(['main.c:1', 'main.c:2', 'main.c:3', 'h.h:1', 'h.h:1', 'main.c:6', 'main.c:7', 'main.c:8', 'main.c:8', 'main.c:8', 'main.c:9', 'main.c:8', 'main.c:10']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("ForkLab's own pipeline keeps a line for every statement of the program", () => {
    const files = { 'main.c': 'int sq(int x) {\n  int y = x * x;\n  return y;\n}\nint main(void) {\n  int s = 0;\n  for (int i = 0; i < 3; i++)\n    s += sq(i);\n  return s;\n}\n' };
    const built = buildProgram(files, { entry: 'main' });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const seen = new Set(built.lines.filter((l) => l.file === 'main.c' && l.isStmt).map((l) => l.line));
    for (const line of [2, 3, 6, 7, 8, 9]) expect(seen.has(line)).toBe(true);
  });
});
