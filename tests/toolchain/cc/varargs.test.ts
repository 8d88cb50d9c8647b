import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('varargs', () => {
  test('gives the values gcc gives for every assertion in c/varargs.c', () => {
    const src = readC('varargs.c');
    const ours = runOurs(src, 'varargs.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'varargs.c'));
  });
});
