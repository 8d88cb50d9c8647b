// test: the CLINT msip register raises and clears the machine software interrupt, cause 3
#include "rvtest.h"
RVT_BEGIN
  li s0, CLINT_MSIP
  lw a0, 0(s0)
  check 1, a0, 0
  li t0, 1
  sw t0, 0(s0)
  lw a0, 0(s0)
  check 2, a0, 1
  csrr a0, mip
  andi a0, a0, MIP_MSIP
  check 3, a0, MIP_MSIP
  // pending but MIE is clear: nothing happens
  li t0, MIP_MSIP
  csrw mie, t0
  li gp, 4
  nop
  // now take it: mepc is the instruction after the csrs
  li gp, 5
  resume_mtrap_at 1f
  csrsi mstatus, MSTATUS_MIE
l_next:
  j rvt_fail
1:
  check_mlog 6, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 3
  check_mlog_addr 7, RVT_LOG_EPC, l_next
  check_mlog 8, RVT_LOG_TVAL, 0
  sw zero, 0(s0)
  csrr a0, mip
  andi a0, a0, MIP_MSIP
  check 9, a0, 0
  // with msip clear, enabling interrupts again takes nothing
  li gp, 10
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  csrw mie, zero
  // only bit 0 of msip is writable
  li t0, 0xfffffffe
  sw t0, 0(s0)
  lw a0, 0(s0)
  check 11, a0, 0
RVT_END
