// Where "fit to view" puts the graph, pure: the whole drawing when it fits at a readable zoom,
// else a readable zoom with the drawing's top-left corner in view (the root process is at the
// left and the first children at the top), and the rest a scroll away. Readable means the
// smallest node text is at least MIN_TEXT_PX on screen.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Smallest text the graph shows on screen at fit-to-view (CSS px). */
export const MIN_TEXT_PX = 10;
/** Smallest font size used inside nodes (CSS px at zoom 1; see styles.css .node). */
export const SMALLEST_NODE_FONT_PX = 12;
/** Zoom below which node text would be smaller than MIN_TEXT_PX (rounded up, so float error in
 * the transform cannot take it a hair below). */
export const MIN_READABLE_ZOOM = Math.ceil((MIN_TEXT_PX / SMALLEST_NODE_FONT_PX) * 1000) / 1000;
/** A small graph is not blown up beyond this. */
export const MAX_FIT_ZOOM = 1.25;
const PAD = 24;

export function readableFit(bounds: Rect, paneWidth: number, paneHeight: number): Viewport {
  const w = Math.max(1, paneWidth - 2 * PAD);
  const h = Math.max(1, paneHeight - 2 * PAD);
  const bw = Math.max(1, bounds.width);
  const bh = Math.max(1, bounds.height);
  const zoom = Math.max(MIN_READABLE_ZOOM, Math.min(MAX_FIT_ZOOM, w / bw, h / bh));
  // Per axis: centred when it fits, else its start at the padding.
  const place = (start: number, size: number, room: number) => (size * zoom <= room ? PAD + (room - size * zoom) / 2 - start * zoom : PAD - start * zoom);
  return { x: place(bounds.x, bw, w), y: place(bounds.y, bh, h), zoom };
}

/** Whether `rect` (graph coordinates) fits in a pane of this size at this zoom, with PAD around it. */
export function fitsAt(zoom: number, rect: Rect, paneWidth: number, paneHeight: number): boolean {
  return rect.width * zoom <= paneWidth - 2 * PAD && rect.height * zoom <= paneHeight - 2 * PAD;
}

/**
 * `view` itself when `rect` (graph coordinates) is wholly in view with PAD around it, else the
 * same zoom panned so that `rect` is centred in the pane (clear of the controls and the minimap
 * in the pane's corners); a rect larger than the pane shows its top-left corner. Used to bring
 * a just-split or new frame into view after a stop.
 */
export function reveal(view: Viewport, rect: Rect, paneWidth: number, paneHeight: number): Viewport {
  const z = view.zoom;
  const inView = (offset: number, start: number, size: number, room: number) => start * z + offset >= PAD && (start + size) * z + offset <= room - PAD;
  if (inView(view.x, rect.x, rect.width, paneWidth) && inView(view.y, rect.y, rect.height, paneHeight)) return view;
  const place = (start: number, size: number, room: number) => (size * z <= room - 2 * PAD ? (room - size * z) / 2 - start * z : PAD - start * z);
  return { x: place(rect.x, rect.width, paneWidth), y: place(rect.y, rect.height, paneHeight), zoom: z };
}
