// test: two pending machine interrupts are taken MSI before MTI, two supervisor ones SSI before STI
// (the orders QEMU 7.2 and the spec agree on; irq-priority checks M-level before S-level)
#include "rvtest.h"
.macro take n, cause
  li gp, \n
  resume_mtrap_at .Lr\@
  csrsi mstatus, MSTATUS_MIE
  j rvt_fail
.Lr\@:
  check_mlog \n, RVT_LOG_CAUSE, CAUSE_INTERRUPT | \cause
.endm
RVT_BEGIN
  li t0, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP
  csrw mie, t0
  li t0, CLINT_MTIMECMP
  sd zero, 0(t0)
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  take 1, 3
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  take 2, 7
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  li t0, MIP_SSIP | MIP_STIP             // not delegated: they go to M
  csrs mip, t0
  take 3, 1
  csrci mip, MIP_SSIP
  take 4, 5
  li t0, MIP_STIP
  csrc mip, t0
  li gp, 5
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  csrw mie, zero
RVT_END
