// test: mideleg sends supervisor interrupts to S, taken in U always and in S only with SIE, never in M; M interrupts preempt S
#include "rvtest.h"
RVT_BEGIN
  // sie and sip show only delegated interrupts: nothing is delegated yet
  li t0, MIP_STIP | MIP_SSIP
  csrw mie, t0
  csrr a0, sie
  check 18, a0, 0
  csrw mie, zero
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mideleg, t0
  csrr a0, mideleg
  check 1, a0, MIP_SSIP | MIP_STIP | MIP_SEIP
  li t0, MIP_STIP | MIP_SSIP
  csrw mie, t0
  csrr a0, sie                           // sie shows the delegated bits of mie
  check 2, a0, MIP_STIP | MIP_SSIP
  // M-mode software sets STIP; a delegated interrupt is never taken in M, even with MIE
  li t0, MIP_STIP
  csrs mip, t0
  csrr a0, sip
  andi a0, a0, MIP_STIP
  check 3, a0, MIP_STIP
  li gp, 4
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  // in S with SIE = 0 it waits; setting SIE takes it in S
  li gp, 5
  resume_strap_at 2f
  enter_mode PRV_S, 1f
1:
  nop
  nop
  csrsi sstatus, MSTATUS_SIE
l_after_sie:
  goto_m rvt_fail
2:
  check_slog 6, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 5
  check_slog_addr 7, RVT_LOG_EPC, l_after_sie
  check_slog 8, RVT_LOG_TVAL, 0
  // S cannot clear STIP (read-only in sip); back in M it does
  li t0, MIP_STIP
  csrc sip, t0
  csrr a0, sip
  andi a0, a0, MIP_STIP
  check 19, a0, MIP_STIP
  goto_m 3f
3:
  // in U the S interrupt is taken whatever SIE says
  li t0, MSTATUS_SIE
  csrc mstatus, t0
  li gp, 9
  resume_strap_at 4f
  enter_mode PRV_U, 5f
5:
  nop
  goto_m rvt_fail
4:
  check_slog 10, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 5
  check_slog_addr 11, RVT_LOG_EPC, 5b
  la t0, rvt_slog
  ld a0, RVT_LOG_STATUS(t0)
  andi a0, a0, MSTATUS_SPP
  check 12, a0, 0                        // interrupted in U
  goto_m 6f
6:
  li t0, MIP_STIP
  csrc mip, t0
  // S software interrupt: S sets sip.SSIP itself and takes it with SIE
  li gp, 13
  resume_strap_at 7f
  enter_mode PRV_S, 8f
8:
  csrsi sip, MIP_SSIP
  csrsi sstatus, MSTATUS_SIE
  goto_m rvt_fail
7:
  check_slog 14, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 1
  csrci sip, MIP_SSIP
  csrr a0, sip
  andi a0, a0, MIP_SSIP
  check 15, a0, 0
  goto_m 9f
9:
  // a machine interrupt (not delegated) preempts S even with mstatus.MIE = 0
  li t0, MIP_MSIP
  csrs mie, t0
  li t0, MSTATUS_MIE
  csrc mstatus, t0
  li gp, 16
  resume_mtrap_at 10f
  enter_mode PRV_S, 11f
11:
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  j 11b
10:
  check_mlog 17, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 3
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  csrw mie, zero
  csrw mideleg, zero
RVT_END
