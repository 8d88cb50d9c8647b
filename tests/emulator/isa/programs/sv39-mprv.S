// test: with MPRV set M-mode loads and stores translate as MPP's mode, with its permission checks, while fetches do not
#include "rvtest.h"
#include "sv39.h"
RVT_BEGIN
  sv39_setup
  la t0, sv39_pages
  li a0, 0x4d505256                      // "MPRV"
  sd a0, 0(t0)
  sv39_leaf 0, 0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sv39_leaf 1, 1, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
  sv39_leaf 2, 2, PTE_V | PTE_R | PTE_A | PTE_D
  li s0, SV39_VA(0)
  li s1, SV39_VA(1)
  li s2, SV39_VA(2)
  // MPRV with MPP = S: M-mode data accesses use the page tables
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (PRV_S << 11) | MSTATUS_MPRV
  csrs mstatus, t0
  ld a1, 0(s0)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  check 1, a1, 0x4d505256
  // a store through MPRV lands in the frame
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  li a0, 0x1234
  sd a0, 8(s0)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  check_mem 2, ld, sv39_pages + 8, 0x1234
  // faults are page faults taken in M with the VA in mtval (rvt_mtrap clears MPRV on failure)
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  expect_mtrap 3, CAUSE_STORE_PAGE, sd a0, 0(s2)
  // the trap left MPRV set (only mret/sret to a lower mode clears it)
  csrr a0, mstatus
  li t0, MSTATUS_MPRV
  and a0, a0, t0
  check 4, a0, MSTATUS_MPRV
  check_mlog_reg 5, RVT_LOG_TVAL, s2
  // MPP = S without SUM: a U page faults
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (PRV_S << 11)
  csrs mstatus, t0
  expect_mtrap 6, CAUSE_LOAD_PAGE, ld a0, 0(s1)
  // the trap set MPP to M (the trapping mode): M-mode accesses are now untranslated again
  la s3, sv39_pages
  ld a1, 0(s3)
  check 7, a1, 0x4d505256
  // MPP = U: the U page works, the S page faults. The trap log lives in an S page, so the
  // resume address is stored before MPRV is turned on.
  li t0, MSTATUS_MPRV | MSTATUS_MPP
  csrc mstatus, t0                       // MPP = U, MPRV off
  li gp, 8
  resume_mtrap_at 1f
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  ld a1, 0(s1)
  bnez a1, rvt_fail                      // the U page holds zeros
  li gp, 9
l_s_page_load:
  ld a0, 0(s0)
  j rvt_fail
1:
  check_mlog 9, RVT_LOG_CAUSE, CAUSE_LOAD_PAGE
  check_mlog_addr 9, RVT_LOG_EPC, l_s_page_load
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  // MPP = M with MPRV: no translation
  li t0, MSTATUS_MPP | MSTATUS_MPRV
  csrs mstatus, t0
  ld a1, 0(s3)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  check 10, a1, 0x4d505256
  csrw satp, zero
RVT_END
SV39_DATA
