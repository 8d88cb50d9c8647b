import { describe, expect, test } from 'vitest';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../src/toolchain/diagnostics';

const d: Diagnostic = { file: 'a.c', line: 3, column: 5, endColumn: 8, severity: 'error', message: "'x' undeclared" };

describe('diagnostics', () => {
  test('formats the location line as gcc does', () => {
    expect(formatDiagnostic(d).split('\n')[0]).toBe("a.c:3:5: error: 'x' undeclared");
  });
  test('puts the caret under the column and tildes under the rest of the range', () => {
    // 'count' starts at column 6 of '\tint count;' (the tab is one column) and ends before 11
    const lines = formatDiagnostic({ ...d, column: 6, endColumn: 11 }, '\tint count;').split('\n');
    expect(lines[1]).toBe('    3 | \tint count;');
    // the tab stays a tab so the caret lines up under any tab width
    expect(lines[2]).toBe('      | \t    ^~~~~');
  });
  test('treats a build with only warnings as free of errors', () => {
    expect(hasErrors([{ ...d, severity: 'warning' }])).toBe(false);
    expect(hasErrors([{ ...d, severity: 'warning' }, d])).toBe(true);
  });
  test('names only the file for a message about a whole object (line 0)', () => {
    const linkError: Diagnostic = { file: 'main.o', line: 0, column: 0, endColumn: 0, severity: 'error', message: "undefined reference to 'frob'" };
    expect(formatDiagnostic(linkError, 'ignored')).toBe("main.o: error: undefined reference to 'frob'\n");
  });
});
