import { describe, expect, test } from 'vitest';
import { clampSize, DEFAULT_SIZES, parseSizes } from '../../../src/renderer/layout/panes';

describe('pane sizes', () => {
  test('fall back to the defaults for missing or malformed storage', () => {
    expect(parseSizes(null)).toEqual(DEFAULT_SIZES);
    expect(parseSizes('{not json')).toEqual(DEFAULT_SIZES);
    expect(parseSizes('{"center":"wide"}')).toEqual(DEFAULT_SIZES);
  });

  test('keep stored sizes, clamped so no pane becomes unusably small', () => {
    expect(parseSizes('{"center":0.5,"sidebar":9999,"graph":0}')).toEqual({ ...DEFAULT_SIZES, center: 0.5, sidebar: 420, graph: 0.2 });
    expect(clampSize('editor', 0.99)).toBe(0.85);
  });
});
