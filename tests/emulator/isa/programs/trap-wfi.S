// test: wfi resumes when an enabled interrupt is pending even with MIE clear, then the interrupt is taken once MIE is set
#include "rvtest.h"
RVT_BEGIN
  li t0, MIP_MTIP
  csrw mie, t0                           // timer enabled, mstatus.MIE still 0
  li t1, CLINT_MTIME
  ld t2, 0(t1)
  li t0, 5000
  add t2, t2, t0
  li t1, CLINT_MTIMECMP
  sd t2, 0(t1)
  li gp, 1                               // an interrupt taken here would be unexpected: MIE = 0
1:
  wfi                                    // may also return early (the spec allows a nop)
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  beqz a0, 1b
  li t1, CLINT_MTIME
  ld a1, 0(t1)
  li gp, 2
  bltu a1, t2, rvt_fail                  // MTIP means mtime >= mtimecmp
  // enabling MIE takes the pending interrupt right after the csrs
  li gp, 3
  resume_mtrap_at 2f
  csrsi mstatus, MSTATUS_MIE
l_after_enable:
  j rvt_fail
2:
  check_mlog 4, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 7
  check_mlog_addr 5, RVT_LOG_EPC, l_after_enable
  li t1, CLINT_MTIMECMP
  li t0, -1
  sd t0, 0(t1)
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  check 6, a0, 0                         // a far mtimecmp clears MTIP
  // wfi is legal in S-mode (TW = 0) and returns for a pending, enabled interrupt there too
  li t1, CLINT_MTIMECMP
  sd zero, 0(t1)
  li gp, 7
  resume_mtrap_at 3f
  enter_mode PRV_S, 4f
4:
  wfi                                    // M interrupts are always enabled in S: taken at or after wfi
  j 4b
3:
  check_mlog 8, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 7
  li t1, CLINT_MTIMECMP
  li t0, -1
  sd t0, 0(t1)
  csrw mie, zero
RVT_END
