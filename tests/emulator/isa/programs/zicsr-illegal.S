// test: writing a read-only CSR, an unknown CSR and an M-mode CSR from S or U raise illegal instruction with the instruction bits in mtval
#include "rvtest.h"
// illegal_m n, insn, bits: insn in M-mode must trap with cause 2, mepc at it and mtval == bits
.macro illegal_m n, bits, insn:vararg
  expect_mtrap \n, CAUSE_ILLEGAL, \insn
  check_mlog \n, RVT_LOG_TVAL, \bits
.endm
.macro illegal_from mode, n, bits, insn:vararg
  expect_mtrap_from \mode, \n, CAUSE_ILLEGAL, \insn
  check_mlog \n, RVT_LOG_TVAL, \bits
.endm
RVT_BEGIN
  li a0, 1
  illegal_m 1, 0xf1451073, csrw mhartid, a0          // bits 11:10 = 11: read-only
  illegal_m 2, 0xf1156073, csrrsi zero, mvendorid, 10   // a set with a nonzero uimm writes
  illegal_m 3, 0xc0051073, csrw cycle, a0            // user counters are read-only
  illegal_m 4, 0x7ff02573, csrr a0, 0x7ff            // no CSR there
  illegal_m 5, 0x5ff02573, csrr a0, 0x5ff
  illegal_m 6, 0x00302573, csrr a0, fcsr             // no F extension
  illegal_m 7, 0xffffffff, .word 0xffffffff
  illegal_m 8, 0x00000000, .word 0x00000000         // all zeros is defined illegal
  // S-mode may not touch M-mode CSRs; U-mode may not touch S-mode ones
  illegal_from PRV_S, 9, 0x30002573, csrr a0, mstatus
  illegal_from PRV_S, 10, 0x34051073, csrw mscratch, a0
  illegal_from PRV_U, 11, 0x10002573, csrr a0, sstatus
  illegal_from PRV_U, 12, 0x30002573, csrr a0, mstatus
  illegal_from PRV_U, 13, 0x14051073, csrw sscratch, a0
  // privileged instructions below their level
  illegal_from PRV_S, 14, 0x30200073, mret
  illegal_from PRV_U, 15, 0x10200073, sret
  // S-mode reads its own CSRs without trapping
  li gp, 16
  resume_mtrap_at rvt_fail
  enter_mode PRV_S, 1f
1:
  csrr a0, sstatus
  csrw sscratch, a0
  csrr a1, sscratch
  bne a0, a1, rvt_fail
  goto_m 2f
2:
  la t0, rvt_mlog
  sd zero, RVT_LOG_RESUME(t0)
RVT_END
