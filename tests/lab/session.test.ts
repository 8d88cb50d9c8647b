// Boots the real lab kernel on ForkLab's emulator with the cow lab test and checks the model
// the lab layer derives against what the program does (cow.c: parent and child share .data,
// .bss, heap and stack pages after fork; each write splits a frame).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LabSession } from '../../src/lab/session';

const root = join(__dirname, '../..');
const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
const program = (name: string) => new Uint8Array(readFileSync(join(root, `resources/user/build/${name}.elf`)));

function bootCow(): LabSession {
  const r = LabSession.boot({ kernel, apps: [{ name: 'cow', elf: program('cow') }], bootargs: 'apps=cow' });
  if (!r.ok) throw new Error(r.error);
  return r.session;
}

function runToEnd(s: LabSession): void {
  for (let i = 0; i < 200 && !s.finished; i++) s.runSlice(5_000_000);
}

describe('lab session on the real kernel', () => {
  test('stops right after the first fork with parent and child sharing frames copy-on-write', () => {
    const s = bootCow();
    let end;
    // The launcher (kinit) forks the cow process first; the second fork is cow's own.
    for (let forks = 0; forks < 2; ) {
      end = s.runSlice(50_000_000, 'fork');
      expect(end.kind).toBe('event');
      forks += 1;
    }
    expect(end).toMatchObject({ kind: 'event', event: { type: 'fork' } });
    const model = s.model();
    const cow = model.processes.filter((p) => p.name === 'cow' && p.state !== 'dead');
    expect(cow).toHaveLength(2);
    const [parent, child] = cow;
    expect(child!.parent).toBe(parent!.pid);
    const shared = model.frames.filter((f) => f.sharing === 'cow');
    // .data, .bss (3 pages written by memset), heap and stack were touched before fork
    expect(s.machine.hart.priv).toBe(0);
    expect(shared.length).toBeGreaterThanOrEqual(5);
    for (const f of shared) {
      expect(f.mappings.map((m) => m.pid).sort()).toEqual([parent!.pid, child!.pid].sort());
      expect(f.mappings.every((m) => !m.writable)).toBe(true);
      expect(f.refcount).toBe(2);
    }
  });

  test('every COW copy gives the writer a new frame and leaves the old one to the other process', () => {
    const s = bootCow();
    runToEnd(s);
    expect(s.finished).toMatchObject({ kind: 'halted', clean: true });
    const copies = s.events.filter((e) => e.type === 'fault' && e.resolution === 'cow-copy');
    expect(copies.length).toBeGreaterThanOrEqual(4); // the child writes global, local, heap, buffer[4096]
    for (const c of copies) {
      if (c.type !== 'fault') continue;
      expect(c.frame).not.toBe(c.oldFrame);
      expect(c.frame).not.toBe(0);
    }
    // one copy per page: no page of one process is copied twice
    const keys = copies.map((c) => (c.type === 'fault' ? `${c.pid}:${Math.floor(c.va / 4096)}` : ''));
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('after every process exits no user frame is left and the console shows PASS', () => {
    const s = bootCow();
    let text = '';
    for (let i = 0; i < 200 && !s.finished; i++) {
      s.runSlice(5_000_000);
      text += s.takeConsole();
    }
    expect(text).toContain('PASS cow');
    expect(s.builder.liveFrames('user')).toEqual([]);
    const model = s.model();
    expect(model.frames).toEqual([]);
    expect(model.processes.filter((p) => p.name === 'cow').every((p) => p.state === 'dead' || p.state === 'zombie')).toBe(true);
  });

  test('refcounts match the page tables whenever the hart is in user mode', () => {
    const s = bootCow();
    let checks = 0;
    let framesChecked = 0;
    for (let i = 0; i < 400 && !s.finished; i++) {
      s.runSlice(50_000);
      // run on to the next moment the hart is in user mode: the kernel is not mid-update there
      for (let n = 0; n < 20_000 && s.machine.hart.priv !== 0 && !s.finished; n++) s.runSlice(25);
      if (s.finished) break;
      const model = s.model();
      expect(model.frames.filter((f) => f.mismatch !== null)).toEqual([]);
      checks += 1;
      framesChecked += model.frames.length;
    }
    expect(checks).toBeGreaterThan(10);
    expect(framesChecked).toBeGreaterThan(0);
  });
  test('events, timeline and model are the same whether read after every slice or only at the end', () => {
    // The session keeps LAB calls raw until something asks (src/lab/session.ts).
    const eager = bootCow(), lazy = bootCow();
    const eagerTimeline: ReturnType<LabSession["takeTimeline"]> = [];
    let counted = 0;
    for (let i = 0; i < 400 && !eager.finished; i++) {
      eager.runSlice(200_000);
      expect(eager.events.length).toBeGreaterThanOrEqual(counted);
      counted = eager.events.length;
      eagerTimeline.push(...eager.takeTimeline());
    }
    for (let i = 0; i < 400 && !lazy.finished; i++) lazy.runSlice(200_000);
    expect(lazy.insn).toBe(eager.insn);
    expect(eager.events.length).toBeGreaterThan(20);
    expect(lazy.events).toEqual(eager.events);
    expect(lazy.takeTimeline()).toEqual(eagerTimeline);
    expect(lazy.model()).toEqual(eager.model());
    const insns = lazy.events.map((e) => e.insn);
    expect(insns).toEqual([...insns].sort((a, b) => a - b));
  });

  test('a slice that stops on a fork ignores the forks of earlier slices not yet read', () => {
    const reference = bootCow();
    runToEnd(reference);
    const forks = reference.events.filter((e) => e.type === 'fork');
    expect(forks.length).toBeGreaterThanOrEqual(2);
    const s = bootCow();
    // Past the first fork without reading anything: its call is still raw.
    while (s.insn <= forks[0]!.insn) s.runSlice(Math.min(100_000, forks[0]!.insn + 1 - s.insn));
    const end = s.runSlice(50_000_000, 'fork');
    expect(end).toMatchObject({ kind: 'event', event: { type: 'fork', insn: forks[1]!.insn } });
  });
});
