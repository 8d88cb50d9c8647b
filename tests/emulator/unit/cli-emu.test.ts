import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { emuCommand } from '../../../src/cli/emu';
import { assemble } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'forklab-cli-emu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tohostProgram(name: string, value: number): string {
  const path = join(dir, name);
  writeFileSync(path, assemble(`
    li a0, ${value}
    la t0, tohost
    sd a0, 0(t0)
    1: j 1b
    .data
    .globl tohost
    .align 3
    tohost: .dword 0`));
  return path;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out.push(typeof s === 'string' ? s : Buffer.from(s).toString()); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err.push(String(s)); return true; });
  try {
    const status = await emuCommand(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('forklab emu', () => {
  test('exits 0 when a --bare --tohost program writes 1 to tohost', async () => {
    expect((await run([tohostProgram('pass.elf', 1), '--bare', '--tohost'])).status).toBe(0);
  });

  test('exits 1 and names the failed test when tohost gets (5 << 1) | 1', async () => {
    const r = await run([tohostProgram('fail.elf', 11), '--bare', '--tohost']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('tohost: test 5 failed');
  });

  test('exits 2 with a clear message for a file that is not an ELF', async () => {
    const path = join(dir, 'junk.elf');
    writeFileSync(path, 'not an elf');
    const r = await run([path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not an ELF file');
  });

  test('exits non-zero and says so when --max-insns runs out', async () => {
    const path = join(dir, 'loop.elf');
    writeFileSync(path, assemble('1: j 1b'));
    const r = await run([path, '--bare', '--max-insns', '1000']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('stopped after 1000 instructions');
  });

  test('prints UART output and exits 0 on a test-device pass', async () => {
    const path = join(dir, 'uart.elf');
    writeFileSync(path, assemble(`
      li t0, 0x10000000
      li t1, 'o'
      sb t1, 0(t0)
      li t1, 'k'
      sb t1, 0(t0)
      li t0, 0x100000
      li t1, 0x5555
      sw t1, 0(t0)
      1: j 1b`));
    const r = await run([path, '--bare']);
    expect(r).toEqual({ status: 0, stdout: 'ok', stderr: '' });
  });
});
