// Public face of ForkLab's C preprocessor: C or assembler source plus an include resolver in,
// gcc -E style text (with `# LINE "FILE" FLAGS` line markers) and diagnostics out.
// The output is what the compiler (src/toolchain/cc) and the assembler read; markers follow
// gcc's format: `# 1 "main.c"`, `# 1 "/forklab/include/stdio.h" 1` on entering an include,
// `# 12 "main.c" 2` on returning.

import { Preprocessor, type PreprocessOptions, type PreprocessResult, type SourceProvider } from './preprocess';

export type { PreprocessOptions, PreprocessResult, SourceProvider };
export { FIXED_DATE, FIXED_TIME, PREDEFINED } from './predefined';
export { normalizePath, joinPath, dirName } from './preprocess';

/** Preprocesses one translation unit. Never throws; errors come back as diagnostics. */
export function preprocess(file: string, text: string, opts: PreprocessOptions): PreprocessResult {
  return new Preprocessor(opts).run(file, text);
}

/** A SourceProvider over in-memory files (path -> text). */
export function memoryProvider(files: Record<string, string>): SourceProvider {
  return { read: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined) };
}
