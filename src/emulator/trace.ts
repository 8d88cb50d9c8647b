// Lab trace events (docs/abi.md section 2): the kernel reports fork, exec, exit, scheduling,
// fault resolution, frame and VMA changes through SBI extension 0x0A4C4142 ("LAB"). This file
// decodes one call (FID in a6, arguments a0..a5) into a typed event stamped with the
// retired-instruction count. Unknown kinds become an 'unknown' event, never an error.

export const LAB_EID = 0x0a4c4142;

export type FaultResolution = 'demand-file' | 'demand-anon' | 'cow-copy' | 'cow-reuse' | 'killed' | 'demand-shared' | 'unknown';
export type FrameOp = 'alloc' | 'get' | 'put' | 'unknown';
export type FrameUse = 'user' | 'page-table' | 'kernel-stack' | 'kernel' | 'unknown';
export type VmaKind = 'text' | 'data' | 'bss' | 'heap' | 'stack' | 'mmap' | 'other';
export type TaskState = 'running' | 'sleeping' | 'zombie' | 'dead' | 'unknown';

export const VM_ANON = 0x1;
export const VM_READ = 0x2;
export const VM_WRITE = 0x4;
export const VM_EXEC = 0x8;
export const VM_SHARED = 0x10;

interface Stamp { readonly insn: number }

export type TraceEvent =
  | (Stamp & { type: 'fork'; parent: number; child: number; pgd: bigint })
  | (Stamp & { type: 'exec'; pid: number; pgd: bigint; name: string; entry: bigint })
  | (Stamp & { type: 'exit'; pid: number; code: number; how: 'exit' | 'fault' })
  | (Stamp & { type: 'sched'; prev: number; next: number })
  | (Stamp & { type: 'fault'; pid: number; va: bigint; scause: number; resolution: FaultResolution; newFrame: bigint; oldFrame: bigint })
  | (Stamp & { type: 'frame'; frame: bigint; refcount: number; op: FrameOp; use: FrameUse; order: number })
  | (Stamp & { type: 'vma'; pid: number; start: bigint; end: bigint; flags: number; kind: VmaKind; offset: bigint })
  | (Stamp & { type: 'vma_remove'; pid: number; start: bigint; end: bigint })
  | (Stamp & { type: 'kthread'; pid: number; parent: number; name: string })
  | (Stamp & { type: 'state'; pid: number; state: TaskState })
  | (Stamp & { type: 'unknown'; kind: number; args: readonly bigint[] });

const RESOLUTIONS: FaultResolution[] = ['demand-file', 'demand-anon', 'cow-copy', 'cow-reuse', 'killed', 'demand-shared'];
const FRAME_OPS: FrameOp[] = ['alloc', 'get', 'put'];
const FRAME_USES: FrameUse[] = ['user', 'page-table', 'kernel-stack', 'kernel'];
const VMA_KINDS: VmaKind[] = ['text', 'data', 'bss', 'heap', 'stack', 'mmap', 'other'];
const STATES: TaskState[] = ['running', 'sleeping', 'zombie', 'dead'];

/** Event kind numbers that decode to a known event (the FIDs of docs/abi.md). */
export function isKnownTraceKind(kind: number): boolean {
  return kind >= 1 && kind <= 10;
}

/** Decode one LAB call. `a` holds a0..a5 as unsigned 64-bit values. */
export function decodeTrace(kind: number, a: readonly bigint[], insn: number): TraceEvent {
  const n = (i: number): number => Number(BigInt.asIntN(64, a[i] ?? 0n));
  const u = (i: number): bigint => BigInt.asUintN(64, a[i] ?? 0n);
  const pick = <T extends string>(list: T[], i: number, fallback: T): T => list[n(i)] ?? fallback;
  switch (kind) {
    case 1: return { type: 'fork', insn, parent: n(0), child: n(1), pgd: u(2) };
    case 2: return { type: 'exec', insn, pid: n(0), pgd: u(1), name: unpackName(u(2), u(3)), entry: u(4) };
    case 3: return { type: 'exit', insn, pid: n(0), code: n(1) & 0xff, how: n(2) === 1 ? 'fault' : 'exit' };
    case 4: return { type: 'sched', insn, prev: n(0), next: n(1) };
    case 5: return {
      type: 'fault', insn, pid: n(0), va: u(1), scause: n(2), resolution: pick(RESOLUTIONS, 3, 'unknown'),
      newFrame: u(4), oldFrame: u(5),
    };
    case 6: return { type: 'frame', insn, frame: u(0), refcount: n(1), op: pick(FRAME_OPS, 2, 'unknown'), use: pick(FRAME_USES, 3, 'unknown'), order: n(4) };
    case 7: return { type: 'vma', insn, pid: n(0), start: u(1), end: u(2), flags: n(3), kind: pick(VMA_KINDS, 4, 'other'), offset: u(5) };
    case 8: return { type: 'vma_remove', insn, pid: n(0), start: u(1), end: u(2) };
    case 9: return { type: 'kthread', insn, pid: n(0), parent: n(1), name: unpackName(u(2), u(3)) };
    case 10: return { type: 'state', insn, pid: n(0), state: pick(STATES, 1, 'unknown') };
    default: return { type: 'unknown', insn, kind, args: a.map((v) => BigInt.asUintN(64, v)) };
  }
}

/** 16 ASCII bytes, NUL-padded, little-endian in two registers -> string. */
export function unpackName(first: bigint, second: bigint): string {
  let s = '';
  for (const reg of [first, second]) {
    for (let i = 0; i < 8; i++) {
      const c = Number((reg >> BigInt(8 * i)) & 0xffn);
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
  }
  return s;
}

/** One line of text for `forklab emu --trace`. */
export function formatTrace(ev: TraceEvent): string {
  const hex = (v: bigint): string => '0x' + v.toString(16);
  const fields = Object.entries(ev)
    .filter(([k]) => k !== 'type' && k !== 'insn')
    .map(([k, v]) => `${k}=${typeof v === 'bigint' ? hex(v) : Array.isArray(v) ? v.map((x) => hex(x as bigint)).join(',') : String(v)}`);
  return `[${ev.insn}] ${ev.type} ${fields.join(' ')}`;
}
