import { describe, expect, test } from 'vitest';
import { settleFields } from '../../../src/emulator/fields';
import { Machine } from '../../../src/emulator';
import { aluLoop } from '../../../src/emulator/bench-programs';

describe('settleFields', () => {
  test('leaves every value as it was, of every kind', () => {
    const fn = (): number => 1;
    const o = {
      zero: 0, num: -7.5, inf: Infinity, nan: NaN, big0: 0n, big: -3n, t: true, f: false,
      empty: '', str: 'x', nul: null as unknown, obj: { a: 1 } as unknown, fn: fn as unknown, und: undefined as unknown,
    };
    const before = { ...o };
    settleFields(o, Object.keys(o), ['zero', 'num', 'inf']);
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
