// test: cycle, instret and time count up and are readable in S and U only where mcounteren and scounteren allow
#include "rvtest.h"
RVT_BEGIN
  csrr a0, instret
  nop
  nop
  csrr a1, instret
  li gp, 1
  bleu a1, a0, rvt_fail                  // instret advanced
  sub a2, a1, a0
  li gp, 2
  sltiu a3, a2, 3                        // at least the two nops and the first csrr
  bnez a3, rvt_fail
  csrr a0, cycle
  csrr a1, mcycle
  li gp, 3
  bltu a1, a0, rvt_fail
  csrr a0, minstret
  li gp, 4
  beqz a0, rvt_fail
  // time equals the CLINT's mtime and moves forward
  csrr a0, time
  li t0, CLINT_MTIME
  li a2, 2000
1:
  addi a2, a2, -1
  bnez a2, 1b
  ld a1, 0(t0)
  li gp, 5
  bltu a1, a0, rvt_fail
  csrr a2, time
  li gp, 6
  bltu a2, a1, rvt_fail
  li gp, 7
  beq a2, a0, rvt_fail
  // with mcounteren = 0, S-mode reads of cycle, time and instret are illegal
  csrw mcounteren, zero
  csrw scounteren, zero
  expect_mtrap_from PRV_S, 8, CAUSE_ILLEGAL, csrr a0, cycle
  expect_mtrap_from PRV_S, 9, CAUSE_ILLEGAL, csrr a0, time
  expect_mtrap_from PRV_S, 10, CAUSE_ILLEGAL, csrr a0, instret
  // enabled in mcounteren: S reads them; U still needs scounteren
  li a0, 7                               // CY, TM, IR
  csrw mcounteren, a0
  li gp, 11
  resume_mtrap_at rvt_fail
  enter_mode PRV_S, 2f
2:
  csrr a0, cycle
  csrr a1, time
  csrr a2, instret
  li gp, 12
  beqz a2, rvt_fail
  goto_m 3f
3:
  expect_mtrap_from PRV_U, 13, CAUSE_ILLEGAL, csrr a0, instret
  li a0, 4                               // IR only
  csrw scounteren, a0
  expect_mtrap_from PRV_U, 14, CAUSE_ILLEGAL, csrr a0, cycle
  li gp, 15
  resume_mtrap_at rvt_fail
  enter_mode PRV_U, 4f
4:
  csrr a2, instret
  li gp, 16
  beqz a2, rvt_fail
  goto_m 5f
5:
  la t0, rvt_mlog
  sd zero, RVT_LOG_RESUME(t0)
  // and the bit in scounteren alone is not enough
  csrw mcounteren, zero
  expect_mtrap_from PRV_U, 17, CAUSE_ILLEGAL, csrr a0, instret
RVT_END
