import { describe, expect, test } from 'vitest';
import { readC, runGcc, runOurs } from './harness';

describe('functions', () => {
  test('gives the values gcc gives for every assertion in c/functions.c', () => {
    const src = readC('functions.c');
    const ours = runOurs(src, 'functions.c');
    expect(ours.stdout).toContain('OK');
    expect(ours).toEqual(runGcc(src, 'functions.c'));
  });
});
