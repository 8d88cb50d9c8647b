// test: S loads and stores to U pages fault without SUM and work with it, S never executes U pages, and MXR lets loads read execute-only pages
#include "rvtest.h"
#include "sv39.h"
RVT_BEGIN
  sv39_setup
  la t0, sv39_pages
  li a0, 0x5a5a
  sd a0, 0(t0)
  la t0, sv39_pages + 4096
  sd a0, 0(t0)
  sv39_leaf 0, 0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D
  sv39_leaf 1, 1, PTE_V | PTE_X | PTE_A                    // execute-only, supervisor
  sv39_leaf 2, 1, PTE_V | PTE_X | PTE_U | PTE_A            // execute-only, user
  li s0, SV39_VA(0)
  li s1, SV39_VA(1)
  li s2, SV39_VA(2)
  // SUM = 0: S may not touch U pages
  li t0, MSTATUS_SUM | MSTATUS_MXR
  csrc mstatus, t0
  expect_page_fault PRV_S, 1, CAUSE_LOAD_PAGE, s0, ld a1, 0(s0)
  expect_page_fault PRV_S, 2, CAUSE_STORE_PAGE, s0, sd a1, 0(s0)
  // SUM = 1: loads and stores work
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  in_mode PRV_S, 3
  ld a1, 0(s0)
  check 3, a1, 0x5a5a
  li a1, 0x6b6b
  sd a1, 8(s0)
  ld a2, 8(s0)
  check 4, a2, 0x6b6b
  // SUM can be set and cleared from S through sstatus
  li t0, MSTATUS_SUM
  csrc sstatus, t0
  goto_m 1f
1:
  expect_page_fault PRV_S, 5, CAUSE_LOAD_PAGE, s0, ld a1, 0(s0)
  // but S never executes a U page, SUM or not
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  expect_fetch_fault PRV_S, 6, s0
  // execute-only page: loads fault without MXR ...
  expect_page_fault PRV_S, 7, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  // ... and succeed with MXR; stores still fault
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  in_mode PRV_S, 8
  ld a1, 0(s1)
  check 8, a1, 0x5a5a
  goto_m 2f
2:
  expect_page_fault PRV_S, 9, CAUSE_STORE_PAGE, s1, sd a1, 0(s1)
  // MXR with SUM covers an execute-only U page for S loads
  in_mode PRV_S, 10
  ld a1, 0(s2)
  check 10, a1, 0x5a5a
  goto_m 3f
3:
  // and MXR helps U-mode read its own execute-only page
  sv39_code_for_user
  in_mode PRV_U, 11
  ld a1, 0(s2)
  check 11, a1, 0x5a5a
  goto_m 4f
4:
  li t0, MSTATUS_MXR
  csrc mstatus, t0
  expect_page_fault PRV_U, 12, CAUSE_LOAD_PAGE, s2, ld a1, 0(s2)
  sv39_code_for_super
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  csrw satp, zero
RVT_END
SV39_DATA
