// 16550A UART at 0x10000000 (QEMU `virt`, IRQ 10), registers one byte apart. Transmit is
// instant (THR bytes go straight to the console listener), so LSR always shows THRE and TEMT.
// Receive has an unbounded FIFO filled by the host (Machine.sendInput) and raises the RX
// interrupt when IER.ERBFI is set. IIR reports RX-data before THR-empty, as the chip does.

import type { Device } from '../bus';

export const UART_BASE = 0x10000000;
export const UART_SIZE = 0x100;
export const UART_IRQ = 10;

const LSR_DR = 0x01, LSR_THRE = 0x20, LSR_TEMT = 0x40;
const IER_ERBFI = 0x01, IER_ETBEI = 0x02;
const LCR_DLAB = 0x80;

export interface UartHost {
  output(byte: number): void;
  /** The interrupt line to the PLIC. */
  setIrq(high: boolean): void;
}

export class Uart implements Device {
  readonly name = 'uart';
  readonly base = UART_BASE;
  readonly size = UART_SIZE;
  rx: number[] = [];
  ier = 0;
  lcr = 0;
  mcr = 0;
  scr = 0;
  dll = 0;
  dlm = 0;
  fcr = 0;
  /** THR-empty interrupt condition: set when THR empties, cleared by reading IIR or writing THR. */
  threPending = false;

  constructor(private readonly host: UartHost) {}

  /** Queue host input bytes. */
  receive(bytes: Uint8Array): void {
    for (const b of bytes) this.rx.push(b);
    this.updateIrq();
  }

  /** Take one byte of input (SBI getchar shares this queue); -1 when none. */
  takeByte(): number {
    const b = this.rx.shift();
    this.updateIrq();
    return b ?? -1;
  }

  private updateIrq(): void {
    const rxIrq = (this.ier & IER_ERBFI) !== 0 && this.rx.length > 0;
    const txIrq = (this.ier & IER_ETBEI) !== 0 && this.threPending;
    this.host.setIrq(rxIrq || txIrq);
  }

  read(off: number, size: number): number {
    if (size !== 1) return 0;
    const dlab = (this.lcr & LCR_DLAB) !== 0;
    switch (off) {
      case 0:
        if (dlab) return this.dll;
        return this.rx.length > 0 ? this.takeByte() : 0;
      case 1: return dlab ? this.dlm : this.ier;
      case 2: {
        const fifo = (this.fcr & 1) !== 0 ? 0xc0 : 0;
        if ((this.ier & IER_ERBFI) !== 0 && this.rx.length > 0) return fifo | 0x04;
        if ((this.ier & IER_ETBEI) !== 0 && this.threPending) {
          this.threPending = false;
          this.updateIrq();
          return fifo | 0x02;
        }
        return fifo | 0x01;
      }
      case 3: return this.lcr;
      case 4: return this.mcr;
      case 5: return (this.rx.length > 0 ? LSR_DR : 0) | LSR_THRE | LSR_TEMT;
      case 6: return 0xb0; // MSR: CTS, DSR, DCD asserted
      case 7: return this.scr;
      default: return 0;
    }
  }

  write(off: number, size: number, value: number): void {
    if (size !== 1) return;
    const v = value & 0xff;
    const dlab = (this.lcr & LCR_DLAB) !== 0;
    switch (off) {
      case 0:
        if (dlab) { this.dll = v; return; }
        this.host.output(v);
        this.threPending = true;
        break;
      case 1:
        if (dlab) { this.dlm = v; return; }
        // Enabling ETBEI with an empty THR raises the THR-empty interrupt at once.
        if ((v & IER_ETBEI) !== 0 && (this.ier & IER_ETBEI) === 0) this.threPending = true;
        this.ier = v & 0x0f;
        break;
      case 2:
        this.fcr = v;
        if ((v & 2) !== 0) this.rx = [];
        break;
      case 3: this.lcr = v; return;
      case 4: this.mcr = v & 0x1f; return; // MCR has five bits (DTR, RTS, OUT1, OUT2, LOOP)
      case 7: this.scr = v; return;
      default: return;
    }
    this.updateIrq();
  }
}
