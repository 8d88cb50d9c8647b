// The C compiler stage: preprocessed C (gcc -E format) -> GNU assembler text for RV64 lp64.
// Plan: tokenize, parse into a typed AST (reporting errors and warnings as it goes), and when
// there are no errors, generate code. Never throws: an unexpected failure becomes an
// "internal compiler error" diagnostic.

import type { Diagnostic } from '../diagnostics';
import { hasErrors } from '../diagnostics';
import { tokenize } from './lexer';
import { Parser, TooManyErrors } from './parser';
import { parseProgram } from './parse-decl';
import { Codegen, CodegenError } from './codegen';

export interface CompileResult {
  /** The assembler text ('' after errors). */
  readonly asm: string;
  /** The same text's lines, without newlines, for the assembler to take as they are. */
  readonly lines: readonly string[];
  readonly diagnostics: Diagnostic[];
}

/** Generated code: the lines are joined into text only when someone asks for it (-S). */
class GeneratedAsm implements CompileResult {
  private text: string | undefined;
  constructor(readonly lines: readonly string[], readonly diagnostics: Diagnostic[]) {}
  get asm(): string {
    return (this.text ??= this.lines.join('\n') + '\n');
  }
}

export function compileToAsm(preprocessed: string, fileName: string): CompileResult {
  const diagnostics: Diagnostic[] = [];
  let parser: Parser | undefined;
  try {
    const lexed = tokenize(preprocessed, fileName);
    diagnostics.push(...lexed.diagnostics);
    parser = new Parser(lexed.tokens);
    let globals;
    try {
      globals = parseProgram(parser);
    } catch (e) {
      if (!(e instanceof TooManyErrors)) throw e;
    }
    diagnostics.push(...parser.diagnostics);
    if (!globals || hasErrors(diagnostics)) return { asm: '', lines: [], diagnostics: sortDiagnostics(diagnostics) };
    const lines = new Codegen(fileName).generateLines(globals);
    return new GeneratedAsm(lines, sortDiagnostics(diagnostics));
  } catch (e) {
    if (parser && !diagnostics.includes(parser.diagnostics[0]!)) {
      for (const d of parser.diagnostics) if (!diagnostics.includes(d)) diagnostics.push(d);
    }
    if (e instanceof CodegenError) {
      const t = e.tok;
      diagnostics.push({ file: t?.file ?? fileName, line: t?.line ?? 1, column: t?.col ?? 1, endColumn: t?.endCol ?? 1, severity: 'error', message: e.message });
    } else {
      const message = e instanceof RangeError ? 'program too deeply nested' : `internal compiler error: ${e instanceof Error ? e.message : String(e)}`;
      diagnostics.push({ file: fileName, line: 1, column: 1, endColumn: 1, severity: 'error', message });
    }
    return { asm: '', lines: [], diagnostics: sortDiagnostics(diagnostics) };
  }
}

/**
 * Keeps each file's messages in source order, as gcc prints them; a note stays right after the
 * message it explains.
 */
function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const keyed: { d: Diagnostic; line: number; i: number }[] = [];
  for (const [i, d] of ds.entries()) {
    const prev = keyed[keyed.length - 1];
    keyed.push({ d, line: d.severity === 'note' && prev ? prev.line : d.line, i });
  }
  return keyed
    .sort((a, b) => (a.d.file === b.d.file ? a.line - b.line || a.i - b.i : a.i - b.i))
    .map((x) => x.d);
}
