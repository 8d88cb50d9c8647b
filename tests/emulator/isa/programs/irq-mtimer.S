// test: the CLINT timer raises MTIP once mtime reaches mtimecmp, and the interrupt is taken only with mie.MTIE and mstatus.MIE set
#include "rvtest.h"
RVT_BEGIN
  // MTIP is clear while mtimecmp is in the future
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  check 1, a0, 0
  // MTIP is read-only in mip: setting it by CSR write does nothing
  li t0, MIP_MTIP
  csrs mip, t0
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  check 2, a0, 0
  // a deadline a little ahead; spin with the interrupt enabled until it arrives
  li t0, CLINT_MTIME
  ld s0, 0(t0)
  li t1, 3000
  add s0, s0, t1
  li t0, CLINT_MTIMECMP
  sd s0, 0(t0)
  li t0, MIP_MTIP
  csrw mie, t0
  li gp, 3
  resume_mtrap_at 2f
  li s1, 0
  csrsi mstatus, MSTATUS_MIE
1:
  addi s1, s1, 1
  j 1b
2:
  check_mlog 4, RVT_LOG_CAUSE, CAUSE_INTERRUPT | 7
  li t0, CLINT_MTIME
  ld a0, 0(t0)
  li gp, 5
  bltu a0, s0, rvt_fail                  // not before the deadline
  li gp, 6
  beqz s1, rvt_fail                      // the loop ran while waiting
  csrr a0, mstatus
  andi a0, a0, MSTATUS_MIE
  check 7, a0, 0                         // the trap cleared MIE
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  check 8, a0, MIP_MTIP                  // still pending until mtimecmp moves
  // with mie.MTIE clear, MIE set does not take it
  csrw mie, zero
  li gp, 9
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  // moving mtimecmp past mtime clears MTIP
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  check 10, a0, 0
  // mtimecmp is readable and holds what was written (also with 32-bit halves)
  li t0, CLINT_MTIMECMP
  li t1, 0x12345678
  sw t1, 0(t0)
  li t1, 0x7fffffff
  sw t1, 4(t0)
  ld a0, 0(t0)
  check 11, a0, 0x7fffffff12345678
  // mtime keeps counting
  li t0, CLINT_MTIME
  ld a0, 0(t0)
  nop
  nop
  nop
  nop
  ld a1, 0(t0)
  li gp, 12
  bltu a1, a0, rvt_fail
RVT_END
