// The QEMU `virt`-like board: RAM at 0x80000000, CLINT, PLIC, 16550 UART and the SiFive test
// device on one bus, wired to the hart's interrupt lines. It also owns time: mtime is
// cycles / 10, and the hart's timerCycle is kept at the next cycle where a timer (CLINT
// mtimecmp, or the firmware's SBI timer) changes mip, so the run loop checks timers with one
// comparison per instruction.

import { Bus, Ram } from './bus';
import { Hart } from './hart';
import { Clint } from './devices/clint';
import { Plic } from './devices/plic';
import { Uart, UART_IRQ } from './devices/uart';
import { TestDevice } from './devices/testdev';
import { IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_STI } from './trap';
import { settleFields } from './fields';

export class Board {
  readonly ram: Ram;
  readonly bus: Bus;
  readonly hart: Hart;
  readonly clint: Clint;
  readonly plic: Plic;
  readonly uart: Uart;
  readonly testdev: TestDevice;
  /** SBI timer deadline in mtime ticks (Infinity: none); raises STIP when reached. */
  sbiDeadline = Infinity;
  /** Console output sink (UART THR and SBI console). */
  consoleOut: (byte: number) => void = () => {};

  constructor(ramBase: number, ramSize: number) {
    this.ram = new Ram(ramBase, ramSize);
    this.bus = new Bus(this.ram);
    this.hart = new Hart(this.bus);
    this.clint = new Clint({ mtime: () => this.hart.mtime(), clintChanged: () => this.updateTimers() });
    this.plic = new Plic({ setExternal: (ctx, level) => this.setMip(ctx === 0 ? IRQ_MEI : IRQ_SEI, level) });
    this.uart = new Uart({
      output: (b) => this.consoleOut(b),
      setIrq: (high) => this.plic.setLevel(UART_IRQ, high),
    });
    this.testdev = new TestDevice((clean, code) => { this.hart.stop = { kind: 'shutdown', clean, code }; });
    for (const d of [this.clint, this.plic, this.uart, this.testdev]) this.bus.addDevice(d);
    this.hart.timerHook = () => this.updateTimers();
    settleFields(this, ['sbiDeadline', 'consoleOut']); // the kernel's first timer (fields.ts)
    this.primeTimerHook();
    this.hart.primeRun();
  }

  /**
   * Calls the timer hook, with and without an SBI deadline (one that lies far ahead), until V8
   * has made its feedback vector. Hart.run inlines the hook; the first timer of a boot came
   * after the run loop was optimized, when the hook had run too few times to have feedback,
   * and that threw the optimized loop away. updateTimers only recomputes from the CLINT and
   * the deadline, so the last call leaves mip and timerCycle as one call would.
   */
  private primeTimerHook(): void {
    const hook = this.hart.timerHook;
    const deadline = this.sbiDeadline;
    for (let k = 0; k < 100; k++) {
      this.sbiDeadline = k & 1 ? 2 ** 40 : deadline;
      hook();
    }
    this.sbiDeadline = deadline;
    hook();
  }

  setMip(irq: number, level: boolean): void {
    const h = this.hart;
    const next = level ? h.mip | (1 << irq) : h.mip & ~(1 << irq);
    if (next !== h.mip) {
      h.mip = next;
      h.irqDirty = true;
    }
  }

  /** Set the SBI timer (firmware set_timer): clears STIP, raises it when mtime reaches `deadline`. */
  setSbiTimer(deadline: number): void {
    this.sbiDeadline = deadline;
    this.setMip(IRQ_STI, false);
    this.updateTimers();
  }

  /** Recompute MSIP/MTIP/STIP from the CLINT and SBI timer, and the next timer deadline. */
  updateTimers(): void {
    const h = this.hart;
    const now = h.mtime();
    this.setMip(IRQ_MSI, this.clint.msip !== 0);
    const cmp = this.clint.mtimecmp();
    this.setMip(IRQ_MTI, now >= cmp);
    let next = now >= cmp ? Infinity : cmp * 10;
    if (this.sbiDeadline !== Infinity) {
      if (now >= this.sbiDeadline) {
        this.setMip(IRQ_STI, true);
        this.sbiDeadline = Infinity;
      } else {
        next = Math.min(next, this.sbiDeadline * 10);
      }
    }
    h.timerCycle = next;
  }

}
