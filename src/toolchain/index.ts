// ForkLab's toolchain API: compile a set of in-memory files to an RV64 ELF with diagnostics and
// a line table, in the same process, with no cross compiler installed.
//
//   buildProgram({ 'main.c': src }, { library })  -> { elf?, diagnostics, lines }
//
// The pipeline (see driver.ts) is cpp (src/toolchain/cpp) -> cc (src/toolchain/cc) -> as
// (src/toolchain/asm) -> ld (src/toolchain/link), with crt0 and libc from resources/user built
// by this same toolchain and cached (libc.ts). Pure TypeScript: the host (CLI, Electron utility
// process, web worker) reads resources/user and passes it in as a UserLibrary.

import { assemble } from './asm/index';
import { compileToAsm } from './cc/index';
import { preprocess } from './cpp/index';
import { link, readLineTable } from './link/index';
import {
  buildFile,
  buildProgramWith,
  makeProvider,
  type BuildOptions,
  type BuildResult,
  type FileResult,
  type LineEntry,
  type Stages,
  type StopAfter,
} from './driver';
import { cachedLibrary } from './libc';

export type { BuildOptions, BuildResult, FileResult, LibraryObjects, LibraryStore, LineEntry, Stages, StopAfter, UserLibrary } from './driver';
export { serializeLibrary, deserializeLibrary, libraryHash } from './libc';
export { LIBRARY_ROOT, SYSTEM_INCLUDE_DIR, diagnosticSourceLine, sourceKind } from './driver';
export { formatDiagnostic, hasErrors, type Diagnostic, type Severity } from './diagnostics';
export { preprocess, type SourceProvider } from './cpp/index';

/** ForkLab's own stages. */
export const forklabStages: Stages = {
  preprocess,
  compileToAsm,
  assemble,
  assembleLines: assemble,
  link,
  readLineTable,
};

/**
 * Compiles and links `files` (name -> text; .c, .S and .s files are compiled, others such as
 * headers are only included). With `opts.library`, <...> headers come from it and crt0 + libc
 * are linked in. Never throws.
 */
export function buildProgram(files: Record<string, string>, opts: BuildOptions = {}): BuildResult {
  return buildProgramWith(forklabStages, files, opts, (lib) => cachedLibrary(forklabStages, lib, opts.libraryStore));
}

/** Builds one file of `files` up to a stage: preprocessed text, assembly or an object. */
export function buildSingleFile(
  name: string,
  files: Record<string, string>,
  opts: BuildOptions & { stopAfter?: StopAfter } = {},
): FileResult {
  const text = files[name];
  if (text === undefined) {
    return { diagnostics: [{ file: name, line: 1, column: 1, endColumn: 1, severity: 'error', message: `${name}: No such file or directory` }] };
  }
  return buildFile(forklabStages, name, text, makeProvider(files, opts.library, opts.fallback), {
    includeDirs: opts.includeDirs,
    defines: opts.defines,
    undefines: opts.undefines,
    stopAfter: opts.stopAfter,
    hasLibrary: opts.library !== undefined,
  });
}

/** Line-table rows sorted by address, for mapping a PC to a source line. */
export function lineForAddress(lines: readonly LineEntry[], pc: bigint): LineEntry | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  let best: LineEntry | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = lines[mid]!;
    if (row.addr <= pc) {
      best = row;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}
