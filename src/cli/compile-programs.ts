// `forklab run FILE.c ...`: the session's C files compiled with the user library from disk.
// A module of its own so the run command imports the toolchain in one piece, and only when
// there is something to compile: the build makes it a part of the CLI of its own
// (scripts/build-cli.mjs), so `forklab run` without C files never reads it.
import { compileSessionPrograms, type CompiledPrograms } from '../lab/build';
import { diskLibraryStore } from './cc';
import { loadUserFiles } from './resources';

/** Compile `texts` (file name -> C source) as the session's programs. */
export function compileRunPrograms(texts: Record<string, string>): CompiledPrograms {
  return compileSessionPrograms(loadUserFiles(), texts, diskLibraryStore());
}
