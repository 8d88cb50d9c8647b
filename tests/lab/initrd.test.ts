import { describe, expect, test } from 'vitest';
import { packInitrd, parseInitrd, planInitrd } from '../../src/lab/initrd';

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

function packed(apps: { name: string; elf: Uint8Array }[]): Uint8Array {
  const r = packInitrd(apps);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('initrd app table', () => {
  test('a planned image written into dirty memory at an offset is byte for byte the packed one', () => {
    const apps = [
      { name: 'cow', elf: bytes(1, 2, 3) },
      { name: 'fib', elf: bytes(9, 8, 7, 6, 5, 4, 3, 2, 1) },
    ];
    const plan = planInitrd(apps);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.length).toBe(104);
    const ram = new Uint8Array(300).fill(0xee);
    plan.value.writeTo(ram.subarray(40, 40 + plan.value.length));
    expect(Array.from(ram.subarray(40, 144))).toEqual(Array.from(packed(apps)));
    expect(ram[39]).toBe(0xee);
    expect(ram[144]).toBe(0xee); // nothing past the image
    expect(() => plan.value.writeTo(new Uint8Array(103))).toThrow(RangeError);
    expect(planInitrd([{ name: 'a b', elf: bytes(1) }]).ok).toBe(false);
  });

  test('a program given as a source is read into its place: the same bytes as given whole', () => {
    const fib = bytes(9, 8, 7, 6, 5, 4, 3, 2, 1);
    const asked: number[] = [];
    const source = { length: fib.length, readInto: (dest: Uint8Array) => { asked.push(dest.length); dest.set(fib); } };
    const plan = planInitrd([{ name: 'cow', elf: bytes(1, 2, 3) }, { name: 'fib', elf: source }]);
    if (!plan.ok) throw new Error(plan.error);
    const ram = new Uint8Array(200).fill(0xee);
    plan.value.writeTo(ram.subarray(8, 8 + plan.value.length));
    expect(asked).toEqual([9]); // exactly its own bytes, once
    expect(Array.from(ram.subarray(8, 8 + 104))).toEqual(Array.from(packed([{ name: 'cow', elf: bytes(1, 2, 3) }, { name: 'fib', elf: fib }])));
    expect(ram[8 + 104]).toBe(0xee);
    expect(planInitrd([{ name: 'nil', elf: { length: 0, readInto: () => {} } }]).ok).toBe(false);
  });

  test('lays out the header, entries and 8-byte aligned images as docs/abi.md specifies', () => {
    const img = packed([
      { name: 'cow', elf: bytes(1, 2, 3) },
      { name: 'fib', elf: bytes(9, 8, 7, 6, 5, 4, 3, 2, 1) },
    ]);
    // Hand-computed: header 16 + 2 entries * 32 = 80 (aligned), cow at 80 (3 bytes), fib at 88.
    expect(Array.from(img.subarray(0, 8))).toEqual([0x55, 0x41, 0x50, 0x50, 0, 0, 0, 0]);
    const v = new DataView(img.buffer);
    expect(v.getUint32(8, true)).toBe(1);
    expect(v.getUint32(12, true)).toBe(2);
    expect(v.getBigUint64(16, true)).toBe(80n);
    expect(v.getBigUint64(24, true)).toBe(3n);
    expect(String.fromCharCode(...img.subarray(32, 36))).toBe('cow\0');
    expect(v.getBigUint64(48, true)).toBe(88n);
    expect(v.getBigUint64(56, true)).toBe(9n);
    expect(Array.from(img.subarray(80, 83))).toEqual([1, 2, 3]);
    expect(img[88]).toBe(9);
    expect(img.length).toBe(104);
  });

  test('parses what it packs back into the same names and images', () => {
    const apps = [
      { name: 'print', elf: bytes(0x7f, 0x45, 0x4c, 0x46) },
      { name: 'a-fifteen-chars', elf: new Uint8Array(4097).fill(0xab) },
    ];
    const r = parseInitrd(packed(apps));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((a) => a.name)).toEqual(['print', 'a-fifteen-chars']);
    expect(Array.from(r.value[0]!.elf)).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(r.value[1]!.elf.length).toBe(4097);
  });

  test('refuses names that are empty, too long, duplicated or contain spaces', () => {
    const elf = bytes(1);
    expect(packInitrd([{ name: '', elf }])).toEqual({ ok: false, error: 'an app name is empty' });
    expect(packInitrd([{ name: 'sixteen-chars-xx', elf }]).ok).toBe(false);
    expect(packInitrd([{ name: 'a b', elf }]).ok).toBe(false);
    const dup = packInitrd([{ name: 'x', elf }, { name: 'x', elf }]);
    expect(dup).toEqual({ ok: false, error: "app name 'x' appears twice" });
  });

  test('reports a wrong magic, a truncated table and an image past the end', () => {
    expect(parseInitrd(bytes(1, 2, 3)).ok).toBe(false);
    const img = packed([{ name: 'cow', elf: bytes(1, 2, 3) }]);
    const badMagic = img.slice();
    badMagic[0] = 0x58;
    expect(parseInitrd(badMagic)).toEqual({ ok: false, error: 'initrd does not start with the magic "UAPP\\0\\0\\0\\0"' });
    const badCount = img.slice();
    new DataView(badCount.buffer).setUint32(12, 1000, true);
    expect(parseInitrd(badCount).ok).toBe(false);
    const badSize = img.slice();
    new DataView(badSize.buffer).setBigUint64(24, 1000n, true);
    const r = parseInitrd(badSize);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/runs past the end/);
  });
});
