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

/** A LAB call as the firmware hands it up. */
export interface RawLabCall {
  readonly fid: number;
  /** a0..a5, unsigned 64-bit. */
  readonly args: readonly bigint[];
  /** Retired-instruction count at the ecall. */
  readonly insn: number;
}

const ENUM_KEYS = new Set<string>(Object.keys(LAB_ENUMS));

function decodeEnum(key: LabEnumKey, raw: number): string | undefined {
  const e = LAB_ENUMS[key];
  const hit = e.values.find((v) => v[1] === raw);
  if (hit) return hit[0];
  return 'fallback' in e ? e.fallback : undefined;
}

/** Decodes one LAB call. Never throws. */
export function decodeLabCall(call: RawLabCall): LabEvent {
  const { fid, insn } = call;
  const spec = labEventSpec(fid);
  if (!spec) return { type: 'unknown', insn, fid };
  const reg = (i: number): bigint => BigInt.asUintN(64, call.args[i] ?? 0n);
  const out: Record<string, unknown> = { type: spec.type, insn };
  let r = 0;
  for (const arg of spec.args) {
    const value = reg(r);
    const signed = Number(BigInt.asIntN(64, value));
    switch (arg.kind) {
      case 'int': out[arg.name] = signed; break;
      case 'addr': out[arg.name] = Number(value); break;
      case 'byte': out[arg.name] = signed & 0xff; break;
      case 'flag': out[arg.name] = signed === 1; break;
      case 'name': out[arg.name] = unpackName(value, reg(r + 1)); r += 1; break;
      default: {
        if (!ENUM_KEYS.has(arg.kind)) return { type: 'unknown', insn, fid };
        const name = decodeEnum(arg.kind, signed);
        if (name === undefined) return { type: 'unknown', insn, fid };
        out[arg.name] = name;
      }
    }
    r += 1;
  }
  return out as unknown as LabEvent;
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

/**
 * One line of text for `forklab emu --trace`: `[insn] type field=value ...`, addresses in hex,
 * other numbers in decimal; an unknown call shows its FID and raw registers.
 */
export function formatLabCall(call: RawLabCall): string {
  const ev = decodeLabCall(call);
  const hex = (v: number | bigint): string => '0x' + v.toString(16);
  if (ev.type === 'unknown') return `[${ev.insn}] unknown fid=${ev.fid} args=${call.args.map((a) => hex(BigInt.asUintN(64, a))).join(',')}`;
  const spec = labEventSpec(call.fid)!;
  const fields = spec.args.map((arg) => {
    const v = (ev as unknown as Record<string, unknown>)[arg.name];
    return `${arg.name}=${arg.kind === 'addr' && typeof v === 'number' ? hex(v) : String(v)}`;
  });
  return `[${ev.insn}] ${ev.type} ${fields.join(' ')}`;
}
