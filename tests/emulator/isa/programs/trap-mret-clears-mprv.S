// test: mret to a mode below M clears mstatus.MPRV and mret to M keeps it, as privileged spec 1.12 requires
// (sret cannot be tested the same way: MPRV cannot be set again from S-mode)
// forklab-only: QEMU 7.2 leaves MPRV set on mret (fixed in later QEMU releases)
#include "rvtest.h"
RVT_BEGIN
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  expect_mtrap_from PRV_S, 1, CAUSE_ECALL_S, ecall
  la t0, rvt_mlog
  ld a0, RVT_LOG_STATUS(t0)
  li t0, MSTATUS_MPRV
  and a0, a0, t0
  check 2, a0, 0
  // mret to M keeps MPRV
  li t0, MSTATUS_MPRV | MSTATUS_MPP
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1:
  csrr a0, mstatus
  li t0, MSTATUS_MPRV
  and a0, a0, t0
  check 3, a0, MSTATUS_MPRV
RVT_END
