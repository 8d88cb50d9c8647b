// Finds the bundled resources (kernel image, user library) from the command line: the CLI runs
// from a checkout, so they sit at fixed places relative to this file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '../..');
}

const TEXT_FILE = /\.(c|h|S|s|ld)$/;

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
