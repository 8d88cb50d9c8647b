// Machine snapshots: the whole state in one Uint8Array, so a restored machine continues
// exactly as the original (same console output, same events, same instruction counts).
//
// Format (little-endian):
//   0   8   magic "FLSNAP\0\1"
//   8   4   length J of the state record
//   12  J   state record: JSON (ASCII only; 64-bit values as hex strings)
//   ..  4   count P of stored RAM pages
//   ..      P times: u32 page index, 4096 bytes  (pages that are all zero are not stored)
// The TLBs are not saved (they are flushed on restore); neither is the fault-loop detector.
//
// captureState/applyState are the CPU-and-devices half on its own, as a plain object: time
// travel (checkpoints.ts) keeps RAM as delta pages and needs only this part per checkpoint.

import type { Board } from './board';
import type { Hart } from './hart';
import { utf8 } from './bits';

const MAGIC = [0x46, 0x4c, 0x53, 0x4e, 0x41, 0x50, 0x00, 0x01];
const PAGE = 4096;

/** Machine-level settings stored with the board state. */
export interface MachineMeta {
  ramMiB: number;
  bare: boolean;
  tohostAddr: number;
  finalStop: unknown;
}

/** Everything but RAM: hart, CSRs, devices and machine settings. */
export function captureState(board: Board, meta: MachineMeta): SnapshotState {
  const h = board.hart;
  const hex = (v: bigint): string => BigInt.asUintN(64, v).toString(16);
  const state = {
    meta,
    hart: {
      x: Array.from({ length: 32 }, (_, i) => hex(h.x64[i]!)),
      pc: Number.isNaN(h.pc) ? null : h.pc,
      pcExact: h.pcExact === null ? null : hex(h.pcExact),
      priv: h.priv,
      mstatus: h.mstatus, mie: h.mie, mip: h.mip, medeleg: h.medeleg, mideleg: h.mideleg,
      mcounteren: h.mcounteren, scounteren: h.scounteren, mcountinhibit: h.mcountinhibit,
      mtvec: hex(h.mtvec), stvec: hex(h.stvec), mepc: hex(h.mepc), sepc: hex(h.sepc),
      mcause: hex(h.mcause), scause: hex(h.scause), mtval: hex(h.mtval), stval: hex(h.stval),
      mscratch: hex(h.mscratch), sscratch: hex(h.sscratch), satp: hex(h.satp),
      pmpcfg: h.pmpcfg.map(hex), pmpaddr: h.pmpaddr.map(hex),
      instret: h.instret, cycles: h.cycles, cycleOffset: h.cycleOffset, instretOffset: h.instretOffset,
      reservation: h.reservation, waiting: h.waiting,
    },
    clint: { msip: board.clint.msip, cmpLo: board.clint.cmpLo, cmpHi: board.clint.cmpHi },
    plic: {
      priority: [...board.plic.priority], level: [...board.plic.level], pending: [...board.plic.pending],
      claimed: [...board.plic.claimed], enable: board.plic.enable.map((e) => [...e]), threshold: [...board.plic.threshold],
    },
    uart: {
      rx: board.uart.rx, ier: board.uart.ier, lcr: board.uart.lcr, mcr: board.uart.mcr, scr: board.uart.scr,
      dll: board.uart.dll, dlm: board.uart.dlm, fcr: board.uart.fcr, threPending: board.uart.threPending,
    },
    sbiDeadline: board.sbiDeadline === Infinity ? null : board.sbiDeadline,
  };
  return state;
}

export function saveSnapshot(board: Board, meta: MachineMeta): Uint8Array {
  const json = utf8(JSON.stringify(captureState(board, meta)));
  const ram = board.ram.bytes;
  const pages: number[] = [];
  const words = new Int32Array(ram.buffer, ram.byteOffset, ram.byteLength >> 2);
  for (let p = 0, w = 0; p < ram.length / PAGE; p++) {
    // OR the page's words together without a branch per word: most pages are zero, and a
    // straight accumulate loop is several times faster than testing each word.
    let acc = 0;
    for (const end = w + (PAGE >> 2); w < end; w += 4) acc |= words[w]! | words[w + 1]! | words[w + 2]! | words[w + 3]!;
    if (acc !== 0) pages.push(p);
  }
  const out = new Uint8Array(8 + 4 + json.length + 4 + pages.length * (4 + PAGE));
  const dv = new DataView(out.buffer);
  out.set(MAGIC, 0);
  dv.setUint32(8, json.length, true);
  out.set(json, 12);
  let at = 12 + json.length;
  dv.setUint32(at, pages.length, true);
  at += 4;
  for (const p of pages) {
    dv.setUint32(at, p, true);
    out.set(ram.subarray(p * PAGE, (p + 1) * PAGE), at + 4);
    at += 4 + PAGE;
  }
  return out;
}

export type ParsedSnapshot = { ok: true; meta: MachineMeta; apply: (board: Board) => void } | { ok: false; error: string };

/** Validate a snapshot and return its settings plus a function that loads it into a fresh board. */
export function parseSnapshot(bytes: Uint8Array): ParsedSnapshot {
  const fail = (error: string): ParsedSnapshot => ({ ok: false, error: `not a usable ForkLab snapshot: ${error}` });
  if (bytes.length < 16 || MAGIC.some((b, i) => bytes[i] !== b)) return fail('bad magic or version');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jlen = dv.getUint32(8, true);
  if (12 + jlen + 4 > bytes.length) return fail('truncated state record');
  let state: SnapshotState;
  try {
    let text = '';
    for (let i = 12; i < 12 + jlen; i++) text += String.fromCharCode(bytes[i]!);
    state = JSON.parse(text) as SnapshotState;
  } catch {
    return fail('corrupt state record');
  }
  let at = 12 + jlen;
  const count = dv.getUint32(at, true);
  at += 4;
  if (at + count * (4 + PAGE) !== bytes.length) return fail('truncated RAM pages');
  const ramBytes = state.meta.ramMiB * 1024 * 1024;
  for (let i = 0; i < count; i++) {
    if ((dv.getUint32(at + i * (4 + PAGE), true) + 1) * PAGE > ramBytes) return fail('RAM page outside RAM');
  }
  return {
    ok: true,
    meta: state.meta,
    apply: (board) => {
      for (let i = 0; i < count; i++) {
        const p = dv.getUint32(at, true);
        board.ram.bytes.set(bytes.subarray(at + 4, at + 4 + PAGE), p * PAGE);
        at += 4 + PAGE;
      }
      applyState(board, state);
    },
  };
}

export interface SnapshotState {
  meta: MachineMeta;
  hart: Record<string, unknown> & { x: string[]; pmpcfg: string[]; pmpaddr: string[] };
  clint: { msip: number; cmpLo: number; cmpHi: number };
  plic: { priority: number[]; level: number[]; pending: number[]; claimed: number[]; enable: number[][]; threshold: number[] };
  uart: { rx: number[]; ier: number; lcr: number; mcr: number; scr: number; dll: number; dlm: number; fcr: number; threPending: boolean };
  sbiDeadline: number | null;
}

/** Loads a captured state into a board (RAM untouched); the TLBs are flushed. */
export function applyState(board: Board, s: SnapshotState): void {
  const h: Hart = board.hart;
  const hs = s.hart;
  const big = (k: string): bigint => BigInt('0x' + String(hs[k]));
  const num = (k: string): number => Number(hs[k]);
  hs.x.forEach((v, i) => { h.x64[i] = BigInt.asIntN(64, BigInt('0x' + v)); });
  h.pc = hs.pc === null ? NaN : num('pc');
  h.pcExact = hs.pcExact === null ? null : big('pcExact');
  h.mstatus = num('mstatus'); h.mie = num('mie'); h.mip = num('mip');
  h.medeleg = num('medeleg'); h.mideleg = num('mideleg');
  h.mcounteren = num('mcounteren'); h.scounteren = num('scounteren'); h.mcountinhibit = num('mcountinhibit');
  h.mtvec = big('mtvec'); h.stvec = big('stvec'); h.mepc = big('mepc'); h.sepc = big('sepc');
  h.mcause = big('mcause'); h.scause = big('scause'); h.mtval = big('mtval'); h.stval = big('stval');
  h.mscratch = big('mscratch'); h.sscratch = big('sscratch'); h.satp = big('satp');
  hs.pmpcfg.forEach((v, i) => { h.pmpcfg[i] = BigInt('0x' + v); });
  hs.pmpaddr.forEach((v, i) => { h.pmpaddr[i] = BigInt('0x' + v); });
  h.instret = num('instret'); h.cycles = num('cycles');
  h.cycleOffset = num('cycleOffset'); h.instretOffset = num('instretOffset');
  h.reservation = num('reservation'); h.waiting = Boolean(hs.waiting);
  h.setPriv(num('priv'));
  h.mmu.modeChanged(true);
  h.excCause = -1;
  h.stop = null;
  h.edge = true;
  Object.assign(board.clint, s.clint);
  const p = board.plic;
  p.priority.set(s.plic.priority); p.level.set(s.plic.level); p.pending.set(s.plic.pending);
  p.claimed.set(s.plic.claimed); p.enable.forEach((e, i) => e.set(s.plic.enable[i]!)); p.threshold.set(s.plic.threshold);
  Object.assign(board.uart, s.uart);
  board.sbiDeadline = s.sbiDeadline === null ? Infinity : s.sbiDeadline;
  board.updateTimers();
  h.irqDirty = true;
}

/**
 * A 32-bit FNV-1a style hash of the whole machine state (everything captureState holds, and
 * all of RAM): two machines with equal hashes are, for every practical purpose, in the same
 * state. Tests compare a seek with a straight run with it.
 */
export function stateHash(board: Board, meta: MachineMeta): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(captureState(board, meta));
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const w = board.ram.i32;
  let r = 0x9e3779b9;
  for (let i = 0; i < w.length; i++) r = Math.imul(r ^ w[i]!, 0x01000193) + i | 0;
  return `${(h >>> 0).toString(16)}-${(r >>> 0).toString(16)}`;
}
