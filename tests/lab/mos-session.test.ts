// The lab model of MOS programs on the real lab kernel (issue 9): the gcc-built lab-4 programs
// (resources/user/mos) boot in a lab session and the model is checked against what each
// program does: duppage shares every writable page copy-on-write (PTE_COW, refcount 2); the
// child's first write gives it a private copy made by its own handler; an IPC page transfer
// is one frame mapped in both address spaces; the LIBRARY page ends in three processes; no
// frame outlives the programs, and the kernel's refcounts equal the mappings whenever the hart
// is in user mode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LabModel } from '../../src/common/model';
import { parseElf } from '../../src/emulator';
import type { LabEvent, LabEventKind } from '../../src/lab/events';
import { LabSession } from '../../src/lab/session';

const root = join(__dirname, '../..');
const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
const elf = (name: string) => new Uint8Array(readFileSync(join(root, `resources/user/build/${name}.elf`)));

function boot(...names: string[]): LabSession {
  const r = LabSession.boot({ kernel, apps: names.map((name) => ({ name, elf: elf(name) })), bootargs: `apps=${names.join(',')}` });
  if (!r.ok) throw new Error(r.error);
  return r.session;
}

/** Runs until an event after `from` matches, then on to user mode; returns it and its index. */
function runUntil<T extends LabEvent>(s: LabSession, pred: (e: LabEvent) => e is T, from = 0, budget = 300_000_000): { ev: T; at: number } {
  let seen = from;
  for (let spent = 0; spent < budget && !s.finished; spent += 2000) {
    s.runSlice(2000);
    for (; seen < s.events.length; seen++) {
      const e = s.events[seen]!;
      if (pred(e)) {
        s.runToUserMode(5_000_000);
        return { ev: e, at: seen };
      }
    }
  }
  throw new Error('event not reached');
}

const is =
  <K extends LabEvent['type']>(type: K, also: (e: LabEventKind<K>) => boolean = () => true) =>
  (e: LabEvent): e is LabEventKind<K> =>
    e.type === type && also(e as LabEventKind<K>);

function parsed(name: string) {
  const r = parseElf(elf(name));
  if (!r.ok) throw new Error(r.error);
  return r.elf;
}

const mismatches = (m: LabModel) => m.warnings.filter((w) => /refcount|mapping/.test(w));

describe('MOS programs in a lab session on the real kernel', () => {
  test('after duppage parent and child share every writable page COW with refcount 2, then the child copies with its own handler', () => {
    const s = boot('mos_forktree');
    const sym = parsed('mos_forktree').symbols.find((x) => x.name === 'value')!;
    const valuePage = Number(sym.value) - (Number(sym.value) % 4096);
    const exo = runUntil(s, is('exofork'));
    const child = exo.ev.child;
    const parent = exo.ev.parent;
    // The parent marks the child runnable once every page is duplicated.
    const ready = runUntil(s, is('env_status', (e) => e.pid === child && e.status === 'runnable'), exo.at);
    expect(s.machine.hart.priv).toBe(0);
    let m = s.model();
    expect(mismatches(m)).toEqual([]);
    const pc = m.processes.find((p) => p.pid === child)!;
    const pp = m.processes.find((p) => p.pid === parent)!;
    expect(pc).toMatchObject({ origin: 'exofork', parent, envid: exo.ev.envid, envStatus: 'runnable' });
    const cowPages = pc.pages.filter((pg) => pg.cowBit);
    // At least `value`'s data page and the stack.
    expect(cowPages.length).toBeGreaterThanOrEqual(2);
    expect(cowPages.map((pg) => pg.va)).toContain(valuePage);
    // Pages the parent wrote after duppaging them (its stack, as it goes on calling duppage)
    // it has already copied with its own handler; every other one is still shared.
    const timeline = s.takeTimeline();
    const parentCopied = new Set(timeline.filter((e) => e.kind === 'user-cow-copy' && e.pid === parent && e.insn > exo.ev.insn).map((e) => e.va));
    let shared = 0;
    for (const pg of cowPages) {
      expect(pg).toMatchObject({ w: false, cow: true });
      const f = m.frames.find((x) => x.addr === pg.frame)!;
      if (parentCopied.has(pg.va)) {
        expect(f, `frame of ${pg.va.toString(16)}`).toMatchObject({ refcount: 1, mappings: [{ pid: child, va: pg.va, writable: false }] });
        expect(pp.pages.find((x) => x.va === pg.va)).toMatchObject({ w: true, cowBit: false });
        continue;
      }
      shared++;
      expect(f, `frame of ${pg.va.toString(16)}`).toMatchObject({ sharing: 'cow', refcount: 2 });
      expect(f.mappings.map((x) => x.pid).sort()).toEqual([parent, child].sort());
      expect(pp.pages.find((x) => x.va === pg.va)).toMatchObject({ frame: pg.frame, cowBit: true, w: false, cow: true });
    }
    expect(shared).toBeGreaterThanOrEqual(1);
    expect(parentCopied.has(valuePage)).toBe(false);

    // The child's first write: a user_fault handed to its handler, whose mem_map gives it a copy.
    const fault = runUntil(s, is('user_fault', (e) => e.pid === child), ready.at);
    const page = fault.ev.va - (fault.ev.va % 4096);
    const copy = runUntil(s, is('mem', (e) => e.op === 'map' && e.target === child && e.va === page), fault.at);
    expect(copy.ev.pid).toBe(child); // its own handler made the call
    m = s.model();
    expect(mismatches(m)).toEqual([]);
    const mine = m.processes.find((p) => p.pid === child)!.pages.find((pg) => pg.va === page)!;
    expect(mine).toMatchObject({ frame: copy.ev.frame, w: true, cowBit: false, cow: false });
    expect(mine.frame).not.toBe(fault.ev.frame);
    const copied = m.frames.find((f) => f.addr === copy.ev.frame)!;
    expect(copied).toMatchObject({ refcount: 1, sharing: 'private', mappings: [{ pid: child, va: page, writable: true }] });
    // The old frame is no longer the child's.
    expect(m.frames.find((f) => f.addr === fault.ev.frame)?.mappings.some((x) => x.pid === child) ?? false).toBe(false);
    // The timeline says it as a user-level COW copy, old frame -> new frame.
    expect(s.takeTimeline()).toContainEqual({ insn: copy.ev.insn, kind: 'user-cow-copy', pid: child, va: page, frame: copy.ev.frame, oldFrame: fault.ev.frame });
  }, 120_000);

  test('an IPC page transfer leaves one frame mapped in both address spaces, and the LIBRARY page ends in three processes', () => {
    const s = boot('mos_library');
    const first = runUntil(s, is('ipc_send', (e) => e.frame !== 0));
    const { from, to, frame, dstva } = first.ev;
    let m = s.model();
    expect(mismatches(m)).toEqual([]);
    const f = m.frames.find((x) => x.addr === frame)!;
    expect(f).toMatchObject({ sharing: 'ipc', library: true, ipc: { from, to, insn: first.ev.insn } });
    expect(f.mappings.map((x) => x.pid).sort()).toEqual([from, to].sort());
    expect(f.mappings.find((x) => x.pid === to)).toEqual({ pid: to, va: dstva, writable: true });
    expect(f.refcount).toBe(2);

    const second = runUntil(s, is('ipc_send', (e) => e.frame === frame && e.from === to), first.at + 1);
    m = s.model();
    expect(mismatches(m)).toEqual([]);
    const lib = m.frames.find((x) => x.addr === frame)!;
    expect(new Set(lib.mappings.map((x) => x.pid)).size).toBe(3);
    expect(lib).toMatchObject({ refcount: 3, library: true, sharing: 'ipc', ipc: { from: to, to: second.ev.to } });
    expect(lib.mappings.every((x) => x.writable)).toBe(true);
  }, 120_000);

  test('IPC ping-pong: the receiver waits, the send links the two with its value', () => {
    const s = boot('mos_ipc');
    const send = runUntil(s, is('ipc_send'));
    const m = s.model();
    expect(m.ipc).toContainEqual(expect.objectContaining({ from: send.ev.from, to: send.ev.to, value: send.ev.value, count: 1 }));
    // The receiver had blocked in ipc_recv before the send; it has not run since.
    expect(s.events.slice(0, send.at).some((e) => e.type === 'ipc_recv' && e.pid === send.ev.to)).toBe(true);
    const receiver = m.processes.find((p) => p.pid === send.ev.to)!;
    if (!s.events.slice(send.at).some((e) => e.type === 'sched' && e.next === send.ev.to)) expect(receiver.ipcWait).toBe('delivered');
  }, 120_000);

  test('every MOS program runs to PASS with the model consistent at user-mode points and no frame left', () => {
    const names = ['mos_mem', 'mos_calls', 'mos_ipc', 'mos_forktree', 'mos_library', 'mos_stress', 'mos_chain'];
    const s = boot(...names);
    let text = '';
    let checks = 0;
    const problems: string[] = [];
    for (let i = 0; i < 3000 && !s.finished; i++) {
      s.runSliceSettled(200_000, 5_000_000);
      text += s.takeConsole();
      if (s.machine.hart.priv === 0) {
        checks++;
        problems.push(...mismatches(s.model()));
      }
    }
    expect(s.finished).toMatchObject({ kind: 'halted', clean: true });
    for (const n of names) expect(text).toMatch(new RegExp(`^PASS ${n}$`, 'm'));
    expect(problems.slice(0, 5)).toEqual([]);
    expect(checks).toBeGreaterThan(20);
    expect(s.builder.liveFrames('user')).toEqual([]);
    expect(text).toContain('frames in use by them: 0');
  }, 300_000);
});
