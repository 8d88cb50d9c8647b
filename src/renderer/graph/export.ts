// Export of the fork graph as a figure: the report figure (src/lab/figure.ts) of the model on
// screen, not a capture of the live view, so the file has a title, a legend and a light
// background, and none of the UI's hints or selection. SVG is the figure itself (a real SVG
// that Word, Inkscape and LaTeX open); PNG is that SVG drawn on a canvas at twice its size.
// Saved through a download link (the desktop app turns that into a save dialog).
import type { LabModel, TimelineEvent } from '../../common/model';
import { renderFigure, type Figure } from '../../lab/figure';
import { latestCopy } from '../../lab/report-doc';
import type { ReportLang } from '../../lab/report-text';

export interface FigureSource {
  readonly model: LabModel;
  readonly timeline: readonly TimelineEvent[];
  readonly program: string;
  readonly lang: ReportLang;
}

export function figureOf(src: FigureSource): Figure {
  const copy = latestCopy(src.timeline, src.model);
  return renderFigure(src.model, { program: src.program, lang: src.lang, ...(copy ? { copy } : {}) });
}

/** Draws an SVG figure on a canvas, `scale` pixels per figure pixel; resolves to PNG bytes. */
export async function svgToPng(figure: Figure, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([figure.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the figure could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(figure.width * scale);
    canvas.height = Math.ceil(figure.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportGraph(format: 'png' | 'svg', src: FigureSource): Promise<Blob> {
  const figure = figureOf(src);
  return format === 'svg' ? new Blob([figure.svg], { type: 'image/svg+xml' }) : svgToPng(figure);
}

export function download(data: Blob | string, fileName: string): void {
  const url = typeof data === 'string' ? data : URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
