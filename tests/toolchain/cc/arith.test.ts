import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('arithmetic and operators', () => {
  test('evaluates every operator as gcc does, with C precedence and conversions', () => {
    const src = readC('arith.c');
    const ours = runOurs(src, 'arith.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'arith.c'));
  });
});
