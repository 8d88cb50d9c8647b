// The static linker: ELF64 RISC-V relocatable objects (ForkLab's own, or GNU as / gcc -c output)
// in, one ELF64 executable out. Plan: load and validate inputs; resolve global symbols; lay out
// text+rodata from textBase (segment R X) and data+bss from the next page (segment R W, bss as
// memsz beyond filesz); define linker symbols (_end, __global_pointer$ ...); apply relocations;
// concatenate line tables; write sections, symbol table and program headers.

import type { Diagnostic } from '../diagnostics';
import {
  EF_RISCV_FLOAT_ABI, EF_RISCV_RVC, ET_EXEC, R_RISCV, LINE_TABLE_SECTION, PF_R, PF_W, PF_X, PT_LOAD, SHF_ALLOC, SHF_EXECINSTR,
  SHF_WRITE, SHN_ABS, SHN_COMMON, SHN_UNDEF, SHT_NOBITS, SHT_PROGBITS, SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL,
  STB_WEAK, STT_FILE, STT_NOTYPE, STT_OBJECT, STT_SECTION, SYM_SIZE,
} from '../elf/constants';
import type { ElfSymbol } from '../elf/reader';
import { buildSymtab, writeElf, type OutSection, type OutSegment, type OutSymbol } from '../elf/writer';
import { classify, loadObject, OUT_KINDS, type InputObject, type OutKind } from './inputs';
import { objectLineRows } from './linetable';
import { applyPcrelLo, applyRelocation, isPcrelLo, PcrelPairs, type RelocJob } from './relocate';
import { resolveSymbols, type GlobalDef } from './symbols';

export interface LinkOptions {
  /** Entry symbol (default `_start`). */
  entry?: string;
  /** Address of the first text byte (default 0x10000, so address 0 faults). */
  textBase?: bigint;
  /**
   * Library members, linked like a static archive (.a): a member is included only when it
   * defines a symbol that is still undefined, so a program may define its own `strlen` as long
   * as nothing else needs the library's. Members are scanned in order until nothing changes.
   */
  library?: { name: string; bytes: Uint8Array }[];
}

export interface LinkResult {
  /** The executable; empty when there were errors. */
  readonly elf: Uint8Array;
  readonly diagnostics: Diagnostic[];
}

const PAGE = 0x1000n;
const MAX_IMAGE = 256 * 1024 * 1024;

const alignUp = (v: bigint, a: bigint): bigint => (a <= 1n ? v : ((v + a - 1n) / a) * a);

/** Links objects into an executable. Never throws: problems come back as diagnostics. */
export function link(objects: { name: string; bytes: Uint8Array }[], opts: LinkOptions = {}): LinkResult {
  const diagnostics: Diagnostic[] = [];
  const error = (file: string, message: string): void => {
    diagnostics.push({ file, line: 0, column: 0, endColumn: 0, severity: 'error', message });
  };
  try {
    return linkInner(objects, opts, diagnostics, error);
  } catch (e) {
    error('ld', `internal linker error: ${e instanceof Error ? e.message : String(e)}`);
    return { elf: new Uint8Array(0), diagnostics };
  }
}

function linkInner(
  inputs: { name: string; bytes: Uint8Array }[], opts: LinkOptions, diagnostics: Diagnostic[],
  error: (file: string, message: string) => void,
): LinkResult {
  const fail = (): LinkResult => ({ elf: new Uint8Array(0), diagnostics });
  const objects: InputObject[] = [];
  for (const input of inputs) {
    const o = loadObject(input.name, input.bytes);
    if (typeof o === 'string') error(input.name, o);
    else objects.push(o);
  }
  const members: InputObject[] = [];
  for (const input of opts.library ?? []) {
    const o = loadObject(input.name, input.bytes);
    if (typeof o === 'string') error(input.name, o);
    else members.push(o);
  }
  if (inputs.length === 0) error('ld', 'no input objects');
  if (diagnostics.length) return fail();
  objects.push(...pullMembers(objects, members, opts.entry ?? '_start'));

  // 1. Place sections by kind, in input order.
  const sizes = new Map<OutKind, bigint>(OUT_KINDS.map((k) => [k, 0n]));
  const aligns = new Map<OutKind, bigint>(OUT_KINDS.map((k) => [k, 1n]));
  const order: { obj: InputObject; index: number }[] = [];
  // Like resources/user/user.ld: .text.start sections open the text segment, then input order.
  const inLayoutOrder = (obj: InputObject) => obj.elf.sections.filter((s) => s.name !== '.text.start');
  const sectionLists = [
    ...objects.map((obj) => ({ obj, list: obj.elf.sections.filter((s) => s.name === '.text.start') })),
    ...objects.map((obj) => ({ obj, list: inLayoutOrder(obj) })),
  ];
  for (const { obj, list } of sectionLists) {
    for (const s of list) {
      const kind = classify(s);
      if (kind === 'tls') {
        error(obj.name, `section '${s.name}' holds thread-local data, which ForkLab does not support`);
        continue;
      }
      if (!kind) continue;
      const align = BigInt(Math.max(1, s.addralign));
      const at = alignUp(sizes.get(kind)!, align);
      sizes.set(kind, at + BigInt(s.size));
      if (align > aligns.get(kind)!) aligns.set(kind, align);
      obj.placed.set(s.index, { kind, section: s, addr: at }); // offset for now; made absolute below
      order.push({ obj, index: s.index });
    }
  }

  // 2. Symbols; commons go to the end of .bss.
  const table = resolveSymbols(objects);
  for (const e of table.errors) {
    const at = sourceAt(e.obj, e.sym.shndx, e.sym.value);
    if (at) diagnostics.push({ ...at, severity: 'error', message: e.message });
    else error('ld', e.message);
  }
  for (const def of table.defs.values()) {
    if (def.kind !== 'common') continue;
    const align = def.align > 0n ? def.align : 1n;
    const at = alignUp(sizes.get('bss')!, align);
    def.addr = at;
    sizes.set('bss', at + def.size);
    if (align > aligns.get('bss')!) aligns.set('bss', align);
  }

  // 3. Addresses: text, rodata | page | data, bss.
  const base = new Map<OutKind, bigint>();
  const textBase = opts.textBase ?? 0x10000n;
  if (textBase < 0n || textBase % PAGE !== 0n) {
    error('ld', `text base 0x${textBase.toString(16)} is not page-aligned`);
    return fail();
  }
  base.set('text', textBase);
  base.set('rodata', alignUp(textBase + sizes.get('text')!, aligns.get('rodata')!));
  const dataStart = alignUp(base.get('rodata')! + sizes.get('rodata')!, PAGE);
  base.set('data', alignUp(dataStart, aligns.get('data')!));
  base.set('bss', alignUp(base.get('data')! + sizes.get('data')!, aligns.get('bss')!));
  base.set('lines', 0n);
  const end = alignUp(base.get('bss')! + sizes.get('bss')!, 8n);
  const fileBytes = sizes.get('text')! + sizes.get('rodata')! + sizes.get('data')! + sizes.get('lines')!;
  if (fileBytes > BigInt(MAX_IMAGE) || end > 0xffffffffn) {
    error('ld', `program is too large (${fileBytes} bytes of code and data, ending at 0x${end.toString(16)})`);
    return fail();
  }
  for (const obj of objects) for (const p of obj.placed.values()) p.addr += base.get(p.kind)!;
  for (const def of table.defs.values()) if (def.kind === 'common') def.addr = def.addr! + base.get('bss')!;

  // 4. Linker-defined symbols, provided only when the program references them and does not define them.
  const provided: Record<string, bigint> = {
    __global_pointer$: base.get('data')! + 0x800n,
    _end: end, end, __bss_start: base.get('bss')!, _edata: base.get('bss')!, edata: base.get('bss')!,
    _etext: base.get('text')! + sizes.get('text')!, etext: base.get('text')! + sizes.get('text')!,
    __data_start: base.get('data')!, __heap_start: end,
  };
  for (const [name, value] of Object.entries(provided)) {
    if (!table.defs.has(name) && table.refs.has(name)) table.defs.set(name, { kind: 'abs', value, weak: false });
  }
  for (const [name, ref] of table.refs) {
    if (table.defs.has(name) || ref.weak) continue;
    const at = sourceOfReference(ref.obj, name);
    if (at) diagnostics.push({ ...at, severity: 'error', message: `undefined reference to '${name}' (from ${ref.obj.name})` });
    else error(ref.obj.name, `undefined reference to '${name}'`);
  }
  const entryName = opts.entry ?? '_start';
  const entryDef = table.defs.get(entryName);
  if (!entryDef) error('ld', `entry symbol '${entryName}' is not defined (a program needs a ${entryName} function, usually from crt0)`);
  if (diagnostics.length) return fail();

  const globalValue = (name: string): bigint | undefined => {
    const d = table.defs.get(name);
    if (!d) return table.refs.get(name)?.weak ? 0n : undefined;
    return defValue(d);
  };
  const symbolValue = (obj: InputObject, sym: ElfSymbol): bigint | undefined => {
    if (sym.bind !== STB_LOCAL) return globalValue(sym.name);
    if (sym.shndx === SHN_ABS) return sym.value;
    const p = obj.placed.get(sym.shndx);
    if (!p) return undefined;
    return p.addr + (sym.type === STT_SECTION ? 0n : sym.value);
  };

  // 5. Section images, then relocations.
  const images = new Map<OutKind, Uint8Array>();
  for (const k of OUT_KINDS) if (k !== 'bss') images.set(k, new Uint8Array(Number(sizes.get(k)!)));
  for (const { obj, index } of order) {
    const p = obj.placed.get(index)!;
    if (p.kind === 'bss' || p.section.type === SHT_NOBITS) continue;
    images.get(p.kind)!.set(p.section.data, Number(p.addr - base.get(p.kind)!));
  }
  const pairs = new PcrelPairs();
  const second: RelocJob[] = [];
  let relocErrors = 0;
  const relocError = (file: string, message: string): void => {
    if (++relocErrors <= 50) error(file, message);
  };
  for (const { obj, index } of order) {
    const p = obj.placed.get(index)!;
    const relocs = obj.elf.relocationsFor(index);
    if (!relocs.length) continue;
    if (p.kind === 'bss') {
      relocError(obj.name, `relocations in section '${p.section.name}' which holds no data`);
      continue;
    }
    const buf = images.get(p.kind)!;
    const sectionOffset = Number(p.addr - base.get(p.kind)!);
    for (const r of relocs) {
      // Relaxation hints; ForkLab never relaxes, so the code stays as assembled.
      if (r.type === R_RISCV.RELAX || r.type === R_RISCV.ALIGN || r.type === R_RISCV.NONE) continue;
      const sym = obj.elf.symbols[r.symbol];
      if (!sym) {
        relocError(obj.name, `${describeSite(obj, p.section.name, r.offset, sym)}: bad symbol index ${r.symbol}`);
        continue;
      }
      const s = r.symbol === 0 ? 0n : symbolValue(obj, sym);
      if (s === undefined) {
        if (sym.bind === STB_LOCAL) relocError(obj.name, `${describeSite(obj, p.section.name, r.offset, sym)}: relocation against a discarded section`);
        continue; // undefined globals were reported above
      }
      const job = new Site(r.type, s + r.addend, { buf, at: sectionOffset + Number(r.offset), pc: p.addr + r.offset }, obj, p.section.name, r.offset, sym);
      if (isPcrelLo(r.type)) second.push(job);
      else {
        const msg = applyRelocation(job, pairs);
        if (msg) relocError(obj.name, msg);
      }
    }
  }
  for (const job of second) {
    const msg = applyPcrelLo(job, pairs);
    if (msg) relocError(job.where.split('(')[0]!, msg);
  }
  if (diagnostics.length) return fail();

  // 6. Output sections and segments.
  const sections: OutSection[] = [];
  const outIndex = new Map<OutKind, number>();
  const addSection = (kind: OutKind, s: OutSection): void => {
    sections.push(s);
    outIndex.set(kind, sections.length);
  };
  const textFlags = SHF_ALLOC | SHF_EXECINSTR;
  addSection('text', { name: '.text', type: SHT_PROGBITS, flags: textFlags, addr: base.get('text'), data: images.get('text'), align: Number(aligns.get('text')!) });
  if (sizes.get('rodata')! > 0n) {
    addSection('rodata', { name: '.rodata', type: SHT_PROGBITS, flags: SHF_ALLOC, addr: base.get('rodata'), data: images.get('rodata'), align: Number(aligns.get('rodata')!) });
  }
  const segments: OutSegment[] = [{ type: PT_LOAD, flags: PF_R | PF_X, first: 1, last: sections.length }];
  const dataFirst = sections.length + 1;
  if (sizes.get('data')! > 0n) {
    addSection('data', { name: '.data', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, addr: base.get('data'), data: images.get('data'), align: Number(aligns.get('data')!) });
  }
  if (sizes.get('bss')! > 0n) {
    addSection('bss', { name: '.bss', type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, addr: base.get('bss'), size: Number(sizes.get('bss')!), align: Number(aligns.get('bss')!) });
  }
  if (sections.length >= dataFirst) segments.push({ type: PT_LOAD, flags: PF_R | PF_W, first: dataFirst, last: sections.length });
  if (sizes.get('lines')! > 0n) {
    addSection('lines', { name: LINE_TABLE_SECTION, type: SHT_PROGBITS, flags: 0n, data: images.get('lines'), align: 8 });
  }

  const symbols = outputSymbols(objects, table.defs, outIndex, symbolValue, defValue);
  const { symtab, strtab, firstGlobal } = buildSymtab(symbols);
  const symtabIndex = sections.length + 1;
  sections.push({ name: '.symtab', type: SHT_SYMTAB, flags: 0n, data: symtab, link: symtabIndex + 1, info: firstGlobal, align: 8, entsize: SYM_SIZE });
  sections.push({ name: '.strtab', type: SHT_STRTAB, flags: 0n, data: strtab, align: 1 });

  let flags = 0;
  for (const o of objects) flags |= o.elf.flags & EF_RISCV_RVC;
  flags |= (objects[0]?.elf.flags ?? 0) & EF_RISCV_FLOAT_ABI;
  const elf = writeElf({ type: ET_EXEC, entry: defValue(entryDef!), flags, sections, segments, pageSize: Number(PAGE) });
  return { elf, diagnostics };
}

/** Library members needed by `objects` (transitively), in library order. */
function pullMembers(objects: InputObject[], members: InputObject[], entry: string): InputObject[] {
  const defined = new Set<string>();
  const wanted = new Set<string>([entry]);
  const take = (o: InputObject): void => {
    for (const sym of o.elf.symbols) {
      if (sym.index === 0 || sym.bind === STB_LOCAL || sym.name === '') continue;
      if (sym.shndx === SHN_UNDEF) wanted.add(sym.name);
      else defined.add(sym.name);
    }
  };
  objects.forEach(take);
  const pulled = new Set<InputObject>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of members) {
      if (pulled.has(m)) continue;
      const needed = m.elf.symbols.some((sym) => sym.bind !== STB_LOCAL && sym.shndx !== SHN_UNDEF && sym.shndx !== SHN_COMMON
        && wanted.has(sym.name) && !defined.has(sym.name));
      if (!needed) continue;
      pulled.add(m);
      take(m);
      changed = true;
    }
  }
  return members.filter((m) => pulled.has(m));
}

/**
 * Source position of the first use of `name` in `obj`, from the object's own line table, so the
 * editor can underline the call to a function that does not exist. Undefined when unknown.
 */
function sourceOfReference(obj: InputObject, name: string): { file: string; line: number; column: number; endColumn: number } | undefined {
  const rows = objectLineRows(obj.elf);
  if (!rows.length) return undefined;
  for (const s of obj.elf.sections) {
    for (const r of obj.elf.relocationsFor(s.index)) {
      if (obj.elf.symbols[r.symbol]?.name !== name) continue;
      const at = sourceAt(obj, s.index, r.offset, rows);
      if (at) return at;
    }
  }
  return undefined;
}

/** Source position of section `section` + `offset` in `obj`, from its line table. */
function sourceAt(
  obj: InputObject, section: number, offset: bigint, rows = objectLineRows(obj.elf),
): { file: string; line: number; column: number; endColumn: number } | undefined {
  let best: (typeof rows)[number] | undefined;
  for (const row of rows) {
    if (row.section === section && row.offset <= offset && (!best || row.offset >= best.offset)) best = row;
  }
  return best ? { file: best.file, line: best.line, column: best.column || 1, endColumn: best.column || 1 } : undefined;
}

function defValue(d: GlobalDef): bigint {
  if (d.kind === 'abs') return d.value;
  if (d.kind === 'common') return d.addr ?? 0n;
  const p = d.obj.placed.get(d.sym.shndx);
  return p ? p.addr + d.sym.value : d.sym.value;
}

/** "main.o(.text+0x14) against 'foo'": where a relocation is, for messages. */
function describeSite(obj: InputObject, section: string, offset: bigint, sym: ElfSymbol | undefined): string {
  const symName = sym ? (sym.type === STT_SECTION ? sectionName(obj, sym) : sym.name) : '?';
  return `${obj.name}(${section}+0x${offset.toString(16)}) against '${symName}'`;
}

/**
 * A relocation to apply. Its description is made only when a message needs it: building it for
 * every relocation (thousands per link, most of them the line table's) cost more than the rest.
 */
class Site implements RelocJob {
  constructor(
    readonly type: number,
    readonly value: bigint,
    readonly field: RelocJob['field'],
    private readonly obj: InputObject,
    private readonly section: string,
    private readonly offset: bigint,
    private readonly sym: ElfSymbol,
  ) {}
  get where(): string {
    return describeSite(this.obj, this.section, this.offset, this.sym);
  }
}

function sectionName(obj: InputObject, sym: ElfSymbol): string {
  return obj.elf.sections[sym.shndx]?.name ?? '?';
}

/** Local symbols worth keeping (functions, objects, labels; not .L or mapping symbols), then globals. */
function outputSymbols(
  objects: InputObject[], defs: Map<string, GlobalDef>, outIndex: Map<OutKind, number>,
  symbolValue: (obj: InputObject, sym: ElfSymbol) => bigint | undefined, value: (d: GlobalDef) => bigint,
): OutSymbol[] {
  const out: OutSymbol[] = [];
  for (const obj of objects) {
    for (const sym of obj.elf.symbols) {
      if (sym.bind !== STB_LOCAL || sym.index === 0 || sym.name === '' || sym.type === STT_SECTION || sym.type === STT_FILE) continue;
      if (sym.name.startsWith('.L') || sym.name.startsWith('$')) continue;
      const p = obj.placed.get(sym.shndx);
      if (!p && sym.shndx !== SHN_ABS) continue;
      out.push({
        name: sym.name, value: symbolValue(obj, sym) ?? 0n, size: sym.size, bind: STB_LOCAL, type: sym.type,
        shndx: p ? (outIndex.get(p.kind) ?? SHN_ABS) : SHN_ABS,
      });
    }
  }
  for (const [name, d] of defs) {
    let shndx: number = SHN_ABS;
    if (d.kind === 'common') shndx = outIndex.get('bss') ?? SHN_ABS;
    else if (d.kind === 'defined') shndx = outIndex.get(d.obj.placed.get(d.sym.shndx)?.kind ?? 'lines') ?? SHN_ABS;
    const bind = d.kind !== 'common' && d.weak ? STB_WEAK : STB_GLOBAL;
    const type = d.kind === 'common' ? STT_OBJECT : (d.sym?.type ?? STT_NOTYPE);
    out.push({ name, value: value(d), size: d.sym?.size ?? (d.kind === 'common' ? d.size : 0n), bind, type, shndx });
  }
  return out;
}
