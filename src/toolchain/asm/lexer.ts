// Splits GNU assembler source into statements. A statement is `label: ... mnemonic operands`;
// statements end at a newline or ';'. Comments are '#' to end of line (the RISC-V comment
// character), '//' to end of line, and '/* ... */' (may span lines). A line of the form
// `# 12 "file.S"` is a preprocessor line marker: the next line is line 12 of file.S, so
// diagnostics for preprocessed .S input point at the user's source.

export interface Statement {
  readonly file: string;
  readonly line: number;
  /** Labels defined before the mnemonic, with their 1-based columns. */
  readonly labels: readonly { readonly name: string; readonly column: number }[];
  /** Mnemonic or directive, lower-cased ('' for a label-only line). */
  readonly op: string;
  readonly opColumn: number;
  /** Operand text, trimmed, comments removed. */
  readonly args: string;
  readonly argsColumn: number;
  /** End column of the statement (for diagnostic ranges). */
  readonly endColumn: number;
}

const LINE_MARKER = /^#\s*(?:line\s+)?(\d+)(?:\s+"((?:[^"\\]|\\.)*)")?/;
const SPECIAL = /["'\/;]/;

const isSymbolStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46 || c === 36;
const isSymbolChar = (c: number): boolean => isSymbolStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number): boolean => c === 32 || c === 9;

/** Calls `sink` for each statement of `text`, in order. */
export function forEachStatement(text: string, fileName: string, sink: (s: Statement) => void): void {
  const lines = new LineSplitter(fileName, sink);
  let start = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.line(text.slice(start, end));
    if (end === text.length) break;
    start = end + 1;
  }
}

/**
 * The same for source already split into lines, as the C compiler hands over its output: the
 * statements are those of `lines.join('\n')`, without making that text and cutting it up again.
 */
export function forEachStatementOfLines(lines: readonly string[], fileName: string, sink: (s: Statement) => void): void {
  const splitter = new LineSplitter(fileName, sink);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.indexOf('\n') < 0) splitter.line(raw);
    else for (const part of raw.split('\n')) splitter.line(part);
  }
}

/** Turns physical lines, in order, into statements; holds what carries from line to line. */
class LineSplitter {
  private file: string;
  private nextLine = 1;
  private inBlockComment = false;

  constructor(fileName: string, private readonly sink: (s: Statement) => void) {
    this.file = fileName;
  }

  /** One physical line, without its newline. */
  line(text: string): void {
    const raw = text.endsWith('\r') ? text.slice(0, -1) : text;
    const line = this.nextLine++;
    const file = this.file;
    const sink = this.sink;
    // (a read past the end would deoptimize the compiled loop: blank lines are common)
    if (!this.inBlockComment && raw.length > 0 && raw.charCodeAt(0) === 35 /* # */) {
      const m = LINE_MARKER.exec(raw);
      if (m) {
        this.nextLine = Number(m[1]);
        if (m[2] !== undefined) this.file = m[2].replace(/\\(.)/g, '$1');
        return;
      }
    }
    // Fast path: nothing but code and maybe a '#' comment (most lines of compiler output).
    if (!this.inBlockComment && !SPECIAL.test(raw)) {
      const hash = raw.indexOf('#');
      splitStatement(hash < 0 ? raw : raw.slice(0, hash), 0, file, line, sink);
      return;
    }
    // Strip comments while respecting string and character literals, splitting at ';'.
    let piece = '';
    let pieceStart = 0;
    let i = 0;
    const flush = (upTo: number): void => {
      splitStatement(piece, pieceStart, file, line, sink);
      piece = '';
      pieceStart = upTo + 1;
    };
    while (i < raw.length) {
      const c = raw[i]!;
      if (this.inBlockComment) {
        if (c === '*' && raw[i + 1] === '/') {
          this.inBlockComment = false;
          piece += '  ';
          i += 2;
        } else {
          piece += ' ';
          i++;
        }
        continue;
      }
      if (c === '"') {
        let j = i + 1;
        while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
        piece += raw.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (c === "'" ) {
        // A character constant: 'c, 'c' or '\n'.
        const len = raw[i + 1] === '\\' ? 3 : 2;
        const closing = raw[i + len] === "'" ? 1 : 0;
        piece += raw.slice(i, i + len + closing);
        i += len + closing;
        continue;
      }
      if (c === '#' || (c === '/' && raw[i + 1] === '/')) break;
      if (c === '/' && raw[i + 1] === '*') {
        this.inBlockComment = true;
        piece += '  ';
        i += 2;
        continue;
      }
      if (c === ';') {
        flush(i);
        i++;
        continue;
      }
      piece += c;
      i++;
    }
    flush(raw.length);
  }
}

/** The labels of a statement that has none (most of them), shared. */
const NO_LABELS: Statement['labels'] = Object.freeze([]);

const hasUpperCase = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
};

function splitStatement(
  piece: string, offset: number, file: string, line: number, sink: (s: Statement) => void,
): void {
  let labels: { name: string; column: number }[] | undefined;
  let i = 0;
  const n = piece.length;
  for (;;) {
    while (i < n && isBlank(piece.charCodeAt(i))) i++;
    if (i >= n) break;
    // Try `name:` or `123:`.
    let j = i;
    if (isSymbolChar(piece.charCodeAt(i))) {
      while (j < n && isSymbolChar(piece.charCodeAt(j))) j++;
      let k = j;
      while (k < n && isBlank(piece.charCodeAt(k))) k++;
      if (k < n && piece.charCodeAt(k) === 58 /* : */ && j > i) {
        (labels ??= []).push({ name: piece.slice(i, j), column: offset + i + 1 });
        i = k + 1;
        continue;
      }
    }
    break;
  }
  if (i >= n) {
    if (labels !== undefined) {
      sink({ file, line, labels, op: '', opColumn: offset + n + 1, args: '', argsColumn: offset + n + 1, endColumn: offset + n + 1 });
    }
    return;
  }
  let j = i;
  while (j < n && !isBlank(piece.charCodeAt(j))) j++;
  const word = piece.slice(i, j);
  const op = hasUpperCase(word) ? word.toLowerCase() : word;
  let k = j;
  while (k < n && isBlank(piece.charCodeAt(k))) k++;
  let e = n;
  while (e > k && isBlank(piece.charCodeAt(e - 1))) e--;
  sink({
    file, line, labels: labels ?? NO_LABELS, op, opColumn: offset + i + 1, args: piece.slice(k, e), argsColumn: offset + k + 1,
    endColumn: offset + e + 1,
  });
}
