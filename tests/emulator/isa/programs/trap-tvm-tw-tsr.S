// test: mstatus.TVM, TW and TSR make satp and sfence.vma, wfi and sret in S-mode illegal instructions, and wfi in U-mode is illegal
#include "rvtest.h"
#define MSTATUS_TVM (1 << 20)
#define MSTATUS_TW  (1 << 21)
#define MSTATUS_TSR (1 << 22)
RVT_BEGIN
  // without the bits, S-mode may do all of it
  li gp, 1
  resume_mtrap_at rvt_fail
  enter_mode PRV_S, 1f
1:
  csrr a0, satp
  csrw satp, zero
  sfence.vma
  la t0, 2f
  csrw sepc, t0
  li t0, MSTATUS_SPP
  csrs sstatus, t0                       // sret back to S
  sret
2:
  goto_m 3f
3:
  la t0, rvt_mlog
  sd zero, RVT_LOG_RESUME(t0)
  // TVM: satp accesses and sfence.vma trap in S
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  expect_mtrap_from PRV_S, 2, CAUSE_ILLEGAL, csrr a0, satp
  expect_mtrap_from PRV_S, 3, CAUSE_ILLEGAL, csrw satp, zero
  expect_mtrap_from PRV_S, 4, CAUSE_ILLEGAL, sfence.vma
  // ... but not in M
  csrr a0, satp
  sfence.vma
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  // TW: wfi in S traps (the spec allows a bounded wait first; a pending-free wfi never ends)
  li t0, MSTATUS_TW
  csrs mstatus, t0
  expect_mtrap_from PRV_S, 5, CAUSE_ILLEGAL, wfi
  check_mlog 6, RVT_LOG_TVAL, 0x10500073
  li t0, MSTATUS_TW
  csrc mstatus, t0
  // TSR: sret in S traps
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  expect_mtrap_from PRV_S, 7, CAUSE_ILLEGAL, sret
  check_mlog 8, RVT_LOG_TVAL, 0x10200073
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  // wfi in U-mode is illegal even with TW = 0 (S-mode exists), as QEMU and ForkLab both do
  expect_mtrap_from PRV_U, 9, CAUSE_ILLEGAL, wfi
RVT_END
