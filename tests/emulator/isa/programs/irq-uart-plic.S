// test: a byte arriving at the UART raises PLIC source 10 as a machine external interrupt, claimed and completed through the PLIC
// input: Z
#include "rvtest.h"
#define PLIC_BASE       0x0c000000
#define PLIC_PRIORITY(irq) (PLIC_BASE + 4 * (irq))
#define PLIC_ENABLE(ctx)   (PLIC_BASE + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)    (PLIC_BASE + 0x200004 + 0x1000 * (ctx))
#define UART_IRQ 10
RVT_BEGIN
  li t0, PLIC_PRIORITY(UART_IRQ)
  li t1, 1
  sw t1, 0(t0)
  li t0, PLIC_ENABLE(0)                  // context 0: hart 0 M-mode
  li t1, 1 << UART_IRQ
  sw t1, 0(t0)
  li t0, PLIC_THRESHOLD(0)
  sw zero, 0(t0)
  li t0, UART_BASE
  li t1, 1                               // IER: received data available
  sb t1, 1(t0)
  li t0, MIP_MEIP
  csrw mie, t0
  li gp, 1
  resume_mtrap_at 2f
  csrsi mstatus, MSTATUS_MIE
1:
  wfi
  j 1b
2:
  check_mlog 2, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 11
  li t0, PLIC_CLAIM(0)
  lw s0, 0(t0)
  check 3, s0, UART_IRQ
  li t0, UART_BASE
  lbu a0, 5(t0)                          // LSR: data ready
  andi a0, a0, 1
  check 4, a0, 1
  lbu a0, 0(t0)                          // RBR
  check 5, a0, 'Z'
  lbu a0, 5(t0)
  andi a0, a0, 1
  check 6, a0, 0
  li t0, PLIC_CLAIM(0)
  sw s0, 0(t0)                           // complete
  csrr a0, mip
  li t0, MIP_MEIP
  and a0, a0, t0
  check 7, a0, 0                         // nothing else pending
  csrw mie, zero
RVT_END
