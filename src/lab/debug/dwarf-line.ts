// Reading gcc's DWARF line table (.debug_line) of the lab kernel: the map from kernel PCs to
// source lines the debugger uses for breakpoints, stepping and the current-line highlight.
//
// DWARF 5 section 6.2 (what gcc 12 and gas 2.40 write), plus versions 2-4 for older objects:
// each unit is a header (opcode lengths, directory and file tables) followed by a line-number
// program, a byte code driving a state machine whose rows are (address, file, line, column,
// is_stmt). DWARF 5 file tables are described by (content type, form) pairs and name strings
// usually live in .debug_line_str. Paths are joined with their directory and made relative
// (the kernel is built with -ffile-prefix-map=$(CURDIR)=., so the compile directory is ".").
// A malformed unit ends the parse with what was read so far and a problem, never a throw.

import { readElf } from '../../toolchain/elf/reader';
import type { LineRow } from '../../toolchain/link/linetable';

/** One row of the decoded table; `end` marks the first address after a sequence (no line). */
export interface DwarfLineRow extends LineRow {
  readonly end: boolean;
}

export interface DwarfLineTable {
  /** Rows in the order the programs produced them (each sequence ascending by address). */
  readonly rows: DwarfLineRow[];
  readonly problems: string[];
}

// Standard opcodes (DWARF 5 section 6.2.5.2).
const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNS_negate_stmt = 6;
const DW_LNS_set_basic_block = 7;
const DW_LNS_const_add_pc = 8;
const DW_LNS_fixed_advance_pc = 9;
const DW_LNS_set_prologue_end = 10;
const DW_LNS_set_epilogue_begin = 11;
const DW_LNS_set_isa = 12;
// Extended opcodes (section 6.2.5.3).
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;
const DW_LNE_define_file = 3;
// Line-table content types (section 6.2.4.1) and the forms they may use (section 7.5.6).
const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;
const DW_FORM_block = 0x09;
const DW_FORM_block1 = 0x0a;
const DW_FORM_data1 = 0x0b;
const DW_FORM_data2 = 0x05;
const DW_FORM_data4 = 0x06;
const DW_FORM_data8 = 0x07;
const DW_FORM_data16 = 0x1e;
const DW_FORM_string = 0x08;
const DW_FORM_strp = 0x0e;
const DW_FORM_udata = 0x0f;
const DW_FORM_line_strp = 0x1f;
const DW_FORM_strx = 0x1a;
const DW_FORM_strx1 = 0x25;
const DW_FORM_strx2 = 0x26;
const DW_FORM_strx3 = 0x27;
const DW_FORM_strx4 = 0x28;

class Malformed extends Error {}

/** A bounds-checked little-endian reader over one section. */
class Cursor {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array, public at = 0, public end = bytes.length) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): number {
    if (this.at + n > this.end) throw new Malformed(`truncated at offset 0x${this.at.toString(16)}`);
    const p = this.at;
    this.at += n;
    return p;
  }
  u8(): number {
    return this.bytes[this.need(1)]!;
  }
  i8(): number {
    return this.view.getInt8(this.need(1));
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  u64(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }
  /** An offset-sized value: 4 bytes in 32-bit DWARF, 8 in 64-bit. */
  offset(wide: boolean): number {
    return wide ? Number(this.u64()) : this.u32();
  }
  address(size: number): bigint {
    if (size === 8) return this.u64();
    if (size === 4) return BigInt(this.u32());
    throw new Malformed(`unsupported address size ${size}`);
  }
  uleb(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.u8();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return result;
      if (shift > 70n) throw new Malformed('LEB128 number too long');
    }
  }
  ulebNum(): number {
    return Number(this.uleb());
  }
  sleb(): number {
    let result = 0n;
    let shift = 0n;
    let b: number;
    do {
      b = this.u8();
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (shift > 70n) throw new Malformed('LEB128 number too long');
    } while (b & 0x80);
    if (b & 0x40) result -= 1n << shift;
    return Number(result);
  }
  cstring(): string {
    const start = this.at;
    while (this.at < this.end && this.bytes[this.at] !== 0) this.at++;
    if (this.at >= this.end) throw new Malformed('unterminated string');
    const s = decodeText(this.bytes.subarray(start, this.at));
    this.at++;
    return s;
  }
  skip(n: number): void {
    this.need(n);
  }
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });
function decodeText(b: Uint8Array): string {
  return textDecoder.decode(b);
}

function stringAt(section: Uint8Array | undefined, off: number, what: string): string {
  if (!section || off >= section.length) throw new Malformed(`${what} offset 0x${off.toString(16)} outside its section`);
  let e = off;
  while (e < section.length && section[e] !== 0) e++;
  return decodeText(section.subarray(off, e));
}

/** The sections a line table refers to by offset. */
interface StringSections {
  readonly str?: Uint8Array;
  readonly lineStr?: Uint8Array;
}

/** "./include" + "list.h" -> "include/list.h"; an absolute name stays as it is. */
export function joinPath(dir: string, name: string): string {
  const full = name.startsWith('/') || dir === '' ? name : `${dir}/${name}`;
  const parts: string[] = [];
  for (const p of full.split('/')) {
    if (p === '.' || (p === '' && parts.length > 0)) continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** Decodes every unit of a .debug_line section. */
export function parseDebugLine(debugLine: Uint8Array, strings: StringSections = {}): DwarfLineTable {
  const rows: DwarfLineRow[] = [];
  const problems: string[] = [];
  const c = new Cursor(debugLine);
  while (c.at < debugLine.length) {
    const unitStart = c.at;
    try {
      let length = c.u32();
      let wide = false;
      if (length === 0xffffffff) {
        wide = true;
        length = Number(c.u64());
      } else if (length >= 0xfffffff0) throw new Malformed(`reserved unit length 0x${length.toString(16)}`);
      const unitEnd = c.at + length;
      if (unitEnd > debugLine.length) throw new Malformed('unit runs past the end of the section');
      parseUnit(new Cursor(debugLine, c.at, unitEnd), wide, strings, rows);
      c.at = unitEnd;
    } catch (e) {
      if (!(e instanceof Malformed)) throw e;
      problems.push(`.debug_line unit at 0x${unitStart.toString(16)}: ${e.message}`);
      break;
    }
  }
  return { rows, problems };
}

function parseUnit(c: Cursor, wide: boolean, strings: StringSections, rows: DwarfLineRow[]): void {
  const version = c.u16();
  if (version < 2 || version > 5) throw new Malformed(`unsupported version ${version}`);
  let addressSize = 8;
  if (version >= 5) {
    addressSize = c.u8();
    const segmentSelectorSize = c.u8();
    if (segmentSelectorSize !== 0) throw new Malformed('segmented addresses are not supported');
  }
  const headerLength = c.offset(wide);
  const programStart = c.at + headerLength;
  const minInsnLength = c.u8();
  const maxOps = version >= 4 ? c.u8() : 1;
  if (maxOps !== 1) throw new Malformed('VLIW line tables (maximum_operations_per_instruction > 1) are not supported');
  const defaultIsStmt = c.u8() !== 0;
  const lineBase = c.i8();
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  if (lineRange === 0) throw new Malformed('line_range is 0');
  const opcodeLengths = [0];
  for (let i = 1; i < opcodeBase; i++) opcodeLengths.push(c.u8());

  let dirs: string[];
  let files: string[];
  if (version >= 5) {
    const dirEntries = readEntryTable(c, wide, strings);
    dirs = dirEntries.map((e) => e.path);
    files = readEntryTable(c, wide, strings).map((e) => joinPath(dirs[e.dir] ?? '', e.path));
  } else {
    // Directory 0 and file 0 are implicit (the compile directory, the primary file): index from 1.
    dirs = [''];
    for (let d = c.cstring(); d !== ''; d = c.cstring()) dirs.push(d);
    files = [''];
    for (let f = c.cstring(); f !== ''; f = c.cstring()) {
      const dir = c.ulebNum();
      c.uleb(); // modification time
      c.uleb(); // length
      files.push(joinPath(dirs[dir] ?? '', f));
    }
  }
  c.at = programStart;
  runProgram(c, { version, addressSize, minInsnLength, defaultIsStmt, lineBase, lineRange, opcodeBase, opcodeLengths, dirs, files }, rows);
}

/** A DWARF 5 directory or file-name table: a format (content type, form) then the entries. */
function readEntryTable(c: Cursor, wide: boolean, strings: StringSections): { path: string; dir: number }[] {
  const formatCount = c.u8();
  const format: [number, number][] = [];
  for (let i = 0; i < formatCount; i++) format.push([c.ulebNum(), c.ulebNum()]);
  const count = c.ulebNum();
  const out: { path: string; dir: number }[] = [];
  for (let i = 0; i < count; i++) {
    let path = '';
    let dir = 0;
    for (const [type, form] of format) {
      const v = readForm(c, form, wide, strings);
      if (type === DW_LNCT_path) {
        if (typeof v !== 'string') throw new Malformed(`path in form 0x${form.toString(16)}, not a string`);
        path = v;
      } else if (type === DW_LNCT_directory_index) {
        if (typeof v !== 'number') throw new Malformed(`directory index in form 0x${form.toString(16)}, not a number`);
        dir = v;
      }
    }
    out.push({ path, dir });
  }
  return out;
}

/** The value of one attribute: strings resolved, constants as numbers, blocks skipped (null). */
function readForm(c: Cursor, form: number, wide: boolean, strings: StringSections): string | number | null {
  switch (form) {
    case DW_FORM_string:
      return c.cstring();
    case DW_FORM_line_strp:
      return stringAt(strings.lineStr, c.offset(wide), '.debug_line_str');
    case DW_FORM_strp:
      return stringAt(strings.str, c.offset(wide), '.debug_str');
    case DW_FORM_udata:
      return c.ulebNum();
    case DW_FORM_data1:
      return c.u8();
    case DW_FORM_data2:
      return c.u16();
    case DW_FORM_data4:
      return c.u32();
    case DW_FORM_data8:
      return Number(c.u64());
    case DW_FORM_data16:
      c.skip(16);
      return null;
    case DW_FORM_block:
      c.skip(c.ulebNum());
      return null;
    case DW_FORM_block1:
      c.skip(c.u8());
      return null;
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
      // Needs .debug_str_offsets and the unit's base from .debug_info; gcc does not use it here.
      throw new Malformed('string index forms (DW_FORM_strx*) are not supported in line tables');
    default:
      throw new Malformed(`unknown form 0x${form.toString(16)} in a file table`);
  }
}

interface UnitHeader {
  readonly version: number;
  readonly addressSize: number;
  readonly minInsnLength: number;
  readonly defaultIsStmt: boolean;
  readonly lineBase: number;
  readonly lineRange: number;
  readonly opcodeBase: number;
  readonly opcodeLengths: readonly number[];
  readonly dirs: readonly string[];
  readonly files: string[];
}

/** Runs the line-number program of one unit (section 6.2.5), appending its rows. */
function runProgram(c: Cursor, h: UnitHeader, rows: DwarfLineRow[]): void {
  let address = 0n;
  let file = 1;
  let line = 1;
  let column = 0;
  let isStmt = h.defaultIsStmt;
  const reset = () => {
    address = 0n;
    file = 1;
    line = 1;
    column = 0;
    isStmt = h.defaultIsStmt;
  };
  const emit = (end: boolean) => {
    rows.push({ addr: address, file: h.files[file] ?? `?file${file}`, line, column, isStmt, end });
  };
  const advance = (opAdvance: number) => {
    address = BigInt.asUintN(64, address + BigInt(h.minInsnLength * opAdvance));
  };
  while (c.at < c.end) {
    const op = c.u8();
    if (op >= h.opcodeBase) {
      const adjusted = op - h.opcodeBase;
      advance(Math.floor(adjusted / h.lineRange));
      line += h.lineBase + (adjusted % h.lineRange);
      emit(false);
      continue;
    }
    switch (op) {
      case 0: {
        const len = c.ulebNum();
        const next = c.at + len;
        if (len === 0 || next > c.end) throw new Malformed('bad extended opcode length');
        const sub = c.u8();
        if (sub === DW_LNE_end_sequence) {
          emit(true);
          reset();
        } else if (sub === DW_LNE_set_address) {
          address = c.address(len - 1 === 4 ? 4 : h.addressSize);
        } else if (sub === DW_LNE_define_file && h.version < 5) {
          const name = c.cstring();
          const dir = c.ulebNum();
          h.files.push(joinPath(h.dirs[dir] ?? '', name));
        }
        // Anything else (set_discriminator, vendor opcodes) carries nothing a row needs.
        c.at = next;
        break;
      }
      case DW_LNS_copy:
        emit(false);
        break;
      case DW_LNS_advance_pc:
        advance(c.ulebNum());
        break;
      case DW_LNS_advance_line:
        line += c.sleb();
        break;
      case DW_LNS_set_file:
        file = c.ulebNum();
        break;
      case DW_LNS_set_column:
        column = c.ulebNum();
        break;
      case DW_LNS_negate_stmt:
        isStmt = !isStmt;
        break;
      case DW_LNS_set_basic_block:
      case DW_LNS_set_prologue_end:
      case DW_LNS_set_epilogue_begin:
        break;
      case DW_LNS_const_add_pc:
        advance(Math.floor((255 - h.opcodeBase) / h.lineRange));
        break;
      case DW_LNS_fixed_advance_pc:
        address = BigInt.asUintN(64, address + BigInt(c.u16()));
        break;
      case DW_LNS_set_isa:
        c.uleb();
        break;
      default:
        // An opcode this reader does not know: the header says how many ULEB operands to skip.
        for (let i = 0; i < (h.opcodeLengths[op] ?? 0); i++) c.uleb();
    }
  }
}

/** The decoded .debug_line of an ELF (empty with a problem when it has none). */
export function readDwarfLineTable(elfBytes: Uint8Array): DwarfLineTable {
  const r = readElf(elfBytes);
  if (!r.elf) return { rows: [], problems: ['not a readable ELF file'] };
  const section = (name: string) => r.elf!.sections.find((s) => s.name === name)?.data;
  const debugLine = section('.debug_line');
  if (!debugLine) return { rows: [], problems: ['the ELF has no .debug_line section (built without -g?)'] };
  const lineStr = section('.debug_line_str');
  const str = section('.debug_str');
  return parseDebugLine(debugLine, { ...(lineStr ? { lineStr } : {}), ...(str ? { str } : {}) });
}
