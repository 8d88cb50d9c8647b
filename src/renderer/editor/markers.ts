// Toolchain diagnostics -> Monaco marker data, for one file. Pure (severity numbers are
// Monaco's MarkerSeverity values: Error 8, Warning 4, Info 2) so it is tested without a DOM.
import type { Diagnostic } from '../../toolchain/diagnostics';

export interface MarkerData {
  severity: number;
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  source: string;
}

export const SEVERITY = { error: 8, warning: 4, note: 2 } as const;

export function markersFor(file: string, diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics
    .filter((d) => d.file === file || d.file.endsWith(`/${file}`))
    .map((d) => ({
      severity: SEVERITY[d.severity],
      message: d.message,
      startLineNumber: Math.max(1, d.line),
      startColumn: Math.max(1, d.column),
      endLineNumber: Math.max(1, d.line),
      // A point diagnostic still gets one character underlined, or Monaco draws nothing.
      endColumn: Math.max(d.endColumn, d.column + 1),
      source: 'forklab',
    }));
}
