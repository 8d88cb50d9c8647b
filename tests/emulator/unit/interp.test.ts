// The interpreter's fast loop (interp.ts) must be invisible: a machine running it and one that
// takes every instruction through Hart.step (hart.stepwise, the reference the ISA suite checks
// against QEMU) agree on every register, counter, trap and byte of memory and output at every
// slice boundary, with no translator and with a disabled one (a host without wasm and eval).
// The wasm interpreter is switched off here (hart.wasmInterp = null, as on a host without
// WebAssembly), so this is the JS loop's test; wasm-interp.test.ts is the wasm one's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { aluLoop, compressedLoop, loadStoreSv39User } from '../../../src/emulator/bench-programs';
import { assemble, hartState, load } from './helpers';
import { SELF_MODIFYING_LOOP, TIMER_LOOP } from './interp-programs';
import { randomProgram } from './random-plain';

/** 'none': hart.jit = null; 'disabled': a translator that never translates (Jit.disabled). */
type Translator = 'none' | 'disabled';

function pair(elf: Uint8Array, jit: Translator, opts: Parameters<typeof load>[1] = { bare: true }) {
  const fast = load(elf, opts);
  const ref = load(elf, opts);
  ref.hart.stepwise = true;
  for (const m of [fast, ref]) {
    m.hart.wasmInterp = null;
    if (jit === 'none') m.hart.jit = null;
    else m.hart.jit!.disabled = true;
  }
  const outs = ['', ''];
  fast.onConsole = (bytes) => { outs[0] += String.fromCharCode(...bytes); };
  ref.onConsole = (bytes) => { outs[1] += String.fromCharCode(...bytes); };
  return { fast, ref, outs };
}

function expectSame(elf: Uint8Array, slices: number[], jit: Translator = 'none'): void {
  const { fast, ref, outs } = pair(elf, jit);
  for (const n of slices) {
    expect(fast.run(n)).toEqual(ref.run(n));
    expect(hartState(fast)).toEqual(hartState(ref));
    expect(fast.readPhys(0x80010000n, 4096)).toEqual(ref.readPhys(0x80010000n, 4096));
  }
  expect(outs[0]).toBe(outs[1]);
}

describe('the fast interpreter loop agrees with step-by-step execution', () => {
  test('on the benchmark loops, with no translator and a disabled one', () => {
    for (const elf of [aluLoop(), compressedLoop(), loadStoreSv39User()]) {
      expectSame(elf, [1000, 12_345, 100_000, 7]);
      expectSame(elf, [1000, 12_345, 100_000, 7], 'disabled');
    }
  });

  test('really runs the loops (step() sees only what they leave to it)', () => {
    for (const jit of ['none', 'disabled'] as const) {
      for (const elf of [aluLoop(), compressedLoop(), loadStoreSv39User()]) {
        const { fast } = pair(elf, jit);
        let steps = 0;
        const step = fast.hart.step.bind(fast.hart);
        fast.hart.step = () => { steps++; step(); };
        expect(fast.run(100_000)).toEqual({ kind: 'limit' });
        expect(fast.instret).toBe(100_000);
        expect(steps).toBeLessThan(100); // setup, TLB misses: step-by-step would be 100 000
      }
    }
  });

  test('on random programs: registers, memory, traps and counts', () => {
    for (let t = 0; t < 16; t++) {
      const elf = randomProgram();
      expectSame(elf, [1, 500, 3000, 20_000]);
      expectSame(elf, [700, 20_000], 'disabled');
    }
  });

  test('code that rewrites itself runs the new instructions', () => {
    expectSame(assemble(SELF_MODIFYING_LOOP), [50, 500, 3000]);
  });

  test('a timer interrupt lands on the same instruction', () => {
    expectSame(assemble(TIMER_LOOP), [100, 1000, 5000, 33, 20_000]);
  });
});

describe('the fast interpreter loop on the lab kernel', () => {
  const root = join(__dirname, '../../..');
  const kernel = new Uint8Array(readFileSync(join(root, 'resources/kernel/build/kernel.elf')));
  const initrd = new Uint8Array(readFileSync(join(root, 'resources/user/build/initrd.img')));

  for (const jit of ['none', 'disabled'] as const) {
    test(`boots to the same state hash, console and count as step-by-step (translator: ${jit})`, () => {
      const { fast, ref, outs } = pair(kernel, jit, { initrd, bootargs: 'apps=cow,fib' });
      for (let slice = 0; slice < 400; slice++) {
        const sf = fast.run(100_000);
        const sr = ref.run(100_000);
        expect(sf).toEqual(sr);
        if (slice % 20 === 0) expect(fast.stateHash()).toBe(ref.stateHash());
        if (sf.kind !== 'limit') break;
      }
      expect(fast.finalStop?.kind).toBe('shutdown');
      expect(fast.stateHash()).toBe(ref.stateHash());
      expect(fast.instret).toBe(ref.instret);
      expect(outs[0]).toBe(outs[1]);
      expect(outs[0].length).toBeGreaterThan(100);
    });
  }
});
