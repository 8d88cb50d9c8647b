import { describe, expect, test } from 'vitest';
import { settleFields } from '../../../src/emulator/fields';
import { Machine } from '../../../src/emulator';
import { aluLoop } from '../../../src/emulator/bench-programs';
import { HOT_THRESHOLD, WASM_HOT_THRESHOLD } from '../../../src/emulator/jit';

describe('settleFields', () => {
  test('leaves every value as it was, of every kind', () => {
    const fn = (): number => 1;
    const o = {
      zero: 0, num: -7.5, inf: Infinity, nan: NaN, big0: 0n, big: -3n, t: true, f: false,
      empty: '', str: 'x', nul: null as unknown, obj: { a: 1 } as unknown, fn: fn as unknown, und: undefined as unknown,
    };
    const before = { ...o };
    settleFields(o, Object.keys(o), ['zero', 'num'], ['inf', 'big', 'str']);
    expect(o).toEqual(before);
    expect(Object.is(o.nan, NaN)).toBe(true);
    expect(o.obj).toBe(before.obj);
    expect(o.fn).toBe(fn);
    expect(Object.keys(o)).toEqual(Object.keys(before));
  });

  test('throws on a name the object does not have, instead of adding a field', () => {
    const o = { a: 1 };
    expect(() => settleFields(o, ['a', 'b'])).toThrow(/no field b/);
    expect(() => settleFields(o, [], ['c'])).toThrow(/no field c/);
    expect(() => settleFields(o, [], [], ['d'])).toThrow(/no field d/);
    expect(Object.keys(o)).toEqual(['a']);
  });

  test('a machine built with settled fields starts in the same state as its snapshot says', () => {
    // Two machines from one program: equal state hashes, and equal after the same run, so
    // settling the fields at construction changed no value the state covers.
    const elf = aluLoop();
    const a = Machine.fromElf(elf, { bare: true });
    const b = Machine.fromElf(elf, { bare: true });
    if (!a.ok || !b.ok) throw new Error('load failed');
    expect(a.machine.stateHash()).toBe(b.machine.stateHash());
    const restored = Machine.restore(a.machine.snapshot());
    if (!restored.ok) throw new Error(restored.error);
    expect(restored.machine.stateHash()).toBe(a.machine.stateHash());
    a.machine.run(1000);
    restored.machine.run(1000);
    expect(restored.machine.stateHash()).toBe(a.machine.stateHash());
    expect(a.machine.hart.timerCycle).toBe(b.machine.hart.timerCycle);
    expect(a.machine.hart.reservation).toBe(-1);
  });
});

describe('Jit.primeLookup', () => {
  test('leaves no block, cache entry, code-page mark, queued block or pc behind', () => {
    const elf = aluLoop();
    const r = Machine.fromElf(elf, { bare: true });
    if (!r.ok) throw new Error(r.error);
    const h = r.machine.hart;
    const jit = h.jit as unknown as {
      blocks: Map<number, unknown>; pageBlocks: Map<number, unknown>; fastOff: Int32Array;
      fastFn: unknown[]; fastBlock: unknown[]; fastSlot: Int32Array; cacheI32: Int32Array;
      queue: unknown[]; queueOff: number[]; hotThreshold: number; entrySlot: number; translated: number;
    };
    expect(jit.blocks.size).toBe(0);
    expect(jit.pageBlocks.size).toBe(0);
    expect(jit.fastOff.every((v) => v === -1)).toBe(true);
    expect(jit.fastSlot.every((v) => v === -1)).toBe(true);
    expect(jit.fastFn.every((v) => v === null)).toBe(true);
    expect(jit.fastBlock.every((v) => v === null)).toBe(true);
    for (let j = 0; j < jit.cacheI32.length; j += 4) expect(jit.cacheI32[j]).toBe(-1);
    expect(jit.queue.length + jit.queueOff.length).toBe(0);
    expect(jit.hotThreshold).toBe(h.jit!.backend === 'wasm' ? WASM_HOT_THRESHOLD : HOT_THRESHOLD);
    expect(jit.entrySlot).toBe(0);
    expect(jit.translated).toBe(0);
    expect(h.bus.ram.codePages.every((v) => v === 0)).toBe(true);
    expect(r.machine.pc).toBe(0x80000000n);
  });
});

describe('Hart.primeRun and Board.primeTimerHook', () => {
  test('run nothing and leave the hart as a fresh board made it', () => {
    const r = Machine.fromElf(aluLoop(), { bare: true });
    if (!r.ok) throw new Error(r.error);
    const h = r.machine.hart;
    expect(h.instret).toBe(0);
    expect(h.cycles).toBe(0);
    expect(r.machine.pc).toBe(0x80000000n);
    expect(h.waiting).toBe(false);
    expect(h.stop).toBe(null);
    expect(h.irqDirty).toBe(true);
    expect(h.edge).toBe(true);
    expect(h.excCause).toBe(-1);
    expect(r.machine.board.sbiDeadline).toBe(Infinity);
    // The timer state is what one recomputation from the devices gives.
    const timerCycle = h.timerCycle, mip = h.mip;
    r.machine.board.updateTimers();
    expect(h.timerCycle).toBe(timerCycle);
    expect(h.mip).toBe(mip);
    // And the machine runs exactly as the program says (alu-loop: 3 + 8 per iteration).
    r.machine.run(11);
    expect(r.machine.getReg(11)).toBe(2n);
    expect(h.instret).toBe(11);
  });
});
