// Fixup resolution after the last statement. Each fixup's expression is evaluated to a linear
// form; then, by field:
//   constant                      -> written into the field (range-checked)
//   label in the same section and
//   the field is PC-relative      -> written now (no relaxation, so the distance is final)
//   one symbol (+ addend)         -> an R_RISCV_* relocation for the linker
//   difference across sections    -> an ADD/SUB relocation pair (data only)
// %pcrel_lo(L) follows the %pcrel_hi at label L: both are resolved locally or both relocated.

import { R_RISCV } from '../elf/constants';
import type { Assembler } from './assembler';
import { bImm, fitsSigned, hiLo, iImm, jImm, rvcBranchBits, rvcJumpBits, sImm, uImm } from './encode';
import { AsmError, evaluate, type Linear } from './expr';
import type { AsmSection, Fixup, Reloc } from './sections';

interface HiRecord {
  /** PC-relative distance when resolved locally. */
  local?: bigint;
}

export function resolveFixups(a: Assembler): void {
  const his = new Map<string, HiRecord>(); // key: `${section}:${offset}` of the auipc
  const lows: [AsmSection, Fixup][] = [];
  for (const sec of a.sections) {
    for (const f of sec.fixups) {
      if (f.imm.mod === 'pcrel_lo') {
        lows.push([sec, f]);
        continue;
      }
      if (resolveLocalBranch(a, sec, f)) continue;
      try {
        resolveOne(a, sec, f, his);
      } catch (e) {
        report(a, f, e);
      }
    }
  }
  for (const [sec, f] of lows) {
    try {
      resolvePcrelLo(a, sec, f, his);
    } catch (e) {
      report(a, f, e);
    }
  }
}

function report(a: Assembler, f: Fixup, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  a.error(message, f.loc);
}

function orWord(sec: AsmSection, offset: number, bits: number): void {
  sec.data.patch32(offset, (sec.data.read32(offset) | bits) >>> 0);
}

function single(v: Linear): { key: string; addend: bigint } | undefined {
  if (v.terms.size !== 1) return undefined;
  const [key, coef] = [...v.terms][0]!;
  return coef === 1n ? { key, addend: v.c } : undefined;
}

function targetOf(key: string): Reloc['target'] {
  return key.startsWith('s') ? { section: Number(key.slice(1)) } : { symbol: key.slice(1) };
}

function reloc(sec: AsmSection, offset: number, type: number, key: string, addend: bigint): void {
  sec.relocs.push({ offset, type, target: targetOf(key), addend });
}

function describe(v: Linear): string {
  const names = [...v.terms.keys()].map((k) => (k.startsWith('u') ? `'${k.slice(1)}'` : 'a label'));
  return names.join(' and ');
}

/**
 * Most fixups of compiler output are a branch, jump or call to a label of its own section:
 * those in range are written here, with numbers, without evaluating an expression (a Map and
 * BigInts per fixup) — what resolveOne would write. False for anything else, which resolveOne
 * then handles, errors included.
 */
function resolveLocalBranch(a: Assembler, sec: AsmSection, f: Fixup): boolean {
  const field = f.field;
  if ((field !== 'B' && field !== 'J' && field !== 'CALL') || f.imm.mod !== '' || f.imm.expr.k !== 'sym') return false;
  const s = a.symbols.get(f.imm.expr.name);
  const d = s?.definition;
  if (s === undefined || d === undefined || d.kind !== 'label' || s.binding === 'weak' || d.section !== sec.number) return false;
  const delta = d.offset - f.offset;
  if (field === 'B') {
    if (delta < -4096 || delta >= 4096) return false;
    orWord(sec, f.offset, bImm(delta));
  } else if (field === 'J') {
    if (delta < -0x100000 || delta >= 0x100000) return false;
    orWord(sec, f.offset, jImm(delta));
  } else {
    if (delta < -0x40000000 || delta >= 0x40000000) return false;
    const lo = ((delta & 0xfff) ^ 0x800) - 0x800; // the low 12 bits, sign-extended
    orWord(sec, f.offset, uImm((delta - lo) / 4096));
    orWord(sec, f.offset + 4, iImm(lo));
  }
  s.referenced = true; // as resolving the name does
  return true;
}

function resolveOne(a: Assembler, sec: AsmSection, f: Fixup, his: Map<string, HiRecord>): void {
  const v = evaluate(f.imm.expr, a.resolve);
  const one = single(v);
  const sameSection = one?.key === `s${sec.number}`;
  const mod = f.imm.mod;
  switch (f.field) {
    case 'D1': case 'D2': case 'D4': case 'D8': {
      const size = Number(f.field.slice(1));
      if (v.terms.size === 0) {
        const bits = BigInt(size * 8);
        if (size < 8 && (v.c < -(1n << (bits - 1n)) || v.c >= 1n << bits)) {
          throw new AsmError(`value ${v.c} does not fit in ${size} byte${size > 1 ? 's' : ''}`);
        }
        writeData(sec, f.offset, size, v.c);
        return;
      }
      if (one && (size === 8 || size === 4)) {
        reloc(sec, f.offset, size === 8 ? R_RISCV.R64 : R_RISCV.R32, one.key, one.addend);
        return;
      }
      if (v.terms.size === 2) {
        const [[k1, c1], [k2, c2]] = [...v.terms] as [[string, bigint], [string, bigint]];
        if (c1 + c2 === 0n && (c1 === 1n || c1 === -1n)) {
          const [plus, minus] = c1 === 1n ? [k1, k2] : [k2, k1];
          const add = { 1: R_RISCV.ADD8, 2: R_RISCV.ADD16, 4: R_RISCV.ADD32, 8: R_RISCV.ADD64 }[size]!;
          const sub = { 1: R_RISCV.SUB8, 2: R_RISCV.SUB16, 4: R_RISCV.SUB32, 8: R_RISCV.SUB64 }[size]!;
          reloc(sec, f.offset, add, plus, v.c);
          reloc(sec, f.offset, sub, minus, 0n);
          return;
        }
      }
      throw new AsmError(`cannot represent the value of ${describe(v)} in ${size} byte${size > 1 ? 's' : ''}`);
    }
    case 'I': case 'S': {
      const put = f.field === 'I' ? iImm : sImm;
      if (mod === '') {
        const c = constantOf(v, 'immediate');
        if (!fitsSigned(c, 12)) throw new AsmError(`immediate ${c} is out of range -2048..2047`);
        orWord(sec, f.offset, put(Number(c)));
        return;
      }
      if (mod !== 'lo') throw new AsmError(`%${mod} is not allowed in this instruction`);
      if (v.terms.size === 0) {
        orWord(sec, f.offset, put(hiLo(v.c).lo));
        return;
      }
      if (!one) throw new AsmError(`%lo needs a symbol plus a constant, not ${describe(v)}`);
      // Like GNU as, the field also holds the addend's part (the linker overwrites it).
      orWord(sec, f.offset, put(hiLo(one.addend).lo));
      reloc(sec, f.offset, f.field === 'I' ? R_RISCV.LO12_I : R_RISCV.LO12_S, one.key, one.addend);
      return;
    }
    case 'U': {
      if (mod === '') {
        const c = constantOf(v, 'immediate');
        if (c < 0n || c > 0xfffffn) throw new AsmError(`immediate ${c} is out of range 0..1048575`);
        orWord(sec, f.offset, uImm(Number(c)));
        return;
      }
      if (mod === 'hi') {
        if (v.terms.size === 0) orWord(sec, f.offset, uImm(hiLo(v.c).hi));
        else if (one) {
          orWord(sec, f.offset, uImm(hiLo(one.addend).hi));
          reloc(sec, f.offset, R_RISCV.HI20, one.key, one.addend);
        }
        else throw new AsmError(`%hi needs a symbol plus a constant, not ${describe(v)}`);
        return;
      }
      if (mod === 'pcrel_hi') {
        const key = `${sec.number}:${f.offset}`;
        if (sameSection) {
          const delta = one!.addend - BigInt(f.offset);
          orWord(sec, f.offset, uImm(hiLo(delta).hi));
          his.set(key, { local: delta });
        } else if (one) {
          reloc(sec, f.offset, R_RISCV.PCREL_HI20, one.key, one.addend);
          his.set(key, {});
        } else if (v.terms.size === 0) {
          throw new AsmError('%pcrel_hi of a constant address is not supported; use %hi or li');
        } else throw new AsmError(`%pcrel_hi needs a symbol plus a constant, not ${describe(v)}`);
        return;
      }
      throw new AsmError(`%${mod} is not allowed in this instruction`);
    }
    case 'CB': case 'CJ': {
      if (!one) throw new AsmError(v.terms.size === 0 ? 'branch target must be a label, not a constant' : `bad branch target ${describe(v)}`);
      if (!sameSection) {
        reloc(sec, f.offset, f.field === 'CB' ? R_RISCV.RVC_BRANCH : R_RISCV.RVC_JUMP, one.key, one.addend);
        return;
      }
      const d = Number(one.addend - BigInt(f.offset));
      const old = sec.data.read16(f.offset);
      if (f.field === 'CB') {
        if (d < -256 || d > 254) throw new AsmError(`branch target is out of range (${d} bytes; c.beqz/c.bnez reach ±256 bytes)`);
        sec.data.patch16(f.offset, old | rvcBranchBits(d));
      } else {
        if (d < -2048 || d > 2046) throw new AsmError(`jump target is out of range (${d} bytes; c.j reaches ±2 KiB)`);
        sec.data.patch16(f.offset, old | rvcJumpBits(d));
      }
      return;
    }
    case 'B': case 'J': case 'CALL': {
      if (!one) {
        throw new AsmError(v.terms.size === 0 ? 'branch target must be a label, not a constant' : `bad branch target ${describe(v)}`);
      }
      if (sameSection) {
        const delta = one.addend - BigInt(f.offset);
        if (f.field === 'B') {
          if (!fitsSigned(delta, 13)) throw new AsmError(`branch target is out of range (${delta} bytes; a conditional branch reaches ±4 KiB)`);
          orWord(sec, f.offset, bImm(Number(delta)));
        } else if (f.field === 'J') {
          if (!fitsSigned(delta, 21)) throw new AsmError(`jump target is out of range (${delta} bytes; jal reaches ±1 MiB)`);
          orWord(sec, f.offset, jImm(Number(delta)));
        } else {
          const { hi, lo } = hiLo(delta);
          orWord(sec, f.offset, uImm(hi));
          orWord(sec, f.offset + 4, iImm(lo));
        }
        return;
      }
      const type = f.field === 'B' ? R_RISCV.BRANCH : f.field === 'J' ? R_RISCV.JAL : R_RISCV.CALL_PLT;
      reloc(sec, f.offset, type, one.key, one.addend);
      return;
    }
  }
}

function resolvePcrelLo(a: Assembler, sec: AsmSection, f: Fixup, his: Map<string, HiRecord>): void {
  const e = f.imm.expr;
  if (e.k !== 'sym') throw new AsmError('%pcrel_lo needs the label of its %pcrel_hi instruction');
  const v = evaluate(e, a.resolve);
  const one = single(v);
  if (!one || !one.key.startsWith('s') || one.addend < 0n) {
    throw new AsmError(`%pcrel_lo: '${e.name}' is not a label in this file`);
  }
  const hi = his.get(`${one.key.slice(1)}:${one.addend}`);
  if (!hi) throw new AsmError(`%pcrel_lo: no %pcrel_hi instruction at label '${e.name}'`);
  const put = f.field === 'I' ? iImm : sImm;
  if (hi.local !== undefined) {
    orWord(sec, f.offset, put(hiLo(hi.local).lo));
    return;
  }
  a.symbol(e.name).keep = true;
  reloc(sec, f.offset, f.field === 'I' ? R_RISCV.PCREL_LO12_I : R_RISCV.PCREL_LO12_S, `u${e.name}`, 0n);
}

function constantOf(v: Linear, what: string): bigint {
  if (v.terms.size) throw new AsmError(`${what} must be a constant, not the address of ${describe(v)}`);
  return v.c;
}

function writeData(sec: AsmSection, offset: number, size: number, value: bigint): void {
  for (let i = 0; i < size; i++) {
    const byte = Number((value >> BigInt(8 * i)) & 0xffn);
    sec.data.patch8(offset + i, byte);
  }
}
