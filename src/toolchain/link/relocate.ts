// Applying RISC-V relocations (psABI "Relocations") to laid-out sections. S is the symbol's
// final address, A the addend, P the address of the field. No relaxation: every instruction
// stays where the assembler put it, so each field is computed once and range-checked; a value
// that does not fit is reported with the object, section offset and symbol it belongs to.
// %pcrel_lo relocations point at their %pcrel_hi instruction, so they run in a second pass.

import { R_RISCV, relocName } from '../elf/constants';
import { bImm, fitsSigned, hiLo, iImm, jImm, rvcBranchBits, rvcJumpBits, sImm, uImm } from '../asm/encode';

export interface Field {
  /** Output bytes the field lives in, and the field's byte offset there. */
  readonly buf: Uint8Array;
  readonly at: number;
  /** P: the field's address. */
  readonly pc: bigint;
}

export interface RelocJob {
  readonly type: number;
  readonly field: Field;
  /** S + A */
  readonly value: bigint;
  /** Describes the site for messages: "main.o(.text+0x14) against 'foo'". */
  readonly where: string;
}

/** Per-link state for the %pcrel_hi / %pcrel_lo pairing. */
export class PcrelPairs {
  private readonly his = new Map<bigint, { delta: bigint; got: boolean }>();
  record(pc: bigint, delta: bigint, got: boolean): void {
    this.his.set(pc, { delta, got });
  }
  lookup(pc: bigint): { delta: bigint; got: boolean } | undefined {
    return this.his.get(pc);
  }
}

const view = (f: Field): DataView => new DataView(f.buf.buffer, f.buf.byteOffset, f.buf.byteLength);

function get32(f: Field): number {
  return view(f).getUint32(f.at, true);
}
function put32(f: Field, v: number): void {
  view(f).setUint32(f.at, v >>> 0, true);
}
function patch(f: Field, mask: number, bits: number): void {
  put32(f, ((get32(f) & ~mask) | bits) >>> 0);
}

const I_MASK = 0xfff00000;
const S_MASK = 0xfe000f80;
const U_MASK = 0xfffff000;
const B_MASK = 0xfe000f80;
const J_MASK = 0xfffff000;

function readN(f: Field, bytes: number): bigint {
  let v = 0n;
  for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(f.buf[f.at + i]!);
  return v;
}
function writeN(f: Field, bytes: number, v: bigint): void {
  // The low `bytes` bytes of v (two's complement), little-endian; the common sizes in one store
  // rather than a BigInt shift per byte.
  if (bytes === 8) view(f).setBigUint64(f.at, BigInt.asUintN(64, v), true);
  else if (bytes === 4) view(f).setUint32(f.at, Number(BigInt.asUintN(32, v)), true);
  else for (let i = 0; i < bytes; i++) f.buf[f.at + i] = Number((v >> BigInt(8 * i)) & 0xffn);
}

function bounds(f: Field, bytes: number): void {
  if (f.at < 0 || f.at + bytes > f.buf.length) throw new Error('relocation offset is outside its section');
}

/**
 * Applies one relocation of the first pass. Returns an error message or undefined.
 * PCREL_LO12 relocations must go through applyPcrelLo after all first-pass relocations.
 */
export function applyRelocation(job: RelocJob, pairs: PcrelPairs): string | undefined {
  const { type, field: f, value } = job;
  const fail = (why: string): string => `${job.where}: ${relocName(type)} ${why}`;
  try {
    switch (type) {
      case R_RISCV.NONE: case R_RISCV.RELAX: case R_RISCV.ALIGN:
        return undefined;
      case R_RISCV.R64: bounds(f, 8); writeN(f, 8, value); return undefined;
      case R_RISCV.R32: {
        bounds(f, 4);
        if (!fitsSigned(value, 33) || value < -(1n << 31n)) return fail(`value 0x${value.toString(16)} does not fit in 32 bits`);
        writeN(f, 4, value);
        return undefined;
      }
      case R_RISCV.BRANCH: {
        bounds(f, 4);
        const d = value - f.pc;
        if (!fitsSigned(d, 13) || (d & 1n)) return fail(`target is out of range (${d} bytes; a conditional branch reaches ±4 KiB)`);
        patch(f, B_MASK, bImm(Number(d)));
        return undefined;
      }
      case R_RISCV.JAL: {
        bounds(f, 4);
        const d = value - f.pc;
        if (!fitsSigned(d, 21) || (d & 1n)) return fail(`target is out of range (${d} bytes; jal reaches ±1 MiB)`);
        patch(f, J_MASK, jImm(Number(d)));
        return undefined;
      }
      case R_RISCV.CALL: case R_RISCV.CALL_PLT: {
        bounds(f, 8);
        const d = value - f.pc;
        if (!fitsSigned(d + 0x800n, 32)) return fail('target is out of range (more than ±2 GiB away)');
        const { hi, lo } = hiLo(d);
        patch(f, U_MASK, uImm(hi));
        patch({ ...f, at: f.at + 4 }, I_MASK, iImm(lo));
        return undefined;
      }
      case R_RISCV.PCREL_HI20: case R_RISCV.GOT_HI20: {
        bounds(f, 4);
        const d = value - f.pc;
        if (!fitsSigned(d + 0x800n, 32)) return fail('target is out of range (more than ±2 GiB away)');
        patch(f, U_MASK, uImm(hiLo(d).hi));
        pairs.record(f.pc, d, type === R_RISCV.GOT_HI20);
        return undefined;
      }
      case R_RISCV.HI20: {
        bounds(f, 4);
        if (!fitsSigned(value + 0x800n, 32)) return fail(`address 0x${value.toString(16)} does not fit in 32 bits`);
        patch(f, U_MASK, uImm(hiLo(value).hi));
        return undefined;
      }
      case R_RISCV.LO12_I: bounds(f, 4); patch(f, I_MASK, iImm(hiLo(value).lo)); return undefined;
      case R_RISCV.LO12_S: bounds(f, 4); patch(f, S_MASK, sImm(hiLo(value).lo)); return undefined;
      case R_RISCV.ADD8: case R_RISCV.ADD16: case R_RISCV.ADD32: case R_RISCV.ADD64:
      case R_RISCV.SUB8: case R_RISCV.SUB16: case R_RISCV.SUB32: case R_RISCV.SUB64: {
        const n = { 33: 1, 34: 2, 35: 4, 36: 8, 37: 1, 38: 2, 39: 4, 40: 8 }[type as 33]!;
        bounds(f, n);
        const sign = type <= R_RISCV.ADD64 ? 1n : -1n;
        writeN(f, n, readN(f, n) + sign * value);
        return undefined;
      }
      case R_RISCV.SET6: case R_RISCV.SUB6: {
        bounds(f, 1);
        const old = f.buf[f.at]!;
        const v = type === R_RISCV.SET6 ? value : BigInt(old & 0x3f) - value;
        f.buf[f.at] = (old & 0xc0) | Number(v & 0x3fn);
        return undefined;
      }
      case R_RISCV.SET8: bounds(f, 1); writeN(f, 1, value); return undefined;
      case R_RISCV.SET16: bounds(f, 2); writeN(f, 2, value); return undefined;
      case R_RISCV.SET32: bounds(f, 4); writeN(f, 4, value); return undefined;
      case R_RISCV.R32_PCREL: bounds(f, 4); writeN(f, 4, value - f.pc); return undefined;
      case R_RISCV.RVC_BRANCH: {
        bounds(f, 2);
        const d = value - f.pc;
        if (!fitsSigned(d, 9)) return fail(`target is out of range (${d} bytes; c.beqz/c.bnez reach ±256 bytes)`);
        const bits = rvcBranchBits(Number(d));
        const old = f.buf[f.at]! | (f.buf[f.at + 1]! << 8);
        const next = (old & ~0x1c7c) | bits;
        f.buf[f.at] = next & 0xff;
        f.buf[f.at + 1] = (next >> 8) & 0xff;
        return undefined;
      }
      case R_RISCV.RVC_JUMP: {
        bounds(f, 2);
        const d = value - f.pc;
        if (!fitsSigned(d, 12)) return fail(`target is out of range (${d} bytes; c.j reaches ±2 KiB)`);
        const bits = rvcJumpBits(Number(d));
        const old = f.buf[f.at]! | (f.buf[f.at + 1]! << 8);
        const next = (old & ~0x1ffc) | bits;
        f.buf[f.at] = next & 0xff;
        f.buf[f.at + 1] = (next >> 8) & 0xff;
        return undefined;
      }
      default:
        return fail('is not supported by the ForkLab linker');
    }
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

/** Second pass: PCREL_LO12_I/S, whose symbol is the address of the matching %pcrel_hi. */
export function applyPcrelLo(job: RelocJob, pairs: PcrelPairs): string | undefined {
  const f = job.field;
  const hi = pairs.lookup(job.value);
  if (f.at < 0 || f.at + 4 > f.buf.length) return `${job.where}: relocation offset is outside its section`;
  if (!hi) return `${job.where}: ${relocName(job.type)} has no matching R_RISCV_PCREL_HI20 at 0x${job.value.toString(16)}`;
  const lo = hiLo(hi.delta).lo;
  if (job.type === R_RISCV.PCREL_LO12_S) {
    patch(f, S_MASK, sImm(lo));
    return undefined;
  }
  let word = get32(f);
  // A GOT load (ld rd, %pcrel_lo(got)) becomes addi rd, rs1, lo: the address itself, no GOT needed.
  if (hi.got && (word & 0x707f) === 0x3003) word = (word & ~0x707f) | 0x0013;
  put32(f, ((word & ~I_MASK) | iImm(lo)) >>> 0);
  return undefined;
}

export const isPcrelLo = (type: number): boolean => type === R_RISCV.PCREL_LO12_I || type === R_RISCV.PCREL_LO12_S;
