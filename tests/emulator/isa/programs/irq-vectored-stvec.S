// test: with vectored stvec, delegated exceptions enter S at the base and supervisor interrupt n at base + 4n
#include "rvtest.h"
RVT_BEGIN
  li t0, MIP_SSIP | MIP_STIP
  csrw mideleg, t0
  li t0, 1 << CAUSE_ECALL_U
  csrw medeleg, t0
  la t0, svectors
  ori t0, t0, 1
  csrw stvec, t0
  li t0, MIP_SSIP | MIP_STIP
  csrw mie, t0
  // a U ecall, delegated: the base entry, s0 = 100
  li gp, 1
  li s0, 0
  enter_mode PRV_U, 1f
1:
  ecall
  // back in S (the handler sret'd to the instruction after the ecall, with SPP = S)
  check 2, s0, 100
  // supervisor software interrupt: base + 4 * 1
  li s0, 0
  csrsi sip, MIP_SSIP
  csrsi sstatus, MSTATUS_SIE
2:
  beqz s0, 2b
  check 3, s0, 1
  csrci sstatus, MSTATUS_SIE
  goto_m 3f
3:
  // supervisor timer interrupt, raised by M: base + 4 * 5
  li t0, MIP_STIP
  csrs mip, t0
  li gp, 4
  li s0, 0
  enter_mode PRV_S, 4f
4:
  csrsi sstatus, MSTATUS_SIE
5:
  beqz s0, 5b
  check 5, s0, 5
  csrci sstatus, MSTATUS_SIE
  csrr a0, scause
  check 6, a0, CAUSE_INTERRUPT | 5
  goto_m 6f
6:
  li t0, MIP_STIP
  csrc mip, t0
  csrw mie, zero
  csrw mideleg, zero
  csrw medeleg, zero
  la t0, rvt_strap
  csrw stvec, t0
RVT_END
  .text
  .align 8
  .option push
  .option norvc
svectors:
  j s_exception                          // 0: every exception
  j s_ssi                                // 1: supervisor software
  j rvt_fail_from_s                      // 2
  j rvt_fail_from_s                      // 3
  j rvt_fail_from_s                      // 4
  j s_sti                                // 5: supervisor timer
  j rvt_fail_from_s                      // 6
  j rvt_fail_from_s                      // 7
  j rvt_fail_from_s                      // 8
  j rvt_fail_from_s                      // 9: supervisor external
  .option pop
s_exception:
  csrr t0, scause
  li t1, CAUSE_ECALL_U
  bne t0, t1, rvt_fail_from_s
  csrr t0, sepc
  addi t0, t0, 4
  csrw sepc, t0
  li t0, MSTATUS_SPP                     // return to S, not U
  csrs sstatus, t0
  li s0, 100
  sret
s_ssi:
  csrci sip, MIP_SSIP
  li s0, 1
  li t0, MSTATUS_SPIE                    // stay with SIE = 0 after sret
  csrc sstatus, t0
  sret
s_sti:
  li s0, 5
  li t0, MSTATUS_SPIE                    // STIP stays pending (only M clears it): SIE off
  csrc sstatus, t0
  sret
rvt_fail_from_s:
  goto_m rvt_fail
