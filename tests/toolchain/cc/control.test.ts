import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('control', () => {
  test('gives the values gcc gives for every assertion in c/control.c', () => {
    const src = readC('control.c');
    const ours = runOurs(src, 'control.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'control.c'));
  });
});
