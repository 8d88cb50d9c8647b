// SiFive PLIC at 0xc000000 (QEMU `virt`), enough for the UART's IRQ 10: source priorities
// (+0x0 + 4*irq), pending bits (+0x1000), per-context enables (+0x2000 + 0x80*ctx), threshold
// (+0x200000 + 0x1000*ctx) and claim/complete (+0x200004 + 0x1000*ctx). Context 0 is hart 0's
// M-mode (drives mip.MEIP), context 1 its S-mode (drives mip.SEIP). Sources are level
// triggered: a claimed source is not pending again until completed.

import type { Device } from '../bus';

export const PLIC_BASE = 0xc000000;
export const PLIC_SIZE = 0x600000;
const SOURCES = 64;
const CONTEXTS = 2;

export interface PlicHost {
  /** Set the external-interrupt line of context `ctx` (0 = M, 1 = S). */
  setExternal(ctx: number, level: boolean): void;
}

export class Plic implements Device {
  readonly name = 'plic';
  readonly base = PLIC_BASE;
  readonly size = PLIC_SIZE;
  readonly priority = new Uint32Array(SOURCES);
  readonly level = new Uint8Array(SOURCES);     // the device's line
  readonly pending = new Uint8Array(SOURCES);
  readonly claimed = new Uint8Array(SOURCES);
  readonly enable = [new Uint32Array(SOURCES / 32), new Uint32Array(SOURCES / 32)];
  readonly threshold = new Uint32Array(CONTEXTS);

  constructor(private readonly host: PlicHost) {}

  /** A device raised or lowered its interrupt line. */
  setLevel(irq: number, high: boolean): void {
    this.level[irq] = high ? 1 : 0;
    if (high && this.claimed[irq] === 0) this.pending[irq] = 1;
    if (!high) this.pending[irq] = 0;
    this.update();
  }

  private best(ctx: number): number {
    let best = 0;
    let bestPrio = this.threshold[ctx]!;
    for (let irq = 1; irq < SOURCES; irq++) {
      if (this.pending[irq] === 0 || ((this.enable[ctx]![irq >> 5]! >>> (irq & 31)) & 1) === 0) continue;
      if (this.priority[irq]! > bestPrio) { best = irq; bestPrio = this.priority[irq]!; }
    }
    return best;
  }

  update(): void {
    for (let ctx = 0; ctx < CONTEXTS; ctx++) this.host.setExternal(ctx, this.best(ctx) !== 0);
  }

  read(off: number, size: number): number {
    if (size !== 4) return 0;
    if (off < 0x1000) return this.priority[off >> 2] ?? 0;
    if (off < 0x1080) {
      let v = 0;
      const base = ((off - 0x1000) >> 2) * 32;
      for (let i = 0; i < 32 && base + i < SOURCES; i++) v |= this.pending[base + i]! << i;
      return v >>> 0;
    }
    if (off >= 0x2000 && off < 0x2000 + 0x80 * CONTEXTS) {
      const ctx = (off - 0x2000) >> 7;
      return this.enable[ctx]![((off - 0x2000) & 0x7f) >> 2] ?? 0;
    }
    if (off >= 0x200000 && off < 0x200000 + 0x1000 * CONTEXTS) {
      const ctx = (off - 0x200000) >> 12;
      const reg = off & 0xfff;
      if (reg === 0) return this.threshold[ctx]!;
      if (reg === 4) return this.claim(ctx);
    }
    return 0;
  }

  private claim(ctx: number): number {
    const irq = this.best(ctx);
    if (irq !== 0) {
      this.pending[irq] = 0;
      this.claimed[irq] = 1;
      this.update();
    }
    return irq;
  }

  write(off: number, size: number, value: number): void {
    if (size !== 4) return;
    if (off < 0x1000) {
      const irq = off >> 2;
      if (irq > 0 && irq < SOURCES) this.priority[irq] = value & 7;
    } else if (off >= 0x2000 && off < 0x2000 + 0x80 * CONTEXTS) {
      const ctx = (off - 0x2000) >> 7;
      const word = ((off - 0x2000) & 0x7f) >> 2;
      if (word < SOURCES / 32) this.enable[ctx]![word] = word === 0 ? value & ~1 : value;
    } else if (off >= 0x200000 && off < 0x200000 + 0x1000 * CONTEXTS) {
      const ctx = (off - 0x200000) >> 12;
      const reg = off & 0xfff;
      if (reg === 0) this.threshold[ctx] = value & 7;
      else if (reg === 4) {
        const irq = value >>> 0;
        if (irq > 0 && irq < SOURCES && this.claimed[irq] === 1) {
          this.claimed[irq] = 0;
          if (this.level[irq] === 1) this.pending[irq] = 1;
        }
      }
    } else {
      return;
    }
    this.update();
  }
}
