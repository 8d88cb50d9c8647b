// The toolchain driver: a set of in-memory source files in, one linked RV64 ELF plus
// diagnostics and a line table out — what the Run button and `forklab cc` need.
//
// Plan of a build: compile every session .c/.S/.s file to an object (cpp -> cc -> as), build
// or fetch the user library (crt0 + libc, compiled from resources/user by this same
// toolchain, cached by content hash), link crt0 first, then the user's objects, with libc's
// objects as archive members (only those needed are linked, so a program may define its own
// version of a library function nothing else uses).
// Stages are passed in as a `Stages` object so the driver stays independent of how each stage
// is built, and tests can substitute a stage. Nothing here throws: a stage that fails is
// reported as a diagnostic and the build stops before the stages that depend on it.
//
// File naming: session files are known by their own names ("main.c", "util/list.h"); the user
// library is mounted under /forklab, so <stdio.h> resolves to /forklab/include/stdio.h and
// diagnostics inside it name that path.

import { hasErrors, type Diagnostic } from './diagnostics';
import { normalizePath, type PreprocessOptions, type PreprocessResult, type SourceProvider } from './cpp/index';

/** One row of the line table: the instruction at `addr` came from file:line:column. */
export interface LineEntry {
  addr: bigint;
  file: string;
  line: number;
  column: number;
  isStmt: boolean;
}

/** The stage functions, with the signatures each stage's index.ts exports. */
export interface Stages {
  preprocess(file: string, text: string, opts: PreprocessOptions): PreprocessResult;
  /** `lines`, when given, are the lines of `asm` (which may then be made only when read). */
  compileToAsm(preprocessed: string, fileName: string): { readonly asm: string; readonly lines?: readonly string[]; diagnostics: Diagnostic[] };
  assemble(source: string, fileName: string): { object: Uint8Array; diagnostics: Diagnostic[] };
  /** Assembles the compiler's `lines` as their text joined by newlines (optional: saves the join). */
  assembleLines?(lines: readonly string[], fileName: string): { object: Uint8Array; diagnostics: Diagnostic[] };
  /** `library` members are linked like a static archive: only those that resolve something. */
  link(
    objects: { name: string; bytes: Uint8Array }[],
    opts?: { entry?: string; textBase?: bigint; library?: { name: string; bytes: Uint8Array }[] },
  ): { elf: Uint8Array; diagnostics: Diagnostic[] };
  readLineTable(elf: Uint8Array): LineEntry[];
}

/**
 * ForkLab's user library (resources/user): path relative to that folder -> contents, for
 * example "include/stdio.h", "lib/printf.c", "lib/crt0.S". The host reads it from disk.
 */
export type UserLibrary = Record<string, string>;

/** Where the user library is mounted in the include namespace. */
export const LIBRARY_ROOT = '/forklab';
export const SYSTEM_INCLUDE_DIR = `${LIBRARY_ROOT}/include`;

export interface BuildOptions {
  /** The user library; without it nothing is linked but the session's own files. */
  library?: UserLibrary;
  /** Extra include directories (session paths), searched before the system directory. */
  includeDirs?: string[];
  /** -D definitions for every session file. */
  defines?: Record<string, string>;
  /** -U names for every session file. */
  undefines?: string[];
  /** Entry symbol (default `_start`, from crt0). */
  entry?: string;
  /**
   * Serves session paths that are not in `files` (the CLI reads headers from disk this way);
   * in-memory builds leave it out.
   */
  fallback?: SourceProvider;
  /**
   * A persistent home for the compiled library (the CLI keeps it on disk between runs); the
   * in-process cache is always used first.
   */
  libraryStore?: LibraryStore;
}

/** Persistent storage for compiled library objects, by key (content hash + toolchain id). */
export interface LibraryStore {
  load(key: string): LibraryObjects | undefined;
  save(key: string, objects: LibraryObjects): void;
}

export interface BuildResult {
  elf?: Uint8Array;
  diagnostics: Diagnostic[];
  lines: LineEntry[];
}

/** What a single-file step produces (for `forklab cc -E/-S/-c`). */
export interface FileResult {
  /** Preprocessed text (-E) or assembly (-S). */
  text?: string;
  /** Relocatable object (-c). */
  object?: Uint8Array;
  diagnostics: Diagnostic[];
}

export type StopAfter = 'preprocess' | 'compile' | 'assemble';

type SourceKind = 'c' | 'asm-cpp' | 'asm';

/** How a file is built, from its extension; undefined for headers and other files. */
export function sourceKind(name: string): SourceKind | undefined {
  if (name.endsWith('.c')) return 'c';
  if (name.endsWith('.S')) return 'asm-cpp';
  if (name.endsWith('.s')) return 'asm';
  return undefined;
}

/** A SourceProvider over the session files plus the user library mounted at /forklab. */
export function makeProvider(files: Record<string, string>, library: UserLibrary | undefined, fallback?: SourceProvider): SourceProvider {
  const session = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) session.set(normalizePath(name), text);
  const prefix = LIBRARY_ROOT + '/';
  return {
    read(path: string): string | undefined {
      if (path.startsWith(prefix)) {
        const rel = path.slice(prefix.length);
        return library !== undefined && Object.prototype.hasOwnProperty.call(library, rel) ? library[rel] : undefined;
      }
      const p = normalizePath(path);
      return session.get(p) ?? fallback?.read(p);
    },
  };
}

/** True for files of the user library (its headers count as system headers). */
export function isLibraryPath(file: string): boolean {
  return file.startsWith(LIBRARY_ROOT + '/');
}

/** Runs `fn`, turning an exception (a bug in a stage) into a diagnostic. */
function guarded<T>(stage: string, file: string, diagnostics: Diagnostic[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    const message = `internal error in the ${stage}: ${e instanceof Error ? e.message : String(e)}`;
    diagnostics.push({ file, line: 1, column: 1, endColumn: 1, severity: 'error', message });
    return undefined;
  }
}

/**
 * Builds one source file up to `stopAfter` (default: an object). `name` must be a key of
 * `files` (or a /forklab library path, with `provider` serving it).
 */
export function buildFile(
  stages: Stages,
  name: string,
  text: string,
  provider: SourceProvider,
  opts: { includeDirs?: string[]; defines?: Record<string, string>; undefines?: string[]; stopAfter?: StopAfter; hasLibrary: boolean },
): FileResult {
  const diagnostics: Diagnostic[] = [];
  const kind = sourceKind(name) ?? 'c';
  const stopAfter = opts.stopAfter ?? 'assemble';
  let asm = text;
  let lines: readonly string[] | undefined;
  if (kind !== 'asm') {
    const includeDirs = [...(opts.includeDirs ?? []), ...(opts.hasLibrary ? [SYSTEM_INCLUDE_DIR] : [])];
    const pre = guarded('preprocessor', name, diagnostics, () =>
      stages.preprocess(name, text, { includeDirs, defines: opts.defines, undefines: opts.undefines, provider, assembler: kind === 'asm-cpp' }),
    );
    if (pre === undefined) return { diagnostics };
    diagnostics.push(...pre.diagnostics);
    if (stopAfter === 'preprocess' || hasErrors(diagnostics)) return { text: pre.text, diagnostics };
    asm = pre.text;
    if (kind === 'c') {
      const cc = guarded('compiler', name, diagnostics, () => stages.compileToAsm(pre.text, name));
      if (cc === undefined) return { diagnostics };
      diagnostics.push(...cc.diagnostics);
      if (stopAfter === 'compile' || hasErrors(diagnostics)) return { text: cc.asm, diagnostics };
      if (cc.lines !== undefined && stages.assembleLines !== undefined) lines = cc.lines;
      else asm = cc.asm;
    }
  }
  if (stopAfter === 'compile') return { text: asm, diagnostics };
  const as = guarded('assembler', name, diagnostics, () =>
    lines !== undefined ? stages.assembleLines!(lines, name) : stages.assemble(asm, name),
  );
  if (as === undefined) return { diagnostics };
  diagnostics.push(...as.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { object: as.object, diagnostics };
}

/** Library objects, compiled once per library content (see libc.ts). */
export interface LibraryObjects {
  crt0?: { name: string; bytes: Uint8Array };
  objects: { name: string; bytes: Uint8Array }[];
  diagnostics: Diagnostic[];
}

/**
 * Compiles and links a program. Session files ending in .c, .S or .s are compiled; the others
 * (headers) are only included. `libraryObjects` supplies crt0 and libc (see libc.ts).
 */
export function buildProgramWith(
  stages: Stages,
  files: Record<string, string>,
  opts: BuildOptions,
  libraryObjects: (library: UserLibrary) => LibraryObjects,
): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const provider = makeProvider(files, opts.library, opts.fallback);
  const objects: { name: string; bytes: Uint8Array }[] = [];
  const sources = Object.keys(files)
    .filter((n) => sourceKind(n) !== undefined)
    .sort();
  if (sources.length === 0) {
    diagnostics.push({ file: '<command-line>', line: 1, column: 1, endColumn: 1, severity: 'error', message: 'no input files' });
    return { diagnostics, lines: [] };
  }
  for (const name of sources) {
    const r = buildFile(stages, name, files[name]!, provider, {
      includeDirs: opts.includeDirs,
      defines: opts.defines,
      undefines: opts.undefines,
      hasLibrary: opts.library !== undefined,
    });
    diagnostics.push(...r.diagnostics.filter((d) => d.severity === 'error' || !isLibraryPath(d.file)));
    if (r.object !== undefined) objects.push({ name, bytes: r.object });
  }
  if (hasErrors(diagnostics)) return { diagnostics, lines: [] };

  const linkInputs = [...objects];
  let archive: { name: string; bytes: Uint8Array }[] = [];
  if (opts.library !== undefined) {
    const lib = libraryObjects(opts.library);
    // like gcc with system headers: the library's warnings are not the student's business
    diagnostics.push(...lib.diagnostics.filter((d) => d.severity === 'error'));
    if (hasErrors(lib.diagnostics)) return { diagnostics, lines: [] };
    if (lib.crt0 !== undefined) linkInputs.unshift(lib.crt0);
    archive = lib.objects;
  }
  const linked = guarded('linker', '<link>', diagnostics, () => stages.link(linkInputs, { entry: opts.entry ?? '_start', library: archive }));
  if (linked === undefined) return { diagnostics, lines: [] };
  diagnostics.push(...linked.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics, lines: [] };
  const lines = guarded('line table reader', '<link>', diagnostics, () => stages.readLineTable(linked.elf)) ?? [];
  return { elf: linked.elf, diagnostics, lines };
}

/** The text of the source line a diagnostic points at, for gcc-style carets. */
export function diagnosticSourceLine(d: Diagnostic, files: Record<string, string>, library?: UserLibrary, fallback?: SourceProvider): string | undefined {
  const text = makeProvider(files, library, fallback).read(d.file);
  if (text === undefined) return undefined;
  return text.split('\n')[d.line - 1]?.replace(/\r$/, '');
}
