// `forklab emu` as a user runs it: a child process on bin/forklab.cjs, judged by exit status
// and output. The bare guests are the ISA suite's own programs (tests/emulator/isa), which QEMU
// has already shown to pass or fail as intended, plus an endless loop built here. The firmware
// guest is tests/emulator/isa/supervisor/sbi-console.S, an S-mode kernel that reads the device
// tree and talks SBI, compared against QEMU virt with OpenSBI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBareElf, makeWorkDir, removeWorkDir } from '../support/riscv-tools';
import { runKernelOnQemu } from '../support/qemu';

const root = join(import.meta.dirname, '..', '..');
const isaDir = join(root, 'tests', 'emulator', 'isa');
let work = '';
let passElf = '';
let failElf = '';
let loopElf = '';
let nowhereElf = '';
let kernelElf = '';
let failingKernelElf = '';
let tracingKernelElf = '';
let labKernelElf = '';
let initrdFile = '';

function build(source: string): string {
  return buildBareElf(source, work, { linkerScript: join(isaDir, 'bare.ld'), includeDirs: [isaDir] }).elfPath;
}

function forklab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'forklab.cjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = makeWorkDir('cli-emu');
  passElf = build(join(isaDir, 'programs', 'rv64i-addsub.S'));
  failElf = build(join(isaDir, 'programs', 'harness-fails-check-3.S'));
  const loop = join(work, 'endless-loop.S');
  writeFileSync(loop, '  .section .text.init, "ax"\n  .globl _start\n_start:\n  j _start\n  .section .tohost, "aw"\n  .globl tohost\ntohost: .dword 0\n');
  loopElf = build(loop);
  const nowhere = join(work, 'nowhere.S');
  writeFileSync(nowhere, [
    '  .section .text.init, "ax"', '  .globl _start', '_start:',
    '  li t0, 0x90000000', '  csrw mtvec, t0', '  jr t0',       // trap vector and target: no memory
    '  .section .tohost, "aw"', '  .globl tohost', 'tohost: .dword 0', '',
  ].join('\n'));
  nowhereElf = build(nowhere);
  const supervisor = (name: string, defines: string[]) => {
    const source = join(isaDir, 'supervisor', 'sbi-console.S');
    const out = join(work, name);
    mkdirSync(out);
    return buildBareElf(source, out, { linkerScript: join(isaDir, 'supervisor', 'supervisor.ld'), defines }).elfPath;
  };
  kernelElf = supervisor('clean', []);
  failingKernelElf = supervisor('failing', ['REASON=1']);
  tracingKernelElf = supervisor('tracing', ['LAB']);
  const labDir = join(work, 'lab');
  mkdirSync(labDir);
  labKernelElf = buildBareElf(join(isaDir, 'supervisor', 'sbi-lab.S'), labDir, {
    linkerScript: join(isaDir, 'supervisor', 'supervisor.ld'),
  }).elfPath;
  initrdFile = join(work, 'initrd.txt');
  writeFileSync(initrdFile, 'initrd-contents-42\n');
});
afterAll(() => {
  if (work !== '') removeWorkDir(work);
});

describe('forklab emu --bare --tohost', () => {
  test('exits 0 when the program writes 1 to tohost', () => {
    const r = forklab('emu', '--bare', '--tohost', passElf);
    expect(r.status, r.stderr).toBe(0);
  });

  test('exits non-zero and names the failed check when tohost gets (3 << 1) | 1', () => {
    const r = forklab('emu', '--bare', '--tohost', failElf);
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
    expect(r.stderr).toMatch(/\btest 3 failed\b/);
  });
});

describe('forklab emu --bare (test-device shutdown, no tohost)', () => {
  test('prints the guest UART output and exits 0 on the pass value 0x5555', () => {
    const r = forklab('emu', '--bare', passElf);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: 'PASS\n' });
  });

  test('exits with the failure code of a (3 << 16) | 0x3333 shutdown, as QEMU does', () => {
    const r = forklab('emu', '--bare', failElf);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 3, stdout: 'FAIL 003\n' });
  });
});

describe('forklab emu with firmware (no --bare)', () => {
  const bootargs = 'console=sbi forklab-bootargs-check';
  const expected = [
    'hello from S-mode', 'hart 0, device tree ok', `bootargs: ${bootargs}`, 'initrd: initrd-contents-42',
    'sbi spec version ok', '',
  ].join('\n');

  for (const ram of [128, 512]) {
    test(`boots an S-mode kernel with ${ram} MiB, bootargs and an initrd and prints what QEMU with OpenSBI prints`, () => {
      const q = runKernelOnQemu(kernelElf, { ramMiB: ram, bootargs, initrd: initrdFile });
      expect(q.status).toBe(0);
      // after OpenSBI's banner; OpenSBI's console turns each \n into \r\n, ForkLab's firmware does not
      expect(q.stdout.replaceAll('\r\n', '\n').endsWith(expected), q.stdout).toBe(true);
      const r = forklab('emu', kernelElf, '--ram', String(ram), '--bootargs', bootargs, '--initrd', initrdFile);
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: expected });
    });
  }

  test('exits non-zero when the kernel shuts down through SRST reporting a system failure', () => {
    // (QEMU 7.2 with OpenSBI 1.1 exits 0 here: its test-device failure code is 0)
    const r = forklab('emu', failingKernelElf, '--bootargs', bootargs, '--initrd', initrdFile);
    expect(r.stdout).toBe(expected);
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
  });

  test('--trace prints the fork event the kernel reports through the LAB extension', () => {
    const r = forklab('emu', '--trace', tracingKernelElf, '--bootargs', bootargs, '--initrd', initrdFile);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected);
    expect(r.stdout + r.stderr).toMatch(/\bfork\b.*\bparent=1\b.*\bchild=2\b.*\bpgd=0x80400000\b/);
  });

  test('--trace decodes one event of every kind of docs/abi.md, and an unknown kind, in order', () => {
    const r = forklab('emu', '--trace', labKernelElf);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: 'lab ok\n' });
    const events = (r.stdout + r.stderr).split('\n').filter((l) => /^\[\d+\] /.test(l)).map((l) => l.replace(/^\[\d+\] /, ''));
    const expected = [
      /^fork parent=1 child=2 pgd=0x80400000$/,
      /^exec pid=2 pgd=0x80401000 name=hello entry=0x10078$/,
      /^exit pid=2 code=11 killed=true$/,
      /^sched prev=1 next=2$/,
      /^fault pid=2 va=0x12345000 scause=15 resolution=cow-copy frame=0x80402000 oldFrame=0x80403000$/,
      /^frame addr=0x80404000 refcount=1 op=alloc use=pagetable order=0$/,
      /^vma pid=2 start=0x10000 end=0x11000 flags=3 kind=heap offset=0x40$/,
      /^vma_remove pid=2 start=0x10000 end=0x11000$/,
      /^kthread pid=3 parent=0 name=kswapd-worker$/,
      /^state pid=2 state=zombie$/,
      /^unknown fid=42 args=/,
    ];
    expect(events.length).toBe(expected.length);
    expected.forEach((re, i) => expect(events[i]).toMatch(re));
  });

  test('without --trace the LAB call changes nothing visible', () => {
    const r = forklab('emu', tracingKernelElf, '--bootargs', bootargs, '--initrd', initrdFile);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: expected });
    expect(r.stderr).not.toMatch(/\bfork\b/);
  });
});

describe('forklab emu with bad input', () => {
  test('rejects a file that is not an ELF with a clear error and exit status 2', () => {
    const notElf = join(work, 'notes.txt');
    writeFileSync(notElf, 'this is not an executable\n');
    const r = forklab('emu', '--bare', '--tohost', notElf);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('notes.txt');
    expect(r.stderr).toMatch(/ELF/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('rejects a truncated ELF with exit status 2', () => {
    const cut = join(work, 'cut.elf');
    writeFileSync(cut, readFileSync(passElf).subarray(0, 100));
    const r = forklab('emu', '--bare', '--tohost', cut);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cut.elf');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('rejects an unknown option and a bad --ram value with exit status 2 and the usage line', () => {
    const unknown = forklab('emu', '--frobnicate', passElf);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--frobnicate');
    expect(unknown.stderr).toContain('usage: forklab emu');
    const ram = forklab('emu', '--ram', 'lots', passElf);
    expect(ram.status).toBe(2);
    expect(ram.stderr).toContain('--ram');
  });

  test('rejects a missing image file with exit status 2', () => {
    const r = forklab('emu', '--bare', join(work, 'no-such.elf'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such.elf');
  });

  test('reports a guest that jumps into nowhere with its trap vector there too, instead of hanging', () => {
    const r = forklab('emu', '--bare', '--tohost', nowhereElf);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('0x90000000');
    expect(r.stderr).toMatch(/access fault/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('stops an endless guest at --max-insns with exit status 3', () => {
    const r = forklab('emu', '--bare', '--tohost', '--max-insns', '100000', loopElf);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('--max-insns');
  });
});
