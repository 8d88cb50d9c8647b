// SiFive test/poweroff device at 0x100000 (QEMU `virt`): writing 0x5555 powers off cleanly,
// (code << 16) | 0x3333 powers off with failure `code`, 0x7777 requests a reset, which ForkLab
// treats as a clean shutdown with the code in the upper half.

import type { Device } from '../bus';

export const TESTDEV_BASE = 0x100000;
export const TESTDEV_SIZE = 0x1000;

export class TestDevice implements Device {
  readonly name = 'sifive-test';
  readonly base = TESTDEV_BASE;
  readonly size = TESTDEV_SIZE;

  constructor(private readonly shutdown: (clean: boolean, code: number) => void) {}

  read(): number {
    return 0;
  }

  write(off: number, size: number, value: number): void {
    if (off !== 0 || size < 2) return;
    const status = value & 0xffff;
    const code = (value >>> 16) & 0xffff;
    if (status === 0x5555) this.shutdown(true, 0);
    else if (status === 0x3333) this.shutdown(false, code);
    else if (status === 0x7777) this.shutdown(true, code);
  }
}
