// test: invalid PTEs, W without R, reserved bits, a pointer at the last level and non-canonical addresses raise page faults 12, 13 and 15 with stval = VA
#include "rvtest.h"
#include "sv39.h"
RVT_BEGIN
  sv39_setup
  // slot 3 empty (V = 0)
  li s1, SV39_VA(3) + 0x10
  expect_page_fault PRV_S, 1, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  expect_page_fault PRV_S, 2, CAUSE_STORE_PAGE, s1, sd a1, 0(s1)
  sv39_code_for_user
  expect_page_fault PRV_U, 3, CAUSE_LOAD_PAGE, s1, lbu a1, 0(s1)
  sv39_code_for_super
  expect_fetch_fault PRV_S, 4, s1
  // V = 0 but the other bits set: still invalid
  la t0, sv39_pages
  make_pte t1, t0, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
  la t0, sv39_l0
  sd t1, 3 * 8(t0)
  sfence.vma
  expect_page_fault PRV_S, 5, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  // W without R is reserved: every access faults
  sv39_leaf 3, 0, PTE_V | PTE_W | PTE_A | PTE_D
  expect_page_fault PRV_S, 6, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  expect_page_fault PRV_S, 7, CAUSE_STORE_PAGE, s1, sd a1, 0(s1)
  sv39_leaf 3, 0, PTE_V | PTE_W | PTE_X | PTE_A | PTE_D
  expect_fetch_fault PRV_S, 8, s1
  // a pointer PTE (R = W = X = 0) at level 0 has nowhere left to go: page fault
  sv39_leaf 3, 0, PTE_V
  expect_page_fault PRV_S, 9, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  // a store to a read-only page
  sv39_leaf 3, 0, PTE_V | PTE_R | PTE_A | PTE_D
  expect_page_fault PRV_S, 10, CAUSE_STORE_PAGE, s1, sw a1, 0(s1)
  expect_page_fault PRV_S, 11, CAUSE_STORE_PAGE, s1, amoadd.w a1, a1, (s1)   // AMOs fault as stores
  // fetch from a page without X
  expect_fetch_fault PRV_S, 12, s1
  // an unmapped second-level slot (VPN[1] = 1) faults at level 1
  li s2, 0x40200000
  expect_page_fault PRV_S, 13, CAUSE_LOAD_PAGE, s2, ld a1, 0(s2)
  // non-canonical: bit 39 set but bit 38 clear
  li s3, 0x0000008000000000
  expect_page_fault PRV_S, 14, CAUSE_LOAD_PAGE, s3, ld a1, 0(s3)
  expect_page_fault PRV_S, 15, CAUSE_STORE_PAGE, s3, sd a1, 0(s3)
  li s3, 0xffffffc080000000 ^ 0x0000004000000000   // top bits set, bit 38 clear
  expect_page_fault PRV_S, 16, CAUSE_LOAD_PAGE, s3, ld a1, 0(s3)
  // bits 63:54 are reserved (no Svpbmt or Svnapot here): a leaf using them faults
  la t0, sv39_pages
  make_pte t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li t2, 1 << 60
  or t1, t1, t2
  la t0, sv39_l0
  sd t1, 3 * 8(t0)
  sfence.vma
  li s1, SV39_VA(3)
  expect_page_fault PRV_S, 20, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  la t0, sv39_pages
  make_pte t1, t0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li t2, 1 << 61                          // PBMT = NC
  or t1, t1, t2
  la t0, sv39_l0
  sd t1, 3 * 8(t0)
  sfence.vma
  expect_page_fault PRV_S, 21, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  // a misaligned load that straddles into an unmapped page faults with some address in it
  sv39_leaf 3, 0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li s1, SV39_VA(3) + 4092
  li gp, 17
  resume_mtrap_at 1f
  enter_mode PRV_S, 2f
2:
  ld a1, 0(s1)
  goto_m rvt_fail
1:
  check_mlog 18, RVT_LOG_CAUSE, CAUSE_LOAD_PAGE
  la t0, rvt_mlog
  ld a0, RVT_LOG_TVAL(t0)
  li gp, 19
  bltu a0, s1, rvt_fail                  // QEMU reports the page boundary, the spec allows any
  addi t1, s1, 8                         // address of the access inside the faulting range
  bgeu a0, t1, rvt_fail
  csrw satp, zero
RVT_END
SV39_DATA
