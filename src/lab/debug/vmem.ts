// Virtual memory as a process sees it: Sv39 translation of single addresses through a root page
// table in guest physical memory, for the debugger's memory view and stack walk. The lab model
// walks whole user tables (pagetable.ts); the debugger needs one address at a time and also the
// kernel half (the kernel stack), including its 2 MiB and 1 GiB superpages.

import { PAGE_SIZE, PTE_R, PTE_V, PTE_W, PTE_X, PTE_U } from '../pagetable';

/** Reads `len` bytes of guest physical memory (zeros outside RAM). */
export type ReadPhys = (pa: bigint, len: number) => Uint8Array;

export type Translation =
  | { readonly mapped: true; readonly pa: bigint; readonly flags: number; readonly level: number }
  | { readonly mapped: false; readonly reason: string };

const SV39_TOP = 1n << 38n;

/** The root table of an satp value in Sv39 mode, or null when translation is off. */
export function rootOfSatp(satp: bigint): bigint | null {
  if (satp >> 60n !== 8n) return null;
  return (satp & ((1n << 44n) - 1n)) * BigInt(PAGE_SIZE);
}

/** Translates `va` through the table at `root` (no permission check: the debugger may look). */
export function translate(readPhys: ReadPhys, root: bigint, va: bigint): Translation {
  const v = BigInt.asUintN(64, va);
  const signed = BigInt.asIntN(64, v);
  if (signed >= SV39_TOP || signed < -SV39_TOP) return { mapped: false, reason: 'not a canonical Sv39 address' };
  let table = root;
  for (let level = 2; level >= 0; level--) {
    const index = (v >> BigInt(12 + 9 * level)) & 0x1ffn;
    const bytes = readPhys(table + index * 8n, 8);
    const pte = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
    const flags = Number(pte & 0x3ffn);
    if ((flags & PTE_V) === 0) return { mapped: false, reason: 'no valid PTE' };
    if ((flags & (PTE_R | PTE_W)) === PTE_W) return { mapped: false, reason: 'reserved PTE (W without R)' };
    const base = ((pte >> 10n) & ((1n << 44n) - 1n)) * BigInt(PAGE_SIZE);
    if ((flags & (PTE_R | PTE_X)) !== 0) {
      const span = 1n << BigInt(12 + 9 * level);
      return { mapped: true, pa: base + (v & (span - 1n)), flags, level };
    }
    if (level === 0) return { mapped: false, reason: 'pointer PTE at level 0' };
    table = base;
  }
  return { mapped: false, reason: 'no leaf' };
}

/** Reads a little-endian 64-bit word at `va`, or null when its page is not mapped. */
export function readVirt64(readPhys: ReadPhys, root: bigint, va: bigint): bigint | null {
  if ((va & 7n) !== 0n) return null;
  const t = translate(readPhys, root, va);
  if (!t.mapped) return null;
  const b = readPhys(t.pa, 8);
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

/** One page of the memory view: its bytes when mapped, why not when not. */
export interface MemoryPage {
  readonly va: number;
  readonly mapped: boolean;
  /** Physical frame of the page (mapped only). */
  readonly frame?: number;
  /** "rwxu" letters of the PTE, '-' for a missing bit (mapped only). */
  readonly perms?: string;
  /** The bytes of the requested range that fall in this page (mapped only). */
  readonly bytes?: Uint8Array;
  /** First requested address in this page and how many bytes of the range it holds. */
  readonly from: number;
  readonly length: number;
}

/** Max bytes one memory-view request may ask for. */
export const MEMORY_VIEW_LIMIT = 64 * 1024;

/**
 * The bytes of [va, va + len) of the address space under `root`, page by page: mapped pages
 * with their frame and permissions, unmapped ones marked as such.
 */
export function memoryView(readPhys: ReadPhys, root: bigint, va: number, len: number): MemoryPage[] {
  const pages: MemoryPage[] = [];
  const end = va + Math.max(0, Math.min(len, MEMORY_VIEW_LIMIT));
  for (let at = va; at < end; ) {
    const pageVa = at - (at % PAGE_SIZE);
    const stop = Math.min(end, pageVa + PAGE_SIZE);
    const t = translate(readPhys, root, BigInt(at));
    if (t.mapped) {
      const f = t.flags;
      const perms = `${f & PTE_R ? 'r' : '-'}${f & PTE_W ? 'w' : '-'}${f & PTE_X ? 'x' : '-'}${f & PTE_U ? 'u' : '-'}`;
      pages.push({ va: pageVa, mapped: true, frame: Number(t.pa - BigInt(at - pageVa)), perms, bytes: readPhys(t.pa, stop - at), from: at, length: stop - at });
    } else pages.push({ va: pageVa, mapped: false, from: at, length: stop - at });
    at = stop;
  }
  return pages;
}
