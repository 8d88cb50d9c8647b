// Where the MOS kernel puts its read-only windows in every user address space (docs/kernel.md,
// MOS chapter): the page-table window (Sv39's counterpart of MOS's vpt/vpd) and UENVS (the env
// records). Their pages map kernel data, not memory of the process, so the model leaves them
// out of the process's pages and frames (src/lab/model-builder.ts).
//
// The MOS kernel puts every window in the upper half (root entry 256: UVPT 0xffffffc000000000,
// UVPD, UVPG, UENVS 0xffffffc020101000), which the page walk never visits (it reads root
// entries 0-255), so no user-half range needs hiding today. The list stays for a kernel that
// puts a window below UTOP; frames the kernel reports as page tables or kernel memory are
// hidden anyway.

export interface VaRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly name: string;
}

export const MOS_WINDOWS: readonly VaRange[] = [];
