// StdoutWriter (src/cli/stdout.ts) against a scripted fd: every byte arrives once and in order
// across short writes and EAGAIN, a reader that went away ends the writing without an error, and
// any other failure still surfaces.
import { expect, test } from 'vitest';
import { StdoutWriter } from '../../src/cli/stdout';

function errno(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/** A fake fd that takes at most `chunk` bytes per call and fails as `script` says. */
function fakeFd(chunk: number, script: (call: number) => string | null = () => null) {
  const got: number[] = [];
  let calls = 0;
  const write = (fd: number, data: Uint8Array, offset: number, length: number): number => {
    expect(fd).toBe(1);
    const fail = script(calls++);
    if (fail !== null) throw errno(fail);
    const n = Math.min(chunk, length);
    got.push(...data.subarray(offset, offset + n));
    return n;
  };
  return { write, got, calls: () => calls };
}

test('writes UTF-8 text whole across short writes', () => {
  const fd = fakeFd(3);
  const out = new StdoutWriter(fd.write, 1, 0);
  out.text('kinit: 子进程 ok\n');
  out.text('');
  out.text('end\n');
  expect(new TextDecoder().decode(new Uint8Array(fd.got))).toBe('kinit: 子进程 ok\nend\n');
  // 20 bytes in 3-byte writes, then "end\n" in two.
  expect(fd.calls()).toBe(7 + 2);
});

test('retries after EAGAIN without losing or repeating bytes', () => {
  const fd = fakeFd(4, (call) => (call === 1 || call === 2 ? 'EAGAIN' : null));
  const out = new StdoutWriter(fd.write, 1, 0);
  out.text('0123456789');
  expect(String.fromCharCode(...fd.got)).toBe('0123456789');
  expect(fd.calls()).toBe(5);
});

test('a reader that went away (EPIPE) ends the writing quietly', () => {
  const fd = fakeFd(4, (call) => (call === 1 ? 'EPIPE' : null));
  const out = new StdoutWriter(fd.write, 1, 0);
  out.text('0123456789');
  expect(out.gone).toBe(true);
  out.text('more');
  expect(String.fromCharCode(...fd.got)).toBe('0123');
  expect(fd.calls()).toBe(2);
});

test('other write errors are thrown', () => {
  const fd = fakeFd(4, () => 'EIO');
  const out = new StdoutWriter(fd.write, 1, 0);
  expect(() => out.text('x')).toThrow('EIO');
  expect(out.gone).toBe(false);
});
