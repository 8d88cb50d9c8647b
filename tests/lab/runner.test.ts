// Time travel on the real kernel: seeking to any instruction of a recorded run must give
// exactly what a straight run to that instruction gives (machine-state hash, model, console,
// events), whatever order the seeks come in, and stepping back then forward must return to
// the identical state, including across an ecall, a page fault, a timer interrupt and a
// context switch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LabSession } from '../../src/lab/session';
import { Runner } from '../../src/lab/runner';
import { PRIV_U } from '../../src/emulator/trap';

const root = join(__dirname, '../..');
const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
const program = (name: string) => new Uint8Array(readFileSync(join(root, `resources/user/build/${name}.elf`)));

function boot(apps: string[], bootargs: string): LabSession {
  const r = LabSession.boot({ kernel, apps: [...new Set(apps)].map((name) => ({ name, elf: program(name) })), bootargs });
  if (!r.ok) throw new Error(r.error);
  return r.session;
}

const suite = () => boot(['print', 'cow', 'fib', 'mfork'], 'apps=print*3,cow,fib,mfork');
const forkbomb = () => boot(['forkbomb'], 'apps=forkbomb');

interface Picture {
  hash: string;
  model: string;
  console: string;
  events: number;
  lastEvent: string;
}

function picture(s: LabSession, consoleText: string): Picture {
  return {
    hash: s.machine.stateHash(),
    model: JSON.stringify(s.model()),
    console: consoleText,
    events: s.events.length,
    lastEvent: JSON.stringify(s.events.at(-1) ?? null),
  };
}

/** A straight run (no checkpoints, no seeking) to each target in turn, ascending. */
function straight(make: () => LabSession, targets: readonly number[]): Map<number, Picture> {
  const s = make();
  let text = '';
  const out = new Map<number, Picture>();
  for (const t of [...targets].sort((a, b) => a - b)) {
    while (s.insn < t && !s.finished) {
      s.runSlice(t - s.insn);
      text += s.takeConsole();
    }
    out.set(t, picture(s, text));
  }
  return out;
}

/** Deterministic pseudo-random numbers (a test must not change from run to run). */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

function recordToEnd(make: () => LabSession, spacing: number): Runner {
  const r = new Runner(make(), { spacing });
  while (!r.finished) r.run(5_000_000);
  return r;
}

describe('runner: seeking gives what a straight run gives', () => {
  for (const [name, make] of [['lab suite', suite], ['fork bomb', forkbomb]] as const) {
    test(`${name}: random seeks forward and back, in any order`, () => {
      const runner = recordToEnd(make, 400_000);
      const end = runner.insn;
      expect(runner.checkpointStats().count).toBeGreaterThan(3);
      const rand = rng(name.length * 7919);
      const targets = Array.from({ length: 8 }, () => 1 + Math.floor(rand() * (end - 1)));
      const reference = straight(make, targets);
      // Each target twice: once in a shuffled order, once in descending order.
      const order = [...targets].sort(() => rand() - 0.5).concat([...targets].sort((a, b) => b - a));
      for (const t of order) {
        runner.seek(t);
        expect(runner.insn).toBe(t);
        expect(picture(runner.session, runner.consoleText())).toEqual(reference.get(t));
      }
    }, 300_000);
  }
});

describe('runner: stepping back', () => {
  /** Steps back one instruction from `at`, then forward again: the state must be identical. */
  function backAndForth(r: Runner, at: number): void {
    r.seek(at);
    const before = picture(r.session, r.consoleText());
    r.stepBack();
    expect(r.insn).toBe(at - 1);
    r.step();
    expect(r.insn).toBe(at);
    expect(picture(r.session, r.consoleText())).toEqual(before);
  }

  test('over an ecall, a page fault, a timer interrupt and a context switch', () => {
    const r = recordToEnd(suite, 500_000);
    const evs = r.events;
    // An ecall into the kernel: a fork event is reported from inside the fork system call.
    const fork = evs.find((e) => e.type === 'fork' && e.parent !== 1)!;
    // A COW page fault, and a context switch (a sched event).
    const fault = evs.find((e) => e.type === 'fault' && e.resolution === 'cow-copy')!;
    const sched = evs.find((e) => e.type === 'sched' && e.insn > fork.insn)!;
    expect(fork && fault && sched).toBeTruthy();
    for (const ev of [fork, fault, sched]) {
      // From the user instruction that trapped (the ecall, the store) to the kernel's report.
      for (const at of [ev.insn - 1, ev.insn, ev.insn + 1, ev.insn + 2]) backAndForth(r, at);
    }
    // A timer interrupt: the last instruction before the fork after which scause has just
    // become "supervisor timer interrupt" (the hart took one between it and the one before).
    r.seek(fork.insn);
    const h = r.session.machine.hart;
    const TIMER = (1n << 63n) | 5n;
    let prev = { insn: -1, timer: true };
    const timer = r.findLast(() => {
      const now = { insn: r.insn, timer: h.scause === TIMER };
      const fresh = now.timer && !(prev.insn === now.insn - 1 && prev.timer);
      prev = now;
      return fresh;
    }, { after: fork.insn - 1_500_000 });
    expect(timer).not.toBeNull();
    expect(r.insn).toBe(timer);
    expect(h.scause).toBe(TIMER);
    for (const at of [timer!, timer! + 1]) backAndForth(r, at);
  }, 300_000);

  test('step back to the previous fork, and run until the program\'s fork stops before any split', () => {
    const r = new Runner(boot(['cow'], 'apps=cow'), { spacing: 300_000 });
    const end = r.runUntil('program-fork', 100_000_000);
    expect(end).toMatchObject({ kind: 'event', event: { type: 'fork' } });
    expect(r.session.machine.hart.priv).toBe(PRIV_U);
    const model = r.session.model();
    const cow = model.frames.filter((f) => f.sharing === 'cow');
    expect(cow.length).toBeGreaterThan(0);
    expect(cow.every((f) => f.refcount === 2 && f.mismatch === null)).toBe(true);
    expect(r.events.some((e) => e.type === 'fault' && e.resolution === 'cow-copy')).toBe(false);
    const atFork = picture(r.session, r.consoleText());
    // On to the first COW copy, then back to the fork: the same state as before.
    expect(r.runUntil('cow-copy', 100_000_000)).toMatchObject({ kind: 'event' });
    expect(r.events.filter((e) => e.type === 'fault' && e.resolution === 'cow-copy')).toHaveLength(1);
    expect(r.backTo('fork')).toMatchObject({ kind: 'event', event: { type: 'fork' } });
    expect(picture(r.session, r.consoleText())).toEqual(atFork);
    // The kernel's start-up fork (kinit starting cow) is further back.
    expect(r.backTo('fork')).toMatchObject({ kind: 'event', event: { type: 'fork', parent: 1 } });
  }, 300_000);
});
