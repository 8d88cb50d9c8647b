import { describe, expect, test } from 'vitest';
import { decodeLabCall, formatLabCall } from '../../src/lab/events';

// Hand-built LAB calls (FID + a0..a5, as the firmware hands them up) against the events
// docs/abi.md section 2 says they are.
const call = (fid: number, ...args: (number | bigint)[]) => ({ fid, insn: 1234, regs: words(args) });

/** a0..a5 as the firmware copies them out of the register file: (low, high) word pairs. */
function words(args: readonly (number | bigint)[]): Int32Array {
  const regs = new Int32Array(12);
  args.forEach((a, i) => {
    const v = BigInt.asUintN(64, BigInt(a));
    regs[2 * i] = Number(BigInt.asIntN(32, v));
    regs[2 * i + 1] = Number(BigInt.asIntN(32, v >> 32n));
  });
  return regs;
}
// "hello" in the first register, little-endian, NUL-padded.
const HELLO = 0x6f6c6c6568n;

describe('decoding LAB calls', () => {
  test('the lab-5 events: fork, exec (name in two registers), exit, fault, frame, vma', () => {
    expect(decodeLabCall(call(1, 1, 2, 0x8040_0000))).toEqual({ type: 'fork', insn: 1234, parent: 1, child: 2, pgd: 0x8040_0000 });
    expect(decodeLabCall(call(2, 3, 0x8040_1000, HELLO, 0, 0x10078))).toEqual({
      type: 'exec', insn: 1234, pid: 3, pgd: 0x8040_1000, name: 'hello', entry: 0x10078,
    });
    expect(decodeLabCall(call(3, 3, 0x10b, 1))).toEqual({ type: 'exit', insn: 1234, pid: 3, code: 0x0b, killed: true });
    expect(decodeLabCall(call(5, 2, 0x12345000, 15, 2, 0x8040_2000, 0x8040_3000))).toEqual({
      type: 'fault', insn: 1234, pid: 2, va: 0x12345000, scause: 15, resolution: 'cow-copy', frame: 0x8040_2000, oldFrame: 0x8040_3000,
    });
    expect(decodeLabCall(call(6, 0x8040_4000, 1, 0, 1, 0))).toEqual({
      type: 'frame', insn: 1234, addr: 0x8040_4000, refcount: 1, op: 'alloc', use: 'pagetable', order: 0,
    });
    expect(decodeLabCall(call(7, 2, 0x10000, 0x11000, 3, 3, 0x40))).toMatchObject({ kind: 'heap', flags: 3, offset: 0x40 });
  });

  test('the MOS events, FID 11 to 17 (values from BRIEF.md)', () => {
    expect(decodeLabCall(call(11, 1, 2, 0x8050_0000, 0x1001))).toEqual({
      type: 'exofork', insn: 1234, parent: 1, child: 2, pgd: 0x8050_0000, envid: 0x1001,
    });
    expect(decodeLabCall(call(12, 2, 1, 0x1001))).toEqual({ type: 'env_status', insn: 1234, pid: 2, status: 'runnable', envid: 0x1001 });
    expect(decodeLabCall(call(12, 2, 2, 0x1001))).toMatchObject({ status: 'not-runnable' });
    expect(decodeLabCall(call(13, 2, 0))).toEqual({ type: 'ipc_recv', insn: 1234, pid: 2, dstva: 0 });
    expect(decodeLabCall(call(14, 1, 2, 0xffffffff, 0x7000_0000, 0x1f, 0x8060_0000))).toEqual({
      type: 'ipc_send', insn: 1234, from: 1, to: 2, value: 0xffffffff, dstva: 0x7000_0000, perm: 0x1f, frame: 0x8060_0000,
    });
    expect(decodeLabCall(call(15, 2, 0x11008, 0x8070_0000, 0x10400, 0x3f_ffff_f000 - 0x110))).toEqual({
      type: 'user_fault', insn: 1234, pid: 2, va: 0x11008, frame: 0x8070_0000, handler: 0x10400, sp: 0x3f_ffff_eef0,
    });
    expect(decodeLabCall(call(16, 1, 2, 0x11000, 7, 0x8070_1000, 0x1f))).toEqual({
      type: 'mem', insn: 1234, pid: 1, target: 2, va: 0x11000, op: 'map', frame: 0x8070_1000, perm: 0x1f,
    });
    expect(decodeLabCall(call(16, 1, 1, 0x11000, 8, 0, 0))).toMatchObject({ op: 'unmap', frame: 0 });
    expect(decodeLabCall(call(17, 2, 0x1001, 0x800))).toEqual({ type: 'env', insn: 1234, pid: 2, envid: 0x1001, parentEnvid: 0x800 });
  });

  test('an unknown FID or an unlisted enum value becomes an unknown event; an unlisted VMA kind is other', () => {
    expect(decodeLabCall(call(42, 1, 2, 3))).toEqual({ type: 'unknown', insn: 1234, fid: 42 });
    expect(decodeLabCall(call(5, 2, 0x1000, 15, 9, 0, 0))).toEqual({ type: 'unknown', insn: 1234, fid: 5 });
    expect(decodeLabCall(call(12, 2, 0, 0x1001))).toEqual({ type: 'unknown', insn: 1234, fid: 12 });
    expect(decodeLabCall(call(16, 1, 1, 0x11000, 5, 0, 0))).toEqual({ type: 'unknown', insn: 1234, fid: 16 });
    expect(decodeLabCall(call(7, 2, 0x10000, 0x11000, 3, 77, 0))).toMatchObject({ type: 'vma', kind: 'other' });
  });

  test('negative pids and a full 16-byte name', () => {
    expect(decodeLabCall(call(4, -1, 2))).toEqual({ type: 'sched', insn: 1234, prev: -1, next: 2 });
    // "kswapd-w" + "orker-12": 16 bytes, no NUL
    const lo = BigInt('0x' + [...'kswapd-w'].reverse().map((c) => c.charCodeAt(0).toString(16)).join(''));
    const hi = BigInt('0x' + [...'orker-12'].reverse().map((c) => c.charCodeAt(0).toString(16)).join(''));
    expect(decodeLabCall(call(9, 3, 0, lo, hi))).toMatchObject({ name: 'kswapd-worker-12' });
  });

  test('formats one line per call for forklab emu --trace, addresses in hex', () => {
    expect(formatLabCall(call(14, 1, 2, 10, 0, 0, 0))).toBe('[1234] ipc_send from=1 to=2 value=0xa dstva=0x0 perm=0 frame=0x0');
    expect(formatLabCall(call(42, 1))).toBe('[1234] unknown fid=42 args=0x1,0x0,0x0,0x0,0x0,0x0');
  });
});

// The decoder reads registers as 32-bit words; the reference here is each argument kind's
// definition on the 64-bit value (docs/abi.md section 2), in BigInt arithmetic.
describe('decoding from register words agrees with the 64-bit definitions', () => {
  const reference = (kind: string, v: bigint): unknown => {
    switch (kind) {
      case 'int': return Number(BigInt.asIntN(64, v));
      case 'addr': return Number(v);
      case 'byte': return Number(v & 0xffn);
      case 'flag': return v === 1n;
      default: return undefined;
    }
  };
  // Edges (0, ±1, 2^31, 2^32, 2^53 ± 1, sign bits) and pseudo-random patterns.
  const edges = [0n, 1n, 2n, 0xffn, 0x100n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 32n, (1n << 53n) - 1n,
    1n << 53n, (1n << 53n) + 1n, (1n << 63n) - 1n, 1n << 63n, 0xffffffc080201000n, 0xffffffffffffffffn, 0xfffffffffffffffen];
  let seed = 0x2545f491n;
  const next = (): bigint => { seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; return seed; };
  const values = [...edges, ...Array.from({ length: 200 }, next)];

  test('int, addr, byte and flag arguments', () => {
    // fork: int, int, addr; exit: int, byte, flag.
    for (const v of values) {
      expect(decodeLabCall(call(1, v, v, v))).toEqual({
        type: 'fork', insn: 1234, parent: reference('int', v), child: reference('int', v), pgd: reference('addr', v),
      });
      expect(decodeLabCall(call(3, v, v, v))).toEqual({
        type: 'exit', insn: 1234, pid: reference('int', v), code: reference('byte', v), killed: reference('flag', v),
      });
    }
  });

  test('an enum code matches only as its full 64-bit value', () => {
    // fault's resolution (a3) is an enum; 2 is cow-copy. A value with high bits set is unknown.
    const fault = (res: bigint) => decodeLabCall(call(5, 2, 0x1000, 15, res, 0, 0));
    expect(fault(2n)).toMatchObject({ resolution: 'cow-copy' });
    for (const v of [2n | (1n << 32n), 2n | (1n << 63n), 0xffffffff00000002n]) expect(fault(v)).toMatchObject({ type: 'unknown' });
  });
});
