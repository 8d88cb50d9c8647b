// Lab trace events: the one decoder of the kernel's LAB calls. The firmware hands up raw calls
// (FID, a0..a5, retired-instruction count; src/emulator/trace.ts); this file turns each into a
// typed event by the table in src/common/lab-abi.ts (docs/abi.md section 2). Values become
// numbers (user and physical addresses, envids and pids are exact in a double) and codes
// become names. A FID the table does not know, or an enum value it does not list, decodes to
// an 'unknown' event so the model warns instead of guessing.

import {
  LAB_ENUMS,
  VMA_FLAGS,
  enumNames,
  labEventSpec,
  type LabEnumKey,
  type LabEnumName,
  type LabEvent,
  type LabEventType,
} from '../common/lab-abi';

import { labArg, type LabCall } from '../emulator/trace';

export type { LabEvent, LabEventType } from '../common/lab-abi';

export type FaultResolution = LabEnumName<'faultResolution'>;
export type FrameOp = LabEnumName<'frameOp'>;
export type FrameUse = LabEnumName<'frameUse'>;
export type TaskState = LabEnumName<'taskState'>;
export type EnvStatus = LabEnumName<'envStatus'>;
export type MemOp = LabEnumName<'memOp'>;

/** One event of a given type. */
export type LabEventKind<T extends LabEventType | 'unknown'> = Extract<LabEvent, { type: T }>;

export const FAULT_RESOLUTIONS = enumNames('faultResolution');
export const FRAME_OPS = enumNames('frameOp');
export const FRAME_USES = enumNames('frameUse');
export const VMA_KINDS = enumNames('vmaKind');
export const TASK_STATES = enumNames('taskState');

export const { VM_ANON, VM_READ, VM_WRITE, VM_EXEC, VM_SHARED } = VMA_FLAGS;

/** A LAB call as the firmware hands it up (its registers as 32-bit words). */
export type RawLabCall = LabCall;

const ENUM_KEYS = new Set<string>(Object.keys(LAB_ENUMS));

/** Each enum's values by code, built once (the table lists a few names per enum). */
const ENUM_BY_CODE = new Map<string, Map<number, string>>(
  Object.entries(LAB_ENUMS).map(([key, e]) => [key, new Map(e.values.map(([name, code]) => [code as number, name as string]))]),
);

function decodeEnum(key: LabEnumKey, raw: number): string | undefined {
  const hit = ENUM_BY_CODE.get(key)!.get(raw);
  if (hit !== undefined) return hit;
  const e = LAB_ENUMS[key];
  return 'fallback' in e ? e.fallback : undefined;
}

const TWO_32 = 4294967296;

/**
 * Decodes one LAB call. Never throws. A register's 64-bit value becomes a number exactly
 * when |v| <= 2^53 and else rounds to the nearest double, as Number(bigint) does: hi * 2^32 is
 * exact and the one addition rounds once.
 */
export function decodeLabCall(call: RawLabCall): LabEvent {
  const { fid, insn, regs } = call;
  const spec = labEventSpec(fid);
  if (!spec) return { type: 'unknown', insn, fid };
  const out: Record<string, unknown> = { type: spec.type, insn };
  let r = 0;
  for (const arg of spec.args) {
    const lo = regs[2 * r] ?? 0, hi = regs[2 * r + 1] ?? 0;
    switch (arg.kind) {
      case 'int': out[arg.name] = hi * TWO_32 + (lo >>> 0); break;
      case 'addr': out[arg.name] = (hi >>> 0) * TWO_32 + (lo >>> 0); break;
      case 'byte': out[arg.name] = lo & 0xff; break;
      case 'flag': out[arg.name] = hi === 0 && lo === 1; break;
      case 'name': out[arg.name] = unpackName(regs, 2 * r); r += 1; break;
      default: {
        if (!ENUM_KEYS.has(arg.kind)) return { type: 'unknown', insn, fid };
        const name = decodeEnum(arg.kind, hi * TWO_32 + (lo >>> 0));
        if (name === undefined) return { type: 'unknown', insn, fid };
        out[arg.name] = name;
      }
    }
    r += 1;
  }
  return out as unknown as LabEvent;
}

/**
 * 16 ASCII bytes, NUL-padded, little-endian in two registers (the four words from `at`) ->
 * string.
 */
export function unpackName(regs: Int32Array, at: number): string {
  let s = '';
  for (let w = at; w < at + 4; w++) {
    const word = regs[w] ?? 0;
    for (let i = 0; i < 4; i++) {
      const c = (word >>> (8 * i)) & 0xff;
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
  }
  return s;
}

/**
 * One line of text for `forklab emu --trace`: `[insn] type field=value ...`, addresses in hex,
 * other numbers in decimal; an unknown call shows its FID and raw registers.
 */
export function formatLabCall(call: RawLabCall): string {
  const ev = decodeLabCall(call);
  const hex = (v: number | bigint): string => '0x' + v.toString(16);
  if (ev.type === 'unknown') return `[${ev.insn}] unknown fid=${ev.fid} args=${[0, 1, 2, 3, 4, 5].map((i) => hex(labArg(call, i))).join(',')}`;
  const spec = labEventSpec(call.fid)!;
  const fields = spec.args.map((arg) => {
    const v = (ev as unknown as Record<string, unknown>)[arg.name];
    return `${arg.name}=${arg.kind === 'addr' && typeof v === 'number' ? hex(v) : String(v)}`;
  });
  return `[${ev.insn}] ${ev.type} ${fields.join(' ')}`;
}
