import { describe, expect, test } from 'vitest';
import { VM_ANON, VM_READ, VM_SHARED, VM_WRITE } from '../../src/lab/events';
import { ModelBuilder } from '../../src/lab/model-builder';
import { PTE_A, PTE_R, PTE_U, PTE_V, PTE_W } from '../../src/lab/pagetable';
import { fakeMemory } from './fake-memory';

// Two processes whose data page at va 0x11000 (VPN2 0, VPN1 0, VPN0 17) is mapped through
// their own page tables; the test decides which frame each maps.
const RO = PTE_V | PTE_R | PTE_U | PTE_A;
const RW = RO | PTE_W;
function twoProcesses(frameOfParent: number, flagsParent: number, frameOfChild: number, flagsChild: number) {
  const m = fakeMemory();
  const tables = { 1: [0x8300_0000, 0x8300_1000, 0x8300_2000], 2: [0x8310_0000, 0x8310_1000, 0x8310_2000] };
  const map = (pid: 1 | 2, frame: number, flags: number) => {
    const [root, l1, l0] = tables[pid];
    m.setPte(root!, 0, l1!, PTE_V);
    m.setPte(l1!, 0, l0!, PTE_V);
    m.setPte(l0!, 17, frame, flags);
  };
  map(1, frameOfParent, flagsParent);
  map(2, frameOfChild, flagsChild);
  return { read: m.read, pgd1: tables[1][0]!, pgd2: tables[2][0]! };
}

function forkScenario(b: ModelBuilder, pgd1: number, pgd2: number, vmaFlags: number) {
  b.apply({ type: 'exec', insn: 10, pid: 1, pgd: pgd1, name: 'cow', entry: 0x10000 });
  b.apply({ type: 'vma', insn: 11, pid: 1, start: 0x11000, end: 0x12000, flags: vmaFlags, kind: 'data', offset: 0x1000 });
  b.apply({ type: 'frame', insn: 12, addr: 0x8700_0000, refcount: 1, op: 'alloc', use: 'user', order: 0 });
  b.apply({ type: 'fork', insn: 20, parent: 1, child: 2, pgd: pgd2 });
  b.apply({ type: 'frame', insn: 21, addr: 0x8700_0000, refcount: 2, op: 'get', use: 'user', order: 0 });
}

describe('lab model builder', () => {
  test('keeps the idle task (pid 0) out of the model whatever the kernel reports about it', () => {
    const { read, pgd1, pgd2 } = twoProcesses(0x8700_0000, RO, 0x8700_0000, RO);
    const b = new ModelBuilder();
    b.apply({ type: 'env', insn: 1, pid: 0, envid: 0x800, parentEnvid: 0 });
    b.apply({ type: 'state', insn: 2, pid: 0, state: 'running' });
    b.apply({ type: 'vma', insn: 3, pid: 0, start: 0x1000, end: 0x2000, flags: VM_READ, kind: 'text', offset: 0 });
    b.apply({ type: 'vma_remove', insn: 4, pid: 0, start: 0x1000, end: 0x2000 });
    b.apply({ type: 'exit', insn: 5, pid: 0, code: 0, killed: false });
    forkScenario(b, pgd1, pgd2, VM_READ | VM_WRITE);
    expect(b.snapshot(read, 30, { checkRefcounts: true }).processes.map((p) => p.pid)).toEqual([1, 2]);
  });

  test('after fork both processes map one read-only frame of a writable VMA: a COW frame with refcount 2', () => {
    const { read, pgd1, pgd2 } = twoProcesses(0x8700_0000, RO, 0x8700_0000, RO);
    const b = new ModelBuilder();
    forkScenario(b, pgd1, pgd2, VM_READ | VM_WRITE);
    const model = b.snapshot(read, 30, { checkRefcounts: true });
    expect(model.processes.map((p) => [p.pid, p.parent, p.name])).toEqual([[1, 0, 'cow'], [2, 1, 'cow']]);
    expect(model.frames).toEqual([
      {
        addr: 0x8700_0000,
        refcount: 2,
        mappings: [{ pid: 1, va: 0x11000, writable: false }, { pid: 2, va: 0x11000, writable: false }],
        sharing: 'cow',
        mismatch: null,
        library: false,
        ipc: null,
      },
    ]);
    expect(model.processes[1]!.pages[0]).toMatchObject({ va: 0x11000, cow: true, vma: 'data', w: false });
    expect(model.warnings).toEqual([]);
  });

  test('a COW copy splits the frame: each process maps its own, the timeline records old and new frame', () => {
    const { read, pgd1, pgd2 } = twoProcesses(0x8700_0000, RO, 0x8700_1000, RW);
    const b = new ModelBuilder();
    forkScenario(b, pgd1, pgd2, VM_READ | VM_WRITE);
    b.apply({ type: 'frame', insn: 30, addr: 0x8700_1000, refcount: 1, op: 'alloc', use: 'user', order: 0 });
    const entry = b.apply({
      type: 'fault', insn: 31, pid: 2, va: 0x11008, scause: 15, resolution: 'cow-copy', frame: 0x8700_1000, oldFrame: 0x8700_0000,
    });
    b.apply({ type: 'frame', insn: 32, addr: 0x8700_0000, refcount: 1, op: 'put', use: 'user', order: 0 });
    expect(entry).toEqual({ insn: 31, kind: 'cow-copy', pid: 2, va: 0x11008, frame: 0x8700_1000, oldFrame: 0x8700_0000 });
    const model = b.snapshot(read, 40, { checkRefcounts: true });
    expect(model.frames.map((f) => [f.addr, f.refcount, f.mappings.length, f.sharing])).toEqual([
      [0x8700_0000, 1, 1, 'private'],
      [0x8700_1000, 1, 1, 'private'],
    ]);
  });

  test('a refcount the page tables do not back up is reported as a mismatch', () => {
    const { read, pgd1, pgd2 } = twoProcesses(0x8700_0000, RO, 0x8700_1000, RW);
    const b = new ModelBuilder();
    forkScenario(b, pgd1, pgd2, VM_READ | VM_WRITE); // the kernel says 2, but pid 2 maps another frame
    const model = b.snapshot(read, 40, { checkRefcounts: true });
    expect(model.frames[0]!.mismatch).toBe('kernel refcount 2, 1 mapping found');
    expect(model.warnings).toContain('frame 0x87000000: kernel refcount 2, 1 mapping found');
  });

  test('a frame of a MAP_SHARED VMA is shared, not copy-on-write, even when writable in both', () => {
    const { read, pgd1, pgd2 } = twoProcesses(0x8700_0000, RW, 0x8700_0000, RW);
    const b = new ModelBuilder();
    forkScenario(b, pgd1, pgd2, VM_READ | VM_WRITE | VM_SHARED | VM_ANON);
    const model = b.snapshot(read, 40, { checkRefcounts: true });
    expect(model.frames[0]).toMatchObject({ sharing: 'shared', mismatch: null });
    expect(model.processes[0]!.pages[0]!.cow).toBe(false);
  });

  test('an exited process keeps its place in the tree but its pages are no longer walked', () => {
    const { read, pgd1, pgd2 } = twoProcesses(0x8700_0000, RO, 0x8700_0000, RO);
    const b = new ModelBuilder();
    forkScenario(b, pgd1, pgd2, VM_READ | VM_WRITE);
    b.apply({ type: 'exit', insn: 50, pid: 2, code: 3, killed: false });
    const model = b.snapshot(read, 60, { checkRefcounts: false });
    expect(model.processes[1]).toMatchObject({ pid: 2, state: 'zombie', exitCode: 3, pages: [] });
    expect(model.frames[0]!.mappings).toEqual([{ pid: 1, va: 0x11000, writable: false }]);
  });

  test('keeps the VMAs the kernel reports just before exec (docs/abi.md: vma events, then exec)', () => {
    const { read, pgd1 } = twoProcesses(0x8700_0000, RO, 0x8700_0000, RO);
    const b = new ModelBuilder();
    b.apply({ type: 'fork', insn: 1, parent: 1, child: 2, pgd: pgd1 });
    b.apply({ type: 'vma', insn: 2, pid: 2, start: 0x10000, end: 0x11000, flags: VM_READ, kind: 'text', offset: 0 });
    b.apply({ type: 'vma', insn: 3, pid: 2, start: 0x11000, end: 0x12000, flags: VM_READ | VM_WRITE, kind: 'data', offset: 0x1000 });
    b.apply({ type: 'exec', insn: 4, pid: 2, pgd: pgd1, name: 'cow', entry: 0x10000 });
    const p = b.snapshot(read, 5, { checkRefcounts: false }).processes.find((x) => x.pid === 2)!;
    expect(p.vmas.map((v) => v.kind)).toEqual(['text', 'data']);
    expect(p.pages.map((pg) => pg.vma)).toEqual(['data']);
  });
});
