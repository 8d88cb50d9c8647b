// test: PLIC priority, enable, threshold and claim registers and the CLINT's 32-bit halves read back as on QEMU's virt board
#include "rvtest.h"
#define PLIC_BASE       0x0c000000
#define PLIC_PRIORITY(irq) (PLIC_BASE + 4 * (irq))
#define PLIC_PENDING    (PLIC_BASE + 0x1000)
#define PLIC_ENABLE(ctx)   (PLIC_BASE + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)    (PLIC_BASE + 0x200004 + 0x1000 * (ctx))
.macro word_is n, addr, val
  li t0, \addr
  lwu a0, 0(t0)
  check \n, a0, \val
.endm
.macro word_set addr, val
  li t0, \addr
  li t1, \val
  sw t1, 0(t0)
.endm
RVT_BEGIN
  // nothing pending, nothing to claim
  word_is 1, PLIC_PENDING, 0
  word_is 2, PLIC_CLAIM(0), 0
  word_is 3, PLIC_CLAIM(1), 0
  // priorities, enables and thresholds hold what is written
  word_set PLIC_PRIORITY(10), 5
  word_is 4, PLIC_PRIORITY(10), 5
  word_set PLIC_PRIORITY(1), 1
  word_is 5, PLIC_PRIORITY(1), 1
  word_set PLIC_ENABLE(0), (1 << 10) | (1 << 1)
  word_is 6, PLIC_ENABLE(0), (1 << 10) | (1 << 1)
  word_is 7, PLIC_ENABLE(1), 0           // contexts are separate
  word_set PLIC_THRESHOLD(1), 3
  word_is 8, PLIC_THRESHOLD(1), 3
  word_is 9, PLIC_THRESHOLD(0), 0
  // no pending source means no external interrupt pending at the hart
  csrr a0, mip
  li t0, MIP_MEIP | MIP_SEIP
  and a0, a0, t0
  check 10, a0, 0
  // completing an ID that was never claimed changes nothing
  word_set PLIC_CLAIM(0), 10
  word_is 11, PLIC_CLAIM(0), 0
  word_set PLIC_ENABLE(0), 0
  word_set PLIC_PRIORITY(10), 0
  word_set PLIC_PRIORITY(1), 0
  word_set PLIC_THRESHOLD(1), 0
  // CLINT: msip is one bit; mtimecmp and mtime read as two 32-bit halves
  word_set CLINT_MSIP, 1
  word_is 12, CLINT_MSIP, 1
  word_set CLINT_MSIP, 0
  word_is 13, CLINT_MSIP, 0
  li t0, CLINT_MTIMECMP
  li t1, 0x0123456789abcdef
  sd t1, 0(t0)
  word_is 14, CLINT_MTIMECMP, 0x89abcdef
  word_is 15, CLINT_MTIMECMP + 4, 0x01234567
  li t0, CLINT_MTIME
  ld a1, 0(t0)
  lwu a2, 4(t0)
  srli a1, a1, 32
  sub a3, a2, a1                         // the high half did not move backwards
  li gp, 16
  bltz a3, rvt_fail
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
RVT_END
