import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine, type StopReason } from '../../src/emulator';
import { decodeLabCall, type LabEvent, type LabEventKind } from '../../src/lab/events';
import { findSymbol } from '../support/riscv-tools';
import { bootOnQemu, DEFAULT_INITRD, KERNEL_ELF, USER_BUILD, type KernelRun } from './boot';
import { bootOnForkLab, normalizedLines, type ForkLabKernelRun } from './boot-forklab';
import { CGETC_INPUT, CGETC_LINES, EXPECTED_CALLS, EXPECTED_MEM, MOS_PROGRAMS, checkLines, pingPongLines } from './mos-expect';

function only<T extends LabEvent['type']>(events: readonly LabEvent[], type: T): LabEventKind<T>[] {
  return events.filter((e): e is LabEventKind<T> => e.type === type);
}

// MOS lab 4 on the lab kernel (resources/kernel/kernel/mos.c), with the gcc-built programs of
// resources/user/mos: every call's results against values computed by hand from MOS's rules
// (mos-expect.ts), on ForkLab and on QEMU + OpenSBI; the trace events ForkLab sees; and the
// frame reference counts at every context switch.

const ALL = `apps=${MOS_PROGRAMS.join(',')}`;

describe('MOS lab 4 on ForkLab and QEMU (gcc-built programs)', () => {
  let forklab: ForkLabKernelRun;
  let qemu: KernelRun;
  beforeAll(() => {
    forklab = bootOnForkLab(ALL, 1_500_000_000);
    qemu = bootOnQemu(ALL, { timeoutMs: 120_000 });
  }, 300_000);

  test('every MOS program passes on both machines and no frame is left behind', () => {
    expect(forklab.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(qemu.timedOut).toBe(false);
    for (const c of [forklab.console, qemu.console]) {
      for (const name of MOS_PROGRAMS) expect(c).toMatch(new RegExp(`^PASS ${name}$`, 'm'));
      expect(c).not.toMatch(/FAIL|PANIC|panic at/);
      expect(c).toContain('kinit: all apps done; frames in use by them: 0\n');
    }
  });

  test('memory calls give the hand-computed results on both machines', () => {
    for (const c of [forklab.console, qemu.console]) expect(checkLines(c, EXPECTED_MEM)).toEqual([]);
  });

  test('the other calls give the hand-computed results on both machines', () => {
    for (const c of [forklab.console, qemu.console]) expect(checkLines(c, EXPECTED_CALLS)).toEqual([]);
  });

  test('prints the same lines per process on QEMU as on ForkLab', () => {
    // In the fork tree who forks first depends on the timer, and so do the envids it prints.
    const same = (c: string) => normalizedLines(c).map((l) => l.replace(/^\[[0-9a-f]+\] (root|child|grandchild):/, '[E] $1:'));
    expect(same(forklab.console)).toEqual(same(qemu.console));
  });

  test('a COW fault with no handler kills only that process, with a clear line', () => {
    for (const c of [forklab.console, qemu.console]) {
      expect(c).toMatch(/^\[PID = \d+\] killed: store page fault at 0xe000 \(PTE_COW page, no COW handler registered\), pc 0x[0-9a-f]+$/m);
      expect(c).toMatch(/^COW fault without a handler: SIGSEGV = 1011 \(expected 1011\) ok$/m);
      expect(c).toMatch(/^still alive = 1 \(expected 1\) ok$/m);
    }
    const killed = only(forklab.events, 'fault').filter((e) => e.resolution === 'killed' && e.va === 0xe000);
    expect(killed).toHaveLength(1);
    const exit = only(forklab.events, 'exit').find((e) => e.pid === killed[0]!.pid && e.insn > killed[0]!.insn);
    expect(exit).toMatchObject({ code: 11, killed: true });
  });

  test('env_destroy prints MOS\'s line: a child by its parent, and a process by itself', () => {
    for (const c of [forklab.console, qemu.console]) {
      const lines = c.split('\n').filter((l) => /^\[[0-9a-f]{8}\] destroying [0-9a-f]{8}$/.test(l));
      expect(lines.length).toBe(3); // mos_mem's exofork child, mos_calls' receiving child, and a self-destroy
      const self = lines.filter((l) => l.slice(1, 9) === l.slice(-8));
      expect(self).toHaveLength(1);
    }
  });

  test('a COW fault inside the handler is handed over again, lower on the same exception stack', () => {
    const faults = only(forklab.events, 'user_fault');
    const TF = 288;
    const nested = faults.filter((f, i) => i > 0 && faults[i - 1]!.pid === f.pid && f.sp <= faults[i - 1]!.sp - TF);
    expect(nested).toHaveLength(1);
    const outer = faults[faults.indexOf(nested[0]!) - 1]!;
    expect(outer.sp).toBe(0x3fffeff000 - TF); // 288 is a multiple of 16: right below UXSTACKTOP
    expect(nested[0]!.sp).toBeGreaterThanOrEqual(0x3fffeff000 - 4096);
    // the outer handler is still running: no mem_map by that process between the two faults
    expect(only(forklab.events, 'mem').filter((e) => e.pid === outer.pid && e.insn > outer.insn && e.insn < nested[0]!.insn)).toEqual([]);
  });

  test('a write to a read-only window (vpt, UENVS) kills the writer with the window named', () => {
    for (const c of [forklab.console, qemu.console]) {
      expect(c).toMatch(/^\[PID = \d+\] killed: store page fault at 0xffffffc000000080 \(read-only MOS window\), pc 0x[0-9a-f]+$/m);
      expect(c).toMatch(/^\[PID = \d+\] killed: store page fault at 0xffffffc020101008 \(read-only MOS window\), pc 0x[0-9a-f]+$/m);
    }
  });

  test('reports an env for every task: envids formed by mkenvid, slot = pid', () => {
    const envs = only(forklab.events, 'env');
    const pids = new Set<number>([0]);
    for (const e of only(forklab.events, 'fork')) pids.add(e.child);
    for (const e of only(forklab.events, 'kthread')) pids.add(e.pid);
    for (const e of only(forklab.events, 'exofork')) pids.add(e.child);
    expect(new Set(envs.map((e) => e.pid))).toEqual(pids);
    expect(envs.length).toBe(only(forklab.events, 'fork').length + only(forklab.events, 'kthread').length + only(forklab.events, 'exofork').length + 1);
    // idle, kinit, then the first program: counters 1, 2, 3
    expect(envs.slice(0, 3).map((e) => [e.pid, e.envid, e.parentEnvid])).toEqual([
      [0, 0x800, 0],
      [1, 0x1001, 0x800],
      [2, 0x1802, 0x1001],
    ]);
    envs.forEach((e, i) => {
      expect(e.envid & 0x3ff).toBe(e.pid);
      expect(e.envid >> 11).toBe(i + 1);
    });
    for (const x of only(forklab.events, 'exofork')) expect(envs.find((e) => e.pid === x.child && e.insn >= x.insn)?.envid).toBe(x.envid);
  });
});

describe('MOS console input', () => {
  test('cgetc waits for each typed byte, on both machines', () => {
    const run = bootOnForkLab('apps=mos_cgetc', 200_000_000, undefined, [CGETC_INPUT]);
    expect(run.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    const q = bootOnQemu('apps=mos_cgetc', { input: '\n'.repeat(32) + CGETC_INPUT + '\n' });
    for (const c of [run.console, q.console]) {
      expect(c).toContain(`$ ${CGETC_INPUT}\n`);
      for (const line of CGETC_LINES) expect(c.split('\n')).toContain(line);
    }
  }, 120_000);
});

describe('MOS IPC and user-level COW in the trace', () => {
  test('ping-pong to 10: the MOS lines in order, one ipc_send per number, blocked receivers', () => {
    const run = bootOnForkLab('apps=mos_ipc', 400_000_000);
    const q = bootOnQemu('apps=mos_ipc');
    // idle 0x800, kinit 0x1001, mos_ipc 0x1802 (pid 2), its child 0x2003 (pid 3)
    const want = pingPongLines(0x1802, 0x2003);
    for (const c of [run.console, q.console]) expect(c.split('\n').filter((l) => /^@@@@@send|^[0-9a-f]+ got /.test(l))).toEqual(want);
    const sends = only(run.events, 'ipc_send');
    expect(sends.map((e) => [e.from, e.to, e.value, e.dstva, e.frame])).toEqual(
      Array.from({ length: 11 }, (_, n) => (n % 2 === 0 ? [2, 3, n, 0, 0] : [3, 2, n, 0, 0])),
    );
    // 6 receives by the child (0, 2, ..., 10), 5 by the parent (1, ..., 9)
    const recvs = only(run.events, 'ipc_recv');
    expect(recvs.map((r) => r.pid).sort()).toEqual([2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
    // every receive blocks: env_status NOT_RUNNABLE and the scheduler's sleeping state; the send wakes it
    for (const r of recvs) {
      const after = run.events.filter((e) => e.insn >= r.insn);
      expect(only(after, 'state').find((e) => e.pid === r.pid)).toMatchObject({ state: 'sleeping' });
      expect(only(after, 'env_status').find((e) => e.pid === r.pid)).toMatchObject({ status: 'not-runnable' });
      const send = sends.find((s) => s.to === r.pid && s.insn > r.insn)!;
      expect(only(run.events.filter((e) => e.insn >= send.insn), 'env_status').find((e) => e.pid === r.pid)).toMatchObject({ status: 'runnable' });
    }
    expect(only(run.events, 'exofork').map((e) => [e.parent, e.child, e.envid])).toEqual([[2, 3, 0x2003]]);
  }, 120_000);

  test('a user-level COW fault goes to cow_entry on the exception stack, and its mem_map replaces the page', () => {
    const run = bootOnForkLab('apps=mos_forktree', 400_000_000);
    expect(run.console).toContain('PASS mos_forktree');
    const cowEntry = findSymbol(join(USER_BUILD, 'mos_forktree.elf'), 'cow_entry');
    expect(cowEntry).toBeDefined();
    const faults = only(run.events, 'user_fault');
    expect(faults.length).toBeGreaterThan(5);
    const UXSTACKTOP = 0x3fffeff000;
    for (const f of faults) {
      expect(f.handler).toBe(Number(cowEntry));
      expect(f.sp).toBeGreaterThanOrEqual(UXSTACKTOP - 4096);
      expect(f.sp).toBeLessThan(UXSTACKTOP);
      expect(f.sp % 16).toBe(0);
      // the handler's mem_map of the faulting page by the same process follows: COW cleared, writable, a new frame
      const map = only(run.events.filter((e) => e.insn > f.insn), 'mem').find((e) => e.pid === f.pid && e.op === 'map');
      expect(map?.va).toBe(f.va - (f.va % 4096));
      expect(map!.perm & 0x104).toBe(0x4);
      expect(map?.frame).not.toBe(f.frame);
    }
  }, 120_000);

  test('the LIBRARY page is one frame, mapped by grandchild, child and parent', () => {
    const run = bootOnForkLab('apps=mos_library', 400_000_000);
    expect(run.console).toContain('PASS mos_library');
    const pages = only(run.events, 'ipc_send').filter((e) => e.frame !== 0);
    expect(pages).toHaveLength(2);
    const [gToC, cToP] = pages;
    expect(gToC!.frame).toBe(cToP!.frame);
    expect(gToC!.perm & 0x200).toBe(0x200);
    const alloc = only(run.events, 'mem').find((e) => e.op === 'alloc' && e.frame === gToC!.frame);
    expect(alloc?.pid).toBe(gToC!.from);
    expect(cToP!.from).toBe(gToC!.to);
    expect(new Set([gToC!.from, gToC!.to, cToP!.to]).size).toBe(3);
    // the frame's refcount reaches 3: one mapping in each process
    const counts = only(run.events, 'frame').filter((e) => e.addr === gToC!.frame).map((e) => e.refcount);
    expect(Math.max(...counts)).toBe(3);
    expect(counts[counts.length - 1]).toBe(0);
  }, 120_000);
});

describe('frame reference counts during MOS programs', () => {
  test('equal the user mappings found by walking every page table at every switch; windows are not user frames', () => {
    const r = audit(ALL);
    expect(r.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(r.problems.slice(0, 10)).toEqual([]);
    expect(r.checks).toBeGreaterThan(200);
    expect(r.windows).toBeGreaterThan(10);
  }, 300_000);
});

/**
 * Walks the user half (root entries 0-255) of every live address space at each context
 * switch and compares each user frame's refcount with its mappings; also walks the MOS window
 * (root entry 256) and checks that every window leaf is read-only and points at a page table
 * of that process or at the kernel's envs page, never at a user frame.
 */
function audit(bootargs: string): { stop: StopReason; checks: number; windows: number; problems: string[] } {
  const loaded = Machine.fromElf(new Uint8Array(readFileSync(KERNEL_ELF)), { initrd: new Uint8Array(readFileSync(DEFAULT_INITRD)), bootargs, ramMiB: 128 });
  if (!loaded.ok) throw new Error(loaded.error);
  const m = loaded.machine;
  const pgds = new Map<number, bigint>();
  const frames = new Map<bigint, { count: number; use: string }>();
  const problems: string[] = [];
  let checks = 0;
  let windows = 0;
  const table = (pa: bigint) => new DataView(m.readPhys(pa, 4096).buffer);
  const next = (pte: bigint) => (pte >> 10n) << 12n;
  const check = (when: number) => {
    const mapped = new Map<bigint, number>();
    for (const [pid, pgd] of pgds) {
      const root = table(pgd);
      const tables = new Set<bigint>([pgd]);
      for (let i = 0; i < 256; i++) {
        const l2 = root.getBigUint64(i * 8, true);
        if (!(l2 & 1n)) continue;
        tables.add(next(l2));
        const mid = table(next(l2));
        for (let j = 0; j < 512; j++) {
          const l1 = mid.getBigUint64(j * 8, true);
          if (!(l1 & 1n)) continue;
          tables.add(next(l1));
          const leaf = table(next(l1));
          for (let k = 0; k < 512; k++) {
            const pte = leaf.getBigUint64(k * 8, true);
            if (pte & 1n) mapped.set(next(pte), (mapped.get(next(pte)) ?? 0) + 1);
          }
        }
      }
      const w = root.getBigUint64(256 * 8, true);
      if (!(w & 1n)) continue;
      const wmid = table(next(w));
      for (let j = 0; j < 512; j++) {
        const l1 = wmid.getBigUint64(j * 8, true);
        if (!(l1 & 1n)) continue;
        const leaf = table(next(l1));
        for (let k = 0; k < 512; k++) {
          const pte = leaf.getBigUint64(k * 8, true);
          if (!(pte & 1n)) continue;
          windows++;
          const target = next(pte);
          if ((pte & 0x14n) !== 0x10n) problems.push(`pid ${pid}: window leaf ${j}/${k} is not read-only user`);
          const f = frames.get(target);
          if (f && f.count > 0 && f.use === 'user') problems.push(`@${when}: pid ${pid}: window maps user frame 0x${target.toString(16)}`);
          if (f && f.count > 0 && f.use === 'pagetable' && !tables.has(target)) problems.push(`@${when}: pid ${pid}: window shows a table it does not own`);
        }
      }
    }
    for (const [frame, { count, use }] of frames) {
      if (use !== 'user' || count === 0) continue;
      const n = mapped.get(frame) ?? 0;
      if (n !== count) problems.push(`@${when}: frame 0x${frame.toString(16)} has refcount ${count} but ${n} mappings`);
    }
    for (const [frame, n] of mapped) {
      const f = frames.get(frame);
      if (!f || f.use !== 'user' || f.count === 0) problems.push(`@${when}: ${n} mappings of frame 0x${frame.toString(16)} (${f ? f.use : 'not allocated'})`);
    }
    checks++;
  };
  m.onTrace = (call) => {
    const ev = decodeLabCall(call);
    if (ev.type === 'fork' || ev.type === 'exofork') pgds.set(ev.child, BigInt(ev.pgd));
    else if (ev.type === 'exec') pgds.set(ev.pid, BigInt(ev.pgd));
    else if (ev.type === 'exit') pgds.delete(ev.pid);
    else if (ev.type === 'state' && ev.state === 'dead') pgds.delete(ev.pid);
    else if (ev.type === 'frame') {
      const frame = BigInt(ev.addr);
      frames.set(frame, { count: ev.refcount, use: ev.op === 'alloc' ? ev.use : frames.get(frame)?.use ?? ev.use });
    } else if (ev.type === 'sched') check(ev.insn);
  };
  let stop: StopReason;
  let budget = 1_500_000_000;
  do {
    stop = m.run(5_000_000);
    budget -= 5_000_000;
  } while (stop.kind === 'limit' && budget > 0);
  return { stop, checks, windows, problems };
}

