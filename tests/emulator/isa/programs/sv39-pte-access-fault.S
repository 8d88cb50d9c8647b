// test: a page walk that reads a PTE outside memory raises an access fault of the access's kind (5, 7, 1), not a page fault
// forklab-only: QEMU 7.2 reports a page fault when the PTE read itself fails (privileged spec 1.12, 4.3.2 step 2, says access fault)
#include "rvtest.h"
#include "sv39.h"
#define NOWHERE 0x90000000
RVT_BEGIN
  sv39_setup
  la t0, sv39_l1                         // VA 0x40200000-0x403fffff: level-0 table at NOWHERE
  li t1, NOWHERE
  make_pte t2, t1, PTE_V
  sd t2, 8(t0)
  sfence.vma
  li s1, 0x40200000 + 0x18
  expect_mtrap_from PRV_S, 1, CAUSE_LOAD_ACCESS, ld a1, 0(s1)
  check_mlog_reg 2, RVT_LOG_TVAL, s1
  expect_mtrap_from PRV_S, 3, CAUSE_STORE_ACCESS, sd a1, 0(s1)
  check_mlog_reg 4, RVT_LOG_TVAL, s1
  li gp, 5
  resume_mtrap_at 1f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (PRV_S << 11)
  csrs mstatus, t0
  csrw mepc, s1
  mret
1:
  check_mlog 5, RVT_LOG_CAUSE, CAUSE_FETCH_ACCESS
  check_mlog_reg 6, RVT_LOG_EPC, s1
  csrw satp, zero
RVT_END
SV39_DATA
