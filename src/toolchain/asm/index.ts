// The assembler's public API: GNU as syntax for RV64 in, an ELF64 relocatable object out, with
// diagnostics instead of exceptions. See docs/assembler.md for the accepted language.

import type { Diagnostic } from '../diagnostics';
import { hasErrors } from '../diagnostics';
import { Assembler } from './assembler';
import { resolveFixups } from './fixups';
import { emitLineTable, writeObject } from './object';

export interface AssembleResult {
  /** ELF64 REL image; empty when there were errors. */
  readonly object: Uint8Array;
  readonly diagnostics: Diagnostic[];
}

/**
 * Assembles `source` (named `fileName` in diagnostics): text, or the lines of a text as the C
 * compiler hands them over (the same object as assembling `lines.join('\n')`). Never throws.
 */
export function assemble(source: string | readonly string[], fileName: string): AssembleResult {
  const a = new Assembler(fileName);
  try {
    a.run(source);
    a.finishLineTable();
    emitLineTable(a);
    resolveFixups(a);
    const object = writeObject(a);
    return { object: hasErrors(a.diagnostics) ? new Uint8Array(0) : object, diagnostics: a.diagnostics };
  } catch (e) {
    // A bug in the assembler must still come back as a diagnostic, never as an exception.
    a.error(`internal assembler error: ${e instanceof Error ? e.message : String(e)}`);
    return { object: new Uint8Array(0), diagnostics: a.diagnostics };
  }
}
