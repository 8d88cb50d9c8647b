// test: with SEIP delegated, a UART byte reaches S-mode as a supervisor external interrupt through PLIC context 1
// input: k
#include "rvtest.h"
#define PLIC_BASE       0x0c000000
#define PLIC_PRIORITY(irq) (PLIC_BASE + 4 * (irq))
#define PLIC_PENDING    (PLIC_BASE + 0x1000)
#define PLIC_ENABLE(ctx)   (PLIC_BASE + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)    (PLIC_BASE + 0x200004 + 0x1000 * (ctx))
#define UART_IRQ 10
RVT_BEGIN
  li t0, MIP_SEIP
  csrw mideleg, t0
  csrw mie, t0
  li t0, PLIC_PRIORITY(UART_IRQ)
  li t1, 2
  sw t1, 0(t0)
  li t0, PLIC_ENABLE(1)                  // context 1: hart 0 S-mode
  li t1, 1 << UART_IRQ
  sw t1, 0(t0)
  // a threshold at the source's priority masks it
  li t0, PLIC_THRESHOLD(1)
  li t1, 2
  sw t1, 0(t0)
  li t0, UART_BASE
  li t1, 1
  sb t1, 1(t0)                           // IER: received data available
  // wait until the byte is in the receiver and pending at the PLIC
  li t0, UART_BASE
1:
  lbu a0, 5(t0)
  andi a0, a0, 1
  beqz a0, 1b
  li t0, PLIC_PENDING
  lw a0, 0(t0)
  li t1, 1 << UART_IRQ
  and a0, a0, t1
  check 1, a0, 1 << UART_IRQ
  csrr a0, mip
  li t1, MIP_SEIP
  and a0, a0, t1
  check 2, a0, 0                         // masked by the threshold
  // lower the threshold: SEIP rises and S takes it
  li t0, PLIC_THRESHOLD(1)
  li t1, 1
  sw t1, 0(t0)
  li gp, 3
  resume_strap_at 2f
  enter_mode PRV_S, 3f
3:
  csrsi sstatus, MSTATUS_SIE
4:
  j 4b
2:
  check_slog 4, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 9
  li t0, PLIC_CLAIM(1)
  lw s0, 0(t0)
  check 5, s0, UART_IRQ
  li t0, UART_BASE
  lbu a0, 0(t0)
  check 6, a0, 'k'
  li t0, PLIC_CLAIM(1)
  sw s0, 0(t0)
  csrr a0, sip
  andi a0, a0, MIP_SEIP
  check 7, a0, 0
  goto_m 5f
5:
  csrw mie, zero
  csrw mideleg, zero
RVT_END
