import { describe, expect, test } from 'vitest';
import type { LabEvent } from '../../src/lab/events';
import { VM_READ, VM_WRITE } from '../../src/lab/events';
import { ModelBuilder } from '../../src/lab/model-builder';
import { PTE_A, PTE_COW, PTE_D, PTE_LIBRARY, PTE_R, PTE_U, PTE_V, PTE_W } from '../../src/lab/pagetable';
import { fakeMemory } from './fake-memory';

// Hand-built MOS event streams (docs/abi.md section 2, FID 11-17) in the order the MOS kernel
// reports them, with page tables built entry by entry: what the model must show for exofork,
// duppage, IPC, page transfer, a user-level COW fault and the read-only windows.

const RO = PTE_V | PTE_R | PTE_U | PTE_A;
const RW = RO | PTE_W | PTE_D;
const COW = RO | PTE_COW;
const DATA = 0x11000; // VPN2 0, VPN1 0, VPN0 17
const OLD = 0x8700_0000;
const COPY = 0x8700_1000;

/** Up to three processes (pid 1, 2, 3), each with its own three-level table. */
function spaces() {
  const m = fakeMemory();
  const root = (pid: number) => 0x8300_0000 + pid * 0x10_0000;
  // Next-level tables, allocated on first use after each root.
  const tables = new Map<string, number>();
  const table = (pid: number, key: string) => {
    let t = tables.get(`${pid}/${key}`);
    if (t === undefined) tables.set(`${pid}/${key}`, (t = root(pid) + 0x1000 * (1 + [...tables.keys()].filter((k) => k.startsWith(`${pid}/`)).length)));
    return t;
  };
  const map = (pid: number, va: number, frame: number, flags: number) => {
    const vpn2 = Math.floor(va / 2 ** 30) % 512;
    const vpn1 = Math.floor(va / 2 ** 21) % 512;
    const vpn0 = Math.floor(va / 2 ** 12) % 512;
    const l1 = table(pid, `${vpn2}`);
    const l0 = table(pid, `${vpn2}/${vpn1}`);
    m.setPte(root(pid), vpn2, l1, PTE_V);
    m.setPte(l1, vpn1, l0, PTE_V);
    m.setPte(l0, vpn0, frame, flags);
  };
  return { read: m.read, root, map };
}

function apply(b: ModelBuilder, events: LabEvent[]) {
  return events.map((e) => b.apply(e)).filter((x) => x !== null);
}

/** pid 1 runs the MOS program with one writable data page, then exoforks pid 2 (envid 0x1001). */
function exoforked(s: ReturnType<typeof spaces>) {
  const b = new ModelBuilder();
  const entries = apply(b, [
    { type: 'fork', insn: 1, parent: 0, child: 1, pgd: s.root(1) },
    { type: 'env', insn: 2, pid: 1, envid: 0x800, parentEnvid: 0 },
    { type: 'vma', insn: 3, pid: 1, start: DATA, end: DATA + 0x1000, flags: VM_READ | VM_WRITE, kind: 'data', offset: 0x1000 },
    { type: 'exec', insn: 4, pid: 1, pgd: s.root(1), name: 'pingpong', entry: 0x10000 },
    { type: 'frame', insn: 5, addr: OLD, refcount: 1, op: 'alloc', use: 'user', order: 0 },
    { type: 'exofork', insn: 10, parent: 1, child: 2, pgd: s.root(2), envid: 0x1001 },
    { type: 'env', insn: 11, pid: 2, envid: 0x1001, parentEnvid: 0x800 },
  ]);
  return { b, entries };
}

/** duppage of the data page: child first, then the parent, both read-only with PTE_COW. */
function duppage(b: ModelBuilder, s: ReturnType<typeof spaces>) {
  s.map(1, DATA, OLD, COW);
  s.map(2, DATA, OLD, COW);
  return apply(b, [
    { type: 'frame', insn: 20, addr: OLD, refcount: 2, op: 'get', use: 'user', order: 0 },
    { type: 'mem', insn: 21, pid: 1, target: 2, va: DATA, op: 'map', frame: OLD, perm: 0x1 },
    { type: 'mem', insn: 22, pid: 1, target: 1, va: DATA, op: 'map', frame: OLD, perm: 0x1 },
    { type: 'env_status', insn: 23, pid: 2, status: 'runnable', envid: 0x1001 },
  ]);
}

describe('the model of MOS programs (hand-built event streams)', () => {
  test('exofork puts the child in the tree with its envid, not runnable until its parent says so', () => {
    const s = spaces();
    const { b, entries } = exoforked(s);
    expect(entries).toContainEqual({ insn: 10, kind: 'exofork', pid: 1, other: 2 });
    let m = b.snapshot(s.read, 12, { checkRefcounts: false });
    expect(m.processes.map((p) => [p.pid, p.parent, p.origin, p.envid, p.envStatus])).toEqual([
      [1, 0, 'fork', 0x800, null],
      [2, 1, 'exofork', 0x1001, 'not-runnable'],
    ]);
    expect(m.processes[1]!.name).toBe('pingpong');
    expect(duppage(b, s)).toContainEqual({ insn: 23, kind: 'env-runnable', pid: 2 });
    m = b.snapshot(s.read, 30, { checkRefcounts: true });
    expect(m.processes[1]!.envStatus).toBe('runnable');
  });

  test('after duppage parent and child share the writable page as COW with refcount 2 (PTE_COW, read-only)', () => {
    const s = spaces();
    const { b } = exoforked(s);
    const entries = duppage(b, s);
    expect(entries.slice(0, 2)).toEqual([
      { insn: 21, kind: 'mem-map', pid: 1, other: 2, va: DATA, frame: OLD },
      { insn: 22, kind: 'mem-map', pid: 1, other: 1, va: DATA, frame: OLD },
    ]);
    const m = b.snapshot(s.read, 30, { checkRefcounts: true });
    expect(m.frames).toEqual([
      {
        addr: OLD, refcount: 2, sharing: 'cow', mismatch: null, library: false, ipc: null,
        mappings: [{ pid: 1, va: DATA, writable: false }, { pid: 2, va: DATA, writable: false }],
      },
    ]);
    for (const p of m.processes) expect(p.pages).toEqual([expect.objectContaining({ va: DATA, w: false, cow: true, cowBit: true, library: false })]);
    expect(m.warnings).toEqual([]);
  });

  test("a user-level COW fault: the handler's mem_map replaces the page, and the timeline pairs old and new frame", () => {
    const s = spaces();
    const { b } = exoforked(s);
    duppage(b, s);
    const UCOW = 0x7f_f000;
    const fault = apply(b, [
      { type: 'user_fault', insn: 40, pid: 2, va: DATA + 8, frame: OLD, handler: 0x10400, sp: 0x3f_ffff_eef0 },
      { type: 'frame', insn: 41, addr: COPY, refcount: 1, op: 'alloc', use: 'user', order: 0 },
      { type: 'mem', insn: 42, pid: 2, target: 2, va: UCOW, op: 'alloc', frame: COPY, perm: 0x7 },
    ]);
    expect(fault).toEqual([
      { insn: 40, kind: 'user-fault', pid: 2, va: DATA + 8, frame: OLD },
      { insn: 42, kind: 'mem-alloc', pid: 2, other: 2, va: UCOW, frame: COPY },
    ]);
    s.map(2, DATA, COPY, RW);
    const copy = apply(b, [
      { type: 'frame', insn: 43, addr: COPY, refcount: 2, op: 'get', use: 'user', order: 0 },
      { type: 'frame', insn: 44, addr: OLD, refcount: 1, op: 'put', use: 'user', order: 0 },
      { type: 'mem', insn: 45, pid: 2, target: 2, va: DATA, op: 'map', frame: COPY, perm: 0x7 },
      { type: 'frame', insn: 46, addr: COPY, refcount: 1, op: 'put', use: 'user', order: 0 },
      { type: 'mem', insn: 47, pid: 2, target: 2, va: UCOW, op: 'unmap', frame: 0, perm: 0 },
    ]);
    expect(copy).toEqual([
      { insn: 45, kind: 'user-cow-copy', pid: 2, va: DATA, frame: COPY, oldFrame: OLD },
      { insn: 47, kind: 'mem-unmap', pid: 2, other: 2, va: UCOW },
    ]);
    const m = b.snapshot(s.read, 50, { checkRefcounts: true });
    expect(m.frames.map((f) => [f.addr, f.refcount, f.sharing, f.mappings.map((x) => x.pid)])).toEqual([
      [OLD, 1, 'private', [1]],
      [COPY, 1, 'private', [2]],
    ]);
    expect(m.processes[1]!.pages[0]).toMatchObject({ frame: COPY, w: true, cow: false, cowBit: false });
    expect(m.warnings).toEqual([]);
  });

  test('IPC: the receiver waits in ipc_recv, the send links the two with its value, the wait ends when it runs', () => {
    const s = spaces();
    const { b } = exoforked(s);
    duppage(b, s);
    expect(apply(b, [{ type: 'ipc_recv', insn: 60, pid: 2, dstva: 0 }])).toEqual([{ insn: 60, kind: 'ipc-recv', pid: 2 }]);
    expect(b.snapshot(s.read, 61, { checkRefcounts: false }).processes[1]!.ipcWait).toBe('waiting');
    const send = apply(b, [
      { type: 'sched', insn: 61, prev: 2, next: 1 },
      { type: 'ipc_send', insn: 62, from: 1, to: 2, value: 0, dstva: 0, perm: 0, frame: 0 },
    ]);
    expect(send).toEqual([{ insn: 62, kind: 'ipc-send', pid: 1, other: 2, value: 0 }]);
    let m = b.snapshot(s.read, 63, { checkRefcounts: false });
    // Delivered but not yet run: still inside ipc_recv.
    expect(m.processes[1]!.ipcWait).toBe('delivered');
    expect(m.ipc ?? []).toEqual([{ from: 1, to: 2, count: 1, value: 0, insn: 62, frame: 0, va: 0, perm: 0 }]);
    apply(b, [
      { type: 'ipc_recv', insn: 70, pid: 1, dstva: 0 },
      { type: 'sched', insn: 71, prev: 1, next: 2 },
      { type: 'ipc_send', insn: 72, from: 2, to: 1, value: 1, dstva: 0, perm: 0, frame: 0 },
      { type: 'ipc_recv', insn: 73, pid: 2, dstva: 0 },
      { type: 'sched', insn: 74, prev: 2, next: 1 },
      { type: 'ipc_send', insn: 75, from: 1, to: 2, value: 2, dstva: 0, perm: 0, frame: 0 },
    ]);
    m = b.snapshot(s.read, 76, { checkRefcounts: false });
    expect(m.processes.map((p) => [p.pid, p.ipcWait])).toEqual([[1, null], [2, 'delivered']]);
    // The kernel's env_status right after ipc_recv / ipc_send says nothing new: no timeline entry.
    expect(apply(b, [
      { type: 'ipc_recv', insn: 80, pid: 1, dstva: 0 },
      { type: 'env_status', insn: 81, pid: 1, status: 'not-runnable', envid: 0x800 },
      { type: 'ipc_send', insn: 82, from: 2, to: 1, value: 3, dstva: 0, perm: 0, frame: 0 },
      { type: 'env_status', insn: 83, pid: 1, status: 'runnable', envid: 0x800 },
      { type: 'env_status', insn: 84, pid: 1, status: 'not-runnable', envid: 0x800 },
    ]).map((e) => e.kind)).toEqual(['ipc-recv', 'ipc-send', 'env-not-runnable']);
    expect((m.ipc ?? []).map((l) => [l.from, l.to, l.count, l.value, l.insn])).toEqual([[2, 1, 1, 1, 72], [1, 2, 2, 2, 75]]);
  });

  test('a page sent by IPC is one frame mapped by sender and receiver, marked ipc, not cow', () => {
    const s = spaces();
    const { b } = exoforked(s);
    duppage(b, s);
    const PAGE = 0x8700_2000;
    const SRC = 0x60_0000;
    const DST = 0x70_0000;
    s.map(1, SRC, PAGE, RW);
    s.map(2, DST, PAGE, RW);
    apply(b, [
      { type: 'frame', insn: 80, addr: PAGE, refcount: 1, op: 'alloc', use: 'user', order: 0 },
      { type: 'mem', insn: 81, pid: 1, target: 1, va: SRC, op: 'alloc', frame: PAGE, perm: 0x7 },
      { type: 'ipc_recv', insn: 82, pid: 2, dstva: DST },
      { type: 'frame', insn: 83, addr: PAGE, refcount: 2, op: 'get', use: 'user', order: 0 },
    ]);
    const entry = b.apply({ type: 'ipc_send', insn: 84, from: 1, to: 2, value: 7, dstva: DST, perm: 0x7, frame: PAGE });
    expect(entry).toEqual({ insn: 84, kind: 'ipc-send', pid: 1, other: 2, value: 7, va: DST, frame: PAGE });
    const m = b.snapshot(s.read, 90, { checkRefcounts: true });
    const f = m.frames.find((x) => x.addr === PAGE)!;
    expect(f).toEqual({
      addr: PAGE, refcount: 2, sharing: 'ipc', mismatch: null, library: false, ipc: { from: 1, to: 2, insn: 84 },
      mappings: [{ pid: 1, va: SRC, writable: true }, { pid: 2, va: DST, writable: true }],
    });
    expect(m.frames.find((x) => x.addr === OLD)!.sharing).toBe('cow');
    expect(m.ipc?.[0]).toMatchObject({ frame: PAGE, va: DST, value: 7 });
    expect(m.warnings).toEqual([]);
  });

  test('a LIBRARY page stays shared and writable in three processes, with the LIBRARY bit shown', () => {
    const s = spaces();
    const b = new ModelBuilder();
    const LIB = 0x8700_3000;
    for (const pid of [1, 2, 3]) s.map(pid, 0x40_0000, LIB, RW | PTE_LIBRARY);
    apply(b, [
      { type: 'fork', insn: 1, parent: 0, child: 1, pgd: s.root(1) },
      { type: 'exofork', insn: 2, parent: 1, child: 2, pgd: s.root(2), envid: 0x1001 },
      { type: 'exofork', insn: 3, parent: 2, child: 3, pgd: s.root(3), envid: 0x1802 },
      { type: 'frame', insn: 4, addr: LIB, refcount: 3, op: 'alloc', use: 'user', order: 0 },
    ]);
    const m = b.snapshot(s.read, 10, { checkRefcounts: true });
    expect(m.frames).toHaveLength(1);
    expect(m.frames[0]).toMatchObject({ addr: LIB, refcount: 3, sharing: 'shared', library: true, mismatch: null });
    expect(m.frames[0]!.mappings.map((x) => [x.pid, x.writable])).toEqual([[1, true], [2, true], [3, true]]);
    for (const p of m.processes) expect(p.pages[0]).toMatchObject({ library: true, cow: false, w: true });
  });

  test("the read-only windows (a window VA range, or a page-table frame) are never the process's own pages", () => {
    const s = spaces();
    const WINDOW = 0x3f_c000_0000;
    const b = new ModelBuilder({ windows: [{ start: WINDOW, end: WINDOW + 0x40_0000, name: 'UENVS' }] });
    s.map(1, DATA, OLD, RW);
    s.map(1, WINDOW + 0x1000, 0x8000_5000, RO); // the env array: kernel memory, never reported
    const PT = 0x8000_9000;
    s.map(1, 0x3f_8000_0000, PT, RO); // a page table seen through the page-table window
    apply(b, [
      { type: 'fork', insn: 1, parent: 0, child: 1, pgd: s.root(1) },
      { type: 'frame', insn: 2, addr: OLD, refcount: 1, op: 'alloc', use: 'user', order: 0 },
      { type: 'frame', insn: 3, addr: PT, refcount: 1, op: 'alloc', use: 'pagetable', order: 0 },
    ]);
    const m = b.snapshot(s.read, 10, { checkRefcounts: true });
    expect(m.processes[0]!.pages.map((p) => p.va)).toEqual([DATA]);
    expect(m.frames.map((f) => f.addr)).toEqual([OLD]);
    expect(m.warnings).toEqual([]);
  });

  test('the idle task (pid 0) gets an env but is never drawn', () => {
    const s = spaces();
    const b = new ModelBuilder();
    apply(b, [
      { type: 'env', insn: 1, pid: 0, envid: 0x800, parentEnvid: 0 },
      { type: 'env_status', insn: 2, pid: 0, status: 'runnable', envid: 0x800 },
    ]);
    expect(b.snapshot(s.read, 3, { checkRefcounts: false }).processes).toEqual([]);
  });

  test('a process that exits while waiting no longer waits', () => {
    const s = spaces();
    const { b } = exoforked(s);
    apply(b, [
      { type: 'ipc_recv', insn: 20, pid: 2, dstva: 0 },
      { type: 'exit', insn: 21, pid: 2, code: 0, killed: false },
    ]);
    expect(b.snapshot(s.read, 22, { checkRefcounts: false }).processes[1]!.ipcWait).toBeNull();
  });
});
