// Finds the bundled resources (kernel image, user library, built programs) from the command line: the CLI runs
// from a checkout, so they sit at fixed places relative to this file.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageSource, InitrdProgram } from '../lab/initrd';

export function repoRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '../..');
}

const TEXT_FILE = /\.(c|h|S|s|ld)$/;

/**
 * A file's bytes as a plain Uint8Array over the Buffer node read them into, without copying:
 * the copy (`new Uint8Array(readFileSync(f))`) cost a lab run ~1 MB of fresh pages, ~13 us a
 * page on these VMs (docs/perf.md, "Page faults and the entry"). A small file's Buffer sits in
 * node's shared pool; that one is copied, so no caller sees the pool through `.buffer`.
 */
export function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength
    ? new Uint8Array(b.buffer, 0, b.byteLength)
    : new Uint8Array(b);
}

/**
 * A file as an initrd image that reads itself into place (initrd.ts ImageSource): its size
 * now, its bytes when the initrd is written into guest RAM, without a buffer of their own in
 * between (docs/perf.md, "The programs read into guest RAM"). A missing file throws now; one
 * whose size has changed by the time it is read throws then, naming it.
 */
export function imageFile(path: string): ImageSource {
  const length = statSync(path).size;
  const changed = (): Error => new Error(`${path} changed size while ForkLab was starting; run again`);
  return {
    length,
    readInto(dest: Uint8Array): void {
      const fd = openSync(path, 'r');
      try {
        // fstat on the open file: a file replaced meanwhile is not read as the old one's size.
        if (fstatSync(fd).size !== length || dest.length !== length) throw changed();
        for (let done = 0; done < length;) {
          const n = readSync(fd, dest, done, length - done, done);
          if (n === 0) throw changed();
          done += n;
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Every text source under resources/user (headers, libc, crt0, examples), by path relative to it. */
export function loadUserFiles(): Record<string, string> {
  const base = join(repoRoot(), 'resources/user');
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'build') walk(path);
      } else if (TEXT_FILE.test(name)) {
        files[relative(base, path)] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(base);
  return files;
}

/**
 * The bundled gcc-built programs (resources/user/build/*.elf), sorted by file name: what
 * `forklab run` packs into its initrd when it is given no files, so the bench's QEMU side
 * packs the same programs in the same order.
 */
export function loadBuiltPrograms(): InitrdProgram[] {
  const dir = join(repoRoot(), 'resources/user/build');
  return readdirSync(dir).filter((f) => f.endsWith('.elf')).sort()
    .map((f) => ({ name: basename(f, '.elf'), elf: imageFile(join(dir, f)) }));
}
