import { describe, expect, test } from 'vitest';
import { MIN_READABLE_ZOOM, MIN_TEXT_PX, fitsAt, readableFit, reveal, SMALLEST_NODE_FONT_PX } from '../../../src/renderer/graph/viewport';

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

describe('bringing a frame into view', () => {
  const pane = { w: 600, h: 400 };
  const view = { x: 24, y: 24, zoom: 1 };
  const onScreen = (v: { x: number; y: number; zoom: number }, r: { x: number; y: number; width: number; height: number }) => ({
    left: r.x * v.zoom + v.x,
    top: r.y * v.zoom + v.y,
    right: (r.x + r.width) * v.zoom + v.x,
    bottom: (r.y + r.height) * v.zoom + v.y,
  });

  test('leaves the view alone when the frame is already visible', () => {
    expect(reveal(view, { x: 100, y: 100, width: 168, height: 64 }, pane.w, pane.h)).toBe(view);
  });

  test('centres, at the same zoom, a frame off to the right and below', () => {
    const frame = { x: 1500, y: 900, width: 168, height: 64 };
    const v = reveal(view, frame, pane.w, pane.h);
    expect(v.zoom).toBe(1);
    expect(onScreen(v, frame)).toEqual({ left: (600 - 168) / 2, top: (400 - 64) / 2, right: (600 + 168) / 2, bottom: (400 + 64) / 2 });
  });

  test('moves a frame half hidden at the edge into the middle', () => {
    const frame = { x: 500, y: 100, width: 168, height: 64 };
    expect(onScreen(reveal(view, frame, pane.w, pane.h), frame).left).toBe((600 - 168) / 2);
  });

  test('pans back for a frame to the left or above, at a readable zoom', () => {
    const z = { x: -2000, y: -900, zoom: MIN_READABLE_ZOOM };
    const frame = { x: 100, y: 50, width: 168, height: 64 };
    const r = onScreen(reveal(z, frame, pane.w, pane.h), frame);
    expect((r.left + r.right) / 2).toBeCloseTo(300);
    expect((r.top + r.bottom) / 2).toBeCloseTo(200);
    expect(fitsAt(z.zoom, frame, pane.w, pane.h)).toBe(true);
    expect(fitsAt(1, { x: 0, y: 0, width: 2000, height: 64 }, pane.w, pane.h)).toBe(false);
  });

  test('shows the top-left corner of two split frames that do not both fit', () => {
    const both = { x: 0, y: 3000, width: 2000, height: 64 };
    const r = onScreen(reveal(view, both, pane.w, pane.h), both);
    expect(r.left).toBeCloseTo(24);
    expect(r.bottom).toBeLessThanOrEqual(376);
  });
});
