// Run a bare-metal ELF on QEMU's `virt` machine (Debian's qemu-system-riscv64 7.2), the
// reference ForkLab's emulator is compared against.
//
// With `-bios none` QEMU starts the hart in M-mode at 0x80000000 with a0 = hart id and
// a1 = device-tree address. A program ends the run by writing the SiFive test device at
// 0x100000: 0x5555 exits QEMU with status 0, (code << 16) | 0x3333 exits with status `code`
// (so a failure code must be 1-255 to be told apart from a pass). Bytes written to the
// 16550 UART come out on stdout.
import { spawnSync } from 'node:child_process';
import { tool } from '../tools';

/**
 * QEMU 7.2's rv64 CPU with everything ForkLab does not implement turned off (F, D, H, the
 * bit-manipulation extensions, Sstc), so that encodings outside RV64IMAC_Zicsr_Zifencei
 * are illegal instructions on both machines.
 */
export const QEMU_RV64IMAC_CPU = 'rv64,f=false,d=false,h=false,zba=false,zbb=false,zbc=false,zbs=false,sstc=false';

export interface QemuRun {
  /** QEMU's exit status, or null when it was killed at the time limit. */
  readonly status: number | null;
  readonly timedOut: boolean;
  /** What the guest wrote to the UART (and any QEMU messages on stdout). */
  readonly stdout: string;
  readonly stderr: string;
}

export interface QemuOptions {
  /** Wall-clock limit before QEMU is killed; a guest that never ends must not hang a test. */
  readonly timeoutMs?: number;
  /** RAM in MiB (QEMU's default for virt is 128). */
  readonly ramMiB?: number;
  /** Bytes for the guest's UART receiver (QEMU's stdin); none by default. */
  readonly input?: string;
  /** The -cpu argument; QEMU_RV64IMAC_CPU by default. */
  readonly cpu?: string;
}

export function runBareOnQemu(elfPath: string, options: QemuOptions = {}): QemuRun {
  const args = [
    '-machine', 'virt', '-cpu', options.cpu ?? QEMU_RV64IMAC_CPU, '-bios', 'none', '-nographic', '-monitor', 'none', '-serial', 'stdio',
    '-m', String(options.ramMiB ?? 128), '-kernel', elfPath,
  ];
  const r = spawnSync(tool('qemu-system-riscv64'), args, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 10_000,
    killSignal: 'SIGKILL',
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  if (r.error !== undefined && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') {
    throw new Error(`cannot run qemu-system-riscv64: ${r.error.message}`);
  }
  const timedOut = r.status === null;
  return { status: r.status, timedOut, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export interface QemuKernelOptions {
  readonly ramMiB?: number;
  /** -append: the kernel command line in /chosen/bootargs. */
  readonly bootargs?: string;
  /** -initrd: a file QEMU places in RAM and names in /chosen/linux,initrd-start/end. */
  readonly initrd?: string;
  readonly timeoutMs?: number;
  readonly cpu?: string;
}

/**
 * Boot an S-mode kernel ELF the way a student's kernel runs on QEMU: `virt` with its default
 * firmware (OpenSBI 1.1), which starts the kernel at 0x80200000 with a0 = hart id and a1 = the
 * device tree. stdout holds OpenSBI's banner first; its console writes \r\n for \n.
 */
export function runKernelOnQemu(elfPath: string, options: QemuKernelOptions = {}): QemuRun {
  const args = [
    '-machine', 'virt', '-cpu', options.cpu ?? QEMU_RV64IMAC_CPU, '-nographic', '-monitor', 'none', '-serial', 'stdio',
    '-m', String(options.ramMiB ?? 128), '-kernel', elfPath,
    ...(options.bootargs === undefined ? [] : ['-append', options.bootargs]),
    ...(options.initrd === undefined ? [] : ['-initrd', options.initrd]),
  ];
  const r = spawnSync(tool('qemu-system-riscv64'), args, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error !== undefined && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') {
    throw new Error(`cannot run qemu-system-riscv64: ${r.error.message}`);
  }
  return { status: r.status, timedOut: r.status === null, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
