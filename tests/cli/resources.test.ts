// readBytes hands a file's bytes over without a copy where node's Buffer is the file's own,
// and never shows node's shared Buffer pool through `.buffer`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readBytes } from '../../src/cli/resources';

const dir = mkdtempSync(join(tmpdir(), 'forklab-readbytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, size: number): { path: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('readBytes', () => {
  test('a large file: its exact bytes, a plain Uint8Array whose buffer holds nothing else', () => {
    const { path, bytes } = file('large.bin', 100_000);
    const got = readBytes(path);
    expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype);
    expect(got.byteOffset).toBe(0);
    expect(got.buffer.byteLength).toBe(100_000);
    expect(got).toEqual(bytes);
  });

  test('a small file (node reads it into the shared pool): copied into a buffer of its own', () => {
    const { path, bytes } = file('small.bin', 10);
    const got = readBytes(path);
    expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype);
    expect(got.buffer.byteLength).toBe(10);
    expect(got).toEqual(bytes);
  });

  test('an empty file gives an empty array, a missing one throws', () => {
    expect(readBytes(file('empty.bin', 0).path)).toEqual(new Uint8Array(0));
    expect(() => readBytes(join(dir, 'missing.bin'))).toThrow(/ENOENT/);
  });
});
