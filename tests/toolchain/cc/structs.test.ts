import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('structs', () => {
  test('gives the values gcc gives for every assertion in c/structs.c', () => {
    const src = readC('structs.c');
    const ours = runOurs(src, 'structs.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'structs.c'));
  });
});
