// The bytes of the wasm interpreter's and the blocks' entry modules kept in the CLI's build
// directory (out/cli-<id>/, beside main.cjs and its code caches: scripts/build-cli.mjs), so a
// `forklab run` compiles them without emitting them (src/emulator/wasm/interp.ts,
// InterpreterStore, keptModule). Only when running
// from a build: a build directory holds one version of the emulator, and a rebuild makes a
// new one, so stored bytes never outlive the code that made them. Run from the sources (tsx)
// there is no such directory, and nothing is kept.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setInterpreterStore } from '../emulator/wasm/interp';

/** The build directory this code was loaded from, or null when it runs from the sources. */
function buildDir(): string | null {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith('.cjs') ? dirname(self) : null;
}

/** Keep those modules' bytes in the build directory, when there is one. */
export function keepInterpreterInBuild(): void {
  const dir = buildDir();
  if (dir === null) return;
  const file = (key: string): string => join(dir, `${key}.wasm`);
  setInterpreterStore({
    load(key) {
      try {
        return readFileSync(file(key));
      } catch {
        return null;
      }
    },
    save(key, bytes) {
      // A temporary name renamed into place: starts in parallel never read half a file.
      try {
        const tmp = `${file(key)}.${process.pid}.tmp`;
        writeFileSync(tmp, bytes);
        renameSync(tmp, file(key));
      } catch {
        // A read-only build directory: the next start emits the bytes again.
      }
    },
  });
}
