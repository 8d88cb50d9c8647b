import { describe, expect, test } from 'vitest';
import { clampSize, DEFAULT_SIZES, MIN_PANE_PX, parseSizes } from '../../../src/renderer/layout/panes';

describe('pane sizes', () => {
  test('fall back to the defaults for missing or malformed storage', () => {
    expect(parseSizes(null)).toEqual(DEFAULT_SIZES);
    expect(parseSizes('{not json')).toEqual(DEFAULT_SIZES);
    expect(parseSizes('{"center":"wide"}')).toEqual(DEFAULT_SIZES);
  });

  test('keep stored sizes, clamped so no pane becomes unusably small', () => {
    expect(parseSizes('{"center":0.5,"sidebar":9999,"graph":0}')).toEqual({ ...DEFAULT_SIZES, center: 0.5, sidebar: 360, graph: 0.2 });
    expect(clampSize('editor', 0.99)).toBe(0.85);
  });

  test('leave the least widths of the panes room at 1280 px even with the widest sidebar', () => {
    const splitters = 2 * 5;
    expect(clampSize('sidebar', 9999) + splitters + MIN_PANE_PX.center + MIN_PANE_PX.right).toBeLessThanOrEqual(1280);
    expect(MIN_PANE_PX.inspector + 5 + MIN_PANE_PX.timeline).toBeLessThanOrEqual(MIN_PANE_PX.right);
  });
});
