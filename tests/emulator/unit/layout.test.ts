// The machine's memory is a shared WebAssembly.Memory where the host allows one (node, a
// cross-origin isolated page: V8 then spares every machine's start a full collection for its
// 128+ MiB of external memory) and an unshared one elsewhere (the web edition's page); wasm
// blocks and the wasm interpreter run over either, with the same results.
import { afterEach, expect, test } from 'vitest';
import { aluLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { allocateMemory } from '../../../src/emulator/layout';
import { load } from './helpers';

const g = globalThis as { crossOriginIsolated?: boolean };
afterEach(() => { delete g.crossOriginIsolated; });

test('node gets a shared memory, a page that is not cross-origin isolated an unshared one', () => {
  const shared = allocateMemory(1 << 20);
  expect(shared.shared).toBe(true);
  expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
  g.crossOriginIsolated = false;
  const plain = allocateMemory(1 << 20);
  expect(plain.shared).toBe(false);
  expect(plain.memory).not.toBeNull();
  expect(plain.buffer).toBeInstanceOf(ArrayBuffer);
  g.crossOriginIsolated = true;
  expect(allocateMemory(1 << 20).shared).toBe(true);
});

test('wasm blocks and the wasm interpreter give the same results over shared and unshared memory', () => {
  for (const program of [aluLoop, loadStoreSv39User]) {
    const machines = [false, true].map((unshared) => {
      if (unshared) g.crossOriginIsolated = false;
      const m = load(program(), { bare: true, ramMiB: 16 });
      delete g.crossOriginIsolated;
      return m;
    });
    expect(machines.map((m) => m.hart.bus.ram.layout.shared)).toEqual([true, false]);
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
