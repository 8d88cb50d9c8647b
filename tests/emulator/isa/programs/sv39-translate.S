// test: Sv39 translates S and U loads, stores and fetches through 4 KiB pages and a 1 GiB leaf
#include "rvtest.h"
#include "sv39.h"
RVT_BEGIN
  sv39_setup
  // page 0 holds a marker, written physically from M
  la s0, sv39_pages
  li a0, 0x1122334455667788
  sd a0, 8(s0)
  sv39_leaf 0, 0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sv39_leaf 1, 0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D   // an alias of the same frame
  sv39_leaf 5, 1, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
  // page 2: code "li a0, 42; ret" for an instruction fetch through a page
  la t0, sv39_pages + 2 * 4096
  li t1, 0x02a00513
  sw t1, 0(t0)
  li t1, 0x00008067
  sw t1, 4(t0)
  fence.i
  sv39_leaf 2, 2, PTE_V | PTE_R | PTE_X | PTE_A
  in_mode PRV_S, 1
  li s1, SV39_VA(0)
  ld a1, 8(s1)
  check 2, a1, 0x1122334455667788
  li a0, 0x0badcafe
  sw a0, 16(s1)
  li s2, SV39_VA(1)
  lwu a1, 16(s2)                         // seen through the alias
  check 3, a1, 0x0badcafe
  li s3, SV39_VA(2)
  li a0, 0
  jalr ra, 0(s3)
  check 4, a0, 42
  // the program's own code and data run through the gigapage identity map
  la t0, sv39_pages
  ld a1, 8(t0)
  check 5, a1, 0x1122334455667788
  goto_m 1f
1:
  // the store from S reached the physical frame
  lwu a1, 16(s0)
  check 6, a1, 0x0badcafe
  // U-mode uses a U page
  sv39_code_for_user
  li s1, SV39_VA(5)
  in_mode PRV_U, 7
  li a0, 77
  sd a0, 0x100(s1)
  ld a1, 0x100(s1)
  check 8, a1, 77
  goto_m 2f
2:
  sv39_code_for_super
  la t0, sv39_pages + 4096
  ld a1, 0x100(t0)
  check 9, a1, 77
  // M-mode is never translated (MPRV = 0): with VA 0xc0000000 mapped to RAM for S, an M
  // load from 0xc0000000 still goes to that physical address, where nothing is
  la t0, sv39_root
  li t1, 0x80000000
  make_pte t2, t1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sd t2, 24(t0)
  sfence.vma
  la s1, sv39_pages
  li t0, 0xc0000000 - 0x80000000
  add s1, s1, t0
  in_mode PRV_S, 10
  ld a1, 8(s1)
  check 10, a1, 0x1122334455667788
  goto_m 3f
3:
  expect_mtrap 10, CAUSE_LOAD_ACCESS, ld a1, 8(s1)
  // satp reads back what was written
  csrr a0, satp
  srli a0, a0, 60
  check 11, a0, 8
  csrw satp, zero
RVT_END
SV39_DATA
