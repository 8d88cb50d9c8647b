// test: with vectored mtvec, exceptions enter at the base and interrupt n at base + 4n
#include "rvtest.h"
RVT_BEGIN
  la t0, vectors
  ori t0, t0, 1                          // MODE = vectored
  csrw mtvec, t0
  csrr a0, mtvec
  la t1, vectors
  ori t1, t1, 1
  check_regs 1, a0, t1
  // an exception uses the base even in vectored mode
  li s0, 0
  li gp, 2
  ecall
  check 3, s0, 100
  // machine software interrupt (cause 3) enters at base + 12
  li s0, 0
  li t0, MIP_MSIP
  csrw mie, t0
  li t1, CLINT_MSIP
  li t0, 1
  sw t0, 0(t1)
  li gp, 4
  csrsi mstatus, MSTATUS_MIE
1:
  beqz s0, 1b                            // until the handler ran
  check 5, s0, 3
  csrr a0, mcause
  check 6, a0, CAUSE_INTERRUPT | 3
  csrci mstatus, MSTATUS_MIE             // mret restored MIE = 1
  // machine timer interrupt (cause 7) enters at base + 28
  li s0, 0
  li t0, MIP_MTIP
  csrw mie, t0
  li t1, CLINT_MTIMECMP
  sd zero, 0(t1)                         // mtime >= 0: pending at once
  li gp, 7
  csrsi mstatus, MSTATUS_MIE
2:
  beqz s0, 2b
  check 8, s0, 7
  csrr a0, mcause
  check 9, a0, CAUSE_INTERRUPT | 7
  csrw mie, zero
  la t0, rvt_mtrap
  csrw mtvec, t0
RVT_END
  .text
  .align 8                               // vectored base: 4-byte entries, so no compressed jumps
  .option push
  .option norvc
vectors:
  j on_exception                         // 0: every exception
  j rvt_fail                             // 1: supervisor software
  j rvt_fail                             // 2
  j on_msi                               // 3: machine software
  j rvt_fail                             // 4
  j rvt_fail                             // 5: supervisor timer
  j rvt_fail                             // 6
  j on_mti                               // 7: machine timer
  j rvt_fail                             // 8
  j rvt_fail                             // 9: supervisor external
  j rvt_fail                             // 10
  j rvt_fail                             // 11: machine external
  .option pop
on_exception:
  csrr t0, mcause
  li t1, CAUSE_ECALL_M
  bne t0, t1, rvt_fail
  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  li s0, 100
  mret
on_msi:
  li t0, CLINT_MSIP
  sw zero, 0(t0)                         // clears mip.MSIP
  li s0, 3
  mret
on_mti:
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)                           // clears mip.MTIP
  li s0, 7
  mret
