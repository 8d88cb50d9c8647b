// The session's files as the student manages them: new, rename, delete, and examples as
// templates (opening one makes an editable copy; the original can always be had again). Pure
// functions over AppState, so the rules are unit-tested; the sidebar and the editor call them.
import { isSessionFileName } from '../../common/app-api';
import { INITRD_NAME_MAX } from '../../lab/initrd';
import type { MessageKey } from '../i18n/messages';
import { openTab, type AppState } from './store';

/** What a new file starts with: the smallest program that runs and prints. */
export const NEW_FILE_TEXT = `#include <stdio.h>
#include <unistd.h>

int main(void) {
    printf("hello from pid %d\\n", getpid());
    return 0;
}
`;

/** Why `name` cannot be a session file (a message key), or null when it can. */
export function fileNameProblem(s: AppState, name: string, renaming?: string): MessageKey | null {
  if (!/\.(c|h)$/.test(name)) return 'fileNameExt';
  if (!isSessionFileName(name)) return 'fileNameChars';
  // A .c file is a program the kernel runs by its stem (the initrd's name field).
  if (name.endsWith('.c') && name.length - 2 > INITRD_NAME_MAX) return 'fileNameLong';
  if (name !== renaming && name in s.files) return 'fileNameTaken';
  return null;
}

/** A free name like `prog.c`, `prog2.c`, ... */
export function freshName(s: AppState, stem = 'prog', ext = '.c'): string {
  for (let i = 1; ; i++) {
    const name = `${stem}${i === 1 ? '' : i}${ext}`;
    if (!(name in s.files)) return name;
  }
}

/** Adds a file (the new-file template for .c, empty for .h) and opens it. */
export function createFile(s: AppState, name: string, text = name.endsWith('.c') ? NEW_FILE_TEXT : ''): AppState {
  if (fileNameProblem(s, name) !== null) return s;
  return openTab({ ...s, files: { ...s.files, [name]: text } }, name);
}

/** Renames a file, keeping its place among the tabs and whether it is active. */
export function renameFile(s: AppState, from: string, to: string): AppState {
  if (from === to || !(from in s.files) || fileNameProblem(s, to, from) !== null) return s;
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(s.files)) files[name === from ? to : name] = text;
  return {
    ...s,
    files,
    open: s.open.map((n) => (n === from ? to : n)),
    active: s.active === from ? to : s.active,
    diagnostics: s.diagnostics.filter((d) => d.file !== from),
  };
}

/** Deletes a file from the session (its tab closes; the others stay). */
export function deleteFile(s: AppState, name: string): AppState {
  if (!(name in s.files)) return s;
  const { [name]: _gone, ...files } = s.files;
  const open = s.open.filter((n) => n !== name);
  const active = s.active === name ? (open[Math.max(0, s.open.indexOf(name) - 1)] ?? null) : s.active;
  return { ...s, files, open, active, diagnostics: s.diagnostics.filter((d) => d.file !== name) };
}

// Opening an example is store.addExample: the session's copy when there is one (a click never
// overwrites the student's work), else a fresh copy of the original.

/** True when `file` is a copy of the example `original` that the student has changed. */
export function isEditedExample(s: AppState, file: string, original: string | undefined): boolean {
  return original !== undefined && file in s.files && s.files[file] !== original;
}

/** Puts the example's original text back into its session copy. */
export function restoreExample(s: AppState, file: string, original: string): AppState {
  if (s.files[file] === original) return openTab(s, file);
  return openTab({ ...s, files: { ...s.files, [file]: original } }, file);
}
