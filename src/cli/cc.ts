// `forklab cc`: ForkLab's own C toolchain on the command line, gcc-style.
//
//   forklab cc FILE.c ... [-o OUT] [-E | -S | -c] [-I DIR] [-D NAME[=VAL]] [-U NAME] [--nostdlib]
//
// Without -E/-S/-c the files are compiled and linked with crt0 and libc from resources/user
// (built by the same toolchain) into an RV64 ELF (default a.out). -E writes preprocessed text
// (stdout unless -o), -S assembly (FILE.s), -c objects (FILE.o). Diagnostics go to stderr in
// gcc's form with the source line and a caret; any error gives exit status 1, bad usage 2.
// Common gcc flags that do not apply (-O2, -Wall, -g, -std=c11, ...) are accepted and ignored.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildProgram,
  buildSingleFile,
  deserializeLibrary,
  diagnosticSourceLine,
  formatDiagnostic,
  hasErrors,
  libraryHash,
  serializeLibrary,
  sourceKind,
  type Diagnostic,
  type LibraryStore,
  type SourceProvider,
  type StopAfter,
  type UserLibrary,
} from '../toolchain/index';

const usage = 'usage: forklab cc FILE.c ... [-o OUT] [-E | -S | -c] [-I DIR] [-D NAME[=VAL]] [-U NAME] [--nostdlib]\n';

interface CcArgs {
  inputs: string[];
  output?: string;
  stopAfter?: StopAfter;
  includeDirs: string[];
  defines: Record<string, string>;
  undefines: string[];
  nostdlib: boolean;
}

function parseArgs(args: string[]): CcArgs | string {
  const r: CcArgs = { inputs: [], includeDirs: [], defines: {}, undefines: [], nostdlib: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (flag: string): string | undefined => (a.length > flag.length ? a.slice(flag.length) : args[++i]);
    if (a === '-E') r.stopAfter = 'preprocess';
    else if (a === '-S') r.stopAfter = 'compile';
    else if (a === '-c') r.stopAfter = 'assemble';
    else if (a === '--nostdlib' || a === '-nostdlib') r.nostdlib = true;
    else if (a.startsWith('-o')) {
      const v = value('-o');
      if (v === undefined) return "missing filename after '-o'";
      r.output = v;
    } else if (a.startsWith('-I')) {
      const v = value('-I');
      if (v === undefined) return "missing path after '-I'";
      r.includeDirs.push(v);
    } else if (a.startsWith('-D')) {
      const v = value('-D');
      if (v === undefined) return "macro name missing after '-D'";
      const eq = v.indexOf('=');
      // gcc: -DNAME means NAME=1
      if (eq < 0) r.defines[v] = '1';
      else r.defines[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (a.startsWith('-U')) {
      const v = value('-U');
      if (v === undefined) return "macro name missing after '-U'";
      r.undefines.push(v);
      delete r.defines[v];
    } else if (/^-(O[0-3sgz]?|g[0-9]?|W.*|w|std=(c|gnu)(89|99|11|17|18)|pedantic|ffreestanding|fno-builtin|static|nostdinc)$/.test(a)) {
      // gcc habits (optimisation, warnings, debug info, dialect) are accepted and ignored:
      // ForkLab has one fixed set of these
    } else if (a.startsWith('-') && a !== '-') return `unrecognized command-line option '${a}'`;
    else r.inputs.push(a);
  }
  if (r.inputs.length === 0) return 'no input files';
  return r;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Text files under root/dirs, by path relative to root. */
function readTree(root: string, dirs: string[], pattern: RegExp): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(join(root, rel)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = `${rel}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (pattern.test(name)) files[path] = readFileSync(join(root, path), 'utf8');
    }
  };
  for (const d of dirs) walk(d);
  return files;
}

/** The user library (headers and library sources) from the checkout's resources/user. */
export function loadUserLibrary(): UserLibrary {
  return readTree(join(repoRoot, 'resources/user'), ['include', 'lib'], /\.(c|h|S|s)$/);
}

/**
 * Keeps the compiled libc in node_modules/.cache/forklab between runs, keyed by the library's
 * content and by a hash of the toolchain's own sources, so a changed compiler never reuses
 * objects made by an older one.
 */
export function diskLibraryStore(): LibraryStore {
  const dir = join(repoRoot, 'node_modules/.cache/forklab');
  const toolchainId = libraryHash(readTree(repoRoot, ['src/toolchain'], /\.ts$/));
  const file = (key: string) => join(dir, `libc-${toolchainId}-${key}.json`);
  return {
    load: (key) => {
      try {
        return deserializeLibrary(readFileSync(file(key), 'latin1'));
      } catch {
        return undefined;
      }
    },
    save: (key, lib) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file(key), serializeLibrary(lib), 'latin1');
    },
  };
}

/** Session paths not given on the command line (included headers) are read from disk. */
const diskProvider: SourceProvider = {
  read(path: string): string | undefined {
    try {
      return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};

export async function ccCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`forklab cc: ${parsed === 'no input files' ? 'fatal error: ' : 'error: '}${parsed}\n${usage}`);
    return parsed === 'no input files' ? 1 : 2;
  }
  const files: Record<string, string> = {};
  for (const input of parsed.inputs) {
    const text = diskProvider.read(input);
    if (text === undefined) {
      process.stderr.write(`forklab cc: error: ${input}: No such file or directory\n`);
      return 1;
    }
    if (sourceKind(input) === undefined) {
      process.stderr.write(`forklab cc: error: ${input}: file format not recognized (expected .c, .S or .s)\n`);
      return 1;
    }
    files[input] = text;
  }
  if (parsed.output !== undefined && parsed.stopAfter !== undefined && parsed.stopAfter !== 'preprocess' && parsed.inputs.length > 1) {
    process.stderr.write("forklab cc: fatal error: cannot specify '-o' with '-c' or '-S' with multiple files\n");
    return 1;
  }
  const library = parsed.nostdlib ? undefined : loadUserLibrary();
  const opts = {
    library,
    includeDirs: parsed.includeDirs,
    defines: parsed.defines,
    undefines: parsed.undefines,
    fallback: diskProvider,
    libraryStore: library === undefined ? undefined : diskLibraryStore(),
  };
  const diagnostics: Diagnostic[] = [];
  let failed = false;

  if (parsed.stopAfter === undefined) {
    const r = buildProgram(files, opts);
    diagnostics.push(...r.diagnostics);
    if (r.elf !== undefined && !hasErrors(r.diagnostics)) writeFileSync(parsed.output ?? 'a.out', r.elf, { mode: 0o755 });
    else failed = true;
  } else {
    const preprocessed: string[] = [];
    for (const input of parsed.inputs) {
      const r = buildSingleFile(input, files, { ...opts, stopAfter: parsed.stopAfter });
      diagnostics.push(...r.diagnostics);
      if (hasErrors(r.diagnostics)) {
        failed = true;
        continue;
      }
      if (parsed.stopAfter === 'preprocess') preprocessed.push(r.text ?? '');
      else if (parsed.stopAfter === 'compile') writeFileSync(parsed.output ?? replaceExt(input, '.s'), r.text ?? '');
      else writeFileSync(parsed.output ?? replaceExt(input, '.o'), r.object ?? new Uint8Array(0));
    }
    if (parsed.stopAfter === 'preprocess' && !failed) {
      if (parsed.output !== undefined) writeFileSync(parsed.output, preprocessed.join(''));
      else process.stdout.write(preprocessed.join(''));
    }
  }
  for (const d of diagnostics) {
    process.stderr.write(formatDiagnostic(d, diagnosticSourceLine(d, files, library, diskProvider)));
  }
  return failed || hasErrors(diagnostics) ? 1 : 0;
}

/** gcc writes `dir/x.c -c` to `x.o` in the current directory. */
function replaceExt(input: string, ext: string): string {
  const base = basename(input);
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) + ext;
}
