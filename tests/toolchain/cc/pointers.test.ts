import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('pointers', () => {
  test('gives the values gcc gives for every assertion in c/pointers.c', () => {
    const src = readC('pointers.c');
    const ours = runOurs(src, 'pointers.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'pointers.c'));
  });
});
