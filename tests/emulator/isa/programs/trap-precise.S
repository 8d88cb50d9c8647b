// test: a fault in the middle of a hot straight-line run is precise: earlier instructions completed, later ones did not, mepc names the faulting one
#include "rvtest.h"
#define NOWHERE 0x90000000
RVT_BEGIN
  // a loop whose body loads through s1; for 19999 rounds s1 is valid, in round 20000 it is not
  // (20000 rounds: past the translator's default threshold of 4096 runs of a block and the
  // wait for its batch, up to 4 thresholds; jit.ts)
  la s2, cell
  li s3, NOWHERE
  li s0, 20000
  li a0, 0
  li a1, 0
  li a2, 0
  resume_mtrap_at 2f
1:
  addi a0, a0, 1
  addi t2, s0, -1
  mv s1, s2
  bnez t2, 3f
  mv s1, s3                              // the last round loads from nowhere
3:
  addi a1, a1, 2
l_load:
  ld t3, 0(s1)
  addi a2, a2, 3
  addi s0, s0, -1
  bnez s0, 1b
  j rvt_fail
2:
  check_mlog 1, RVT_LOG_CAUSE, CAUSE_LOAD_ACCESS
  check_mlog_addr 2, RVT_LOG_EPC, l_load
  check_mlog 3, RVT_LOG_TVAL, NOWHERE
  check 4, a0, 20000                     // before the load: all 20000 rounds
  check 5, a1, 40000
  check 6, a2, 59997                     // after the load: only 19999 rounds
  check 7, s0, 1
  // the same for a store, and for an illegal instruction in a hot loop
  li s0, 20000
  li a0, 0
  resume_mtrap_at 5f
4:
  addi a0, a0, 1
  addi t2, s0, -1
  mv s1, s2
  bnez t2, 6f
  mv s1, s3
6:
l_store:
  sd a0, 0(s1)
  addi s0, s0, -1
  bnez s0, 4b
  j rvt_fail
5:
  check_mlog 8, RVT_LOG_CAUSE, CAUSE_STORE_ACCESS
  check_mlog_addr 9, RVT_LOG_EPC, l_store
  check 10, a0, 20000
  check_mem 11, ld, cell, 19999
  li s0, 20000
  li a0, 0
  resume_mtrap_at 8f
7:
  addi a0, a0, 1
  addi t2, s0, -1
  bnez t2, 9f
l_illegal:
  .word 0xfe000033                       // reached in the last round only
9:
  addi s0, s0, -1
  bnez s0, 7b
  j rvt_fail
8:
  check_mlog 12, RVT_LOG_CAUSE, CAUSE_ILLEGAL
  check_mlog_addr 13, RVT_LOG_EPC, l_illegal
  check 14, a0, 20000
  check 15, s0, 1
RVT_END
  .data
  .align 3
cell: .dword 0
