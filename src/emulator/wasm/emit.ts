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

export class Code {
  readonly bytes: number[] = [];

  op(o: Op): this {
    this.bytes.push(o);
    return this;
  }

  /** An opcode with one immediate index (local, label depth) or block type. */
  opIdx(o: Op, idx: number): this {
    this.bytes.push(o);
    uleb(this.bytes, idx);
    return this;
  }

  i32(v: number): this {
    this.bytes.push(Op.I32Const);
    sleb(this.bytes, BigInt(v | 0));
    return this;
  }

  i64(v: bigint): this {
    this.bytes.push(Op.I64Const);
    sleb(this.bytes, BigInt.asIntN(64, v));
    return this;
  }

  f64(v: number): this {
    this.bytes.push(Op.F64Const);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  /** A load or store with its alignment (log2 bytes) and constant offset. */
  mem(o: Op, align: number, offset: number): this {
    this.bytes.push(o, align);
    uleb(this.bytes, offset);
    return this;
  }

  get: (i: number) => this = (i) => this.opIdx(Op.LocalGet, i);
  set: (i: number) => this = (i) => this.opIdx(Op.LocalSet, i);
}

export interface WasmFunction {
  /** Extra locals after the two parameters, by type (I32 or I64), in index order. */
  readonly locals: number[];
  readonly code: Code;
}

function uleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

function sleb(out: number[], v: bigint): void {
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { out.push(b); return; }
    out.push(b | 0x80);
  }
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  uleb(out, body.length);
  for (const b of body) out.push(b);
}

function name(out: number[], s: string): void {
  uleb(out, s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/** A module of `funcs` over an imported memory of exactly `memPages` 64 KiB pages. */
export function buildModule(funcs: readonly WasmFunction[], memPages: number): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(out, 1, [1, 0x60, 2, I32, I32, 1, I32]); // one type: (i32, i32) -> i32
  const imp: number[] = [1];
  name(imp, 'e'); name(imp, 'm');
  imp.push(0x02, 0x01); // memory, limits with a maximum
  uleb(imp, memPages); uleb(imp, memPages);
  section(out, 2, imp);
  const fn: number[] = [];
  uleb(fn, funcs.length);
  for (let i = 0; i < funcs.length; i++) fn.push(0);
  section(out, 3, fn);
  const exp: number[] = [];
  uleb(exp, funcs.length);
  for (let i = 0; i < funcs.length; i++) { name(exp, `f${i}`); exp.push(0x00); uleb(exp, i); }
  section(out, 7, exp);
  const code: number[] = [];
  uleb(code, funcs.length);
  for (const f of funcs) {
    const body: number[] = [];
    // Locals as runs of one type.
    const runs: Array<[number, number]> = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === t) last[0]++; else runs.push([1, t]);
    }
    uleb(body, runs.length);
    for (const [n, t] of runs) { uleb(body, n); body.push(t); }
    for (const b of f.code.bytes) body.push(b);
    body.push(Op.End);
    uleb(code, body.length);
    for (const b of body) code.push(b);
  }
  section(out, 10, code);
  return Uint8Array.from(out);
}
