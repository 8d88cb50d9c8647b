// SiFive CLINT at 0x2000000 (QEMU `virt`): msip at +0x0, mtimecmp at +0x4000, mtime at
// +0xbff8, for hart 0. mtime is derived from the hart's cycle count (cycles / 10), so time is
// deterministic; writes to mtime are ignored. Accesses are 4 bytes wide (the bus splits 8).

import type { Device } from '../bus';

export const CLINT_BASE = 0x2000000;
export const CLINT_SIZE = 0x10000;

export interface ClintHost {
  mtime(): number;
  /** MSIP or mtimecmp changed: recompute mip and the timer deadline. */
  clintChanged(): void;
}

export class Clint implements Device {
  readonly name = 'clint';
  readonly base = CLINT_BASE;
  readonly size = CLINT_SIZE;
  msip = 0;
  /** mtimecmp as two 32-bit halves (unsigned), so any 64-bit value is kept exactly. */
  cmpLo = 0xffffffff;
  cmpHi = 0xffffffff;

  constructor(private readonly host: ClintHost) {}

  /** mtimecmp as a number (values above 2^53 mean "never" for all practical purposes). */
  mtimecmp(): number {
    return this.cmpHi * 4294967296 + this.cmpLo;
  }

  read(off: number, size: number): number {
    const v = this.read32(off & ~3);
    const shift = (off & 3) * 8;
    return size === 4 ? v >>> 0 : (v >>> shift) & (size === 2 ? 0xffff : 0xff);
  }

  private read32(off: number): number {
    const t = this.host.mtime();
    switch (off) {
      case 0x0: return this.msip;
      case 0x4000: return this.cmpLo;
      case 0x4004: return this.cmpHi;
      case 0xbff8: return t % 4294967296;
      case 0xbffc: return Math.floor(t / 4294967296);
      default: return 0;
    }
  }

  write(off: number, size: number, value: number): void {
    if (size !== 4 || (off & 3) !== 0) return; // the CLINT only decodes aligned words
    switch (off) {
      case 0x0: this.msip = value & 1; break;
      case 0x4000: this.cmpLo = value >>> 0; break;
      case 0x4004: this.cmpHi = value >>> 0; break;
      default: return;
    }
    this.host.clintChanged();
  }
}
