// readBytes hands a file's bytes over without a copy where node's Buffer is the file's own,
// and never shows node's shared Buffer pool through `.buffer`; imageFile reads a file into the
// place it is given, and says so when the file changed size in between.
import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { imageFile, readBytes } from '../../src/cli/resources';

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

describe('imageFile', () => {
  test('its size at once, its exact bytes into the place given (a window of dirty memory)', () => {
    const { path, bytes } = file('prog.elf', 70_000);
    const image = imageFile(path);
    expect(image.length).toBe(70_000);
    const ram = new Uint8Array(80_000).fill(0xee);
    image.readInto(ram.subarray(1000, 71_000));
    expect(ram.subarray(1000, 71_000)).toEqual(bytes);
    expect(ram[999]).toBe(0xee);
    expect(ram[71_000]).toBe(0xee);
  });

  test('a missing file throws at once; one that grew or shrank since throws, naming it', () => {
    expect(() => imageFile(join(dir, 'missing.elf'))).toThrow(/ENOENT/);
    const grown = file('grown.elf', 5000).path;
    const g = imageFile(grown);
    appendFileSync(grown, new Uint8Array(10));
    expect(() => g.readInto(new Uint8Array(5000))).toThrow(/grown\.elf changed size/);
    const shrunk = file('shrunk.elf', 5000).path;
    const s = imageFile(shrunk);
    truncateSync(shrunk, 100);
    expect(() => s.readInto(new Uint8Array(5000))).toThrow(/shrunk\.elf changed size/);
  });
});
