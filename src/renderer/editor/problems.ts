// The problems list's content, pure: diagnostics -> one line each, written as gcc prints the
// first line of a diagnostic (`file:line:col: error: text`), errors of the file on screen
// first. The panel and the tests share it, so what the student reads is what gcc would say.
import type { Diagnostic } from '../../toolchain/diagnostics';

export interface Problem {
  readonly diagnostic: Diagnostic;
  /** `cow.c:7:5: error: use of undeclared identifier 'cnt'` */
  readonly text: string;
  /** The session file this points into, when it does (headers of the user library do not). */
  readonly file: string | null;
}

/** gcc's first line of a diagnostic (line 0: the whole file, as ld says it). */
export function problemText(d: Diagnostic): string {
  return d.line <= 0 ? `${d.file}: ${d.severity}: ${d.message}` : `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** The session file a diagnostic's file name refers to (`cow.c` or `/x/cow.c`), or null. */
export function sessionFileOf(file: string, sessionFiles: readonly string[]): string | null {
  return sessionFiles.find((name) => file === name || file.endsWith(`/${name}`)) ?? null;
}

/**
 * Problems in display order: the active file's first, then the other files by name; within a
 * file in the toolchain's order (source order, each note right after what it explains).
 */
export function problemsFor(diagnostics: readonly Diagnostic[], sessionFiles: readonly string[], active: string | null): Problem[] {
  const list = diagnostics.map((d, i) => ({ d, i, file: sessionFileOf(d.file, sessionFiles) }));
  const key = (f: string | null) => (f !== null && f === active ? '' : `~${f ?? '~'}`);
  list.sort((a, b) => {
    const ka = key(a.file);
    const kb = key(b.file);
    return ka === kb ? a.i - b.i : ka < kb ? -1 : 1;
  });
  return list.map(({ d, file }) => ({ diagnostic: d, text: problemText(d), file }));
}

/** Error counts: in the file on screen, and in all other files together. */
export function errorCounts(diagnostics: readonly Diagnostic[], sessionFiles: readonly string[], active: string | null): { here: number; elsewhere: number } {
  let here = 0;
  let elsewhere = 0;
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    if (active !== null && sessionFileOf(d.file, sessionFiles) === active) here++;
    else elsewhere++;
  }
  return { here, elsewhere };
}
