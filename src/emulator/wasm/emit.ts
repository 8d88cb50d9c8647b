// A tiny WebAssembly binary writer: just what the block translator needs. A module imports
// the machine's memory ("e" "m", layout.ts) and the shared table of block functions ("e" "t",
// jit.ts), holds functions of the two signatures below, exports them as "f0", "f1", ... and
// places them into the table from slot `tableBase` on (an active element segment), so blocks
// of other modules can tail-call them. Function bodies are written opcode by opcode into a
// Code buffer (numbers from the WebAssembly core spec, section 5; return_call and
// return_call_indirect from the tail-call proposal, in V8 since 11.2).

export enum Op {
  Unreachable = 0x00, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05, End = 0x0b,
  Br = 0x0c, BrIf = 0x0d, BrTable = 0x0e, Return = 0x0f, Call = 0x10, CallIndirect = 0x11, ReturnCall = 0x12,
  ReturnCallIndirect = 0x13,
  Drop = 0x1a, Select = 0x1b,
  LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22,
  I32Load = 0x28, I64Load = 0x29, I32Load8U = 0x2d,
  I64Load8S = 0x30, I64Load8U = 0x31, I64Load16S = 0x32, I64Load16U = 0x33,
  I64Load32S = 0x34, I64Load32U = 0x35,
  I32Store = 0x36, I64Store = 0x37, F64Store = 0x39, I32Store8 = 0x3a,
  I64Store8 = 0x3c, I64Store16 = 0x3d, I64Store32 = 0x3e,
  I32Const = 0x41, I64Const = 0x42, F64Const = 0x44, F64Load = 0x2b,
  I32Eqz = 0x45, I32Eq = 0x46, I32Ne = 0x47, I32LtS = 0x48, I32LtU = 0x49, I32GtS = 0x4a,
  I32GtU = 0x4b, I32LeU = 0x4d, I32GeS = 0x4e, I32GeU = 0x4f,
  I64Eqz = 0x50, I64Eq = 0x51, I64Ne = 0x52, I64LtS = 0x53, I64LtU = 0x54, I64GtU = 0x56,
  I64GeS = 0x59, I64GeU = 0x5a, F64Eq = 0x61, F64Ne = 0x62,
  I32Add = 0x6a, I32Sub = 0x6b, I32Mul = 0x6c, I32DivS = 0x6d, I32DivU = 0x6e,
  I32RemS = 0x6f, I32RemU = 0x70, I32And = 0x71, I32Or = 0x72, I32Xor = 0x73,
  I32Shl = 0x74, I32ShrS = 0x75, I32ShrU = 0x76,
  I64Add = 0x7c, I64Sub = 0x7d, I64Mul = 0x7e, I64DivS = 0x7f, I64DivU = 0x80,
  I64RemS = 0x81, I64RemU = 0x82, I64And = 0x83, I64Or = 0x84, I64Xor = 0x85,
  I64Shl = 0x86, I64ShrS = 0x87, I64ShrU = 0x88,
  I32WrapI64 = 0xa7, I64ExtendI32S = 0xac, I64ExtendI32U = 0xad, F64ConvertI64S = 0xb9,
  /** The 0xfc prefix (saturating truncations, ...): the sub-opcode follows as a LEB128. */
  PrefixFC = 0xfc,
}

/** Sub-opcode of i64.trunc_sat_f64_s after Op.PrefixFC (non-trapping float-to-int, in V8 since 7.5). */
export const FC_I64_TRUNC_SAT_F64_S = 6;

/** Block types. */
export const VOID = 0x40;
export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;

/**
 * A growable byte buffer. The emitter reuses three of them (BODIES, OUT, SECTION below): a
 * typed array over 64 bytes lives off the JS heap, and allocating one per block or section
 * showed in profiles (up to ~50 us each next to the machine's large wasm memory, and GC
 * "external memory pressure").
 */
class Bytes {
  buf: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  reset(): void {
    this.length = 0;
  }

  private grow(need: number): void {
    let n = this.buf.length * 2;
    while (n < need) n *= 2;
    const grown = new Uint8Array(n);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  byte(b: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = b;
  }

  array(a: Uint8Array): void {
    if (this.length + a.length > this.buf.length) this.grow(this.length + a.length);
    this.buf.set(a, this.length);
    this.length += a.length;
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
    this.array(other.buf.subarray(0, other.length));
  }

}

/** The bodies of the module being made, one after the other (beginModule resets it). */
const BODIES = new Bytes(1 << 16);
const OUT = new Bytes(1 << 16);
const SECTION = new Bytes(1 << 16);

/** Start the function bodies of a new module (previous WasmFunctions become invalid). */
export function beginModule(): void {
  BODIES.reset();
}

/** One function body being written: bodies of one module are written one after the other. */
export class Code {
  readonly out = BODIES;
  private readonly start = BODIES.length;

  /** Where the body's bytes are (without the final `end`). */
  finish(): { start: number; end: number } {
    return { start: this.start, end: this.out.length };
  }

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

/**
 * Signatures: a block (room, mode, r) -> r', the chain helper (room, mode, r, pc) -> r', and
 * the plain-instruction interpreter (pc, room, mode, stop) -> r and its Sv39 walk
 * (va, kind, tlb index) -> RAM offset or -1 (wasm/interp.ts).
 */
export const TYPE_BLOCK = 0;
export const TYPE_CHAIN = 1;
export const TYPE_INTERP = 2;
export const TYPE_WALK = 3;
/** (page) -> (): the interpreter's drop of a written page's run counts (wasm/interp.ts). */
export const TYPE_DROP = 4;
/** (insn, rd's slot) -> flags: the interpreter's SYSTEM instructions (wasm/interp.ts). */
export const TYPE_SYSTEM = 5;

export interface WasmFunction {
  /** TYPE_BLOCK or TYPE_CHAIN. */
  readonly type: number;
  /** Extra locals after the parameters, by type (I32 or I64), in index order. */
  readonly locals: readonly number[];
  /** The body's instructions (Code.finish): a range of this module's bodies. */
  readonly body: { readonly start: number; readonly end: number };
}

function section(id: number): void {
  OUT.byte(id);
  OUT.uleb(SECTION.length);
  OUT.append(SECTION);
  SECTION.reset();
}

function name(out: Bytes, s: string): void {
  out.uleb(s.length);
  for (let i = 0; i < s.length; i++) out.byte(s.charCodeAt(i));
}

const HEADER = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
// TYPE_BLOCK: (i32, i32, i32) -> i32; TYPE_CHAIN: (i32, i32, i32, i64) -> i32;
// TYPE_INTERP: (f64, i32, i32, i32) -> i32; TYPE_WALK: (i64, i32, i32) -> i32;
// TYPE_DROP: (i32) -> (); TYPE_SYSTEM: (i32, i32) -> i32.
const TYPES = Uint8Array.of(
  6, 0x60, 3, I32, I32, I32, 1, I32, 0x60, 4, I32, I32, I32, I64, 1, I32,
  0x60, 4, F64, I32, I32, I32, 1, I32, 0x60, 3, I64, I32, I32, 1, I32,
  0x60, 1, I32, 0, 0x60, 2, I32, I32, 1, I32,
);

/**
 * A module of `funcs` (written since beginModule) over an imported memory of exactly
 * `memory.pages` 64 KiB pages (shared when `memory.shared`) and the imported table, where
 * functions `tableFrom`.. go to slots `tableBase`.. (none when tableFrom = funcs.length).
 * Without `importTable` the module imports the memory alone (and must then place nothing in a
 * table). The bytes are valid until the next module is built.
 */
export function buildModule(funcs: readonly WasmFunction[], memory: { readonly pages: number; readonly shared: boolean }, tableBase: number, tableFrom: number, importTable = true): Uint8Array {
  OUT.reset();
  SECTION.reset();
  OUT.array(HEADER);
  SECTION.array(TYPES);
  section(1);
  SECTION.byte(importTable ? 2 : 1);
  name(SECTION, 'e'); name(SECTION, 'm');
  SECTION.byte(0x02); SECTION.byte(memory.shared ? 0x03 : 0x01); // memory, limits with a maximum (shared: 3)
  SECTION.uleb(memory.pages); SECTION.uleb(memory.pages);
  if (importTable) {
    name(SECTION, 'e'); name(SECTION, 't');
    SECTION.byte(0x01); SECTION.byte(0x70); SECTION.byte(0x00); SECTION.uleb(0); // table of funcref, min 0
  }
  section(2);
  SECTION.uleb(funcs.length);
  for (let i = 0; i < funcs.length; i++) SECTION.uleb(funcs[i]!.type);
  section(3);
  SECTION.uleb(funcs.length);
  for (let i = 0; i < funcs.length; i++) { name(SECTION, `f${i}`); SECTION.byte(0x00); SECTION.uleb(i); }
  section(7);
  if (tableFrom < funcs.length) {
    SECTION.byte(1);
    SECTION.byte(0x00); // active, table 0, offset expression, function indexes
    SECTION.byte(Op.I32Const); SECTION.sleb(tableBase); SECTION.byte(Op.End);
    SECTION.uleb(funcs.length - tableFrom);
    for (let i = tableFrom; i < funcs.length; i++) SECTION.uleb(i);
    section(9);
  }
  SECTION.uleb(funcs.length);
  const locals: number[] = [];
  for (const f of funcs) {
    // Locals as runs of one type.
    locals.length = 0;
    let runs = 0;
    for (let i = 0; i < f.locals.length;) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      locals.push(j - i, f.locals[i]!); // run lengths stay below 128: one LEB128 byte
      runs++;
      i = j;
    }
    const body = BODIES.buf.subarray(f.body.start, f.body.end);
    SECTION.uleb(1 + locals.length + body.length + 1);
    SECTION.byte(runs);
    for (const b of locals) SECTION.byte(b);
    SECTION.array(body);
    SECTION.byte(Op.End);
  }
  section(10);
  // A view, not a copy: WebAssembly.Module copies the bytes it compiles.
  return OUT.buf.subarray(0, OUT.length);
}
