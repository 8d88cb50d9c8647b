// Export of the fork graph as PNG or SVG: the whole graph (not just what is on screen) is fit
// into an image of its own bounds, as in React Flow's download-image example, and saved
// through a download link (the desktop app turns that into a save dialog).
import type { Rect } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

/** Margin around the graph, in graph pixels. */
const PADDING = 24;
/** Longest image side; bigger graphs are scaled down to fit. */
const MAX_SIDE = 8000;

export async function exportGraph(format: 'png' | 'svg', container: HTMLElement, graphBounds: Rect | null, background: string): Promise<string> {
  const viewportEl = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportEl) throw new Error('the graph is not drawn yet');
  const bounds = graphBounds && graphBounds.width > 0 ? graphBounds : { x: 0, y: 0, width: 320, height: 240 };
  // At zoom 1 the image is the graph's own size, up to a limit browsers can still encode.
  const zoom = Math.min(1, MAX_SIDE / Math.max(bounds.width + 2 * PADDING, bounds.height + 2 * PADDING));
  const width = Math.ceil((bounds.width + 2 * PADDING) * zoom);
  const height = Math.ceil((bounds.height + 2 * PADDING) * zoom);
  const x = (PADDING - bounds.x) * zoom;
  const y = (PADDING - bounds.y) * zoom;
  const options = {
    backgroundColor: background,
    width,
    height,
    pixelRatio: format === 'png' ? 2 : 1,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${x}px, ${y}px) scale(${zoom})` },
  };
  // React Flow draws each edge in a default-sized (300x150) SVG with visible overflow, which
  // the cloned image would clip: give the edge SVGs the graph's extent while the image is taken.
  const edgeLayers = [...viewportEl.querySelectorAll<SVGSVGElement>('.react-flow__edges svg')];
  const saved = edgeLayers.map((svg) => [svg.style.width, svg.style.height] as const);
  for (const svg of edgeLayers) {
    svg.style.width = `${Math.ceil(Math.max(0, bounds.x) + bounds.width + PADDING)}px`;
    svg.style.height = `${Math.ceil(Math.max(0, bounds.y) + bounds.height + PADDING)}px`;
  }
  try {
    return await (format === 'png' ? toPng(viewportEl, options) : toSvg(viewportEl, options));
  } finally {
    edgeLayers.forEach((svg, i) => {
      svg.style.width = saved[i]![0];
      svg.style.height = saved[i]![1];
    });
  }
}

export function download(dataUrl: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
