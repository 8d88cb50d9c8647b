// Builds ForkLab's user library (crt0 + libc from resources/user) with ForkLab's own toolchain,
// and caches the objects by a hash of the library's contents, so only the first Run of a
// session pays for compiling libc. The same sources are built by gcc (resources/user/Makefile);
// the flags mirror it: include/ on the include path, every lib/*.c and lib/*.S compiled.
//
// The cache is keyed by the Stages object too, so a test that substitutes a stage never sees
// objects made by another toolchain.

import { hasErrors } from './diagnostics';
import { buildFile, LIBRARY_ROOT, makeProvider, type LibraryObjects, type LibraryStore, type Stages, type UserLibrary } from './driver';

/** The program entry object; linked first so _start opens the text segment. */
export const CRT0_PATH = 'lib/crt0.S';
/** Cached libraries kept per toolchain (a session rarely uses more than one). */
const MAX_CACHED = 4;

const caches = new WeakMap<Stages, Map<string, LibraryObjects>>();

/**
 * The content key last computed for each library object, with the texts it was computed from.
 * A host passes the same object build after build; hashing it again cost ~2 ms per build. The
 * key is reused only while every path maps to the very same string (===, which compares the
 * text whenever it is not the same string), so an edited or added file is rehashed.
 */
const keys = new WeakMap<UserLibrary, { texts: Map<string, string>; key: string }>();

function libraryKey(library: UserLibrary): string {
  const inputs = buildInputs(library);
  const known = keys.get(library);
  if (known !== undefined && sameTexts(known.texts, inputs)) return known.key;
  const key = libraryHash(inputs);
  keys.set(library, { texts: new Map(Object.entries(inputs)), key });
  return key;
}

function sameTexts(texts: Map<string, string>, inputs: UserLibrary): boolean {
  let n = 0;
  for (const path in inputs) {
    if (texts.get(path) !== inputs[path]) return false;
    n++;
  }
  return n === texts.size;
}

/**
 * FNV-1a (64-bit) over the sorted paths and contents: a stable content key, pure TS. The 64-bit
 * state is two 32-bit halves (BigInt arithmetic per character cost ~30 ms per build):
 * h * 0x100000001b3 = h * 0x1b3 + (h << 40) modulo 2^64.
 */
export function libraryHash(library: UserLibrary): string {
  let lo = 0x84222325, hi = 0xcbf29ce4;
  const step = (unit: number): void => {
    lo = (lo ^ unit) >>> 0;
    const p = lo * 0x1b3; // below 2^41: exact in a double
    hi = (Math.imul(hi, 0x1b3) + Math.floor(p / 4294967296) + (lo << 8)) >>> 0;
    lo = p >>> 0;
  };
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) step(s.charCodeAt(i)); // whole UTF-16 code units
    step(0xff); // separator, so ("ab","c") and ("a","bc") differ
  };
  for (const path of Object.keys(library).sort()) {
    mix(path);
    mix(library[path]!);
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * The part of a UserLibrary that affects the build (headers and library sources), so a host
 * that passes the whole resources/user folder (examples, tests) keeps its cache when only an
 * example changes.
 */
export function buildInputs(library: UserLibrary): UserLibrary {
  const inputs: UserLibrary = {};
  for (const path of Object.keys(library)) if (path.startsWith('include/') || path.startsWith('lib/')) inputs[path] = library[path]!;
  return inputs;
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

/**
 * The library's objects, compiled on first use and then served from the cache; with a
 * `store`, also loaded from and saved to it (only builds without errors are saved).
 */
export function cachedLibrary(stages: Stages, library: UserLibrary, store?: LibraryStore): LibraryObjects {
  let cache = caches.get(stages);
  if (cache === undefined) {
    cache = new Map();
    caches.set(stages, cache);
  }
  const key = libraryKey(library);
  let lib = cache.get(key);
  if (lib === undefined) {
    lib = loadStored(store, key);
    if (lib === undefined) {
      lib = buildLibrary(stages, library);
      if (store !== undefined && !hasErrors(lib.diagnostics)) {
        try {
          store.save(key, lib);
        } catch {
          // a cache that cannot be written only costs time on the next run
        }
      }
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, lib);
  }
  return lib;
}

function loadStored(store: LibraryStore | undefined, key: string): LibraryObjects | undefined {
  try {
    return store?.load(key);
  } catch {
    return undefined;
  }
}

/** Serializes library objects to JSON text (object bytes as Latin-1 strings). */
export function serializeLibrary(lib: LibraryObjects): string {
  const enc = (o: { name: string; bytes: Uint8Array }) => ({ name: o.name, bytes: bytesToLatin1(o.bytes) });
  return JSON.stringify({ crt0: lib.crt0 === undefined ? null : enc(lib.crt0), objects: lib.objects.map(enc), diagnostics: lib.diagnostics });
}

/** The inverse of serializeLibrary; undefined when the text is not a stored library. */
export function deserializeLibrary(text: string): LibraryObjects | undefined {
  try {
    const raw = JSON.parse(text) as { crt0: { name: string; bytes: string } | null; objects: { name: string; bytes: string }[]; diagnostics: LibraryObjects['diagnostics'] };
    if (!Array.isArray(raw.objects) || !Array.isArray(raw.diagnostics)) return undefined;
    const dec = (o: { name: string; bytes: string }) => ({ name: String(o.name), bytes: latin1ToBytes(String(o.bytes)) });
    const lib: LibraryObjects = { objects: raw.objects.map(dec), diagnostics: raw.diagnostics };
    if (raw.crt0 !== null && raw.crt0 !== undefined) lib.crt0 = dec(raw.crt0);
    return lib;
  } catch {
    return undefined;
  }
}

function bytesToLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return s;
}

function latin1ToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}
