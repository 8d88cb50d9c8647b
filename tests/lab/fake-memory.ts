// A sparse fake of guest physical memory for page-table tests: page tables are built entry by
// entry with hand-computed indices, so the expected walk results are known independently.
export function fakeMemory() {
  const pages = new Map<number, Uint8Array>();
  const page = (pa: number) => {
    let p = pages.get(pa);
    if (!p) pages.set(pa, (p = new Uint8Array(4096)));
    return p;
  };
  const setPte = (table: number, index: number, target: number, flags: number) => {
    const pte = (BigInt(target / 4096) << 10n) | BigInt(flags);
    new DataView(page(table).buffer).setBigUint64(index * 8, pte, true);
  };
  const read = (pa: number) => pages.get(pa) ?? new Uint8Array(4096);
  return { read, setPte };
}
