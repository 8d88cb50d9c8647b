import { describe, expect, test } from 'vitest';
import { createFile, deleteFile, fileNameProblem, freshName, isEditedExample, NEW_FILE_TEXT, renameFile, restoreExample } from '../../../src/renderer/session/files';
import { addExample, closeTab, initialState } from '../../../src/renderer/session/store';

const s0 = initialState('en', 'light');

describe('session files', () => {
  test('a new file gets a free name, the runnable template, a tab and focus', () => {
    const a = createFile(s0, freshName(s0));
    expect(a.active).toBe('prog.c');
    expect(a.files['prog.c']).toBe(NEW_FILE_TEXT);
    expect(freshName(a)).toBe('prog2.c');
    expect(createFile(a, 'util.h').files['util.h']).toBe('');
  });

  test('refuses names that cannot be a session program or header', () => {
    const a = createFile(s0, 'mine.c');
    expect(fileNameProblem(a, 'mine.c')).toBe('fileNameTaken');
    expect(fileNameProblem(a, 'mine.c', 'mine.c')).toBeNull();
    expect(fileNameProblem(a, 'notes.txt')).toBe('fileNameExt');
    expect(fileNameProblem(a, 'my prog.c')).toBe('fileNameChars');
    expect(fileNameProblem(a, '../x.c')).toBe('fileNameChars');
    // the initrd holds at most 15 characters of a program's name
    expect(fileNameProblem(a, 'a234567890123456.c')).toBe('fileNameLong');
    expect(fileNameProblem(a, 'a23456789012345.c')).toBeNull();
    expect(createFile(a, 'bad name.c')).toBe(a);
  });

  test('rename keeps the text, the tab position and the focus', () => {
    const a = createFile(createFile(s0, 'one.c', 'text one'), 'two.c', 'text two');
    const b = renameFile(a, 'one.c', 'first.c');
    expect(b.files).toEqual({ 'first.c': 'text one', 'two.c': 'text two' });
    expect(b.open).toEqual(['first.c', 'two.c']);
    expect(b.active).toBe('two.c');
    expect(renameFile(b, 'two.c', 'first.c')).toBe(b);
  });

  test('closing a tab keeps the file; deleting removes it and its tab', () => {
    const a = createFile(createFile(s0, 'one.c', '1'), 'two.c', '2');
    const closed = closeTab(a, 'two.c');
    expect(closed.files['two.c']).toBe('2');
    const deleted = deleteFile(a, 'two.c');
    expect(deleted.files).toEqual({ 'one.c': '1' });
    expect(deleted.open).toEqual(['one.c']);
    expect(deleted.active).toBe('one.c');
  });

  test('an example opens as an editable copy and its original can be had again', () => {
    const opened = addExample(s0, 'cow.c', 'original');
    const edited = { ...opened, files: { 'cow.c': 'my edits' } };
    expect(isEditedExample(edited, 'cow.c', 'original')).toBe(true);
    // a second click opens the student's copy, untouched
    expect(addExample(edited, 'cow.c', 'original').files['cow.c']).toBe('my edits');
    const restored = restoreExample(edited, 'cow.c', 'original');
    expect(restored.files['cow.c']).toBe('original');
    expect(isEditedExample(restored, 'cow.c', 'original')).toBe(false);
    // deleted, then opened again: the original
    expect(addExample(deleteFile(edited, 'cow.c'), 'cow.c', 'original').files['cow.c']).toBe('original');
  });
});
