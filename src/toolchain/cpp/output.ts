// Writes preprocessed tokens as gcc -E does: `# LINE "FILE" FLAGS` line markers when the file
// changes or lines are skipped, blank lines for short gaps, and each unexpanded token at its
// original column, so a later stage's `line:column` in the output equals the one in the source.
// Tokens from macro expansion take the invocation's position and are separated by single
// spaces (plus a space wherever two tokens would otherwise lex as one).

import { wouldPaste, type Token } from './lexer';

/** Gaps up to this many lines are written as blank lines; longer ones get a line marker. */
const MAX_BLANK_LINES = 8;

export class OutputWriter {
  // one growing string: V8 builds it as a rope, cheaper than joining many tiny pieces
  private buf = '';
  private file = '';
  private line = 0;
  private column = 0;
  private last: Token | undefined;
  /** Characters written so far (the engine caps this against macro bombs). */
  size = 0;

  /** A line marker; flag 1 = entering an include, 2 = returning to this file. */
  marker(line: number, file: string, flag?: 1 | 2): void {
    if (this.column > 0) this.write('\n');
    this.write(`# ${line} "${escapeFileName(file)}"${flag === undefined ? '' : ' ' + flag}\n`);
    this.file = file;
    this.line = line;
    this.column = 0;
    this.last = undefined;
  }

  /** Raw directive-like line passed through (for example `#pragma`). */
  rawLine(text: string, at: Token): void {
    this.moveTo(at);
    if (this.column > 0) {
      this.write('\n');
      this.line++;
    }
    this.write(text + '\n');
    this.line++;
    this.column = 0;
    this.last = undefined;
  }

  emit(t: Token): void {
    this.moveTo(t);
    if (this.column === 0) {
      const pad = t.col - 1;
      if (pad > 0) this.write(' '.repeat(pad));
      this.column = pad;
    } else if (!t.expanded && t.col - 1 > this.column) {
      this.write(' '.repeat(t.col - 1 - this.column));
      this.column = t.col - 1;
    } else if (t.space || (this.last !== undefined && (t.expanded || this.last.expanded) && wouldPaste(this.last, t))) {
      this.write(' ');
      this.column++;
    }
    this.write(t.text);
    this.column += t.text.length;
    this.last = t;
  }

  /** Ends the output with a newline, as gcc does. */
  finish(): string {
    if (this.column > 0) this.write('\n');
    return this.buf;
  }

  private moveTo(t: Token): void {
    if (t.file !== this.file) {
      this.marker(t.line, t.file);
      return;
    }
    if (t.line < this.line) {
      this.marker(t.line, t.file);
    } else if (t.line > this.line) {
      const gap = t.line - this.line;
      if (gap <= MAX_BLANK_LINES) {
        this.write('\n'.repeat(gap));
        this.line = t.line;
        this.column = 0;
        this.last = undefined;
      } else {
        this.marker(t.line, t.file);
      }
    }
  }

  private write(s: string): void {
    this.buf += s;
    this.size += s.length;
  }
}

/** gcc escapes backslashes and quotes in line-marker file names. */
export function escapeFileName(name: string): string {
  return name.replace(/[\\"]/g, (c) => '\\' + c);
}
