// test: 2 MiB and 1 GiB leaves translate with the low VA bits as offset, and misaligned superpages raise page faults
#include "rvtest.h"
#include "sv39.h"
#define MEGA_PA 0x80400000                 /* 2 MiB aligned, inside RAM, past the program */
RVT_BEGIN
  sv39_setup
  // markers in physical memory
  li s0, MEGA_PA
  li a0, 0x0101010101010101
  sd a0, 0(s0)
  li t0, 0x1ff008
  add t1, s0, t0
  li a0, 0x0202020202020202
  sd a0, 0(t1)                           // near the end of the 2 MiB page
  // sv39_l1[1]: VA 0x40200000 -> MEGA_PA as a 2 MiB leaf
  la t0, sv39_l1
  li t1, MEGA_PA
  make_pte t2, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sd t2, 8(t0)
  // root[3]: VA 0xc0000000 -> PA 0x80000000 as a second 1 GiB leaf
  la t0, sv39_root
  li t1, 0x80000000
  make_pte t2, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sd t2, 24(t0)
  sfence.vma
  in_mode PRV_S, 1
  li s1, 0x40200000
  ld a1, 0(s1)
  check 2, a1, 0x0101010101010101
  li t0, 0x1ff008
  add t1, s1, t0
  ld a1, 0(t1)
  check 3, a1, 0x0202020202020202
  li s2, 0xc0000000 + (MEGA_PA - 0x80000000)
  ld a1, 0(s2)
  check 4, a1, 0x0101010101010101        // the same frame through the gigapage
  li a0, 0x0303
  sd a0, 8(s2)
  ld a1, 8(s1)
  check 5, a1, 0x0303
  goto_m 1f
1:
  // a 2 MiB leaf whose PPN[0] is not zero is misaligned: page fault
  la t0, sv39_l1
  li t1, MEGA_PA + 0x1000
  make_pte t2, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sd t2, 8(t0)
  sfence.vma
  li s1, 0x40200010
  expect_page_fault PRV_S, 6, CAUSE_LOAD_PAGE, s1, ld a1, 0(s1)
  expect_page_fault PRV_S, 7, CAUSE_STORE_PAGE, s1, sd a1, 0(s1)
  // a 1 GiB leaf whose PPN[1] is not zero is misaligned too
  la t0, sv39_root
  li t1, 0x80200000
  make_pte t2, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sd t2, 24(t0)
  sfence.vma
  li s2, 0xc0000008
  expect_page_fault PRV_S, 8, CAUSE_LOAD_PAGE, s2, ld a1, 0(s2)
  csrw satp, zero
RVT_END
SV39_DATA
