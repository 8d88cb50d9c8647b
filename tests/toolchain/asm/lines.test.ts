// The C compiler hands the assembler its output as lines (asm/lexer.ts forEachStatementOfLines)
// instead of one text: the statements, and so the object and its diagnostics, must be exactly
// those of the lines joined by newlines, whatever carries from one line to the next (block
// comments, `# N "file"` markers) and whatever a line holds (a '\r', an embedded newline).

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { forEachStatement, forEachStatementOfLines, type Statement } from '../../../src/toolchain/asm/lexer';
import { compileToAsm } from '../../../src/toolchain/cc';

function statements(source: string | readonly string[]): Statement[] {
  const out: Statement[] = [];
  if (typeof source === 'string') forEachStatement(source, 'in.s', (s) => out.push(s));
  else forEachStatementOfLines(source, 'in.s', (s) => out.push(s));
  return out;
}

const SOURCES: Record<string, string[]> = {
  'labels and instructions': ['start:', '\taddi a0, a0, 1', 'a: b: ret', '  \tli a1, 5   # five'],
  'a block comment over lines': ['li a0, 1 /* a comment', 'that goes on', 'and ends */ li a1, 2', 'ret'],
  'line markers': ['# 7 "user.S"', 'nop', '# 20', 'bogus a0', '#line 3 "other.S"', 'addi a0, a0, 99999'],
  'strings, characters and semicolons': ['.string "a;b # not a comment"', "li a0, 'x ; li a1, '\\n'", 'nop // gone'],
  'carriage returns and an embedded newline': ['nop\r', 'addi a0, a0, 1\nbadop a1', '', 'ret'],
  'errors keep their lines': ['addi a0, a0', '', 'lw a0, 5000(a1)', 'j nowhere_defined', '.bogus'],
};

describe('assembling lines is assembling their text', () => {
  for (const [name, lines] of Object.entries(SOURCES)) {
    test(name, () => {
      const text = lines.join('\n') + '\n';
      expect(statements(lines)).toEqual(statements(text));
      const fromText = assemble(text, 'in.s');
      const fromLines = assemble(lines, 'in.s');
      expect(fromLines.diagnostics).toEqual(fromText.diagnostics);
      expect(fromLines.object).toEqual(fromText.object);
    });
  }

  test('the statements are not trivially empty', () => {
    expect(statements(SOURCES['line markers']!).map((s) => [s.file, s.line, s.op])).toEqual([
      ['user.S', 7, 'nop'], ['user.S', 20, 'bogus'], ['other.S', 3, 'addi'],
    ]);
    expect(assemble(SOURCES['errors keep their lines']!, 'in.s').diagnostics.map((d) => d.line)).toEqual([1, 3, 5]); // an undefined symbol is the linker's business
  });

  test('the compiler output of a program, as lines and as text', () => {
    const src = [
      'struct p { int x; long y; };',
      'static const char *msg = "a \\"quoted\\" ; string # with specials";',
      'int f(struct p *q, int n) { int s = 0; for (int i = 0; i < n; i++) s += q[i].x * (int)q[i].y; return s; }',
      'int main(void) { struct p a[3] = { { 1, 2 }, { 3, 4 }, { 5, 6 } }; return f(a, 3) + msg[1]; }',
    ].join('\n');
    const cc = compileToAsm(src, 'p.c');
    expect(cc.diagnostics).toEqual([]);
    expect(cc.lines.length).toBeGreaterThan(50);
    expect(cc.lines.join('\n') + '\n').toBe(cc.asm);
    expect(cc.lines.some((l) => l.includes('"'))).toBe(true);
    const fromLines = assemble(cc.lines, 'p.c');
    expect(fromLines.diagnostics).toEqual([]);
    expect(fromLines.object).toEqual(assemble(cc.asm, 'p.c').object);
  });
});
