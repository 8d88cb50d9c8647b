// The workspace's pane sizes, pure: fractions of the space a splitter divides, clamped so that
// no pane gets too small to use, and kept in localStorage between visits. Splitter.tsx turns
// pointer drags into new sizes.

export interface PaneSizes {
  /** Sidebar width in CSS px. */
  readonly sidebar: number;
  /** Editor column's share of the width right of the sidebar. */
  readonly center: number;
  /** Editor's share of the editor column's height (the console gets the rest). */
  readonly editor: number;
  /** Graph's share of the right column's height (inspector and timeline get the rest). */
  readonly graph: number;
  /** Inspector's share of the bottom row's width (the timeline gets the rest). */
  readonly inspector: number;
}

export const DEFAULT_SIZES: PaneSizes = { sidebar: 184, center: 0.44, editor: 0.62, graph: 0.58, inspector: 0.5 };

/**
 * Least size of each pane in CSS px, whatever the fractions say: at these the panes' title rows
 * and controls fit on one line in both languages (the graph's title and buttons, the
 * timeline's time controls, the inspector's page table), checked at 1280x720 by
 * tests/e2e/layout.test.ts. The sidebar's widest setting leaves room for them at 1280 px.
 */
export const MIN_PANE_PX = {
  /** The editor and console column. */
  center: 320,
  /** The graph, inspector and timeline column. */
  right: 590,
  inspector: 290,
  timeline: 290,
  editor: 120,
  /** The console, with the debugger above it while debugging. */
  console: 200,
  graph: 200,
  /** The inspector and timeline row. */
  bottom: 150,
} as const;

const LIMITS: Record<keyof PaneSizes, readonly [number, number]> = {
  sidebar: [120, 360],
  center: [0.2, 0.75],
  editor: [0.2, 0.85],
  graph: [0.2, 0.85],
  inspector: [0.2, 0.8],
};

export function clampSize(key: keyof PaneSizes, value: number): number {
  const [lo, hi] = LIMITS[key];
  return Math.min(hi, Math.max(lo, value));
}

/** Sizes from stored JSON; anything missing or malformed falls back, anything out of range is clamped. */
export function parseSizes(text: string | null): PaneSizes {
  let raw: unknown = null;
  try {
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  const out: Record<keyof PaneSizes, number> = { ...DEFAULT_SIZES };
  if (raw && typeof raw === 'object') {
    for (const key of Object.keys(DEFAULT_SIZES) as (keyof PaneSizes)[]) {
      const v = (raw as Record<string, unknown>)[key];
      if (typeof v === 'number' && Number.isFinite(v)) out[key] = clampSize(key, v);
    }
  }
  return out;
}
