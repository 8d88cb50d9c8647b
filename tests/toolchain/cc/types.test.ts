import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('types', () => {
  test('gives the values gcc gives for every assertion in c/types.c', () => {
    const src = readC('types.c');
    const ours = runOurs(src, 'types.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'types.c'));
  });
});
