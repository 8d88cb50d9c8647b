// test: fetching, loading and storing outside RAM and devices raise access faults 1, 5 and 7 with the address in mtval
#include "rvtest.h"
#define NOWHERE 0x90000000                 /* past the end of 128 MiB of RAM, no device */
RVT_BEGIN
  li s0, NOWHERE
  expect_mtrap 1, CAUSE_LOAD_ACCESS, ld a0, 0(s0)
  check_mlog_reg 2, RVT_LOG_TVAL, s0
  expect_mtrap 3, CAUSE_LOAD_ACCESS, lbu a0, 5(s0)
  addi s1, s0, 5
  check_mlog_reg 4, RVT_LOG_TVAL, s1
  expect_mtrap 5, CAUSE_STORE_ACCESS, sw a0, 8(s0)
  addi s1, s0, 8
  check_mlog_reg 6, RVT_LOG_TVAL, s1
  // the spec makes AMOs fault as stores (7); QEMU 7.2 reports the load half (5): either is accepted
  expect_mtrap_either 7, CAUSE_STORE_ACCESS, CAUSE_LOAD_ACCESS, amoadd.d a0, a0, (s0)
  // jumping into nowhere: the fault is taken at the target, mepc = mtval = target
  li gp, 8
  resume_mtrap_at 1f
  jalr ra, 0(s0)
  j rvt_fail
1:
  check_mlog 9, RVT_LOG_CAUSE, CAUSE_FETCH_ACCESS
  check_mlog_reg 10, RVT_LOG_EPC, s0
  check_mlog_reg 11, RVT_LOG_TVAL, s0
  check_addr 12, ra, 1b - 4              // the jalr itself retired and linked
  // a hole below the test device, and from U-mode too
  li s0, 0x50000
  expect_mtrap_from PRV_U, 13, CAUSE_LOAD_ACCESS, lw a0, 0(s0)
  check_mlog_reg 14, RVT_LOG_TVAL, s0
  li gp, 15
  resume_mtrap_at 2f
  li t0, MSTATUS_MPP
  csrc mstatus, t0                       // MPP = U
  li t0, NOWHERE
  csrw mepc, t0
  mret
2:
  check_mlog 16, RVT_LOG_CAUSE, CAUSE_FETCH_ACCESS
  check_mlog 17, RVT_LOG_EPC, NOWHERE
RVT_END
