// Where the MOS kernel puts its read-only windows in every user address space (docs/kernel.md,
// MOS chapter): the page-table window (Sv39's counterpart of MOS's vpt/vpd) and UENVS (the env
// records). Their pages map kernel data, not memory of the process, so the model leaves them
// out of the process's pages and frames (src/lab/model-builder.ts).

export interface VaRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly name: string;
}

export const MOS_WINDOWS: readonly VaRange[] = [];
