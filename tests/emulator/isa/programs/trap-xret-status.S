// test: mret and sret restore MIE/SIE from MPIE/SPIE, set MPIE/SPIE and drop MPP/SPP to U
#include "rvtest.h"
// status_bits n, reg, mask, value: fail with n unless (reg & mask) == value
.macro status_bits n, reg, mask, val
  li t0, \mask
  and t0, \reg, t0
  check \n, t0, \val
.endm
#define MRET_FIELDS (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)
RVT_BEGIN
  // mret to M with MPIE = 1, MIE = 0 (no interrupt is enabled in mie, so MIE = 1 is harmless)
  li t0, MRET_FIELDS
  csrc mstatus, t0
  li t0, MSTATUS_MPIE | MSTATUS_MPP
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  li gp, 1
  mret
  j rvt_fail
1:
  csrr a0, mstatus
  status_bits 2, a0, MRET_FIELDS, MSTATUS_MIE | MSTATUS_MPIE   // MPP = U after mret
  // mret to M with MPIE = 0, MIE = 1
  li t0, MRET_FIELDS
  csrc mstatus, t0
  li t0, MSTATUS_MIE | MSTATUS_MPP
  csrs mstatus, t0
  la t0, 2f
  csrw mepc, t0
  li gp, 3
  mret
  j rvt_fail
2:
  csrr a0, mstatus
  status_bits 4, a0, MRET_FIELDS, MSTATUS_MPIE
  // mret to S: the next trap's log shows MPP = S (that mret also clears MPRV, per the
  // privileged spec 1.12, which QEMU 7.2 does not do: see trap-mret-clears-mprv.S)
  expect_mtrap_from PRV_S, 5, CAUSE_ECALL_S, ecall
  la t0, rvt_mlog
  ld a0, RVT_LOG_STATUS(t0)
  status_bits 6, a0, MSTATUS_MPP, (PRV_S << 11)
  // a trap saves MIE in MPIE and clears MIE
  li t0, MSTATUS_MIE
  csrs mstatus, t0
  expect_mtrap 7, CAUSE_ECALL_M, ecall
  la t0, rvt_mlog
  ld a0, RVT_LOG_STATUS(t0)
  status_bits 8, a0, MRET_FIELDS, MSTATUS_MPIE | MSTATUS_MPP
  csrr a0, mstatus
  status_bits 9, a0, MSTATUS_MIE, 0
  // sret from S to U with SPIE = 1, SIE = 0: afterwards SIE = 1, SPIE = 1, SPP = U
  li t0, MSTATUS_SIE | MSTATUS_SPP
  csrc mstatus, t0
  li t0, MSTATUS_SPIE
  csrs mstatus, t0
  li gp, 10
  resume_mtrap_at 4f
  enter_mode PRV_S, 3f
3:
  la t0, 5f
  csrw sepc, t0
  sret
  goto_m rvt_fail
5:
  ecall                                  // from U, if sret went to U
  goto_m rvt_fail
4:
  check_mlog 11, RVT_LOG_CAUSE, CAUSE_ECALL_U
  check_mlog_addr 12, RVT_LOG_EPC, 5b
  la t0, rvt_mlog
  ld a0, RVT_LOG_STATUS(t0)
  status_bits 13, a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SIE | MSTATUS_SPIE
  // sret with SPP = S stays in S; SIE takes SPIE (0 here), SPIE becomes 1, SPP becomes U
  li t0, MSTATUS_SIE | MSTATUS_SPIE
  csrc mstatus, t0
  li t0, MSTATUS_SPP | MSTATUS_SIE
  csrs mstatus, t0
  li gp, 14
  resume_mtrap_at 6f
  enter_mode PRV_S, 7f
7:
  la t0, 8f
  csrw sepc, t0
  sret
  goto_m rvt_fail
8:
  csrr a1, sstatus                       // legal only in S: proves sret stayed in S
  ecall
  goto_m rvt_fail
6:
  check_mlog 15, RVT_LOG_CAUSE, CAUSE_ECALL_S
  la t0, rvt_mlog
  ld a0, RVT_LOG_STATUS(t0)
  status_bits 16, a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE
  status_bits 17, a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE
RVT_END
