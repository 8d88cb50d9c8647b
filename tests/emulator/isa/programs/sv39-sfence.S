// test: after a PTE changes, sfence.vma (global or for one address) and satp writes make the new mapping visible
#include "rvtest.h"
#include "sv39.h"
// remap i, page, flags without flushing (sv39_leaf flushes)
.macro remap_noflush i, page, flags
  la t0, sv39_pages + (\page) * 4096
  make_pte t1, t0, \flags
  la t0, sv39_l0
  sd t1, (\i) * 8(t0)
.endm
#define RW_AD (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
RVT_BEGIN
  sv39_setup
  la t0, sv39_pages
  li a0, 100
  sd a0, 0(t0)
  la t0, sv39_pages + 4096
  li a0, 200
  sd a0, 0(t0)
  sv39_leaf 0, 0, RW_AD
  li s0, SV39_VA(0)
  in_mode PRV_S, 1
  ld a1, 0(s0)                           // fills any TLB with page 0
  check 1, a1, 100
  goto_m 1f
1:
  // new frame, then a global sfence.vma from S
  remap_noflush 0, 1, RW_AD
  in_mode PRV_S, 2
  sfence.vma
  ld a1, 0(s0)
  check 2, a1, 200
  // back to page 0 with an address-specific sfence.vma
  remap_noflush 0, 0, RW_AD
  sfence.vma s0, zero
  ld a1, 0(s0)
  check 3, a1, 100
  goto_m 2f
2:
  // an unmapped page after sfence faults
  remap_noflush 0, 0, 0
  sfence.vma
  expect_page_fault PRV_S, 4, CAUSE_LOAD_PAGE, s0, ld a1, 0(s0)
  // a new mapping after a fault is used once flushed (no negative caching survives sfence)
  remap_noflush 0, 1, RW_AD
  sfence.vma s0
  in_mode PRV_S, 5
  ld a1, 0(s0)
  check 5, a1, 200
  goto_m 3f
3:
  // switching satp to another root changes the translation: a second root maps VA(0) to page 0
  la t0, root2
  la t1, sv39_root
  ld t2, 16(t1)
  sd t2, 16(t0)                          // the same identity gigapage for the code
  la t1, l1_2
  make_pte t2, t1, PTE_V
  sd t2, 8(t0)
  la t0, l1_2
  la t1, l0_2
  make_pte t2, t1, PTE_V
  sd t2, 0(t0)
  la t0, sv39_pages
  make_pte t2, t0, RW_AD
  la t0, l0_2
  sd t2, 0(t0)
  la t0, root2
  srli t0, t0, 12
  li t1, SATP_SV39
  or s1, t0, t1                          // satp value for root2
  csrr s2, satp                          // satp value for sv39_root
  in_mode PRV_S, 6
  ld a1, 0(s0)
  check 6, a1, 200                       // sv39_root: page 1
  csrw satp, s1
  sfence.vma
  ld a1, 0(s0)
  check 7, a1, 100                       // root2: page 0
  csrw satp, s2
  sfence.vma
  ld a1, 0(s0)
  check 8, a1, 200
  goto_m 4f
4:
  csrw satp, zero
RVT_END
SV39_DATA
  .data
  .align 12
root2: .zero 4096
l1_2: .zero 4096
l0_2: .zero 4096
