// test: satp ignores writes of a reserved MODE entirely, and Bare mode (0) turns translation off for S
#include "rvtest.h"
#include "sv39.h"
RVT_BEGIN
  sv39_setup
  csrr s0, satp
  li t0, (1 << 60) | 0x12345             // MODE 1 is reserved
  csrw satp, t0
  csrr a0, satp
  check_regs 1, a0, s0
  li t0, (7 << 60) | 0x12345             // so is 7
  csrw satp, t0
  csrr a0, satp
  check_regs 2, a0, s0
  // in Bare mode S-mode addresses are physical: the test page is at its physical address
  la t0, sv39_pages
  li a0, 0xbeef
  sd a0, 0(t0)
  sv39_leaf 0, 1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  csrw satp, zero
  sfence.vma
  la s1, sv39_pages
  in_mode PRV_S, 3
  ld a1, 0(s1)
  check 3, a1, 0xbeef
  // and S can switch Sv39 on itself: VA 0x40000000 then maps page 1 (zeros)
  csrw satp, s0
  sfence.vma
  li s2, SV39_VA(0)
  ld a1, 0(s2)
  check 4, a1, 0
  goto_m 1f
1:
  csrw satp, zero
RVT_END
SV39_DATA
