import { describe, expect, test } from 'vitest';
import { isHostRequest } from '../../src/common/protocol';

describe('host request validation', () => {
  test('accepts a run request with files and an apps spec', () => {
    expect(isHostRequest({ type: 'run', id: 1, files: { 'cow.c': 'int main(){}' }, apps: 'cow' })).toBe(true);
  });
  test('rejects a run request whose file contents are not text', () => {
    expect(isHostRequest({ type: 'run', id: 1, files: { 'cow.c': 42 } })).toBe(false);
  });
  test('rejects unknown message types and non-objects', () => {
    expect(isHostRequest({ type: 'eval', code: 'x' })).toBe(false);
    expect(isHostRequest('run')).toBe(false);
    expect(isHostRequest(null)).toBe(false);
  });
  test('rejects a step of zero or a fractional count', () => {
    expect(isHostRequest({ type: 'step', count: 0 })).toBe(false);
    expect(isHostRequest({ type: 'step', count: 1.5 })).toBe(false);
    expect(isHostRequest({ type: 'step', count: 3 })).toBe(true);
  });
});
