// Turns a session's sources into what a lab session boots: one ELF per program, packed into
// the initrd, and the bootargs that run them. Each .c file in the session is its own program
// (named after the file); .h files are shared headers. Compiled by ForkLab's own toolchain
// against the user library from resources/user.

import type { SessionFiles } from '../common/protocol';
import { buildProgram, formatDiagnostic, hasErrors, type Diagnostic, type LibraryStore, type UserLibrary } from '../toolchain';
import { appNames, checkAppName, defaultAppsSpec, type InitrdApp } from './initrd';

export { appNames, defaultAppsSpec } from './initrd';
import type { SessionOptions } from './session';

export interface LabResources {
  /** resources/kernel/build/kernel.elf */
  readonly kernel: Uint8Array;
  /** resources/user text files (headers, libc, crt0, examples) by path relative to resources/user. */
  readonly userFiles: UserLibrary;
}

export interface CompiledPrograms {
  readonly ok: boolean;
  readonly apps: InitrdApp[];
  readonly diagnostics: Diagnostic[];
  /** The diagnostics as gcc-style text with source lines, for a terminal. */
  readonly text: string[];
}

/** The program name for a session file: `cow.c` -> `cow`. */
export function programName(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.c$/, '');
}

/** `libraryStore` keeps the compiled user library between processes (the CLI's disk cache). */
export function compileSessionPrograms(userFiles: UserLibrary, files: SessionFiles, libraryStore?: LibraryStore): CompiledPrograms {
  const headers = Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.h')));
  const sources = Object.keys(files).filter((name) => name.endsWith('.c'));
  const apps: InitrdApp[] = [];
  const diagnostics: Diagnostic[] = [];
  const text: string[] = [];
  if (sources.length === 0) {
    diagnostics.push({ file: '(session)', line: 1, column: 1, endColumn: 1, severity: 'error', message: 'the session has no .c file to run' });
  }
  for (const file of sources) {
    const name = programName(file);
    const problem = checkAppName(name);
    if (problem) {
      diagnostics.push({ file, line: 1, column: 1, endColumn: 1, severity: 'error', message: `cannot run this file as a program: ${problem}` });
      continue;
    }
    const one = { ...headers, [file]: files[file]! };
    const built = buildProgram(one, { library: userFiles, ...(libraryStore ? { libraryStore } : {}) });
    diagnostics.push(...built.diagnostics);
    for (const d of built.diagnostics) {
      const line = (one[d.file] ?? userFiles[d.file])?.split('\n')[d.line - 1];
      text.push(formatDiagnostic(d, line));
    }
    if (built.elf && !hasErrors(built.diagnostics)) apps.push({ name, elf: built.elf });
  }
  return { ok: !hasErrors(diagnostics), apps, diagnostics, text };
}


export function buildSession(
  resources: LabResources,
  files: SessionFiles,
  apps: string | undefined,
  bootargs: string | undefined,
): { ok: true; diagnostics: Diagnostic[]; options: SessionOptions } | { ok: false; diagnostics: Diagnostic[] } {
  const compiled = compileSessionPrograms(resources.userFiles, files);
  // A run of named programs needs only those to compile: the other files' errors are still
  // reported (named by file), and their programs are left out of the initrd (an exec of one
  // fails in the guest as for any missing program).
  const needed = apps === undefined ? null : appNames(apps);
  const blocking = needed === null ? !compiled.ok : !needed.every((n) => compiled.apps.some((a) => a.name === n)) || compiled.apps.length === 0;
  if (blocking) return { ok: false, diagnostics: compiled.diagnostics };
  const args = bootargs ?? `apps=${apps ?? defaultAppsSpec(compiled.apps)}`;
  return { ok: true, diagnostics: compiled.diagnostics, options: { kernel: resources.kernel, apps: compiled.apps, bootargs: args } };
}
