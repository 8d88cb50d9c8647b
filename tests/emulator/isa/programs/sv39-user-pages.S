// test: U-mode faults on supervisor pages and respects R, W and X of its own pages
#include "rvtest.h"
#include "sv39.h"
RVT_BEGIN
  sv39_setup
  sv39_code_for_user
  sv39_leaf 0, 0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D            // supervisor page
  sv39_leaf 1, 1, PTE_V | PTE_R | PTE_U | PTE_A | PTE_D            // user read-only
  sv39_leaf 2, 2, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D    // user read-write, no X
  li s0, SV39_VA(0)
  li s1, SV39_VA(1)
  li s2, SV39_VA(2)
  expect_page_fault PRV_U, 1, CAUSE_LOAD_PAGE, s0, ld a1, 0(s0)
  expect_page_fault PRV_U, 2, CAUSE_STORE_PAGE, s0, sd a1, 0(s0)
  expect_page_fault PRV_U, 3, CAUSE_STORE_PAGE, s1, sd a1, 0(s1)
  expect_fetch_fault PRV_U, 4, s2
  // a supervisor page with X is still not executable from U
  sv39_leaf 0, 0, PTE_V | PTE_R | PTE_X | PTE_A
  expect_fetch_fault PRV_U, 5, s0
  // SUM does not give U access to S pages
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  expect_page_fault PRV_U, 6, CAUSE_LOAD_PAGE, s0, ld a1, 0(s0)
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  // the allowed accesses work
  in_mode PRV_U, 7
  ld a1, 0(s1)
  li a1, 99
  sd a1, 8(s2)
  ld a2, 8(s2)
  check 8, a2, 99
  goto_m 1f
1:
  sv39_code_for_super
  csrw satp, zero
RVT_END
SV39_DATA
