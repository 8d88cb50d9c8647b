// A tiny WebAssembly binary writer: just what the block translator needs. A module imports
// one memory ("e" "m", the machine's, layout.ts) and holds functions of one signature,
// (room: i32, mode: i32) -> i32, exported as "f0", "f1", ... Function bodies are written
// opcode by opcode into a Code buffer (numbers from the WebAssembly core spec, section 5).

export enum Op {
  Unreachable = 0x00, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05, End = 0x0b,
  Br = 0x0c, BrIf = 0x0d, Return = 0x0f,
  LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22,
  I32Load = 0x28, I64Load = 0x29, I32Load8U = 0x2d,
  I64Load8S = 0x30, I64Load8U = 0x31, I64Load16S = 0x32, I64Load16U = 0x33,
  I64Load32S = 0x34, I64Load32U = 0x35,
  I32Store = 0x36, I64Store = 0x37, F64Store = 0x39,
  I64Store8 = 0x3c, I64Store16 = 0x3d, I64Store32 = 0x3e,
  I32Const = 0x41, I64Const = 0x42, F64Const = 0x44,
  I32Eqz = 0x45, I32Ne = 0x47, I32LtS = 0x48, I32GtU = 0x4b, I32GeS = 0x4e,
  I64Eqz = 0x50, I64Eq = 0x51, I64Ne = 0x52, I64LtS = 0x53, I64LtU = 0x54, I64GtU = 0x56,
  I64GeS = 0x59, I64GeU = 0x5a,
  I32Add = 0x6a, I32Sub = 0x6b, I32Mul = 0x6c, I32DivS = 0x6d, I32DivU = 0x6e,
  I32RemS = 0x6f, I32RemU = 0x70, I32And = 0x71, I32Or = 0x72, I32Xor = 0x73,
  I32Shl = 0x74, I32ShrS = 0x75, I32ShrU = 0x76,
  I64Add = 0x7c, I64Sub = 0x7d, I64Mul = 0x7e, I64DivS = 0x7f, I64DivU = 0x80,
  I64RemS = 0x81, I64RemU = 0x82, I64And = 0x83, I64Or = 0x84, I64Xor = 0x85,
  I64Shl = 0x86, I64ShrS = 0x87, I64ShrU = 0x88,
  I32WrapI64 = 0xa7, I64ExtendI32S = 0xac, I64ExtendI32U = 0xad, F64ConvertI64S = 0xb9,
}

/** Block types. */
export const VOID = 0x40;
export const I32 = 0x7f;
export const I64 = 0x7e;

/** A growable byte buffer (the emitter runs on cold paths: no BigInt, no per-byte arrays). */
class Bytes {
  buf = new Uint8Array(256);
  length = 0;

  byte(b: number): void {
    if (this.length === this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.length++] = b;
  }

  uleb(v: number): void {
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
  }

  /** Signed LEB128 of an integral number with |v| <= 2^53. */
  sleb(v: number): void {
    for (;;) {
      const b = v & 0x7f; // two's complement low bits, also for negative v
      v = Math.floor(v / 128);
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { this.byte(b); return; }
      this.byte(b | 0x80);
    }
  }

  append(other: Bytes): void {
    for (let i = 0; i < other.length; i++) this.byte(other.buf[i]!);
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

export class Code {
  readonly out = new Bytes();

  op(o: Op): this {
    this.out.byte(o);
    return this;
  }

  /** An opcode with one immediate index (local, label depth) or block type. */
  opIdx(o: Op, idx: number): this {
    this.out.byte(o);
    this.out.uleb(idx);
    return this;
  }

  get(i: number): this {
    return this.opIdx(Op.LocalGet, i);
  }

  set(i: number): this {
    return this.opIdx(Op.LocalSet, i);
  }

  i32(v: number): this {
    this.out.byte(Op.I32Const);
    this.out.sleb(v | 0);
    return this;
  }

  /** An i64 constant given as a number (|v| <= 2^53) or a bigint (any 64-bit pattern). */
  i64(v: number | bigint): this {
    this.out.byte(Op.I64Const);
    if (typeof v === 'number' && Number.isSafeInteger(v)) this.out.sleb(v);
    else {
      let x = BigInt.asIntN(64, BigInt(v));
      for (;;) {
        const b = Number(x & 0x7fn);
        x >>= 7n;
        if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) { this.out.byte(b); break; }
        this.out.byte(b | 0x80);
      }
    }
    return this;
  }

  f64(v: number): this {
    this.out.byte(Op.F64Const);
    F64_SCRATCH[0] = v;
    for (let i = 0; i < 8; i++) this.out.byte(F64_BYTES[i]!);
    return this;
  }

  /** A load or store with its alignment (log2 bytes) and constant offset. */
  mem(o: Op, align: number, offset: number): this {
    this.out.byte(o);
    this.out.byte(align);
    this.out.uleb(offset);
    return this;
  }
}

const F64_SCRATCH = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64_SCRATCH.buffer); // little-endian hosts (all of ours)

export interface WasmFunction {
  /** Extra locals after the two parameters, by type (I32 or I64), in index order. */
  readonly locals: number[];
  readonly code: Code;
}

function section(out: Bytes, id: number, body: Bytes): void {
  out.byte(id);
  out.uleb(body.length);
  out.append(body);
}

function name(out: Bytes, s: string): void {
  out.uleb(s.length);
  for (let i = 0; i < s.length; i++) out.byte(s.charCodeAt(i));
}

/** A module of `funcs` over an imported memory of exactly `memPages` 64 KiB pages. */
export function buildModule(funcs: readonly WasmFunction[], memPages: number): Uint8Array {
  const out = new Bytes();
  for (const b of [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]) out.byte(b);
  const type = new Bytes();
  for (const b of [1, 0x60, 2, I32, I32, 1, I32]) type.byte(b); // one type: (i32, i32) -> i32
  section(out, 1, type);
  const imp = new Bytes();
  imp.byte(1);
  name(imp, 'e'); name(imp, 'm');
  imp.byte(0x02); imp.byte(0x01); // memory, limits with a maximum
  imp.uleb(memPages); imp.uleb(memPages);
  section(out, 2, imp);
  const fn = new Bytes();
  fn.uleb(funcs.length);
  for (let i = 0; i < funcs.length; i++) fn.byte(0);
  section(out, 3, fn);
  const exp = new Bytes();
  exp.uleb(funcs.length);
  for (let i = 0; i < funcs.length; i++) { name(exp, `f${i}`); exp.byte(0x00); exp.uleb(i); }
  section(out, 7, exp);
  const code = new Bytes();
  code.uleb(funcs.length);
  for (const f of funcs) {
    const body = new Bytes();
    // Locals as runs of one type.
    const runs: Array<[number, number]> = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === t) last[0]++; else runs.push([1, t]);
    }
    body.uleb(runs.length);
    for (const [n, t] of runs) { body.uleb(n); body.byte(t); }
    body.append(f.code.out);
    body.byte(Op.End);
    code.uleb(body.length);
    code.append(body);
  }
  section(out, 10, code);
  return out.view().slice();
}
