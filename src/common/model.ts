// The lab model: what the UI draws and what a snapshot exports. The lab layer (src/lab) derives
// it from trace events plus walks of each live process's Sv39 page table in guest memory; the
// renderer only reads it. Every field is plain data (numbers, strings, arrays) so it crosses a
// MessagePort, a Worker boundary and JSON unchanged. Addresses are JS numbers: user virtual
// addresses are below 2^38 and physical addresses below 2^34, both exact in a double.

import type { LabEnumName } from './lab-abi';

/** Process life cycle as the kernel reports it (docs/abi.md, `state` event). */
export type ProcessState = LabEnumName<'taskState'>;

/** What a VMA holds, as the kernel reports it (docs/abi.md, `vma` kind). */
export type VmaKind = LabEnumName<'vmaKind'>;

/** A MOS env's status as `set_env_status` last set it (docs/abi.md, `env_status`). */
export type EnvStatus = LabEnumName<'envStatus'>;

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
  /**
   * Shared copy-on-write: a read-only PTE with the COW bit set (MOS's duppage), or a read-only
   * PTE in a writable private VMA (the kernel's fork).
   */
  readonly cow: boolean;
  /** PTE_COW, RSW bit 8: the page is copy-on-write for the user-level handler (MOS). */
  readonly cowBit?: boolean;
  /** PTE_LIBRARY, RSW bit 9: the page stays shared and writable across MOS's fork. */
  readonly library?: boolean;
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
  /** How it was made: the kernel's fork (clone), MOS's exofork, or by the kernel itself. */
  readonly origin?: 'fork' | 'exofork' | 'kernel';
  /** The MOS envid (docs/abi.md, `env`), 0 when the kernel has not reported one. */
  readonly envid?: number;
  /** MOS env status from `set_env_status`, null when never set (a running process). */
  readonly envStatus?: EnvStatus | null;
  /**
   * In `ipc_recv`: 'waiting' while blocked with no message; 'delivered' once a sender's message
   * arrived but the process has not run since (it is still inside ipc_recv); null otherwise.
   */
  readonly ipcWait?: 'waiting' | 'delivered' | null;
  readonly vmas: readonly VmaInfo[];
  readonly pages: readonly PageInfo[];
}

/** A (process, virtual address) that maps a frame. */
export interface FrameMapping {
  readonly pid: number;
  readonly va: number;
  readonly writable: boolean;
}

/**
 * private: one mapping; cow: copy-on-write (or read-only) sharing after a fork; shared:
 * MAP_SHARED or MOS LIBRARY pages, writable by all; ipc: a page one process sent another by IPC.
 */
export type FrameSharing = 'private' | 'cow' | 'shared' | 'ipc';

export interface FrameInfo {
  /** Physical address of the frame. */
  readonly addr: number;
  /** The kernel's reference count (from `frame` events); null if the kernel never reported it. */
  readonly refcount: number | null;
  readonly mappings: readonly FrameMapping[];
  readonly sharing: FrameSharing;
  /** Some mapping has PTE_LIBRARY set. */
  readonly library?: boolean;
  /** The latest IPC page transfer of this frame still mapped by both ends, else null. */
  readonly ipc?: { readonly from: number; readonly to: number; readonly insn: number } | null;
  /** Set when the kernel's refcount and the mappings found in page tables disagree. */
  readonly mismatch: string | null;
}

/** Timeline kinds, in one list so schemas (src/lab/report.ts) and the UI take them from here. */
export const TIMELINE_KINDS = [
  'fork',
  'exec',
  'exit',
  'kill',
  'demand-file',
  'demand-anon',
  'demand-shared',
  'cow-copy',
  'cow-reuse',
  // MOS (docs/abi.md section 2, FID 11-16)
  'exofork',
  'env-runnable',
  'env-not-runnable',
  'ipc-recv',
  'ipc-send',
  'user-fault',
  'user-cow-copy',
  'mem-alloc',
  'mem-map',
  'mem-unmap',
] as const;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One entry of the timeline; `pid`, `va` and `frame` say what clicking it selects. */
export interface TimelineEvent {
  readonly insn: number;
  readonly kind: TimelineKind;
  readonly pid: number;
  /** Child pid for fork and exofork, the receiver for ipc-send, the target of mem-*, exit code. */
  readonly other?: number;
  /** The value an ipc-send carried. */
  readonly value?: number;
  readonly va?: number;
  readonly frame?: number;
  readonly oldFrame?: number;
}

// The MOS fields (issue 9) are optional so models made before them (old session reports,
// hand-built test models) stay valid: absent means false, 0, null or none. The model builder
// always sets them.

export interface LabModel {
  /** Retired-instruction count the model reflects. */
  readonly insn: number;
  readonly processes: readonly ProcessInfo[];
  /** User frames only (page tables and kernel memory are not drawn). */
  readonly frames: readonly FrameInfo[];
  /** IPC between processes: one link per (sender, receiver) with its latest message. */
  readonly ipc?: readonly IpcLink[];
  /** Things the model found inconsistent, in words (refcount mismatches, unknown events). */
  readonly warnings: readonly string[];
}

/** The messages one process sent another (`ipc_send` events), with the latest one. */
export interface IpcLink {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** The latest message: its value, instruction count, and page (frame 0 = no page). */
  readonly value: number;
  readonly insn: number;
  readonly frame: number;
  readonly va: number;
  readonly perm: number;
}

export const emptyModel: LabModel = { insn: 0, processes: [], frames: [], ipc: [], warnings: [] };
