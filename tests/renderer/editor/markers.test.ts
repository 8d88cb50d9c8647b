import { describe, expect, test } from 'vitest';
import { markersFor, SEVERITY } from '../../../src/renderer/editor/markers';

describe('diagnostics as editor markers', () => {
  const diags = [
    { file: 'cow.c', line: 7, column: 5, endColumn: 10, severity: 'error' as const, message: "use of undeclared identifier 'cnt'" },
    { file: 'cow.c', line: 3, column: 1, endColumn: 1, severity: 'warning' as const, message: 'unused variable' },
    { file: 'hello.c', line: 1, column: 1, endColumn: 4, severity: 'error' as const, message: 'other file' },
  ];

  test('keeps only the file shown and maps lines, columns and severities one to one', () => {
    const m = markersFor('cow.c', diags);
    expect(m).toHaveLength(2);
    expect(m[0]).toMatchObject({ severity: SEVERITY.error, startLineNumber: 7, startColumn: 5, endLineNumber: 7, endColumn: 10, message: "use of undeclared identifier 'cnt'" });
    expect(m[1]!.severity).toBe(4);
  });

  test('underlines at least one character for a point diagnostic', () => {
    expect(markersFor('cow.c', diags)[1]).toMatchObject({ startColumn: 1, endColumn: 2 });
  });
});
