// A Markdown report as files: the .md, and beside it in `<name>_files/` the PNG and SVG figures
// and the replayable session. Written as a folder (CLI) or packed into one .zip (CLI and app,
// with fflate). Pure: the caller draws the PNGs (headless Chromium or a canvas) and writes.
import { strToU8, zipSync } from 'fflate';
import { figureFileName, SESSION_FILE, toMarkdown, type ReportContent } from './report-doc';

export interface BundleFile {
  /** Relative path inside the folder or zip. */
  readonly path: string;
  readonly data: Uint8Array;
}

/** `base` is the Markdown file's name without `.md`; `pngs[i]` is section i's figure. */
export function markdownBundle(content: ReportContent, pngs: readonly Uint8Array[], base: string): BundleFile[] {
  const dir = `${base}_files/`;
  const files: BundleFile[] = [{ path: `${base}.md`, data: strToU8(toMarkdown(content, { figureDir: dir })) }];
  content.sections.forEach((s, i) => {
    files.push({ path: dir + figureFileName(s.n), data: pngs[i]! });
    files.push({ path: dir + figureFileName(s.n).replace(/\.png$/, '.svg'), data: strToU8(s.figure.svg) });
  });
  files.push({ path: dir + SESSION_FILE, data: strToU8(content.sessionJson) });
  return files;
}

export function zipBundle(files: readonly BundleFile[]): Uint8Array {
  // PNGs are already compressed; level 6 for the text files is plenty.
  return zipSync(Object.fromEntries(files.map((f) => [f.path, [f.data, { level: f.path.endsWith('.png') ? 0 : 6 }]])));
}
