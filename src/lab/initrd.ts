// The lab's initrd: an app table the kernel reads at boot (docs/abi.md section 3).
//
//   0x00  8     magic "UAPP\0\0\0\0"
//   0x08  4     version = 1 (little-endian)
//   0x0c  4     count
//   0x10  32*n  entries: u64 offset (from the start of the image), u64 size, char name[16]
//   ...         ELF images, each at an 8-byte aligned offset
//
// Names are at most 15 ASCII characters so the kernel always finds a NUL after
// them. Packing and parsing never throw: bad input comes back as an error value
// that names the problem, because both directions see user-supplied data (a
// student's program list, a file dropped on the app).

import type { InitrdWriter } from '../emulator/machine';

export const INITRD_MAGIC = 'UAPP\0\0\0\0';
export const INITRD_VERSION = 1;
export const INITRD_NAME_MAX = 15;
const HEADER_SIZE = 16;
const ENTRY_SIZE = 32;
const NAME_FIELD = 16;
/** A generous bound that keeps a corrupt count from allocating gigabytes. */
const MAX_APPS = 4096;

/** One program in the app table. */
export interface InitrdApp {
  /** The name the kernel runs it by (`apps=NAME`, the shell, execve). */
  readonly name: string;
  /** The program's ELF image. */
  readonly elf: Uint8Array;
}

/**
 * An image that puts its bytes into place itself: a file a runtime reads straight into guest
 * RAM, so the bytes are not first read into a buffer of their own (fresh pages, ~10 us each
 * on these VMs: docs/perf.md, "The programs read into guest RAM"). `readInto` fills exactly
 * `length` bytes of `dest` or throws an error that names the image.
 */
export interface ImageSource {
  readonly length: number;
  readInto(dest: Uint8Array): void;
}

/** A program for the initrd: its bytes, or a source that reads them into place. */
export interface InitrdProgram {
  readonly name: string;
  readonly elf: Uint8Array | ImageSource;
}

export type InitrdResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function fail<T>(error: string): InitrdResult<T> {
  return { ok: false, error };
}

/** The `apps=` spec that runs every program once, in file order. */
export function defaultAppsSpec(apps: readonly InitrdProgram[]): string {
  return apps.map((a) => a.name).join(',');
}

/** The program names an `apps=` spec runs: `print*3,cow` -> print, cow. */
export function appNames(spec: string): string[] {
  return spec
    .split(',')
    .map((part) => part.trim().replace(/\*\d+$/, ''))
    .filter((name) => name.length > 0);
}

/** Checks a name against the table's rules; returns the problem or null. */
export function checkAppName(name: string): string | null {
  if (name.length === 0) return 'an app name is empty';
  if (name.length > INITRD_NAME_MAX) return `app name '${name}' is longer than ${INITRD_NAME_MAX} characters`;
  if (!/^[\x21-\x7e]+$/.test(name)) return `app name '${name}' must be printable ASCII without spaces`;
  return null;
}

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Checks programs and lays them out, in the given order, as an initrd that a machine writes
 * straight into guest RAM. The lab's programs are ~1.6 MB; packing them into a buffer of their
 * own and copying that into RAM cost a lab run 2-5 ms, most of it ~200 first touches of fresh
 * pages, ~13 us each on this host (docs/perf.md, "The translation threshold again"). A program
 * given as an ImageSource is read straight into its place there.
 */
export function planInitrd(apps: readonly InitrdProgram[]): InitrdResult<InitrdWriter> {
  if (apps.length > MAX_APPS) return fail(`too many apps: ${apps.length} (at most ${MAX_APPS})`);
  const seen = new Set<string>();
  for (const app of apps) {
    const problem = checkAppName(app.name);
    if (problem) return fail(problem);
    if (seen.has(app.name)) return fail(`app name '${app.name}' appears twice`);
    seen.add(app.name);
    if (app.elf.length === 0) return fail(`app '${app.name}' has an empty image`);
  }

  const offsets: number[] = [];
  const tableEnd = align8(HEADER_SIZE + ENTRY_SIZE * apps.length);
  let end = tableEnd;
  for (const app of apps) {
    offsets.push(end);
    end = align8(end + app.elf.length);
  }
  const list = [...apps];
  const writeTo = (dest: Uint8Array): void => {
    if (dest.length < end) throw new RangeError(`initrd: ${end} bytes do not fit in ${dest.length}`);
    // Every byte is written, padding included: dest need not be zeroed.
    dest.fill(0, 0, tableEnd);
    const view = new DataView(dest.buffer, dest.byteOffset, end);
    for (let i = 0; i < INITRD_MAGIC.length; i++) dest[i] = INITRD_MAGIC.charCodeAt(i);
    view.setUint32(8, INITRD_VERSION, true);
    view.setUint32(12, list.length, true);
    list.forEach((app, i) => {
      const entry = HEADER_SIZE + ENTRY_SIZE * i;
      const at = offsets[i]!;
      view.setBigUint64(entry, BigInt(at), true);
      view.setBigUint64(entry + 8, BigInt(app.elf.length), true);
      for (let c = 0; c < app.name.length; c++) dest[entry + 16 + c] = app.name.charCodeAt(c);
      const elf = app.elf;
      if (elf instanceof Uint8Array) dest.set(elf, at);
      else elf.readInto(dest.subarray(at, at + elf.length));
      dest.fill(0, at + app.elf.length, i + 1 < offsets.length ? offsets[i + 1]! : end);
    });
  };
  return { ok: true, value: { length: end, writeTo } };
}

/** Packs programs, in the given order, into an initrd image. */
export function packInitrd(apps: readonly InitrdProgram[]): InitrdResult<Uint8Array> {
  const plan = planInitrd(apps);
  if (!plan.ok) return plan;
  const image = new Uint8Array(plan.value.length);
  plan.value.writeTo(image);
  return { ok: true, value: image };
}

/** Reads an initrd image back into its apps (views into `image`, not copies). */
export function parseInitrd(image: Uint8Array): InitrdResult<InitrdApp[]> {
  if (image.length < HEADER_SIZE) return fail(`initrd is ${image.length} bytes, shorter than its 16-byte header`);
  for (let i = 0; i < INITRD_MAGIC.length; i++) {
    if (image[i] !== INITRD_MAGIC.charCodeAt(i)) return fail('initrd does not start with the magic "UAPP\\0\\0\\0\\0"');
  }
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const version = view.getUint32(8, true);
  if (version !== INITRD_VERSION) return fail(`initrd version ${version} is not supported (expected ${INITRD_VERSION})`);
  const count = view.getUint32(12, true);
  if (count > MAX_APPS || HEADER_SIZE + ENTRY_SIZE * count > image.length) {
    return fail(`initrd claims ${count} apps but its table does not fit in ${image.length} bytes`);
  }

  const apps: InitrdApp[] = [];
  for (let i = 0; i < count; i++) {
    const entry = HEADER_SIZE + ENTRY_SIZE * i;
    const offset = view.getBigUint64(entry, true);
    const size = view.getBigUint64(entry + 8, true);
    const nameBytes = image.subarray(entry + 16, entry + 16 + NAME_FIELD);
    const nul = nameBytes.indexOf(0);
    const name = String.fromCharCode(...nameBytes.subarray(0, nul < 0 ? NAME_FIELD : nul));
    const problem = checkAppName(name) ?? (nul < 0 ? `app name '${name}' has no terminating NUL` : null);
    if (problem) return fail(`entry ${i}: ${problem}`);
    if (offset % 8n !== 0n) return fail(`entry ${i} ('${name}'): offset ${offset} is not 8-byte aligned`);
    if (offset + size > BigInt(image.length)) {
      return fail(`entry ${i} ('${name}'): image [${offset}, ${offset + size}) runs past the end (${image.length} bytes)`);
    }
    apps.push({ name, elf: image.subarray(Number(offset), Number(offset + size)) });
  }
  return { ok: true, value: apps };
}
