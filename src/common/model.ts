// The lab model: what the UI draws and what a snapshot exports. The lab layer (src/lab) derives
// it from trace events plus walks of each live process's Sv39 page table in guest memory; the
// renderer only reads it. Every field is plain data (numbers, strings, arrays) so it crosses a
// MessagePort, a Worker boundary and JSON unchanged. Addresses are JS numbers: user virtual
// addresses are below 2^38 and physical addresses below 2^34, both exact in a double.

/** Process life cycle as the kernel reports it (docs/abi.md, `state` event). */
export type ProcessState = 'running' | 'sleeping' | 'zombie' | 'dead';

/** What a VMA holds, as the kernel reports it (docs/abi.md, `vma` kind). */
export type VmaKind = 'text' | 'data' | 'bss' | 'heap' | 'stack' | 'mmap' | 'other';

export interface VmaInfo {
  readonly start: number;
  readonly end: number;
  /** The lab's VM_* bits: VM_ANON 0x1, VM_READ 0x2, VM_WRITE 0x4, VM_EXEC 0x8, VM_SHARED 0x10. */
  readonly flags: number;
  readonly kind: VmaKind;
  /** File offset for file-backed VMAs, 0 otherwise. */
  readonly offset: number;
}

/** One mapped user page, from the process's page table (leaf PTE). */
export interface PageInfo {
  readonly va: number;
  /** Physical address of the frame the PTE points at. */
  readonly frame: number;
  readonly r: boolean;
  readonly w: boolean;
  readonly x: boolean;
  readonly u: boolean;
  readonly a: boolean;
  readonly d: boolean;
  /** Shared copy-on-write: writable VMA, read-only PTE. */
  readonly cow: boolean;
  /** The VMA kind the page belongs to, 'other' when no VMA covers it (a model warning). */
  readonly vma: VmaKind;
}

export interface ProcessInfo {
  readonly pid: number;
  /** Parent pid; 0 for processes the kernel started. */
  readonly parent: number;
  readonly name: string;
  readonly state: ProcessState;
  readonly kernelThread: boolean;
  /** Exit code once the process exited, null before. */
  readonly exitCode: number | null;
  /** True when the kernel killed the process for a bad access. */
  readonly killed: boolean;
  /** Root page table (physical), 0 for kernel threads. */
  readonly pgd: number;
  /** Instruction count at which the process was created: orders fork edges. */
  readonly createdAt: number;
  readonly vmas: readonly VmaInfo[];
  readonly pages: readonly PageInfo[];
}

/** A (process, virtual address) that maps a frame. */
export interface FrameMapping {
  readonly pid: number;
  readonly va: number;
  readonly writable: boolean;
}

export type FrameSharing = 'private' | 'cow' | 'shared';

export interface FrameInfo {
  /** Physical address of the frame. */
  readonly addr: number;
  /** The kernel's reference count (from `frame` events); null if the kernel never reported it. */
  readonly refcount: number | null;
  readonly mappings: readonly FrameMapping[];
  /** private: one mapping; cow: several read-only mappings of writable VMAs; shared: MAP_SHARED. */
  readonly sharing: FrameSharing;
  /** Set when the kernel's refcount and the mappings found in page tables disagree. */
  readonly mismatch: string | null;
}

export type TimelineKind =
  | 'fork'
  | 'exec'
  | 'exit'
  | 'kill'
  | 'demand-file'
  | 'demand-anon'
  | 'demand-shared'
  | 'cow-copy'
  | 'cow-reuse';

/** One entry of the timeline; `pid`, `va` and `frame` say what clicking it selects. */
export interface TimelineEvent {
  readonly insn: number;
  readonly kind: TimelineKind;
  readonly pid: number;
  /** Child pid for fork, faulting address for faults. */
  readonly other?: number;
  readonly va?: number;
  readonly frame?: number;
  readonly oldFrame?: number;
}

export interface LabModel {
  /** Retired-instruction count the model reflects. */
  readonly insn: number;
  readonly processes: readonly ProcessInfo[];
  /** User frames only (page tables and kernel memory are not drawn). */
  readonly frames: readonly FrameInfo[];
  /** Things the model found inconsistent, in words (refcount mismatches, unknown events). */
  readonly warnings: readonly string[];
}

export const emptyModel: LabModel = { insn: 0, processes: [], frames: [], warnings: [] };
