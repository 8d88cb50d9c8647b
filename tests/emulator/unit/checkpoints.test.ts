// Delta-page checkpoints restore the machine exactly, on every execution tier: the
// interpreter alone, block translation (default threshold, WebAssembly blocks), and block
// translation of everything at once, to WebAssembly and to JS. The workload is the lab kernel booting and running cow (traps, paging,
// COW copies, timer interrupts, user code), checked by the whole-machine state hash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Machine } from '../../../src/emulator/index';
import { CheckpointStore } from '../../../src/emulator/checkpoints';

const root = join(__dirname, '../../..');
const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
const initrd = new Uint8Array(readFileSync(join(root, 'resources/user/build/initrd.img')));
const BOOTARGS = 'apps=cow';

/** jit: the default (wasm) blocks; -eager: everything translated at once; js-eager: JS blocks. */
type Tier = 'interpreter' | 'jit' | 'jit-eager' | 'js-eager';

function boot(tier: Tier): Machine {
  const r = Machine.fromElf(kernel, { initrd, bootargs: BOOTARGS });
  if (!r.ok) throw new Error(r.error);
  if (tier === 'interpreter') r.machine.hart.jit = null;
  if (tier === 'jit-eager' || tier === 'js-eager') r.machine.hart.jit!.hotThreshold = 1;
  if (tier === 'js-eager') r.machine.hart.jit!.backend = 'js';
  return r.machine;
}

function runTo(m: Machine, insn: number): void {
  while (m.instret < insn && m.run(insn - m.instret).kind === 'limit');
}

const TARGETS = [150_000, 1_234_567, 2_600_001, 3_555_555, 4_000_000];

describe('checkpoints restore exactly', () => {
  // The reference: a straight run on the interpreter.
  const reference = new Map<number, string>();
  const ref = boot('interpreter');
  for (const t of TARGETS) {
    runTo(ref, t);
    reference.set(t, ref.stateHash());
  }

  for (const tier of ['interpreter', 'jit', 'jit-eager', 'js-eager'] as const) {
    test(`${tier}: restore then re-execute gives the straight run's state, in any order`, () => {
      const m = boot(tier);
      const store = new CheckpointStore<null>(m);
      store.take(null);
      for (let at = 300_000; at <= 4_200_000; at += 300_000) {
        runTo(m, at);
        store.take(null);
      }
      expect(store.stats().count).toBe(15);
      // Page copies, not RAM: far less than 128 MiB per checkpoint.
      expect(store.stats().bytes).toBeLessThan(64 * 1024 * 1024);
      for (const t of [3_555_555, 150_000, 4_000_000, 1_234_567, 2_600_001, 150_000, 3_555_555]) {
        store.restore(store.before(t));
        runTo(m, t);
        expect(m.stateHash()).toBe(reference.get(t));
      }
    }, 120_000);
  }

  test('thinning under a small budget keeps every restore exact', () => {
    const m = boot('jit');
    const store = new CheckpointStore<null>(m, { budgetBytes: 6 * 1024 * 1024, maxCount: 8 });
    store.take(null);
    let thinned = 0;
    for (let at = 200_000; at <= 4_200_000; at += 200_000) {
      runTo(m, at);
      if (store.take(null)) thinned++;
    }
    expect(thinned).toBeGreaterThan(0);
    expect(store.stats().count).toBeLessThanOrEqual(9);
    for (const t of [4_000_000, 150_000, 2_600_001]) {
      store.restore(store.before(t));
      runTo(m, t);
      expect(m.stateHash()).toBe(reference.get(t));
    }
  }, 120_000);
});
