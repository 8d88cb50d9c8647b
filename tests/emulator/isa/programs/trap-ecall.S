// test: ecall from M, S and U traps to M with cause 11, 9 and 8, mepc at the ecall and MPP naming the old mode
#include "rvtest.h"
RVT_BEGIN
  expect_mtrap 1, CAUSE_ECALL_M, ecall
  check_mlog 2, RVT_LOG_TVAL, 0
  expect_mtrap_from PRV_S, 3, CAUSE_ECALL_S, ecall
  la t0, rvt_mlog
  ld a0, RVT_LOG_STATUS(t0)
  li t1, MSTATUS_MPP
  and a0, a0, t1
  check 4, a0, (PRV_S << 11)
  check_mlog 5, RVT_LOG_TVAL, 0
  expect_mtrap_from PRV_U, 6, CAUSE_ECALL_U, ecall
  la t0, rvt_mlog
  ld a0, RVT_LOG_STATUS(t0)
  li t1, MSTATUS_MPP
  and a0, a0, t1
  check 7, a0, (PRV_U << 11)
  // the trap handler runs in M: mret with MPP = M returns to M at mepc + 4 explicitly
  li gp, 8
  la t0, 1f
  csrw mtvec, t0
  ecall
  j 2f
  .align 2
1:
  csrr a0, mepc
  addi a0, a0, 4
  csrw mepc, a0
  li t0, MSTATUS_MPP
  csrs mstatus, t0                       // MPP = M
  mret
2:
  la t0, rvt_mtrap
  csrw mtvec, t0
  // still in M: an M-only CSR is accessible
  csrr a0, mscratch
  // registers survive an ecall round trip
  li s2, 0x5a5a
  expect_mtrap_from PRV_U, 9, CAUSE_ECALL_U, ecall
  check 10, s2, 0x5a5a
RVT_END
