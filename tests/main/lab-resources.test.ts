import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLabResources } from '../../src/main/lab-resources';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forklab-res-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lab resources for the utility process', () => {
  test('reads the kernel image and the user text files by path relative to user/, skipping build outputs', async () => {
    await mkdir(join(dir, 'kernel', 'build'), { recursive: true });
    await writeFile(join(dir, 'kernel', 'build', 'kernel.elf'), new Uint8Array([0x7f, 0x45, 0x4c, 0x46]));
    await mkdir(join(dir, 'user', 'include', 'sys'), { recursive: true });
    await mkdir(join(dir, 'user', 'build'), { recursive: true });
    await writeFile(join(dir, 'user', 'include', 'sys', 'wait.h'), '#pragma once\n');
    await writeFile(join(dir, 'user', 'user.ld'), 'ENTRY(_start)\n');
    await writeFile(join(dir, 'user', 'build', 'cow.c'), 'generated');
    await writeFile(join(dir, 'user', 'Makefile'), 'all:\n');
    const r = await loadLabResources(dir);
    expect([...r.kernel]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(r.userFiles).toEqual({ 'include/sys/wait.h': '#pragma once\n', 'user.ld': 'ENTRY(_start)\n' });
  });

  test('says where the kernel image was expected when it is missing', async () => {
    await expect(loadLabResources(dir)).rejects.toThrow(/kernel image is missing at .*kernel\.elf/);
  });

  test('loads the repository resources the app ships', async () => {
    const r = await loadLabResources('resources');
    expect([...r.kernel.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(Object.keys(r.userFiles)).toContain('tests/cow.c');
  });
});
