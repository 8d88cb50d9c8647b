// Boots the committed lab kernel on QEMU virt + OpenSBI (the reference machine) and returns
// the console text after OpenSBI's banner. The kernel powers off by itself (SBI SRST) when its
// apps are done; a time limit turns a hang into a failed test instead of a stuck suite.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packInitrd } from '../../src/lab/initrd';
import { tool } from '../tools';

export const ROOT = join(__dirname, '..', '..');
export const KERNEL_IMAGE = join(ROOT, 'resources/kernel/build/Image');
export const KERNEL_ELF = join(ROOT, 'resources/kernel/build/kernel.elf');
export const USER_BUILD = join(ROOT, 'resources/user/build');
export const DEFAULT_INITRD = join(USER_BUILD, 'initrd.img');
export const LAB_BOOTARGS = 'apps=print*3,cow,fib,mfork kthread=1';

export interface KernelRun {
  /** Console output from the kernel's banner on. */
  readonly console: string;
  readonly timedOut: boolean;
  readonly status: number | null;
}

export interface BootOptions {
  readonly initrd?: string;
  readonly input?: string;
  readonly timeoutMs?: number;
  /** RAM in MiB (default 128). */
  readonly ramMiB?: number;
}

export function bootOnQemu(bootargs: string, options: BootOptions = {}): KernelRun {
  const r = spawnSync(
    tool('qemu-system-riscv64'),
    ['-machine', 'virt', '-bios', 'default', '-nographic', '-m', String(options.ramMiB ?? 128), '-kernel', KERNEL_IMAGE,
     '-initrd', options.initrd ?? DEFAULT_INITRD, '-append', bootargs],
    {
      encoding: 'utf8',
      input: options.input ?? '',
      timeout: options.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 << 20,
    },
  );
  if (r.error !== undefined && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') {
    throw new Error(`cannot run qemu-system-riscv64: ${r.error.message}`);
  }
  const out = (r.stdout ?? '').replace(/\r\n/g, '\n');
  const start = out.indexOf('ForkLab lab kernel');
  return { console: start < 0 ? out : out.slice(start), timedOut: r.status === null, status: r.status };
}

/** The console lines a given pid printed through the kernel's `[PID = n] ...` log. */
export function linesMatching(console: string, re: RegExp): string[] {
  return console.split('\n').filter((l) => re.test(l));
}

/** Packs programs into an initrd (the kernel's format, src/lab/initrd.ts) at dir/initrd.img, for QEMU's -initrd and ForkLab alike. */
export function writeInitrd(dir: string, apps: { name: string; elf: Uint8Array }[]): string {
  const packed = packInitrd(apps);
  if (!packed.ok) throw new Error(packed.error);
  const path = join(dir, 'initrd.img');
  writeFileSync(path, packed.value);
  return path;
}
