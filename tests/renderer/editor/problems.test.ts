import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../src/toolchain/diagnostics';
import { errorCounts, problemsFor, problemText } from '../../../src/renderer/editor/problems';

const diags = [
  { file: 'hello.c', line: 3, column: 5, endColumn: 9, severity: 'error' as const, message: "use of undeclared identifier 'cnt'" },
  { file: 'cow.c', line: 7, column: 2, endColumn: 3, severity: 'warning' as const, message: 'unused variable' },
  { file: 'cow.c', line: 9, column: 1, endColumn: 4, severity: 'error' as const, message: "expected ';'" },
  { file: 'include/stdio.h', line: 0, column: 0, endColumn: 0, severity: 'error' as const, message: 'bad header' },
];

describe('the problems list', () => {
  test('writes each entry as the first line gcc prints for it', () => {
    expect(problemText(diags[0]!)).toBe("hello.c:3:5: error: use of undeclared identifier 'cnt'");
    for (const d of diags) expect(`${problemText(d)}\n`).toBe(formatDiagnostic(d));
  });

  test('lists the active file first, then the others, and names only session files as jump targets', () => {
    const p = problemsFor(diags, ['hello.c', 'cow.c'], 'cow.c');
    expect(p.map((x) => x.text)).toEqual([
      'cow.c:7:2: warning: unused variable',
      "cow.c:9:1: error: expected ';'",
      "hello.c:3:5: error: use of undeclared identifier 'cnt'",
      'include/stdio.h: error: bad header',
    ]);
    expect(p.map((x) => x.file)).toEqual(['cow.c', 'cow.c', 'hello.c', null]);
  });

  test('counts the errors of the file on screen apart from the others', () => {
    expect(errorCounts(diags, ['hello.c', 'cow.c'], 'cow.c')).toEqual({ here: 1, elsewhere: 2 });
    expect(errorCounts(diags, ['hello.c', 'cow.c'], null)).toEqual({ here: 0, elsewhere: 3 });
  });
});
