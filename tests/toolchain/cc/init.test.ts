import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('init', () => {
  test('gives the values gcc gives for every assertion in c/init.c', () => {
    const src = readC('init.c');
    const ours = runOurs(src, 'init.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'init.c'));
  });
});
