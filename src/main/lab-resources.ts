// Loads what the lab host needs from disk for the utility process: the kernel image and the
// user-space text files (headers, libc sources, crt0, linker script, examples). In a packaged
// app they sit in process.resourcesPath (electron-builder extraResources); in development, in
// the repository's resources/ folder. Only text files are read into `userFiles`.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Mirrors src/lab/host.ts's LabResources. */
export interface LabResourcesData {
  kernel: Uint8Array;
  userFiles: Record<string, string>;
}

export const USER_TEXT_FILE = /\.(c|h|S|s|ld)$/;

export async function loadLabResources(resourcesDir: string): Promise<LabResourcesData> {
  const kernelPath = join(resourcesDir, 'kernel', 'build', 'kernel.elf');
  let kernel: Uint8Array;
  try {
    kernel = new Uint8Array(await readFile(kernelPath));
  } catch (err) {
    throw new Error(`the lab kernel image is missing at ${kernelPath} (${(err as Error).message}); build it with \`npm run kernel\``);
  }
  const userDir = join(resourcesDir, 'user');
  const userFiles: Record<string, string> = {};
  for (const file of await listFiles(userDir)) {
    const rel = relative(userDir, file).split(sep).join('/');
    if (USER_TEXT_FILE.test(rel) && !rel.startsWith('build/')) userFiles[rel] = await readFile(file, 'utf8');
  }
  return { kernel, userFiles };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}
