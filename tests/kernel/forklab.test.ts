import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseElf } from '../../src/emulator';
import type { LabEvent } from '../../src/lab/events';
import { bootOnQemu, LAB_BOOTARGS, USER_BUILD } from './boot';
import { bootOnForkLab, normalizedLines } from './boot-forklab';

type Ev<T extends LabEvent['type']> = Extract<LabEvent, { type: T }>;
const ofType = <T extends LabEvent['type']>(events: readonly LabEvent[], type: T): Ev<T>[] =>
  events.filter((e): e is Ev<T> => e.type === type);
const page = (va: number): number => va - (va % 4096);

function loadUserElf(elfName: string) {
  const r = parseElf(new Uint8Array(readFileSync(join(USER_BUILD, elfName))));
  if (!r.ok) throw new Error(r.error);
  return r.elf;
}

function symbol(elfName: string, name: string): number {
  const s = loadUserElf(elfName).symbols.find((x) => x.name === name);
  if (!s) throw new Error(`${elfName} has no symbol ${name}`);
  return Number(s.value);
}

describe('the lab kernel on ForkLab', () => {
  const lab = bootOnForkLab(LAB_BOOTARGS);

  test('runs the lab sequence to a clean shutdown with every lab test passing', () => {
    expect(lab.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(lab.console.match(/^PASS print$/gm)).toHaveLength(3);
    for (const name of ['cow', 'fib', 'mfork']) expect(lab.console).toMatch(new RegExp(`^PASS ${name}$`, 'm'));
    expect(lab.console).not.toMatch(/FAIL|PANIC|killed/);
    expect(lab.console).toContain('kinit: all apps done; frames in use by them: 0\n');
  });

  test('prints the same lines per process as QEMU, up to pid numbers and interleaving', () => {
    const qemu = bootOnQemu(LAB_BOOTARGS);
    expect(normalizedLines(lab.console)).toEqual(normalizedLines(qemu.console));
  }, 90_000);

  test('reports a fork event for every child and an exec for every program', () => {
    expect(ofType(lab.events, 'fork')).toHaveLength(6 + 18);
    expect(ofType(lab.events, 'exec').map((e) => e.name)).toEqual(['print', 'print', 'print', 'cow', 'fib', 'mfork']);
    expect(ofType(lab.events, 'kthread').map((e) => e.name)).toEqual(['kinit', 'kdemo']);
    expect(ofType(lab.events, 'exit').every((e) => e.code === 0 && !e.killed)).toBe(true);
  });

  test('copies a page on write after fork at most once per process and page', () => {
    // Per epoch of a process: an epoch starts when it is forked, execs, or forks a child
    // (which shares its pages again). A pid is reused after its zombie is reaped, so the pid
    // alone is not enough.
    const life = new Map<number, number>();
    const seen = new Set<string>();
    for (const e of lab.events) {
      if (e.type === 'fork') {
        life.set(e.child, (life.get(e.child) ?? 0) + 1);
        life.set(e.parent, (life.get(e.parent) ?? 0) + 1);
      }
      if (e.type === 'exec') life.set(e.pid, (life.get(e.pid) ?? 0) + 1);
      if (e.type !== 'fault' || e.resolution !== 'cow-copy') continue;
      const f = e;
      const key = `${f.pid}/${life.get(f.pid)}:${page(f.va)}`;
      expect(seen.has(key), `second cow-copy of ${key}`).toBe(false);
      seen.add(key);
      expect(f.frame).not.toBe(f.oldFrame);
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  test('keeps frame reference counts consistent with copy-on-write decisions', () => {
    // Replay the frame events: a cow-copy must find the old frame shared (refcount > 1 before
    // its put), a cow-reuse must find it private (refcount 1).
    const refs = new Map<number, number>();
    for (const e of lab.events) {
      if (e.type === 'frame') {
        refs.set(e.addr, e.refcount);
      } else if (e.type === 'fault' && e.resolution === 'cow-copy') {
        // The fault event comes after the old frame's put: it had one more reference.
        expect((refs.get(e.oldFrame) ?? 0) + 1).toBeGreaterThan(1);
      } else if (e.type === 'fault' && e.resolution === 'cow-reuse') {
        expect(refs.get(e.frame)).toBe(1);
      }
    }
  });

  test('returns every user frame and page table taken after boot (no leaks)', () => {
    const firstExec = lab.events.findIndex((e) => e.type === 'exec');
    const refs = new Map<number, { count: number; use: string }>();
    for (const e of lab.events.slice(firstExec)) {
      if (e.type !== 'frame') continue;
      if (e.op === 'alloc') refs.set(e.addr, { count: e.refcount, use: e.use });
      else if (refs.has(e.addr)) refs.get(e.addr)!.count = e.refcount;
    }
    const leaked = [...refs].filter(([, v]) => (v.use === 'user' || v.use === 'pagetable' || v.use === 'kstack') && v.count !== 0);
    expect(leaked).toEqual([]);
    expect(refs.size).toBeGreaterThan(100);
  });

  test('maps a program as VMAs derived from its ELF segments: file-backed text and data, anonymous bss and stack', () => {
    // Reference: the PT_LOAD headers of cow.elf, rounded to pages the way the lab's loader does.
    const elf = loadUserElf('cow.elf');
    const up = (v: number) => page(v + 0xfff);
    const expected: { start: number; end: number; flags: number; kind: string }[] = [];
    for (const s of elf.segments.filter((x) => x.type === 1 && x.memsz > 0)) {
      const flags = (s.flags & 4 ? 0x2 : 0) | (s.flags & 2 ? 0x4 : 0) | (s.flags & 1 ? 0x8 : 0);
      const start = page(Number(s.vaddr));
      const fileEnd = up(Number(s.vaddr) + Number(s.filesz));
      const memEnd = up(Number(s.vaddr) + Number(s.memsz));
      if (fileEnd > start) expected.push({ start, end: fileEnd, flags, kind: s.flags & 1 ? 'text' : 'data' });
      if (memEnd > fileEnd) expected.push({ start: fileEnd, end: memEnd, flags: flags | 0x1, kind: 'bss' });
    }
    expected.push({ start: 0x40_0000_0000 - 0x10_0000, end: 0x40_0000_0000, flags: 0x7, kind: 'stack' });
    const exec = ofType(lab.events, 'exec').find((e) => e.name === 'cow')!;
    const i = lab.events.indexOf(exec);
    const before = lab.events.slice(0, i).reverse();
    const fork = before.find((e) => e.type === 'fork' && e.child === exec.pid)!;
    const vmas = lab.events
      .slice(lab.events.indexOf(fork), i)
      .filter((e): e is Ev<'vma'> => e.type === 'vma' && e.pid === exec.pid)
      .map(({ start, end, flags, kind }) => ({ start, end, flags, kind }));
    expect(vmas).toEqual(expected);
    expect(exec.entry).toBe(Number(elf.entry));
  });

  test('in cow, the child copies the pages it writes and the parent later reuses its own in place', () => {
    const global = page(symbol('cow.elf', 'global'));
    const buffer = page(symbol('cow.elf', 'buffer') + 4096);
    const cowExec = ofType(lab.events, 'exec').find((e) => e.name === 'cow')!;
    const parent = cowExec.pid;
    const child = ofType(lab.events, 'fork').find((e) => e.parent === parent && e.insn > cowExec.insn)!.child;
    const faults = ofType(lab.events, 'fault').filter((e) => e.insn > cowExec.insn);
    const of = (pid: number, pg: number) => faults.filter((f) => f.pid === pid && page(f.va) === pg).map((f) => f.resolution);
    expect(of(child, global)).toContain('cow-copy');
    expect(of(child, buffer)).toContain('cow-copy');
    expect(of(parent, global)).toContain('cow-reuse');
    expect(of(parent, buffer)).toContain('cow-reuse');
  });

  test('kills a NULL dereference with the same console line as on QEMU and a killed fault event', () => {
    const run = bootOnForkLab('apps=nullptr');
    const line = run.console.split('\n').find((l) => l.includes('killed:'));
    expect(line).toMatch(/^\[PID = 3\] killed: store page fault at 0x0 \(no VMA\), pc 0x[0-9a-f]+$/);
    expect(bootOnQemu('apps=nullptr').console).toContain(line!);
    const fault = ofType(run.events, 'fault').find((f) => f.resolution === 'killed')!;
    expect(fault).toMatchObject({ pid: 3, va: 0, scause: 15 });
    expect(ofType(run.events, 'exit').find((e) => e.pid === 3)).toMatchObject({ code: 11, killed: true });
  });

  test('runs usertests and the examples with the same lines per process as QEMU', () => {
    const apps = 'apps=usertests,forkexec,textwrite,orphan,badptr,bigarray,shared,nullptr';
    const run = bootOnForkLab(apps);
    expect(run.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(run.console).toContain('PASS usertests');
    expect(normalizedLines(run.console)).toEqual(normalizedLines(bootOnQemu(apps).console));
  }, 90_000);

  test('runs the interactive shell with typed commands', () => {
    const run = bootOnForkLab('init=sh', 200_000_000, undefined, ['ls', 'hello', 'fib', 'exit']);
    expect(run.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(run.console).toMatch(/^\$ ls\nprint\ncow\nfib\nmfork\nusertests\nhello\n/m);
    expect(run.console).toMatch(/^hello from pid 3 \(parent 2\)$/m);
    expect(run.console).toContain('PASS fib');
    expect(run.console).toContain('kinit: shutdown');
  });

  test('shares MAP_SHARED frames between parent and child (demand-shared, no copy)', () => {
    const run = bootOnForkLab('apps=shared');
    expect(run.console).toContain('shared: parent sees shared counter 1000 and private counter 0');
    const faults = ofType(run.events, 'fault');
    const shared = faults.filter((f) => f.resolution === 'demand-shared');
    expect(shared).toHaveLength(1);
    // The child never copies the shared page.
    expect(faults.some((f) => f.resolution === 'cow-copy' && page(f.va) === page(shared[0]!.va))).toBe(false);
  });
});
