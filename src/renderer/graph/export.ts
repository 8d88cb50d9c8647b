// Export of the fork graph as PNG or SVG: the whole graph (not just what is on screen) is fit
// into an image of its own bounds, as in React Flow's download-image example, and saved
// through a download link (the desktop app turns that into a save dialog).
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

const PADDING = 0.05;

export async function exportGraph(format: 'png' | 'svg', container: HTMLElement, nodes: Node[], background: string): Promise<string> {
  const viewportEl = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportEl) throw new Error('the graph is not drawn yet');
  const bounds = getNodesBounds(nodes);
  const width = Math.min(8000, Math.max(320, Math.ceil(bounds.width * 1.1)));
  const height = Math.min(8000, Math.max(240, Math.ceil(bounds.height * 1.1)));
  const vp = getViewportForBounds(bounds, width, height, 0.1, 2, PADDING);
  const options = {
    backgroundColor: background,
    width,
    height,
    pixelRatio: format === 'png' ? 2 : 1,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  };
  return format === 'png' ? toPng(viewportEl, options) : toSvg(viewportEl, options);
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
