// test: the page walk sets A on any access and D on a store, in the leaf PTE only (QEMU 7.2 updates them in hardware too)
#include "rvtest.h"
#include "sv39.h"
// pte_flags n, i, expected: the low 8 bits of slot i's PTE must be expected
.macro pte_flags n, i, val
  sv39_l0_entry a0, \i
  andi a0, a0, 0xff
  check \n, a0, \val
.endm
RVT_BEGIN
  sv39_setup
  sv39_leaf 0, 0, PTE_V | PTE_R | PTE_W
  sv39_leaf 1, 1, PTE_V | PTE_R | PTE_W
  sv39_leaf 2, 2, PTE_V | PTE_R | PTE_W | PTE_A
  sv39_leaf 3, 3, PTE_V | PTE_R | PTE_X
  la t0, sv39_pages + 3 * 4096
  li t1, 0x00008067                      // ret
  sw t1, 0(t0)
  fence.i
  li s0, SV39_VA(0)
  li s1, SV39_VA(1)
  li s2, SV39_VA(2)
  li s3, SV39_VA(3)
  in_mode PRV_S, 1
  ld a1, 0(s0)                           // load: A
  sd a1, 0(s1)                           // store: A and D
  sd a1, 0(s2)                           // store with A already set: D
  jalr ra, 0(s3)                         // fetch: A
  goto_m 1f
1:
  pte_flags 2, 0, PTE_V | PTE_R | PTE_W | PTE_A
  pte_flags 3, 1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  pte_flags 4, 2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  pte_flags 5, 3, PTE_V | PTE_R | PTE_X | PTE_A
  // pointer PTEs are not given A or D
  la t0, sv39_l1
  ld a0, 0(t0)
  andi a0, a0, 0xff
  check 6, a0, PTE_V
  la t0, sv39_root
  ld a0, 8(t0)
  andi a0, a0, 0xff
  check 7, a0, PTE_V
  // an AMO sets D as a store does
  sv39_leaf 4, 4, PTE_V | PTE_R | PTE_W
  li s4, SV39_VA(4)
  in_mode PRV_S, 8
  amoadd.d a1, zero, (s4)
  goto_m 2f
2:
  pte_flags 9, 4, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  // a faulting store to a read-only page does not set D
  sv39_leaf 5, 5, PTE_V | PTE_R | PTE_A
  li s5, SV39_VA(5)
  expect_page_fault PRV_S, 10, CAUSE_STORE_PAGE, s5, sd a1, 0(s5)
  pte_flags 11, 5, PTE_V | PTE_R | PTE_A
  // after software clears A and D (and flushes), the next accesses set them again
  sv39_leaf 1, 1, PTE_V | PTE_R | PTE_W
  in_mode PRV_S, 12
  lw a1, 4(s1)
  goto_m 3f
3:
  pte_flags 13, 1, PTE_V | PTE_R | PTE_W | PTE_A
  // a 2 MiB leaf (sv39_l1[1], VA 0x40200000) gets A and D like a 4 KiB one
  la t0, sv39_l1
  li t1, 0x80400000
  make_pte t2, t1, PTE_V | PTE_R | PTE_W
  sd t2, 8(t0)
  sfence.vma
  li s6, 0x40200000 + 0x1230
  in_mode PRV_S, 14
  ld a1, 0(s6)
  goto_m 4f
4:
  la t0, sv39_l1
  ld a0, 8(t0)
  andi a0, a0, 0xff
  check 15, a0, PTE_V | PTE_R | PTE_W | PTE_A
  in_mode PRV_S, 16
  sd a1, 8(s6)
  goto_m 5f
5:
  la t0, sv39_l1
  ld a0, 8(t0)
  andi a0, a0, 0xff
  check 17, a0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  csrw satp, zero
RVT_END
SV39_DATA
