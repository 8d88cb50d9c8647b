// The debugger's data on the wire between the lab host and the renderer (src/common/protocol.ts
// carries it): breakpoints, where the machine stopped, the call stack, registers and memory.
// Plain data: 64-bit values are 0x-prefixed hex strings, bytes are hex strings two digits a byte.

/** Kernel sources are named /forklab/kernel/<path in resources/kernel>; user-library sources /forklab/lib/<name>. */
export const KERNEL_SOURCE_PREFIX = '/forklab/kernel/';
export const USER_LIBRARY_PREFIX = '/forklab/lib/';

export interface BreakpointSpec {
  readonly file: string;
  readonly line: number;
  /** Stop only when this process hits it. */
  readonly pid?: number;
}

export interface BreakpointState extends BreakpointSpec {
  readonly id: number;
  /** The line with code it moved to; null when no line at or below has code (it never hits). */
  readonly actualLine: number | null;
  readonly addresses: number;
}

export type DebugGoal = 'continue' | 'into' | 'over' | 'out' | 'until-fault' | 'until-fork' | 'until-exit';
export const DEBUG_GOALS: readonly DebugGoal[] = ['continue', 'into', 'over', 'out', 'until-fault', 'until-fork', 'until-exit'];

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
}

export interface DebugFrame {
  readonly pc: string;
  readonly space: 'kernel' | 'user';
  readonly function: string | null;
  readonly line: SourcePosition | null;
  /** First frame after a trap: its pc is the trapped instruction. */
  readonly trapped: boolean;
}

export interface DebugRegisters {
  /** Name -> hex value, in display order (pc, x1..x31 by ABI name, then CSRs). */
  readonly values: Readonly<Record<string, string>>;
  /** Privilege mode: 'U', 'S' or 'M'. */
  readonly mode: string;
  /** Names whose value changed since the previous stop. */
  readonly changed: readonly string[];
}

/** Why the debugger stopped, for the status line. */
export type DebugStopReason =
  | { readonly kind: 'breakpoint'; readonly id: number }
  | { readonly kind: 'step'; readonly goal: DebugGoal | 'back' }
  | { readonly kind: 'event'; readonly event: 'fault' | 'fork' | 'exit'; readonly pid: number }
  | { readonly kind: 'exited'; readonly pid: number }
  | { readonly kind: 'paused' }
  | { readonly kind: 'gave-up'; readonly why: string };

export interface DebugStop {
  readonly insn: number;
  readonly pid: number;
  readonly space: 'kernel' | 'user';
  readonly program: string | null;
  readonly pc: string;
  readonly line: SourcePosition | null;
  readonly reason: DebugStopReason;
  readonly stack: readonly DebugFrame[];
  readonly registers: DebugRegisters;
  /** Root page table of the stopped process (physical), for the memory view. */
  readonly pgd: number;
}

export interface MemoryPageView {
  readonly va: number;
  readonly mapped: boolean;
  readonly frame?: number;
  readonly perms?: string;
  readonly from: number;
  readonly length: number;
  /** Hex, two digits per byte (mapped pages only). */
  readonly hex?: string;
}

/** Reverse goals: back one source line, back to the previous breakpoint hit. */
export type DebugBackGoal = 'line' | 'continue';

export function isBreakpointSpec(v: unknown): v is BreakpointSpec {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return typeof b.file === 'string' && Number.isInteger(b.line) && (b.line as number) > 0 && (b.pid === undefined || Number.isInteger(b.pid));
}
