// The machine's memory is a shared WebAssembly.Memory where the host allows one (node, a
// cross-origin isolated page: V8 then spares the machine's start a full collection for its
// 128+ MiB of external memory), for at most MAX_SHARED machines alive at once (V8 does not
// press dropped shared memories out), and an unshared one elsewhere (the web edition's page);
// wasm blocks and the wasm interpreter run over either, with the same results. The tests run
// in this order: each later one may find the cap taken by memories of the earlier ones.
import { afterEach, expect, test } from 'vitest';
import { aluLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { allocateMemory, MAX_SHARED, type MemoryLayout } from '../../../src/emulator/layout';
import { load } from './helpers';

const g = globalThis as { crossOriginIsolated?: boolean };
afterEach(() => { delete g.crossOriginIsolated; });

test('wasm blocks and the wasm interpreter give the same results over shared and unshared memory', () => {
  for (const program of [aluLoop, loadStoreSv39User]) {
    const machines = [false, true].map((unshared) => {
      if (unshared) g.crossOriginIsolated = false;
      const m = load(program(), { bare: true, ramMiB: 16 });
      delete g.crossOriginIsolated;
      return m;
    });
    expect(machines[1]!.hart.bus.ram.layout.shared).toBe(false);
    if (program === aluLoop) expect(machines[0]!.hart.bus.ram.layout.shared).toBe(true); // the file's first
    for (const m of machines) {
      expect(m.tier.kind).toBe('wasm');
      expect(m.hart.wasmInterp).not.toBeNull();
      m.run(2_000_000);
      expect(m.hart.jit!.translated).toBeGreaterThan(0);
    }
    expect(machines[1]!.stateHash()).toBe(machines[0]!.stateHash());
    expect(machines[1]!.instret).toBe(machines[0]!.instret);
  }
});

test('a page that is not cross-origin isolated gets an unshared memory', () => {
  g.crossOriginIsolated = false;
  const plain = allocateMemory(1 << 20);
  expect(plain.shared).toBe(false);
  expect(plain.memory).not.toBeNull();
  expect(plain.buffer).toBeInstanceOf(ArrayBuffer);
});

test(`no more than ${MAX_SHARED} shared memories are alive at once; the others are unshared`, () => {
  const held: MemoryLayout[] = [];
  for (let i = 0; i <= MAX_SHARED; i++) held.push(allocateMemory(1 << 20));
  expect(held.filter((l) => l.shared).length).toBeLessThanOrEqual(MAX_SHARED);
  expect(held[MAX_SHARED]!.shared).toBe(false);
  for (const l of held) {
    expect(l.memory).not.toBeNull();
    expect(l.buffer).toBeInstanceOf(l.shared ? SharedArrayBuffer : ArrayBuffer);
  }
});
