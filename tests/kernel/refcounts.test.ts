import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine, type StopReason } from '../../src/emulator';
import { decodeLabCall } from '../../src/lab/events';
import { DEFAULT_INITRD, KERNEL_ELF } from './boot';

// Ground truth for the kernel's reference counts: at every context switch, walk the Sv39 page
// table of every live process in guest memory and count, for each frame, how many user
// mappings point at it. Each user frame's refcount (replayed from the trace's frame events)
// must equal that count, and no mapping may point at a free frame or a non-user frame.

interface Audit {
  readonly stop: StopReason;
  readonly checks: number;
  readonly framesSeen: number;
  readonly problems: string[];
}

function auditRefcounts(bootargs: string): Audit {
  const loaded = Machine.fromElf(new Uint8Array(readFileSync(KERNEL_ELF)), {
    initrd: new Uint8Array(readFileSync(DEFAULT_INITRD)),
    bootargs,
    ramMiB: 128,
  });
  if (!loaded.ok) throw new Error(loaded.error);
  const m = loaded.machine;
  const pgds = new Map<number, bigint>();
  const frames = new Map<bigint, { count: number; use: string }>();
  const problems: string[] = [];
  const seen = new Set<bigint>();
  let checks = 0;

  const table = (pa: bigint) => new DataView(m.readPhys(pa, 4096).buffer);
  const next = (pte: bigint) => (pte >> 10n) << 12n;
  const isLeaf = (pte: bigint) => (pte & 0xen) !== 0n;

  const audit = (when: number) => {
    const mapped = new Map<bigint, number>();
    for (const [pid, pgd] of pgds) {
      const root = table(pgd);
      for (let i = 0; i < 256; i++) {
        const l2 = root.getBigUint64(i * 8, true);
        if (!(l2 & 1n)) continue;
        if (isLeaf(l2)) problems.push(`pid ${pid}: user superpage at root index ${i}`);
        const mid = table(next(l2));
        for (let j = 0; j < 512; j++) {
          const l1 = mid.getBigUint64(j * 8, true);
          if (!(l1 & 1n)) continue;
          const leaf = table(next(l1));
          for (let k = 0; k < 512; k++) {
            const pte = leaf.getBigUint64(k * 8, true);
            if (!(pte & 1n)) continue;
            if ((pte & 0x10n) === 0n) problems.push(`pid ${pid}: user-half PTE without U`);
            mapped.set(next(pte), (mapped.get(next(pte)) ?? 0) + 1);
          }
        }
      }
    }
    for (const [frame, { count, use }] of frames) {
      if (use !== 'user' || count === 0) continue;
      seen.add(frame);
      const n = mapped.get(frame) ?? 0;
      if (n !== count) problems.push(`@${when}: frame 0x${frame.toString(16)} has refcount ${count} but ${n} mappings`);
    }
    for (const [frame, n] of mapped) {
      const f = frames.get(frame);
      if (!f || f.use !== 'user' || f.count === 0) problems.push(`@${when}: ${n} mappings of frame 0x${frame.toString(16)}, which is ${f ? f.use + ' with refcount ' + f.count : 'not allocated'}`);
    }
    checks++;
  };

  m.onTrace = (call) => {
    const ev = decodeLabCall(call);
    if (ev.type === 'fork') pgds.set(ev.child, BigInt(ev.pgd));
    else if (ev.type === 'exec') pgds.set(ev.pid, BigInt(ev.pgd));
    else if (ev.type === 'exit') pgds.delete(ev.pid);
    else if (ev.type === 'state' && ev.state === 'dead') pgds.delete(ev.pid);
    else if (ev.type === 'frame') {
      const frame = BigInt(ev.addr);
      if (ev.op === 'alloc') frames.set(frame, { count: ev.refcount, use: ev.use });
      else frames.set(frame, { count: ev.refcount, use: frames.get(frame)?.use ?? ev.use });
    } else if (ev.type === 'sched') audit(ev.insn);
  };
  let stop: StopReason;
  let budget = 600_000_000;
  do {
    stop = m.run(5_000_000);
    budget -= 5_000_000;
  } while (stop.kind === 'limit' && budget > 0);
  return { stop, checks, framesSeen: seen.size, problems };
}

describe('frame reference counts on ForkLab', () => {
  test('equal the number of user mappings found by walking every page table, at every switch', () => {
    const r = auditRefcounts('apps=print*3,cow,fib,mfork,shared,forkexec,usertests kthread=1');
    expect(r.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(r.problems.slice(0, 10)).toEqual([]);
    expect(r.checks).toBeGreaterThan(100);
    expect(r.framesSeen).toBeGreaterThan(50);
  }, 180_000);

  test('stay exact through a fork bomb at the process table bound and through orphans', () => {
    const r = auditRefcounts('apps=forkbomb,orphan');
    expect(r.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(r.problems.slice(0, 10)).toEqual([]);
    expect(r.checks).toBeGreaterThan(50);
  }, 180_000);
});
