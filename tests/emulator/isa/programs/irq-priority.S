// test: with MSI, MTI, SSI and STI pending at once M-mode takes them in the spec's order MSI, MTI, SSI, STI
// forklab-only: QEMU 7.2 without AIA takes the lowest-numbered pending interrupt first (SSI before MSI); irq-priority-same-level checks the orders both agree on
#include "rvtest.h"
// take n, cause: enable MIE, the next interrupt taken must be cause; MIE is clear again after
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
  li t0, MIP_SSIP | MIP_STIP             // not delegated: they go to M
  csrs mip, t0
  li t0, CLINT_MTIMECMP
  sd zero, 0(t0)
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  csrr a0, mip
  li t0, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP
  and a0, a0, t0
  check 1, a0, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP
  take 2, 3
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  take 3, 7
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  take 4, 1
  csrci mip, MIP_SSIP
  take 5, 5
  li t0, MIP_STIP
  csrc mip, t0
  // nothing left
  li gp, 6
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  csrw mie, zero
RVT_END
