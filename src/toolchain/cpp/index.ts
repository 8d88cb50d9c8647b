// Public face of ForkLab's C preprocessor: C or assembler source plus an include resolver in,
// gcc -E style text (with `# LINE "FILE" FLAGS` line markers) and diagnostics out.
// The output is what the compiler (src/toolchain/cc) and the assembler read; markers follow
// gcc's format: `# 1 "main.c"`, `# 1 "/forklab/include/stdio.h" 1` on entering an include,
// `# 12 "main.c" 2` on returning.
//
// What it does (C11 6.10, checked token for token against riscv64-linux-gnu-cpp -P):
//   #include "..." / <...> / computed, #pragma once, include guards (a guarded header is not
//   re-read), object- and function-like macros with Prosser's hide sets, # and ##,
//   placemarkers, __VA_ARGS__, __VA_OPT__, GNU `, ## __VA_ARGS__` and `args...`,
//   #if/#elif/#else/#endif/#ifdef/#ifndef/#elifdef/#elifndef with intmax_t arithmetic,
//   defined, __has_include, #undef, #line (and gcc's `# N "file"`), #error, #warning,
//   _Pragma, line splices, comments, CR/LF/CRLF line ends, digraphs.
//   Predefined: see predefined.ts (riscv64 lp64 type model, __FORKLAB__; fixed __DATE__ and
//   __TIME__ so builds are reproducible). Assembler mode (.S) as gcc's assembler-with-cpp.
// Where it differs from gcc on purpose:
//   - #pragma lines other than `once` are dropped, not passed on (ForkLab's compiler has none).
//   - An unterminated string or char literal is an error, not a warning (the compile would
//     fail on it anyway); inside skipped groups it is not reported at all.
//   - Unexpanded tokens keep their source column in the output (padding with spaces), so a
//     compiler error's line:column matches the editor; tokens of a macro expansion carry the
//     invocation's position.
// Limits (each ends in a diagnostic, never a hang): include depth 200, macro argument
// nesting 200, macro chains 512 deep, 4M tokens produced by expansion, 8M characters of
// output, #if expressions nested 256 deep.
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
