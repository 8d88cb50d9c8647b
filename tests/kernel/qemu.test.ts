import { describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packInitrd } from '../../src/lab/initrd';
import { makeWorkDir, removeWorkDir } from '../support/riscv-tools';
import { bootOnQemu, LAB_BOOTARGS, linesMatching, USER_BUILD } from './boot';

// Each boot takes a few seconds on QEMU; all of them end by themselves through SBI SRST.
describe('the lab kernel on QEMU virt with OpenSBI', () => {
  test('runs the lab sequence and every lab test passes', () => {
    const run = bootOnQemu(LAB_BOOTARGS);
    expect(run.timedOut).toBe(false);
    const c = run.console;
    expect(c).toMatch(/^ForkLab lab kernel: 128 MiB RAM at 80000000, bootargs "apps=print\*3,cow,fib,mfork kthread=1"/);
    expect(c).toContain('initrd: 25 apps');
    expect(linesMatching(c, /^PASS print$/)).toHaveLength(3);
    for (const name of ['cow', 'fib', 'mfork']) expect(linesMatching(c, new RegExp(`^PASS ${name}$`))).toHaveLength(1);
    expect(c).not.toMatch(/FAIL|PANIC|killed/);
    expect(c).toContain('[cow] child: the frame behind global has refcount 2 before the write, 1 after\n');
    // The kernel thread ran alongside the first stage and exited.
    expect(linesMatching(c, /^\[K\] kernel thread \[PID = 2\] tick \d$/)).toHaveLength(3);
    // Programs started by kinit: print x3, cow, fib, mfork.
    expect(linesMatching(c, /^\[PID = \d+\] exec \w+$/).map((l) => l.replace(/.*exec /, ''))).toEqual([
      'print', 'print', 'print', 'cow', 'fib', 'mfork',
    ]);
    // Forks: cow 1, fib 10 (entries 2..11), mfork 7 (a tree of 8).
    expect(linesMatching(c, /^\[PID = \d+\] forked from \[PID = \d+\]$/)).toHaveLength(18);
    expect(linesMatching(c, /^\[PID = \d+\] exited with status 0$/)).toHaveLength(1 + 3 + 2 + 11 + 8);
    expect(c).toContain('kinit: all apps done; frames in use by them: 0\n');
    expect(c).toMatch(/kinit: shutdown\n/);
    expect(run.status).toBe(0);
  }, 90_000);

  test('passes usertests, the system call table tests, each in its own child', () => {
    const c = bootOnQemu('apps=usertests').console;
    expect(linesMatching(c, /^usertests: \w+ ok$/)).toHaveLength(18);
    expect(c).toContain('PASS usertests');
    expect(c).toContain('frames in use by them: 0\n');
  }, 60_000);

  test('reads the RAM size from the device tree and runs with 64 MiB and with 2 GiB', () => {
    for (const mib of [64, 2048]) {
      const c = bootOnQemu('apps=cow,bigarray', { ramMiB: mib }).console;
      expect(c).toContain(`ForkLab lab kernel: ${mib} MiB RAM at 80000000`);
      expect(c).toContain('PASS cow');
      expect(c).toContain('bigarray: touched 5 pages of a 256 MiB array');
      expect(c).toContain('frames in use by them: 0\n');
    }
  }, 90_000);

  test('kills a NULL dereference with a line naming pid, address and cause, and the parent sees SIGSEGV', () => {
    const c = bootOnQemu('apps=nullptr').console;
    expect(c).toMatch(/^\[PID = 3\] killed: store page fault at 0x0 \(no VMA\), pc 0x[0-9a-f]+$/m);
    expect(c).toContain('nullptr: child was killed by signal 11 (SIGSEGV is 11); the parent lives on');
    expect(c).toContain('frames in use by them: 0\n');
  }, 60_000);

  test('kills a store into the program text for violating its VMA permissions', () => {
    const c = bootOnQemu('apps=textwrite').console;
    expect(c).toMatch(/^\[PID = 3\] killed: store page fault at 0x10020 \(not allowed by its VMA\), pc 0x[0-9a-f]+$/m);
    expect(c).toContain('textwrite: child was killed by signal 11');
  }, 60_000);

  test('gives orphans to kinit (getppid becomes 1) and answers WNOHANG with 0 while a child runs', () => {
    const c = bootOnQemu('apps=orphan').console;
    expect(c).toContain('orphan: waitpid with WNOHANG returned 0');
    expect(c).toContain("orphan: grandchild's parent is now [PID = 1]");
    expect(c).toContain('[PID = 4] exited with status 0');
    expect(c).toContain('frames in use by them: 0\n');
  }, 60_000);

  test('demand-pages a 256 MiB array on a 128 MiB machine', () => {
    const c = bootOnQemu('apps=bigarray').console;
    expect(c).toContain('bigarray: touched 5 pages of a 256 MiB array');
    expect(c).toContain('[PID = 2] exited with status 0');
  }, 60_000);

  test('shares MAP_SHARED pages between parent and child but copies MAP_PRIVATE ones', () => {
    const c = bootOnQemu('apps=shared').console;
    expect(c).toContain('shared: parent sees shared counter 1000 and private counter 0');
    expect(c).toContain('frames in use by them: 0\n');
  }, 60_000);

  test('runs fork then exec of another program from the initrd', () => {
    const c = bootOnQemu('apps=forkexec').console;
    expect(c).toContain('[PID = 3] forked from [PID = 2]');
    expect(c).toContain('[PID = 3] exec hello');
    expect(c).toContain('hello from pid 3 (parent 2)');
    expect(c).toContain('forkexec: child [PID = 3] ran hello and exited with status 0');
  }, 60_000);

  test('answers a bad pointer in a system call with EFAULT instead of faulting', () => {
    const c = bootOnQemu('apps=badptr').console;
    expect(c).toContain('badptr: write from 0x1000 returned -1 (Bad address)');
    expect(c).toContain('badptr: write of 0 bytes returned 0');
    expect(c).not.toMatch(/PANIC|killed/);
  }, 60_000);

  test('survives a fork bomb: fork fails with EAGAIN at the process table bound, then all exit', () => {
    const run = bootOnQemu('apps=forkbomb,cow');
    const c = run.console;
    expect(c).toMatch(/forkbomb: \d+ forks succeeded, [1-9]\d* failed \(first error: Resource temporarily unavailable\)/);
    expect(c).toContain('forkbomb: every process has exited; the system survived');
    expect(c).toContain('PASS cow'); // still usable afterwards
    expect(c).toContain('frames in use by them: 0\n');
  }, 90_000);

  test('makes malloc fail with ENOMEM when memory runs out, instead of killing the program', () => {
    const c = bootOnQemu('apps=oom,cow').console;
    expect(c).toMatch(/oom: malloc returned NULL after 1[12]\d MiB \(Cannot allocate memory\)/);
    expect(c).toContain('oom: fork still works: child exited with status 7');
    expect(c).toContain('PASS cow');
    expect(c).not.toMatch(/killed/);
    expect(c).toContain('frames in use by them: 0\n');
  }, 60_000);

  test('ignores an initrd that is not an app table, and refuses a program that is not an ELF', () => {
    const dir = makeWorkDir('bad-initrd');
    try {
      const junk = join(dir, 'junk.img');
      writeFileSync(junk, Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) & 0xff));
      const a = bootOnQemu('apps=cow', { initrd: junk });
      expect(a.console).toContain('initrd: not a UAPP app table, ignored');
      expect(a.console).toContain('kinit: cannot start cow: error 2');
      expect(a.console).toContain('kinit: shutdown');

      const packed = packInitrd([
        { name: 'bad', elf: new TextEncoder().encode('not an elf at all') },
        { name: 'cow', elf: new Uint8Array(readFileSync(join(USER_BUILD, 'cow.elf'))) },
      ]);
      if (!packed.ok) throw new Error(packed.error);
      const img = join(dir, 'bad-elf.img');
      writeFileSync(img, packed.value);
      const b = bootOnQemu('apps=bad,cow', { initrd: img });
      expect(b.console).toContain('kinit: cannot start bad: error 8'); // ENOEXEC
      expect(b.console).toContain('PASS cow');
      expect(b.console).toContain('frames in use by them: 0\n');
    } finally {
      removeWorkDir(dir);
    }
  }, 90_000);

  test('starts copies only while the process table has room (error 11, EAGAIN, after that)', () => {
    const c = bootOnQemu('apps=hello*70,cow').console;
    expect(linesMatching(c, /^hello from pid \d+ \(parent 1\)$/)).toHaveLength(62);
    expect(c).toContain('kinit: cannot start hello: error 11');
    expect(c).toContain('PASS cow');
  }, 90_000);

  test('reports an app missing from the initrd and still shuts down', () => {
    const run = bootOnQemu('apps=nosuch,cow');
    expect(run.console).toContain('kinit: cannot start nosuch: error 2');
    expect(run.console).toContain('PASS cow');
    expect(run.timedOut).toBe(false);
  }, 60_000);

  test('runs an interactive shell that lists and runs programs from the initrd', () => {
    // OpenSBI resets the UART FIFO at boot and drops what was queued: lead with blank lines,
    // which the shell ignores, so the commands arrive after it.
    const run = bootOnQemu('init=sh', { input: '\n'.repeat(32) + 'ls\nhello\nnullptr\nexit\n' });
    const c = run.console;
    expect(run.timedOut).toBe(false);
    expect(c).toContain('ForkLab shell');
    expect(c).toMatch(/^print\ncow\nfib\nmfork\nusertests\nhello\n/m);
    expect(c).toMatch(/hello from pid \d+ \(parent 2\)/);
    expect(c).toContain('killed by signal 11');
    expect(c).toContain('kinit: shutdown');
  }, 60_000);
});
