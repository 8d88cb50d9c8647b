// test: medeleg sends U and S exceptions to S-mode with scause, sepc, stval and SPP/SPIE set, but never traps taken in M
#include "rvtest.h"
// strap_from mode, n, cause, insn: insn run in mode must reach rvt_strap with that cause and
// sepc; execution then returns to M-mode.
.macro strap_from mode, n, cause, insn:vararg
  li gp, \n
  resume_strap_at .Lr\@
  enter_mode \mode, .La\@
.La\@:
  \insn
  goto_m rvt_fail
.Lr\@:
  check_slog \n, RVT_LOG_CAUSE, \cause
  check_slog_addr \n, RVT_LOG_EPC, .La\@
  goto_m .Lm\@
.Lm\@:
.endm
#define NOWHERE 0x90000000
RVT_BEGIN
  li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_BREAKPOINT)
  csrw medeleg, t0
  csrr a0, medeleg
  check 1, a0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_BREAKPOINT)
  // ecall from U goes to S
  li t0, MSTATUS_SIE
  csrs mstatus, t0                       // SIE = 1 so SPIE can show it
  strap_from PRV_U, 2, CAUSE_ECALL_U, ecall
  check_slog 3, RVT_LOG_TVAL, 0
  la t0, rvt_slog
  ld a0, RVT_LOG_STATUS(t0)
  li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
  and a0, a0, t0
  check 4, a0, MSTATUS_SPIE              // SPP = U, SPIE = old SIE, SIE = 0
  // illegal instruction from S goes to S with stval = the instruction bits
  li t0, MSTATUS_SIE
  csrc mstatus, t0
  strap_from PRV_S, 5, CAUSE_ILLEGAL, .word 0xfe000033
  check_slog 6, RVT_LOG_TVAL, 0xfe000033
  la t0, rvt_slog
  ld a0, RVT_LOG_STATUS(t0)
  li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
  and a0, a0, t0
  check 7, a0, MSTATUS_SPP               // SPP = S, SPIE = old SIE = 0
  // a load access fault from U goes to S with stval = the address
  li s1, NOWHERE + 16
  strap_from PRV_U, 8, CAUSE_LOAD_ACCESS, ld a0, 0(s1)
  check_slog_reg 9, RVT_LOG_TVAL, s1
  // ebreak from S goes to S as well
  strap_from PRV_S, 10, CAUSE_BREAKPOINT, ebreak
  // exceptions in M are never delegated, even with the bit set
  expect_mtrap 13, CAUSE_ILLEGAL, .word 0xfe000033
  expect_mtrap 14, CAUSE_BREAKPOINT, ebreak
  // S-mode ecall is not delegated: it goes to M
  expect_mtrap_from PRV_S, 15, CAUSE_ECALL_S, ecall
  // a cause not delegated from U still goes to M
  expect_mtrap_from PRV_U, 16, CAUSE_STORE_ACCESS, sd a0, 0(s1)
  // the S handler counted exactly the delegated traps
  check_slog 17, RVT_LOG_COUNT, 4
RVT_END
