// test: the 16550 UART's registers read back as the datasheet and QEMU say: LSR, IER, IIR causes, FIFO bits, scratch, divisor latch, MCR
// input: A
#include "rvtest.h"
#define UART_RBR 0
#define UART_IER 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
.macro reg_is n, off, val
  li t0, UART_BASE
  lbu a0, \off(t0)
  check \n, a0, \val
.endm
.macro reg_set off, val
  li t0, UART_BASE
  li t1, \val
  sb t1, \off(t0)
.endm
RVT_BEGIN
  // wait for the input byte: data ready, transmitter empty and idle
  li t0, UART_BASE
1:
  lbu a0, UART_LSR(t0)
  andi a0, a0, 1
  beqz a0, 1b
  reg_is 1, UART_LSR, 0x61
  reg_is 2, UART_IIR, 0x01               // no interrupt pending (none enabled)
  reg_is 3, UART_LCR, 0x00
  // IER keeps its low 4 bits; with "received data" enabled IIR says 0x04
  reg_set UART_IER, 0xff
  reg_is 4, UART_IER, 0x0f
  reg_set UART_IER, 0x01
  reg_is 5, UART_IIR, 0x04
  reg_is 6, UART_RBR, 'A'
  reg_is 7, UART_LSR, 0x60               // data taken
  reg_is 8, UART_IIR, 0x01
  // "transmitter empty" enabled: IIR says 0x02 (the read acknowledges it)
  reg_set UART_IER, 0x02
  reg_is 9, UART_IIR, 0x02
  reg_set UART_IER, 0x00
  // FIFOs on: IIR's top bits read 11
  reg_set UART_FCR, 0x07
  reg_is 10, UART_IIR, 0xc1
  // scratch register
  reg_set UART_SCR, 0x5a
  reg_is 11, UART_SCR, 0x5a
  // divisor latch behind LCR.DLAB
  reg_set UART_LCR, 0x83
  reg_set 0, 0x12
  reg_set 1, 0x34
  li t0, UART_BASE
  lbu a0, 0(t0)
  lbu a1, 1(t0)
  reg_set UART_LCR, 0x03                 // DLAB off again before any check can print
  check 12, a0, 0x12
  check 13, a1, 0x34
  reg_is 14, UART_LCR, 0x03
  reg_is 15, UART_IER, 0x00              // the latch did not touch IER
  // MCR has 5 bits
  reg_set UART_MCR, 0xff
  reg_is 16, UART_MCR, 0x1f
  reg_set UART_MCR, 0x00
RVT_END
