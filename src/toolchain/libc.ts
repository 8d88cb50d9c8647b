// Builds ForkLab's user library (crt0 + libc from resources/user) with ForkLab's own toolchain,
// and caches the objects by a hash of the library's contents, so only the first Run of a
// session pays for compiling libc. The same sources are built by gcc (resources/user/Makefile);
// the flags mirror it: include/ on the include path, every lib/*.c and lib/*.S compiled.
//
// The cache is keyed by the Stages object too, so a test that substitutes a stage never sees
// objects made by another toolchain.

import { hasErrors } from './diagnostics';
import { buildFile, LIBRARY_ROOT, makeProvider, type LibraryObjects, type Stages, type UserLibrary } from './driver';

/** The program entry object; linked first so _start opens the text segment. */
export const CRT0_PATH = 'lib/crt0.S';
/** Cached libraries kept per toolchain (a session rarely uses more than one). */
const MAX_CACHED = 4;

const caches = new WeakMap<Stages, Map<string, LibraryObjects>>();

/** FNV-1a (64-bit) over the sorted paths and contents: a stable content key, pure TS. */
export function libraryHash(library: UserLibrary): string {
  let h = 0xcbf29ce484222325n;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= BigInt(s.charCodeAt(i));
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    h ^= 0xffn; // separator, so ("ab","c") and ("a","bc") differ
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const path of Object.keys(library).sort()) {
    mix(path);
    mix(library[path]!);
  }
  return h.toString(16).padStart(16, '0');
}

/** Library sources to compile, in a fixed order (crt0 excluded). */
export function librarySources(library: UserLibrary): string[] {
  return Object.keys(library)
    .filter((p) => p.startsWith('lib/') && (p.endsWith('.c') || p.endsWith('.S') || p.endsWith('.s')) && p !== CRT0_PATH)
    .sort();
}

/** Compiles the whole library without caching. */
export function buildLibrary(stages: Stages, library: UserLibrary): LibraryObjects {
  const provider = makeProvider({}, library);
  const result: LibraryObjects = { objects: [], diagnostics: [] };
  const compile = (path: string): { name: string; bytes: Uint8Array } | undefined => {
    const name = `${LIBRARY_ROOT}/${path}`;
    const r = buildFile(stages, name, library[path]!, provider, { hasLibrary: true });
    result.diagnostics.push(...r.diagnostics);
    return r.object === undefined ? undefined : { name, bytes: r.object };
  };
  if (library[CRT0_PATH] !== undefined) result.crt0 = compile(CRT0_PATH);
  for (const path of librarySources(library)) {
    const o = compile(path);
    if (o !== undefined) result.objects.push(o);
  }
  if (hasErrors(result.diagnostics)) result.objects = [];
  return result;
}

/** The library's objects, compiled on first use and then served from the cache. */
export function cachedLibrary(stages: Stages, library: UserLibrary): LibraryObjects {
  let cache = caches.get(stages);
  if (cache === undefined) {
    cache = new Map();
    caches.set(stages, cache);
  }
  const key = libraryHash(library);
  let lib = cache.get(key);
  if (lib === undefined) {
    lib = buildLibrary(stages, library);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, lib);
  }
  return lib;
}
