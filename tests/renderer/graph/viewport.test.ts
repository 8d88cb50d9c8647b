import { describe, expect, test } from 'vitest';
import { MIN_READABLE_ZOOM, MIN_TEXT_PX, readableFit, SMALLEST_NODE_FONT_PX } from '../../../src/renderer/graph/viewport';

describe('fit to view', () => {
  test('centres a graph that fits, without blowing a small one up', () => {
    const v = readableFit({ x: 0, y: 0, width: 200, height: 100 }, 648, 448);
    expect(v.zoom).toBe(1.25);
    expect(v.x).toBeCloseTo(24 + (600 - 250) / 2);
    expect(v.y).toBeCloseTo(24 + (400 - 125) / 2);
  });

  test('shrinks a medium graph to fit exactly', () => {
    const v = readableFit({ x: 100, y: 50, width: 660, height: 300 }, 648, 448);
    expect(v.zoom).toBeCloseTo(600 / 660);
  });

  test('never goes below the zoom at which node text is MIN_TEXT_PX, and shows the top-left corner', () => {
    // 64 processes laid out left to right: far bigger than the pane
    const v = readableFit({ x: 10, y: 20, width: 2000, height: 5000 }, 600, 400);
    expect(v.zoom).toBe(MIN_READABLE_ZOOM);
    expect(SMALLEST_NODE_FONT_PX * v.zoom).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    expect(v.x).toBeCloseTo(24 - 10 * v.zoom);
    expect(v.y).toBeCloseTo(24 - 20 * v.zoom);
  });
});
