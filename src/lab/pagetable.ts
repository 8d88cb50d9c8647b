// Walks a process's Sv39 page table in guest physical memory and lists its user pages.
// This is how the lab model knows which frames processes share: not from what the kernel
// says it did, but from the page tables the hardware would use.
//
// Sv39 virtual address:   | VPN[2] 38..30 | VPN[1] 29..21 | VPN[0] 20..12 | offset 11..0 |
// PTE:                    | PPN 53..10 | RSW 9..8 | D A G U X W R V |
// A PTE with any of R/W/X set is a leaf: at level 2 it maps 1 GiB, at level 1 2 MiB, at level 0
// 4 KiB. User space is the lower half [0, 0x4000000000), VPN[2] 0..255.

/** Reads one 4 KiB page of guest physical memory (must return 4096 bytes; zeros outside RAM). */
export type ReadPage = (physAddr: number) => Uint8Array;

export const PAGE_SIZE = 4096;
export const USER_TOP = 0x40_0000_0000;

export const PTE_V = 1 << 0;
export const PTE_R = 1 << 1;
export const PTE_W = 1 << 2;
export const PTE_X = 1 << 3;
export const PTE_U = 1 << 4;
export const PTE_G = 1 << 5;
export const PTE_A = 1 << 6;
export const PTE_D = 1 << 7;
/** MOS's software bits, in the two RSW bits (docs/kernel.md MOS chapter). */
export const PTE_COW = 1 << 8;
export const PTE_LIBRARY = 1 << 9;

/** One 4 KiB user page found in the table (superpages are listed page by page). */
export interface MappedPage {
  readonly va: number;
  readonly frame: number;
  /** The low 10 flag bits of the leaf PTE. */
  readonly flags: number;
}

/** Upper bound on pages listed per process, so a corrupt table cannot make the walk explode. */
export const MAX_PAGES_PER_PROCESS = 65536;

export interface WalkResult {
  readonly pages: MappedPage[];
  /** Problems found: malformed entries, truncation. */
  readonly problems: string[];
}

/**
 * Lists the valid user leaf mappings under the root table at `pgd`, in ascending VA order.
 * Never throws: a malformed entry (W without R, a pointer at level 0) is reported and skipped.
 */
export function walkUserPages(readPage: ReadPage, pgd: number): WalkResult {
  const pages: MappedPage[] = [];
  const problems: string[] = [];
  walkTable(readPage, pgd, 2, 0, 256, pages, problems);
  return { pages, problems };
}

function walkTable(
  readPage: ReadPage,
  table: number,
  level: number,
  vaBase: number,
  entries: number,
  pages: MappedPage[],
  problems: string[],
): void {
  const bytes = readPage(table);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const span = PAGE_SIZE * 2 ** (9 * level);
  for (let i = 0; i < entries; i++) {
    if (pages.length >= MAX_PAGES_PER_PROCESS) {
      problems.push(`walk stopped after ${MAX_PAGES_PER_PROCESS} pages`);
      return;
    }
    const lo = view.getUint32(i * 8, true);
    const hi = view.getUint32(i * 8 + 4, true);
    if ((lo & PTE_V) === 0) continue;
    const va = vaBase + i * span;
    const flags = lo & 0x3ff;
    // PPN is bits 53..10: 22 bits from the low word, 22 from the high word.
    const ppn = (lo >>> 10) + (hi & 0x3fffff) * 2 ** 22;
    const phys = ppn * PAGE_SIZE;
    const isLeaf = (flags & (PTE_R | PTE_W | PTE_X)) !== 0;
    if ((flags & (PTE_R | PTE_W)) === PTE_W) {
      problems.push(`reserved PTE (W without R) for va 0x${va.toString(16)}`);
      continue;
    }
    if (!isLeaf) {
      if (level === 0) {
        problems.push(`non-leaf PTE at level 0 for va 0x${va.toString(16)}`);
        continue;
      }
      walkTable(readPage, phys, level - 1, va, 512, pages, problems);
      continue;
    }
    const count = span / PAGE_SIZE;
    for (let k = 0; k < count && pages.length < MAX_PAGES_PER_PROCESS; k++) {
      pages.push({ va: va + k * PAGE_SIZE, frame: phys + k * PAGE_SIZE, flags });
    }
  }
}
