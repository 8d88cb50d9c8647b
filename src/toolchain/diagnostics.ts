// Diagnostics shared by every toolchain stage (preprocessor, compiler, assembler, linker).
// One structured form feeds both the editor (markers) and the command line (gcc-style text),
// so the two can never disagree about where an error is.

export type Severity = 'error' | 'warning' | 'note';

/** One message about one place in one source file. Lines and columns are 1-based; line 0 means the whole file. */
export interface Diagnostic {
  /** File name as the user knows it (session file name or header path). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Column just past the offending text; equal to `column` when only a point is known. */
  readonly endColumn: number;
  readonly severity: Severity;
  readonly message: string;
}

/**
 * Formats a diagnostic as gcc does: `file:line:col: error: message`, then, when the source line
 * is known, the line itself and a caret (with tildes under the rest of the range).
 */
export function formatDiagnostic(d: Diagnostic, sourceLine?: string): string {
  // Line 0 means the message is about a whole file (a linker error in an object without a line
  // table): say only the file, as gcc and ld do, rather than a made-up position.
  if (d.line <= 0) return `${d.file}: ${d.severity}: ${d.message}\n`;
  let text = `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`;
  if (sourceLine !== undefined) {
    const gutter = `${String(d.line).padStart(5)} | `;
    text += `${gutter}${sourceLine}\n`;
    const pad = sourceLine.slice(0, Math.max(0, d.column - 1)).replace(/[^\t]/g, ' ');
    const tildes = '~'.repeat(Math.max(0, d.endColumn - d.column - 1));
    text += `${' '.repeat(gutter.length - 2)}| ${pad}^${tildes}\n`;
  }
  return text;
}

/** True when any diagnostic in the list is an error (a build with only warnings succeeds). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
