// The examples gallery and the read-only source browser, discovered from resources/ at build
// time. `catalog()` is pure (a map of path -> text in, sorted entries out) so that any new file
// dropped into resources/user/tests or resources/user/examples shows up without code changes.

export interface CatalogEntry {
  /** Gallery name: the file's stem (`cow` for tests/cow.c); data-testid `example-<name>`. */
  readonly name: string;
  /** Session file name it opens as. */
  readonly file: string;
  /** Path below resources/. */
  readonly path: string;
  /** `mos`: the MOS lab-4 programs of resources/user/mos (they include <lib.h>). */
  readonly group: 'lab-test' | 'mos' | 'example';
  readonly text: string;
}

export interface SourceEntry {
  readonly path: string;
  readonly text: string;
}

/** Strips a glob key like `../../../resources/user/tests/cow.c` to `user/tests/cow.c`. */
export function resourcePath(globKey: string): string {
  const i = globKey.indexOf('resources/');
  return i < 0 ? globKey : globKey.slice(i + 'resources/'.length);
}

/** Gallery entries: C programs under user/ outside the library (lib/, include/). */
export function catalog(files: Readonly<Record<string, string>>): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const [key, text] of Object.entries(files)) {
    const path = resourcePath(key);
    const m = /^user\/(?:(.+)\/)?([A-Za-z0-9_-]+)\.c$/.exec(path);
    if (!m) continue;
    const dir = m[1] ?? '';
    if (/^(lib|include|build)(\/|$)/.test(dir)) continue;
    const group = /(^|\/)(tests?|lab)(\/|$)/.test(dir) ? 'lab-test' : dir === 'mos' ? 'mos' : 'example';
    out.push({ name: m[2]!, file: `${m[2]}.c`, path, group, text });
  }
  const order = { 'lab-test': 0, mos: 1, example: 2 } as const;
  return out.sort((a, b) => order[a.group] - order[b.group] || a.name.localeCompare(b.name));
}

/** Source files for the read-only browser, sorted by path, build outputs excluded. */
export function sources(files: Readonly<Record<string, string>>): SourceEntry[] {
  return Object.entries(files)
    .map(([key, text]) => ({ path: resourcePath(key), text }))
    .filter((e) => !/(^|\/)build\//.test(e.path))
    .sort((a, b) => a.path.localeCompare(b.path));
}
