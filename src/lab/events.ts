// Lab trace events in the lab layer's own terms: numbers instead of bigints (user addresses,
// physical addresses and pids all fit a double exactly) and names instead of codes. The
// emulator decodes the raw SBI calls (src/emulator/trace.ts); `fromTrace` adapts them here so
// the model never depends on the emulator's register-level encoding (docs/abi.md section 2).

import type { VmaKind } from '../common/model';

export type FaultResolution = 'demand-file' | 'demand-anon' | 'cow-copy' | 'cow-reuse' | 'killed' | 'demand-shared';
export type FrameOp = 'alloc' | 'get' | 'put';
export type FrameUse = 'user' | 'pagetable' | 'kstack' | 'kernel';
export type TaskState = 'running' | 'sleeping' | 'zombie' | 'dead';

export type LabEvent =
  | { readonly type: 'fork'; readonly insn: number; readonly parent: number; readonly child: number; readonly pgd: number }
  | { readonly type: 'exec'; readonly insn: number; readonly pid: number; readonly pgd: number; readonly name: string; readonly entry: number }
  | { readonly type: 'exit'; readonly insn: number; readonly pid: number; readonly code: number; readonly killed: boolean }
  | { readonly type: 'sched'; readonly insn: number; readonly prev: number; readonly next: number }
  | {
      readonly type: 'fault';
      readonly insn: number;
      readonly pid: number;
      readonly va: number;
      readonly scause: number;
      readonly resolution: FaultResolution;
      readonly frame: number;
      readonly oldFrame: number;
    }
  | {
      readonly type: 'frame';
      readonly insn: number;
      readonly addr: number;
      readonly refcount: number;
      readonly op: FrameOp;
      readonly use: FrameUse;
      readonly order: number;
    }
  | {
      readonly type: 'vma';
      readonly insn: number;
      readonly pid: number;
      readonly start: number;
      readonly end: number;
      readonly flags: number;
      readonly kind: VmaKind;
      readonly offset: number;
    }
  | { readonly type: 'vma_remove'; readonly insn: number; readonly pid: number; readonly start: number; readonly end: number }
  | { readonly type: 'kthread'; readonly insn: number; readonly pid: number; readonly parent: number; readonly name: string }
  | { readonly type: 'state'; readonly insn: number; readonly pid: number; readonly state: TaskState }
  | { readonly type: 'unknown'; readonly insn: number; readonly fid: number };

export const FAULT_RESOLUTIONS: readonly FaultResolution[] = ['demand-file', 'demand-anon', 'cow-copy', 'cow-reuse', 'killed', 'demand-shared'];
export const FRAME_OPS: readonly FrameOp[] = ['alloc', 'get', 'put'];
export const FRAME_USES: readonly FrameUse[] = ['user', 'pagetable', 'kstack', 'kernel'];
export const VMA_KINDS: readonly VmaKind[] = ['text', 'data', 'bss', 'heap', 'stack', 'mmap', 'other'];
export const TASK_STATES: readonly TaskState[] = ['running', 'sleeping', 'zombie', 'dead'];

export const VM_ANON = 0x1;
export const VM_READ = 0x2;
export const VM_WRITE = 0x4;
export const VM_EXEC = 0x8;
export const VM_SHARED = 0x10;
